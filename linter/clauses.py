"""Sentences of provisions, and the text around a provision that a safeguard may sit in.

Rules test phrases sentence by sentence: "judge" and "order" count together only in one sentence.
A numbered item continues the sentence its chapeau began ("... may refuse assistance if:" +
"(a) the request concerns a political offence"), so each item also gets a *joined* sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legislint.model import ARTICLE, DIVISION, DOCUMENT, Node

_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z“\"‘(])|(?<=[.])(?=[A-Z][a-z])")
_OPEN_END = re.compile(r"(?:[:,;]|--|—|–|-|\b(?:if|where|when|that|to|of|by|and|or|the|which|who|unless))\s*$",
                       re.IGNORECASE)


@dataclass(frozen=True)
class Sentence:
    text: str
    node: Node
    line: int
    column: int          # 1-based column of the first character
    joined: bool = False  # a chapeau joined with an item: spans several lines


def node_sentences(node: Node, cache: dict) -> list[Sentence]:
    got = cache.get(id(node))
    if got is not None:
        return got
    out: list[Sentence] = []
    for seg in node.segments:
        start = 0
        text = seg.text
        for m in _SENTENCE_END.finditer(text):
            piece = text[start:m.start()]
            if piece.strip():
                out.append(Sentence(piece, node, seg.line, seg.column + start))
            start = m.end()
        piece = text[start:]
        if piece.strip():
            out.append(Sentence(piece, node, seg.line, seg.column + start))
    cache[id(node)] = out
    return out


def chapeau_sentences(node: Node, cache: dict) -> list[Sentence]:
    """The sentences of `node` that come before its first item (its lead-in)."""
    sentences = node_sentences(node, cache)
    items = node.enumerated_children()
    if not items:
        return sentences
    first = items[0].start_line
    return [s for s in sentences if s.line < first]


def provision_ancestors(node: Node) -> list[Node]:
    """Ancestors up to and including the article (innermost first); divisions are not text."""
    out = []
    for anc in node.ancestors():
        if anc.kind in (DIVISION, DOCUMENT):
            break
        out.append(anc)
        if anc.kind == ARTICLE:
            break
    return out


def joined_sentence(node: Node, cache: dict) -> Sentence | None:
    """The item read on from its chapeaux: "may refuse assistance if: (a) ... political offence"."""
    own = node_sentences(node, cache)
    if not own or not node.is_enumerated:
        return None
    parts: list[str] = []
    for anc in reversed(provision_ancestors(node)):
        lead = chapeau_sentences(anc, cache)
        if lead and _OPEN_END.search(lead[-1].text):
            parts.append(lead[-1].text.strip())
    if not parts:
        return None
    first = own[0]
    return Sentence(" ".join(parts + [first.text]), node, first.line, first.column, joined=True)


def subtree_sentences(node: Node, cache: dict) -> list[Sentence]:
    out: list[Sentence] = []
    for n in node.walk():
        out.extend(node_sentences(n, cache))
    return out
