""""Suppress for this provision (with reason)": written to the project config, comments intact."""

from __future__ import annotations

import pytest
from lsprotocol import types
from ruamel.yaml import YAML

from lsp_helpers import INTERCEPTION, open_doc, start

pytestmark = pytest.mark.asyncio

CONFIG = """\
# Project configuration for the Cybercrime Bill 2024.
# Reviewed by the drafting office.
severity:
  LG601: info   # notification is a policy choice here

suppress:
  # Article 2 is the definitions article.
  - provision: Article 2
    rule: all
    reason: Definitions create no powers.
"""


async def suppress_action(client, uri: str) -> types.CodeAction:
    diags = await client.diagnostics_for(uri, 1)
    lg201 = next(d for d in diags if d.code == "LG201")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=lg201.range,
        context=types.CodeActionContext(diagnostics=[lg201])))
    return next(a for a in actions if a.command is not None)


async def test_suppress_with_reason_writes_config_and_keeps_comments(client, ws):
    config = ws / ".legislint.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    await start(client, ws)
    uri = open_doc(client, ws / "bill.txt", INTERCEPTION)
    action = await suppress_action(client, uri)
    assert action.title == "Suppress LG201 for Article 5(1) (with reason)"
    args = dict(action.command.arguments[0])
    args["reason"] = "Warrants are issued under the Criminal Procedure Code, s.12."
    before = len(client.publishes(uri))
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=[args]))
    assert result["config"].endswith("/.legislint.yaml")
    text = config.read_text(encoding="utf-8")
    for comment in ("# Project configuration for the Cybercrime Bill 2024.",
                    "# notification is a policy choice here",
                    "# Article 2 is the definitions article."):
        assert comment in text, f"comment lost: {comment}\n{text}"
    data = YAML(typ="safe").load(text)
    assert data["severity"] == {"LG601": "info"}
    assert data["suppress"][-1] == {
        "provision": "Article 5(1)", "rule": "power-without-prior-judicial-authorization",
        "reason": "Warrants are issued under the Criminal Procedure Code, s.12."}
    # The server re-lints: the suppressed finding is gone, the rest stays.
    params = await client.wait_for(lambda: client.publishes(uri)[before:], "a re-publish")
    diags = params[0].diagnostics
    assert "LG201" not in {d.code for d in diags}
    assert "LG601" in {d.code for d in diags}
    # Suppressing again updates the reason instead of adding a duplicate.
    args["reason"] = "Updated reason."
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=[args]))
    entries = YAML(typ="safe").load(config.read_text(encoding="utf-8"))["suppress"]
    assert [e["reason"] for e in entries if e["provision"] == "Article 5(1)"] == ["Updated reason."]


async def test_without_a_reason_the_server_asks_and_creates_the_config(client, ws):
    await start(client, ws)
    uri = open_doc(client, ws / "bill.txt", INTERCEPTION)
    action = await suppress_action(client, uri)
    client.answer_message_request = lambda p: p.actions[1]
    await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=action.command.arguments))
    request = client.message_requests[-1]
    assert "Article 5(1)" in request.message
    config = ws / ".legislint.yaml"
    entries = YAML(typ="safe").load(config.read_text(encoding="utf-8"))["suppress"]
    assert entries == [{"provision": "Article 5(1)",
                        "rule": "power-without-prior-judicial-authorization",
                        "reason": request.actions[1].title}]


async def test_dismissing_the_reason_question_writes_nothing(client, ws):
    await start(client, ws)
    uri = open_doc(client, ws / "bill.txt", INTERCEPTION)
    action = await suppress_action(client, uri)
    client.answer_message_request = lambda p: None
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command=action.command.command, arguments=action.command.arguments))
    assert result is None and client.message_requests
    assert not (ws / ".legislint.yaml").exists()
