"""The outline (document symbols) and folding ranges, from the core's provision tree."""

from __future__ import annotations

from typing import Sequence

from lsprotocol import types

from legislint.model import ARTICLE, DIVISION, Node

from legislint.lsp.diagnostics import line_range

KIND = {
    DIVISION: types.SymbolKind.Namespace,
    ARTICLE: types.SymbolKind.Class,
    "paragraph": types.SymbolKind.Field,
    "subparagraph": types.SymbolKind.EnumMember,
    "point": types.SymbolKind.EnumMember,
    "subpoint": types.SymbolKind.EnumMember,
    "clause": types.SymbolKind.EnumMember,
    "subclause": types.SymbolKind.EnumMember,
    "preamble": types.SymbolKind.String,
}


def _name(node: Node) -> str:
    label = (node.label or node.number or node.kind).strip()
    if node.title:
        return f"{label} {node.title.strip()}" if label.endswith((".", "-", "–", "—", ":")) \
            else f"{label} – {node.title.strip()}"
    if node.kind not in (DIVISION, ARTICLE):
        first = next((s.text.strip() for s in node.segments if s.text.strip()), "")
        if first.startswith(label):
            first = first[len(label):].strip()
        if first:
            short = first if len(first) <= 60 else first[:57].rstrip() + "…"
            return f"{label} {short}"
    return label or node.kind


def _symbol(node: Node, lines: Sequence[str], encoding: str) -> types.DocumentSymbol | None:
    if node.start_line < 1:
        return None
    children = [s for c in node.children if (s := _symbol(c, lines, encoding)) is not None]
    rng = line_range(lines, node.start_line, max(node.end_line, node.start_line), encoding)
    sel = line_range(lines, node.start_line, node.start_line, encoding)
    return types.DocumentSymbol(
        name=_name(node),
        detail=node.path if node.kind != DIVISION else (node.title or None),
        kind=KIND.get(node.kind, types.SymbolKind.Object),
        range=rng,
        selection_range=sel,
        children=children or None,
    )


def document_symbols(root: Node, lines: Sequence[str], encoding: str) -> list[types.DocumentSymbol]:
    out = []
    for child in root.children:
        sym = _symbol(child, lines, encoding)
        if sym is not None:
            out.append(sym)
    return out


def folding_ranges(root: Node, lines: Sequence[str]) -> list[types.FoldingRange]:
    """A fold for every provision spanning more than one line (trailing blank lines excluded)."""
    out = []
    for node in root.walk():
        if node is root or node.start_line < 1:
            continue
        end = node.end_line
        while end > node.start_line and end - 1 < len(lines) and not lines[end - 1].strip():
            end -= 1
        if end > node.start_line:
            out.append(types.FoldingRange(start_line=node.start_line - 1, end_line=end - 1,
                                          kind=types.FoldingRangeKind.Region))
    return out
