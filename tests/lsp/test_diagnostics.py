"""Diagnostics as you type: push on open/change, pull, debounce, convergence, robustness."""

from __future__ import annotations

import hashlib
import random

import pytest
from lsprotocol import types

from legislint.lsp.diagnostics import RULE_DOCS_URL, SOURCE
from lsp_helpers import INTERCEPTION, change, expected, key, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_open_pushes_diagnostics_with_full_detail(shared):
    path = shared.root / "detail.txt"
    uri = open_doc(shared, path, INTERCEPTION)
    diags = await shared.diagnostics_for(uri, version=1)

    result, want = expected(INTERCEPTION, str(path))
    assert result.findings, "the interception text must yield a finding from the core"
    assert sorted(map(key, diags)) == sorted(map(key, want))
    d = next(d for d in diags if d.range.start.line == 2)
    f = next(f for f in result.findings if f.line == 3)
    assert d.source == SOURCE
    assert d.code == f.code
    assert d.code_description.href == RULE_DOCS_URL.format(code=f.code)
    assert d.severity == {"info": 3, "warning": 2, "error": 1}[f.severity]
    assert "Article 5(1)" in d.message
    assert d.data["provision"] == "Article 5(1)" and d.data["rule"] == f.rule
    assert d.data["version"] == 1


async def test_related_information_points_at_evidence(shared):
    text = (
        "Article 1 – Conditions and safeguards\n"
        "\n"
        "1. Each Party shall ensure that the powers in this Chapter are subject to conditions "
        "and safeguards provided for under its domestic law, as appropriate.\n"
        "\n"
        + INTERCEPTION.replace("Article 5", "Article 2")
    )
    result, want = expected(text, str(shared.root / "related.txt"))
    with_evidence = [f for f in result.findings if f.evidence]
    if not with_evidence:
        pytest.fail("the core reported no evidence for a hedged general safeguard clause; "
                    f"findings: {[(f.code, f.provision) for f in result.findings]}")
    uri = open_doc(shared, shared.root / "related.txt", text)
    diags = await shared.diagnostics_for(uri, 1)
    f = with_evidence[0]
    d = next(d for d in diags if d.code == f.code and d.range.start.line == f.line - 1)
    assert d.related_information, "evidence must travel as relatedInformation"
    ev = f.evidence[0]
    rel = d.related_information[0]
    assert rel.location.uri == uri
    assert rel.location.range.start.line == ev.line - 1
    assert ev.message in rel.message


async def test_change_relints_only_that_document(shared):
    a = open_doc(shared, shared.root / "only-a.txt", INTERCEPTION)
    b = open_doc(shared, shared.root / "only-b.txt", INTERCEPTION)
    assert await shared.diagnostics_for(a, 1)
    assert await shared.diagnostics_for(b, 1)
    # Make Article 5(1) compliant: the finding goes away in A only.
    line = INTERCEPTION.splitlines()[2]
    change(shared, a, 2, 2, len(line) - 1, ", with the prior authorization of a judge")
    diags_a = await shared.diagnostics_for(a, 2)
    # A request after the publish: everything the server sent before it has arrived.
    await shared.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=a)))
    assert len(shared.publishes(b)) == 1, "an edit in A must not republish B"
    new_text = INTERCEPTION.replace("offence.", "offence, with the prior authorization of a judge.")
    _, want = expected(new_text, str(shared.root / "only-a.txt"))
    assert sorted(map(key, diags_a)) == sorted(map(key, want))


async def test_rapid_edits_converge_to_a_fresh_lint(shared, corpus):
    text = (corpus / "budapest-ets185.txt").read_text(encoding="utf-8")
    path = shared.root / "budapest.txt"
    uri = open_doc(shared, path, text)
    await shared.diagnostics_for(uri, 1)
    rng = random.Random(7)
    lines = text.split("\n")
    version = 1
    for _ in range(300):
        version += 1
        ln = rng.randrange(len(lines))
        col = rng.randrange(len(lines[ln]) + 1)
        if lines[ln] and col < len(lines[ln]) and rng.random() < 0.4:
            lines[ln] = lines[ln][:col] + lines[ln][col + 1:]
            change(shared, uri, version, ln, col, "", end=(ln, col + 1))
        else:
            ch = rng.choice("abc ,.1(")
            lines[ln] = lines[ln][:col] + ch + lines[ln][col:]
            change(shared, uri, version, ln, col, ch)
    final = await shared.diagnostics_for(uri, version)
    _, want = expected("\n".join(lines), str(path))
    assert sorted(map(key, final)) == sorted(map(key, want))


@pytest.mark.parametrize("text", [
    "", "Article", "Article 5 –", "Article 5 – Interception\n\n1.", "1.\n(a)\n(i)\n(A)",
    "§", "CHAPTER\nArticle 99999999999999999999\n2. (((((", "\x00\ufeff\u202e", "\n" * 50,
])
async def test_half_typed_documents_are_normal_input(shared, text):
    before = len(shared.log_messages)
    name = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    uri = open_doc(shared, shared.root / f"draft-{name}.txt", text)
    diags = await shared.diagnostics_for(uri, 1)
    assert isinstance(diags, list)
    symbols = await shared.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert symbols is not None
    errors = [m.message for m in shared.log_messages[before:]
              if m.type == types.MessageType.Error]
    assert errors == []


async def test_a_failing_handler_is_logged_and_the_server_keeps_serving(shared):
    uri = open_doc(shared, shared.root / "robust.txt", INTERCEPTION)
    await shared.diagnostics_for(uri, 1)
    bogus = types.Diagnostic(
        range=types.Range(start=types.Position(line=2, character=0),
                          end=types.Position(line=2, character=5)),
        message="x", source=SOURCE, data={"fix": {"range": "not a range", "newText": 1}})
    result = await shared.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=bogus.range,
        context=types.CodeActionContext(diagnostics=[bogus])))
    assert not result
    await shared.wait_for(lambda: any(m.type == types.MessageType.Error and "failed" in m.message
                                      for m in shared.log_messages), "an error log message")
    # Still serving: an edit is linted and published.
    change(shared, uri, 2, 0, 0, "\n")
    assert await shared.diagnostics_for(uri, 2)


async def test_ranges_are_in_utf16_code_units(shared):
    # "𝔗" (U+1D517) is one code point but two UTF-16 units; "–" is one of each.
    text = INTERCEPTION.replace("The police", "The 𝔗 police")
    uri = open_doc(shared, shared.root / "utf16.txt", text)
    diags = await shared.diagnostics_for(uri, 1)
    d = next(d for d in diags if d.code == "LG201")
    line = text.splitlines()[2]
    assert d.range.start == types.Position(line=2, character=line.index("The"))
    assert d.range.end == types.Position(line=2, character=len(line) + 1)


async def test_closing_a_document_clears_its_diagnostics(shared):
    uri = open_doc(shared, shared.root / "closed.txt", INTERCEPTION)
    assert await shared.diagnostics_for(uri, 1)
    shared.text_document_did_close(types.DidCloseTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    await shared.wait_for(lambda: len(shared.publishes(uri)[-1].diagnostics) == 0,
                          "cleared diagnostics")
