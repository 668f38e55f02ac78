"""Sentences of provisions, and the text around a provision that a safeguard may sit in.

Rules test phrases sentence by sentence: "judge" and "order" count together only in one sentence.
A numbered item continues the sentence its chapeau began ("... may refuse assistance if:" +
"(a) the request concerns a political offence"), so each item also gets a *joined* sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    carry: Sentence | None = None   # an unfinished last sentence, continued by the next segment
    item_lines = sorted(c.start_line for c in node.children if c.is_enumerated)
    previous_line = 0
    for seg in node.segments:
        start = 0
        text = seg.text
        # Text after the node's own items is not the end of its chapeau.
        if carry is not None and (not _continues(carry.text, text)
                                  or _item_between(item_lines, previous_line, seg.line)):
            out.append(carry)
            carry = None
        previous_line = seg.line
        for m in _SENTENCE_END.finditer(text):
            piece = text[start:m.start()]
            if carry is not None:
                piece = carry.text.rstrip() + " " + piece
            if piece.strip():
                first = carry or Sentence(piece, node, seg.line, seg.column + start)
                out.append(Sentence(piece, node, first.line, first.column))
            carry = None
            start = m.end()
        piece = text[start:]
        if carry is not None:
            piece = carry.text.rstrip() + " " + piece
        if piece.strip():
            first = carry or Sentence(piece, node, seg.line, seg.column + start)
            carry = Sentence(piece, node, first.line, first.column)
        else:
            carry = None
    if carry is not None:
        out.append(carry)
    cache[id(node)] = out
    return out


def _item_between(item_lines: list[int], after: int, before: int) -> bool:
    """Whether an item starts strictly between two lines (item_lines sorted)."""
    i = bisect_right(item_lines, after)
    return i < len(item_lines) and item_lines[i] < before


def _continues(previous: str, text: str) -> bool:
    """"... para obtener o grabar" + "en tiempo real los datos ...": a paragraph that starts in
    lower case after one that ends without punctuation goes on with the same sentence."""
    prev = previous.rstrip()
    nxt = text.lstrip()
    return bool(prev) and bool(nxt) and prev[-1].isalpha() and prev[-1].islower() and nxt[0].islower()


def chapeau_sentences(node: Node, cache: dict) -> list[Sentence]:
    """The sentences of `node` that come before its first item (its lead-in). Do not modify."""
    key = ("chapeau", id(node))
    got = cache.get(key)
    if got is not None:
        return got
    sentences = node_sentences(node, cache)
    first = next((c.start_line for c in node.children if c.is_enumerated), None)
    if first is not None:
        sentences = [s for s in sentences if s.line < first]
    cache[key] = sentences
    return sentences


def continues_into_items(node: Node) -> bool:
    """Whether the node's lead-in is a sentence its items complete ("Any person who ... by--",
    "... may refuse assistance if:"), so that its items are parts of one provision."""
    items = node.enumerated_children()
    if not items:
        return False
    lead = [seg for seg in node.segments if seg.line < items[0].start_line]
    return bool(lead) and open_end(lead[-1].text)


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
    key = ("joined", id(node))
    if key in cache:
        return cache[key]
    joined = cache[key] = _joined_sentence(node, cache)
    return joined


def open_end(text: str) -> bool:
    """`_OPEN_END.search(text)`, tried only where a match can start: it ends the text."""
    stripped = text.rstrip()
    return _OPEN_END.search(stripped, max(0, len(stripped) - 8)) is not None


def _joined_sentence(node: Node, cache: dict) -> Sentence | None:
    own = node_sentences(node, cache)
    if not own or not node.is_enumerated:
        return None
    parts: list[str] = []
    for anc in reversed(provision_ancestors(node)):
        lead = chapeau_sentences(anc, cache)
        if lead and open_end(lead[-1].text):
            parts.append(lead[-1].text.strip())
    if not parts:
        return None
    first = own[0]
    return Sentence(" ".join(parts + [first.text]), node, first.line, first.column, joined=True)


def subtree_sentences(node: Node, cache: dict) -> list[Sentence]:
    """The sentences of `node` and its descendants in reading order (a new list, to extend)."""
    key = ("subtree", id(node))
    got = cache.get(key)
    if got is None:
        got = []
        for n in node.walk():
            got.extend(node_sentences(n, cache))
        got = cache[key] = tuple(got)
    return list(got)
