"""Hover, code actions, document symbols and folding, end to end over stdio (one shared server)."""

from __future__ import annotations

import pytest
from lsprotocol import types

from legislint.lsp.diagnostics import SOURCE
from lsp_helpers import change, expected, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")

LAW = (
    "CHAPTER I – POWERS\n"                                                        # 0
    "\n"
    "Article 5 – Interception\n"                                                  # 2
    "\n"
    "1. The police may intercept the content of communications of any person "  # 4
    "suspected of an offence.\n"
    "\n"
    "2. The order shall state the offence and the person concerned.\n"           # 6
    "\n"
    "Article 6 – Search\n"                                                        # 8
    "\n"
    "1. The police may search a computer system with a warrant issued by a judge.\n"  # 10
)


def ident(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


async def hover(client, uri: str, line: int, character: int) -> types.Hover | None:
    return await client.text_document_hover_async(types.HoverParams(
        text_document=ident(uri), position=types.Position(line=line, character=character)))


async def test_hover_on_a_flagged_provision_explains_the_rule(shared):
    uri = open_doc(shared, shared.root / "hover.txt", LAW)
    diags = await shared.diagnostics_for(uri, 1)
    lg201 = next(d for d in diags if d.code == "LG201")
    assert lg201.range.start.line == 4
    h = await hover(shared, uri, 4, 20)
    assert h is not None and h.contents.kind == types.MarkupKind.Markdown
    text = h.contents.value
    from legislint.rules import load_ruleset
    rule = load_ruleset().get("LG201")
    assert "LG201" in text and rule.name in text
    assert "Why it matters" in text and " ".join(rule.rationale.split())[:60] in text
    assert rule.standards[0] in text, "the standards the rule rests on"
    assert "Wording that would satisfy it" in text and rule.suggestion.strip()[:40] in text
    assert "Article 5(1)" in text
    assert "rules/LG201/" in text


async def test_hover_on_an_article_heading_lists_safeguards_it_has_and_lacks(shared):
    uri = open_doc(shared, shared.root / "heading.txt", LAW)
    await shared.diagnostics_for(uri, 1)
    five = (await hover(shared, uri, 2, 3)).contents.value
    assert "Article 5" in five and "Lacks" in five
    assert "prior judicial authorization" in five.split("**Has**")[0]
    six = (await hover(shared, uri, 8, 3)).contents.value
    # Article 6 requires a judge's warrant: the core's own rule is triggered there and satisfied.
    assert "**Has**" in six
    has = six.split("**Has**")[1]
    assert "prior judicial authorization" in has
    assert "LG201" not in six.split("**Has**")[0]


async def test_hover_on_plain_text_is_empty(shared):
    uri = open_doc(shared, shared.root / "plain.txt", LAW)
    await shared.diagnostics_for(uri, 1)
    assert await hover(shared, uri, 1, 0) is None


async def test_quick_fix_inserts_model_wording_and_clears_the_finding(shared):
    path = shared.root / "fix.txt"
    uri = open_doc(shared, path, LAW)
    diags = await shared.diagnostics_for(uri, 1)
    lg201 = next(d for d in diags if d.code == "LG201")
    actions = await shared.text_document_code_action_async(types.CodeActionParams(
        text_document=ident(uri), range=lg201.range,
        context=types.CodeActionContext(diagnostics=[lg201])))
    fixes = [a for a in actions if a.edit is not None]
    assert len(fixes) == 1
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix and fix.diagnostics[0].code == "LG201"
    doc_edit = fix.edit.document_changes[0]
    assert doc_edit.text_document.uri == uri and doc_edit.text_document.version == 1
    edit = doc_edit.edits[0]
    result, _ = expected(LAW, str(path))
    want = next(f for f in result.findings if f.code == "LG201").fix
    assert edit.new_text == want.text
    assert (edit.range.start.line, edit.range.start.character) == (want.line - 1, want.column - 1)
    assert edit.range.start == edit.range.end
    suppress = [a for a in actions if a.command is not None]
    assert suppress and suppress[0].command.command == "legislint.suppress"
    assert "Article 5(1)" in suppress[0].title and "reason" in suppress[0].title
    # Apply the edit as an editor would: the finding goes, the others stay.
    change(shared, uri, 2, edit.range.start.line, edit.range.start.character, edit.new_text)
    after = await shared.diagnostics_for(uri, 2)
    assert not [d for d in after if d.code == "LG201" and d.range.start.line == 4]
    assert [d for d in after if d.code != "LG201"]


async def test_code_actions_come_from_diagnostic_data_without_relinting(shared):
    # A document without findings: the only source of the actions is the diagnostic's data.
    uri = open_doc(shared, shared.root / "data.txt", "Article 1 – Short title\n\nThis Act may be cited.\n")
    await shared.diagnostics_for(uri, 1)
    at = types.Range(start=types.Position(line=2, character=0),
                     end=types.Position(line=2, character=5))
    diag = types.Diagnostic(range=at, message="m", source=SOURCE, code="LG999", data={
        "code": "LG999", "rule": "made-up-rule", "provision": "Article 1", "version": 1,
        "fix": {"title": "Insert made-up wording", "safety": "display-only",
                "range": {"start": {"line": 2, "character": 21}, "end": {"line": 2, "character": 21}},
                "newText": ", made up"}})
    actions = await shared.text_document_code_action_async(types.CodeActionParams(
        text_document=ident(uri), range=at, context=types.CodeActionContext(diagnostics=[diag])))
    titles = [a.title for a in actions]
    assert any(t.startswith("Insert made-up wording") for t in titles)
    assert "Suppress LG999 for Article 1 (with reason)" in titles
    # Other sources' diagnostics and kinds the client did not ask for get nothing.
    foreign = types.Diagnostic(range=at, message="m", source="other", data=diag.data)
    none = await shared.text_document_code_action_async(types.CodeActionParams(
        text_document=ident(uri), range=at, context=types.CodeActionContext(diagnostics=[foreign])))
    assert not none
    refactor = await shared.text_document_code_action_async(types.CodeActionParams(
        text_document=ident(uri), range=at, context=types.CodeActionContext(
            diagnostics=[diag], only=[types.CodeActionKind.Refactor])))
    assert not refactor


async def test_document_symbols_are_the_outline(shared):
    uri = open_doc(shared, shared.root / "outline.txt", LAW)
    symbols = await shared.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=ident(uri)))
    assert [s.name for s in symbols] == ["CHAPTER I – POWERS"]
    chapter = symbols[0]
    assert chapter.kind == types.SymbolKind.Namespace
    assert [a.name for a in chapter.children] == ["Article 5 – Interception", "Article 6 – Search"]
    art5 = chapter.children[0]
    assert art5.kind == types.SymbolKind.Class and art5.detail == "Article 5"
    assert art5.range.start.line == 2 and art5.selection_range.start.line == 2
    assert [p.detail for p in art5.children] == ["Article 5(1)", "Article 5(2)"]
    assert art5.children[0].name.startswith("1. The police may intercept")
    assert art5.children[1].range.start.line == 6
    for child in art5.children:  # children lie inside their parent
        assert art5.range.start.line <= child.range.start.line <= child.range.end.line \
            <= art5.range.end.line


async def test_folding_ranges_follow_provisions(shared):
    uri = open_doc(shared, shared.root / "fold.txt", LAW)
    folds = await shared.text_document_folding_range_async(
        types.FoldingRangeParams(text_document=ident(uri)))
    spans = {(f.start_line, f.end_line) for f in folds}
    assert (0, 10) in spans, spans   # the chapter
    assert (2, 6) in spans, spans    # Article 5, trailing blank line excluded
    assert (8, 10) in spans, spans   # Article 6
    assert all(f.end_line > f.start_line for f in folds)
