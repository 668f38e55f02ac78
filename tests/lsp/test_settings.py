"""Workspace settings and the project config file: they shape diagnostics; bad ones only warn."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path

from lsp_helpers import INTERCEPTION, expected, key, open_doc, start

pytestmark = pytest.mark.asyncio

#: Article 5(1) lacks both prior judicial authorization (LG201) and notification (LG601).
TWO_RULES = INTERCEPTION


def codes(diags) -> set[str]:
    return {d.code for d in diags}


async def republished(client, uri: str, after: int) -> list[types.Diagnostic]:
    """Diagnostics of the first publish of `uri` after the first `after` ones."""
    params = await client.wait_for(lambda: client.publishes(uri)[after:after + 1],
                                   f"publish #{after + 1} of {uri}")
    return list(params[0].diagnostics)


async def test_rule_selection_and_severity_from_initialization_options(client, ws):
    _, want = expected(TWO_RULES, str(ws / "a.txt"))
    assert {"LG201", "LG601"} <= codes(want), "precondition: the core flags both"
    await start(client, ws, {"ignore": ["LG601"], "severity": {"LG201": "error"}})
    uri = open_doc(client, ws / "a.txt", TWO_RULES)
    diags = await client.diagnostics_for(uri, 1)
    assert "LG601" not in codes(diags) and "LG201" in codes(diags)
    assert all(d.severity == types.DiagnosticSeverity.Error for d in diags if d.code == "LG201")


async def test_invalid_settings_warn_and_keep_defaults(client, ws):
    await start(client, ws, {"debounceMs": -5, "select": 5, "bogusKey": True,
                             "severity": {"LG201": "loud"}})
    message = await client.warning("invalid settings")
    for field in ("debounceMs", "select", "bogusKey", "severity"):
        assert field in message.message
    uri = open_doc(client, ws / "a.txt", TWO_RULES)
    diags = await client.diagnostics_for(uri, 1)
    _, want = expected(TWO_RULES, str(ws / "a.txt"))
    assert sorted(map(key, diags)) == sorted(map(key, want))


async def test_unknown_rules_and_rule_dirs_warn(client, ws):
    await start(client, ws, {"select": ["LG999", "LG201"], "ruleDirs": [str(ws / "missing")]})
    await client.warning("LG999")
    await client.warning("ruleDirs")
    uri = open_doc(client, ws / "a.txt", TWO_RULES)
    assert codes(await client.diagnostics_for(uri, 1)) == {"LG201"}


async def test_did_change_configuration_relints_open_documents(client, ws):
    await start(client, ws)
    uri = open_doc(client, ws / "a.txt", TWO_RULES)
    assert {"LG201", "LG601"} <= codes(await client.diagnostics_for(uri, 1))
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"legislint": {"select": ["LG201"], "severity": {"LG201": "info"}}}))
    diags = await republished(client, uri, 1)
    assert codes(diags) == {"LG201"}
    assert all(d.severity == types.DiagnosticSeverity.Information for d in diags)
    # A client that sends no settings is asked for them (workspace/configuration).
    client.set_configuration({"select": ["LG601"]}, section="legislint")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert codes(await republished(client, uri, 2)) == {"LG601"}
    # A bad value later: a warning, and the server goes on with defaults for that field.
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"legislint": {"diagnosticMode": "sometimes"}}))
    await client.warning("diagnosticMode")
    assert {"LG201", "LG601"} <= codes(await republished(client, uri, 3))


async def test_languages_and_file_patterns_choose_the_documents(client, ws):
    await start(client, ws, {"languages": ["markdown"], "filePatterns": ["bills/**/*.txt"]})
    other = open_doc(client, ws / "notes.txt", TWO_RULES, language="plaintext")
    python = open_doc(client, ws / "tool.py", TWO_RULES, language="python")
    bill = open_doc(client, ws / "bills" / "2024" / "cyber.txt", TWO_RULES, language="plaintext")
    md = open_doc(client, ws / "draft.md", TWO_RULES, language="markdown")
    assert await client.diagnostics_for(bill, 1)
    assert await client.diagnostics_for(md, 1)
    # A round trip after both publishes: anything sent for the others would have arrived.
    await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=other)))
    assert client.publishes(other) == [] and client.publishes(python) == []


async def test_project_config_file_and_its_changes(client, ws):
    config = ws / ".legislint.yaml"
    config.write_text("# project rules\nignore: [LG601]\n", encoding="utf-8")
    await start(client, ws)
    uri = open_doc(client, ws / "sub" / "a.txt", TWO_RULES)
    diags = await client.diagnostics_for(uri, 1)
    assert "LG201" in codes(diags) and "LG601" not in codes(diags)
    # The file changes on disk; the editor's file watcher tells the server.
    config.write_text("# project rules\nseverity: {LG601: error}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]))
    diags = await republished(client, uri, 1)
    assert any(d.code == "LG601" and d.severity == types.DiagnosticSeverity.Error for d in diags)
    # A broken file: one warning naming it; linting goes on with the defaults.
    config.write_text("ignore: [LG601]\nno_such_key: 1\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Changed)]))
    await client.warning(".legislint.yaml")
    assert {"LG201", "LG601"} <= codes(await republished(client, uri, 2))


async def test_config_watcher_is_registered_when_the_client_can(client, ws):
    from lsp_helpers import push_capabilities

    caps = push_capabilities()
    caps.workspace.did_change_watched_files = types.DidChangeWatchedFilesClientCapabilities(
        dynamic_registration=True)
    await start(client, ws, capabilities=caps)
    params = await client.wait_for(lambda: client.registrations, "client/registerCapability")
    reg = params[0].registrations[0]
    assert reg.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] if isinstance(w, dict) else w.glob_pattern
             for w in (reg.register_options["watchers"] if isinstance(reg.register_options, dict)
                       else reg.register_options.watchers)]
    assert "**/.legislint.yaml" in globs
