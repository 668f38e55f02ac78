"""Cross-references in languages whose conventions describe them (grammar/conventions.yaml,
`references:`): "l'article 706-95", "aux articles 100-3 à 100-5", "le premier alinéa de
l'article 60-2", "el artículo 588 bis c", "los artículos 14 y 15", "el apartado 1 del artículo
anterior", "artículo 38.3".

`ReferenceReader.find` returns what a sentence cites, as `Citation`s; `resolve` turns a citation
into the provisions of this document it names. A reference into another text ("l'article 131-21
du code pénal", "el artículo 8 de la Ley 25/2007") is dropped: that text is not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from legislint.conventions import Conventions, LanguageConventions, fold
from legislint.model import ALINEA, Node


@dataclass
class Citation:
    #: Article numbers as written ("706-95", "588 bis c"); empty = the citing provision's article.
    articles: list[str] = field(default_factory=list)
    #: "previous" / "next": the article before or after the citing one.
    relative: str | None = None
    #: Paragraph inside the (first) article: a position (1, 2, -1 = last) or a label ("c", "1").
    paragraph: int | str | None = None
    #: Sub-paragraphs under `paragraph` ("38.3" -> paragraph 3 of article 38; "apartado 1 letra b").
    more: list[str] = field(default_factory=list)
    #: "l'alinéa précédent", "el apartado anterior": the paragraph before (or after) the citing one.
    paragraph_relative: str | None = None


#: After a paragraph cited without its article: "du présent article" keeps it in this article;
#: any other "du ...", "de la ...", "del ..." names a unit we cannot place ("au deuxième alinéa du
#: 3° du II de l'article 8 de la loi n° 78-17"), so the citation is dropped rather than guessed.
_QUALIFIED = re.compile(r"^\s*(?:du|de\s+la|de\s+l['’]|des|de|del|de\s+los|de\s+las|of)\s", re.IGNORECASE)
_THIS_ARTICLE = re.compile(r"^\s*(?:du|de\s+la|de|del)\s+(?:présent|présente|ce|cet|cette|este|esta|presente)\s+"
                           r"(?:article|artículo|precepto)\b", re.IGNORECASE)


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class ReferenceReader:
    """Finds citations in one language's sentences."""

    def __init__(self, lang: LanguageConventions, conventions: Conventions):
        refs = lang.references
        self.lang = lang
        self.conventions = conventions
        self.ordinals = {fold(str(k)): int(v) for k, v in (refs.get("ordinals") or {}).items()}
        suffixes = "bis|ter|quater|quáter|quinquies|sexies|septies|octies|nonies|decies"
        words = _alt(lang.number_words) or "(?!)"
        number = (rf"(?:(?:L|R|D|A|LO)\.?\s?(?=\d))?\d{{1,5}}(?:-\d{{1,4}})*(?:\.?[ºª°])?"
                  rf"(?:\s+(?:{suffixes})\b(?:\s+[a-z]\b(?!\)))?)?(?:\.\d{{1,3}}(?![\d-]))*"
                  rf"|(?:{words})\b")
        self.number = number
        article = _alt(refs.get("article", [])) or "(?!)"
        joins = _alt(list(refs.get("ranges", [])) + list(refs.get("lists", []))) or "(?!)"
        self.ranges = {w.lower() for w in refs.get("ranges", [])}
        rel = _alt(list(refs.get("previous", [])) + list(refs.get("next", []))) or "(?!)"
        self.previous = {w.lower() for w in refs.get("previous", [])}
        paragraph = _alt(refs.get("paragraph", [])) or "(?!)"
        ordinal = _alt(refs.get("ordinals") or {}) or "(?!)"
        label = r"(?:\d{1,3}(?:\.?[ºª°])?(?![\d-])|[a-z]\)|[a-z](?=\s|,|$)|[IVX]{1,4}\b)"
        tail_label = r"(?:\d{1,3}(?:\.?[ºª°])?(?![\d-])|[a-z]\))"
        # "le premier alinéa de l'article 60-2", "el apartado 1 del artículo 32",
        # "párrafo segundo del artículo 6", "del apartado anterior"
        self.paragraph_re = re.compile(
            rf"(?<![\w])(?:(?P<ord1>{ordinal})\s+(?:{paragraph})|(?:{paragraph})\s+(?:(?P<ord2>{ordinal})\b|"
            rf"(?P<lab>{label})|(?P<prevpar>{rel})\b))"
            rf"(?P<tail>(?:\s*(?:,|{joins})?\s*(?:{paragraph})?\s*(?:{tail_label}))*)"
            rf"(?:\s+(?:de\s+l['’]\s*|(?:du|de\s+la|del|de|de\s+los)\s+)(?:{article})\s+(?P<art>{number}|{rel}))?",
            re.IGNORECASE)
        self.article_re = re.compile(
            rf"(?<![\w])(?:{article})\s+(?P<first>{number}|{rel})"
            rf"(?P<more>(?:\s*(?:,|{joins})\s*(?:{number})(?![\w-]))*)",
            re.IGNORECASE)
        self.more_re = re.compile(rf"(,|{joins})\s*({number})", re.IGNORECASE)
        self.label_re = re.compile(tail_label, re.IGNORECASE)
        ext = refs.get("external", [])
        self.external = re.compile(rf"^\s*,?\s*(?:{_alt(ext)})\b", re.IGNORECASE) if ext else None
        internal = refs.get("internal", [])
        self.internal = re.compile(rf"^\s*,?\s*(?:{_alt(internal)})\b", re.IGNORECASE) if internal else None

    # ------------------------------------------------------------------ reading
    def _outside(self, text: str, end: int) -> bool:
        after = text[end:end + 60]
        if self.internal is not None and self.internal.match(after):
            return False
        return bool(self.external is not None and self.external.match(after))

    def _relative(self, word: str) -> str | None:
        w = word.lower()
        if w in self.previous:
            return "previous"
        if w in {x.lower() for x in self.lang.references.get("next", [])}:
            return "next"
        return None

    def find(self, text: str) -> list[Citation]:
        out: list[Citation] = []
        taken: list[tuple[int, int]] = []
        for m in self.paragraph_re.finditer(text):
            if m.group("art") is not None and self._outside(text, m.end()):
                taken.append(m.span())
                continue
            if m.group("prevpar"):
                out.append(Citation(paragraph_relative=self._relative(m.group("prevpar"))))
                taken.append(m.span())
                continue
            ordinal = m.group("ord1") or m.group("ord2")
            position: int | str | None
            if ordinal:
                position = self.ordinals.get(fold(ordinal))
            else:
                position = _label_value(m.group("lab"))
            more = [_label_value(x.group(0)) for x in self.label_re.finditer(m.group("tail") or "")]
            cite = Citation(paragraph=position, more=[str(x) for x in more if x is not None])
            if m.group("art"):
                rel = self._relative(m.group("art"))
                if rel:
                    cite.relative = rel
                else:
                    cite.articles = [m.group("art")]
            else:
                after = text[m.end():m.end() + 60]
                if _QUALIFIED.match(after) and not _THIS_ARTICLE.match(after):
                    taken.append(m.span())
                    continue
            out.append(cite)
            taken.append(m.span())
        for m in self.article_re.finditer(text):
            if any(lo <= m.start() < hi for lo, hi in taken) or self._outside(text, m.end()):
                continue
            first = m.group("first")
            rel = self._relative(first)
            if rel:
                out.append(Citation(relative=rel))
                continue
            numbers = [first]
            for mm in self.more_re.finditer(m.group("more") or ""):
                sep, num = mm.group(1).lower(), mm.group(2)
                lo, hi = self._int(numbers[-1]), self._int(num)
                if sep in self.ranges and lo is not None and hi is not None and 0 < hi - lo <= 50:
                    numbers.extend(str(n) for n in range(lo + 1, hi + 1))
                    continue
                numbers.append(num)
            for i, num in enumerate(numbers):
                base, subs = _split_points(num)
                out.append(Citation(articles=[base], paragraph=_label_value(subs[0]) if subs else None,
                                    more=subs[1:]))
        return out

    def _int(self, number: str) -> int | None:
        key = self.conventions.normalize_number(number)
        return int(key) if key.isdigit() else None


def _label_value(label: str | None) -> int | str | None:
    if label is None:
        return None
    lab = re.sub(r"[.ºª°)\s]", "", label)
    if lab.isdigit():
        return int(lab)
    return lab.lower() or None


def _split_points(number: str) -> tuple[str, list[str]]:
    """"38.3" -> ("38", ["3"]): a Spanish citation of paragraph 3 of article 38."""
    parts = re.split(r"\.(?=\d)", number)
    return parts[0], parts[1:]


@lru_cache(maxsize=16)
def reader_for(language: str, extra_dirs: tuple[str, ...] = ()) -> ReferenceReader | None:
    from legislint.conventions import load_conventions

    conventions = load_conventions(extra_dirs)
    lang = conventions.languages.get(language)
    if lang is None or not lang.references:
        return None
    return ReferenceReader(lang, conventions)


# ---------------------------------------------------------------------------- resolving
def paragraph_of(article: Node, position: int | str) -> Node | None:
    """The paragraph at `position` in an article: its n-th alinéa, or its item numbered so."""
    alineas = [c for c in article.children if c.kind == ALINEA]
    if isinstance(position, int) and alineas:
        if position == -1:
            return alineas[-1]
        if 1 <= position <= len(alineas):
            return alineas[position - 1]
        return None
    wanted = str(position).lower()
    for node in article.walk():
        if node is not article and node.is_enumerated and (node.number or "").lower() == wanted:
            return node
    if position == 1 and not alineas:
        return article
    return None


def descend(node: Node, labels: list[str]) -> Node:
    for label in labels:
        nxt = next((c for c in node.walk() if c is not node and c.is_enumerated
                    and (c.number or "").lower() == str(label).lower()), None)
        if nxt is None:
            break
        node = nxt
    return node


def neighbour(article: Node, articles: list[Node], direction: str) -> Node | None:
    try:
        i = articles.index(article)
    except ValueError:
        return None
    j = i - 1 if direction == "previous" else i + 1
    return articles[j] if 0 <= j < len(articles) else None


def resolve(citation: Citation, origin: Node, lookup, articles: list[Node]) -> Node | None:
    """The node a citation names, seen from `origin`; None if it is not in this document."""
    if citation.paragraph_relative:
        here = next((n for n in [origin, *origin.ancestors()]
                     if n.kind == ALINEA or n.is_enumerated), None)
        if here is None or here.parent is None:
            return None
        siblings = [c for c in here.parent.children if c.kind == here.kind]
        return neighbour(here, siblings, citation.paragraph_relative)
    if citation.relative:
        here = origin.article()
        target = neighbour(here, articles, citation.relative) if here is not None else None
    elif citation.articles:
        target = lookup(citation.articles[0])
    else:
        target = origin.article()
    if target is None:
        return None
    if citation.paragraph is not None:
        para = paragraph_of(target, citation.paragraph)
        if para is None:
            return target if citation.articles or citation.relative else None
        target = descend(para, citation.more)
    return target
