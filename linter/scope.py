"""Where a safeguard may sit for a given provision: cross-references and general clauses.

`DocumentIndex` is built once per document: articles by number, every reference a sentence
makes, and the general clauses ("the powers and procedures provided for in this Section shall be
subject to ...") with the part of the document each one governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legislint.clauses import Sentence, node_sentences
from legislint.lexicon import Lexicon
from legislint.model import ARTICLE, DIVISION, DOCUMENT, Document, Node

_NUM = r"[0-9]{1,5}[A-Za-z]{0,3}(?:-[0-9]{1,4})?"
_ARTICLES = re.compile(
    rf"\b(?:Articles?|Arts?\.|Sections?|Secs?\.|§§?|ss?\.)\s*(?P<first>{_NUM})(?P<sub>(?:\([0-9A-Za-z]{{1,5}}\))*)"
    rf"(?:\s*,\s*paragraph\s+(?P<para>[0-9]{{1,3}}))?"
    rf"(?P<more>(?:\s*(?:,|and|or|to|through|-|–)\s*(?:{_NUM})(?:\([0-9A-Za-z]{{1,5}}\))*)*)",
    re.IGNORECASE)
_MORE = re.compile(rf"(,|and|or|to|through|-|–)\s*({_NUM})")
_RELATIVE = re.compile(
    r"\b(?:sub-?sections?|paragraphs?|sub-?paragraphs?|clauses?|items?|points?)\s+"
    r"(?P<path>(?:\([0-9A-Za-z]{1,5}\))+|[0-9]{1,3}(?:\.?[a-z]\b)?)", re.IGNORECASE)
_THIS = re.compile(r"\bthis\s+(article|section|chapter|part|title|act|convention|protocol|law|treaty|agreement)\b",
                   re.IGNORECASE)
_PARTS = re.compile(r"\(([0-9A-Za-z]{1,5})\)")


@dataclass
class GeneralClause:
    sentence: Sentence
    governs: Node            # the subtree the clause applies to
    provision: Node          # what to search: the clause's article (or paragraph if in the same article)
    targets: list[Node]      # provisions it refers to ("subject to Articles 14 and 15")


@dataclass
class DocumentIndex:
    document: Document
    lexicon: Lexicon
    cache: dict = field(default_factory=dict)
    articles: dict[str, list[Node]] = field(default_factory=dict)
    general: list[GeneralClause] = field(default_factory=list)

    def __post_init__(self) -> None:
        for art in self.document.articles():
            if art.number:
                self.articles.setdefault(art.number.lower(), []).append(art)
        self._find_general_clauses()

    # ------------------------------------------------------------------ references
    def article(self, number: str) -> Node | None:
        found = self.articles.get(number.lower())
        return found[0] if found else None

    def resolve(self, sentence: Sentence) -> list[Node]:
        """Provisions a sentence refers to, resolved in this document (unresolvable ones dropped)."""
        text = sentence.text
        out: list[Node] = []
        for m in _ARTICLES.finditer(text):
            numbers = [m.group("first")]
            more = m.group("more") or ""
            for mm in _MORE.finditer(more):
                sep, num = mm.group(1), mm.group(2)
                if sep.lower() in ("to", "through", "-", "–") and numbers[-1].isdigit() and num.isdigit():
                    lo, hi = int(numbers[-1]), int(num)
                    if 0 < hi - lo <= 50:
                        numbers.extend(str(n) for n in range(lo + 1, hi + 1))
                        continue
                numbers.append(num)
            for i, num in enumerate(numbers):
                art = self.article(num)
                if art is None:
                    continue
                target = art
                if i == 0:
                    sub = _PARTS.findall(m.group("sub") or "")
                    if m.group("para"):
                        sub = [m.group("para")] + sub
                    target = _descend(art, sub)
                out.append(target)
        for m in _RELATIVE.finditer(text):
            raw = m.group("path")
            parts = _PARTS.findall(raw) or re.findall(r"[0-9]+|[a-z]", raw)
            node = self._relative(sentence.node, parts)
            if node is not None:
                out.append(node)
        return _unique(out)

    def _relative(self, origin: Node, parts: list[str]) -> Node | None:
        """"paragraph (1) of this subsection": the nearest enclosing list that has such an item."""
        if not parts:
            return None
        node: Node | None = origin
        while node is not None and node.kind not in (DIVISION, DOCUMENT):
            for child in node.children:
                if child.is_enumerated and child.number == parts[0]:
                    return _descend(child, parts[1:])
            if node.kind == ARTICLE:
                break
            node = node.parent
        return None

    # ------------------------------------------------------------------ general clauses
    def _find_general_clauses(self) -> None:
        pattern = self.lexicon.pattern("general-clause") if self.lexicon.has("general-clause") else None
        if pattern is None:
            return
        for node in self.document.nodes():
            if not node.segments:
                continue
            for sentence in node_sentences(node, self.cache):
                if not pattern.search(sentence.text):
                    continue
                this = _THIS.search(sentence.text)
                governs = _enclosing(node, this.group(1).lower()) if this else None
                if governs is None:
                    continue
                article = node.article()
                self.general.append(GeneralClause(sentence=sentence, governs=governs,
                                                  provision=article or node,
                                                  targets=self.resolve(sentence)))

    def general_clauses_for(self, unit: Node) -> list[GeneralClause]:
        chain = {id(unit)} | {id(a) for a in unit.ancestors()}
        return [g for g in self.general if id(g.governs) in chain]


def _descend(node: Node, parts: list[str]) -> Node:
    for part in parts:
        nxt = next((c for c in node.children if c.is_enumerated and c.number == part), None)
        if nxt is None:
            break
        node = nxt
    return node


def _enclosing(node: Node, word: str) -> Node | None:
    """The node "this <word>" means, seen from `node`."""
    if word in ("act", "convention", "protocol", "law", "treaty", "agreement"):
        root = node
        while root.parent is not None:
            root = root.parent
        return root
    if word == "article":
        return node.article()
    if word == "section":
        # "Section" is a division in treaties (Budapest: SECTION 2 – PROCEDURAL LAW) and the
        # article itself in statutes.
        for anc in [node, *node.ancestors()]:
            if anc.kind == DIVISION and (anc.style or "").startswith("section"):
                return anc
        return node.article()
    for anc in [node, *node.ancestors()]:
        if anc.kind == DIVISION and (anc.style or "").rstrip(".") == word:
            return anc
    return None


def _unique(nodes: list[Node]) -> list[Node]:
    seen: set[int] = set()
    out = []
    for n in nodes:
        if id(n) not in seen:
            seen.add(id(n))
            out.append(n)
    return out
