"""Where a safeguard may sit for a given provision: cross-references and general clauses.

`DocumentIndex` is built once per document: articles by number, every reference a sentence
makes, and the general clauses ("the powers and procedures provided for in this Section shall be
subject to ...") with the part of the document each one governs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legislint.clauses import Sentence, node_sentences
from legislint.conventions import fold, load_conventions
from legislint.language import provision_language
from legislint.lexicon import Lexicon
from legislint.model import ARTICLE, DIVISION, DOCUMENT, Document, Node, unique_nodes
from legislint.prefilter import Screen
from legislint import references as refs

_NUM = r"[0-9]{1,5}[A-Za-z]{0,3}(?:-[0-9]{1,4})?"
# Each pattern opens with a look-ahead at the letters its words can start with: `re` then skips
# to those letters instead of trying every alternative at every character (twice as fast).
_ARTICLES = re.compile(
    rf"(?=[AaSs§])\b(?:Articles?|Arts?\.|Sections?|Secs?\.|§§?|ss?\.)\s*(?P<first>{_NUM})(?P<sub>(?:\([0-9A-Za-z]{{1,5}}\))*)"
    rf"(?:\s*,\s*paragraph\s+(?P<para>[0-9]{{1,3}}))?"
    rf"(?P<more>(?:\s*(?:,|and|or|to|through|-|–)\s*(?:{_NUM})(?:\([0-9A-Za-z]{{1,5}}\))*)*)",
    re.IGNORECASE)
_MORE = re.compile(rf"(,|and|or|to|through|-|–)\s*({_NUM})")
_RELATIVE = re.compile(
    r"(?=[SsPpCcIi])\b(?:sub-?sections?|paragraphs?|sub-?paragraphs?|clauses?|items?|points?)\s+"
    r"(?P<path>(?:\([0-9A-Za-z]{1,5}\))+|[0-9]{1,3}(?:\.?[a-z]\b)?)", re.IGNORECASE)
_THIS = re.compile(r"\bthis\s+(article|section|chapter|part|title|act|convention|protocol|law|treaty|agreement)\b",
                   re.IGNORECASE)
#: Whether a sentence holds what `_ARTICLES` or `_RELATIVE` need to match in it. A screen that
#: never changes an answer, so a bound method rather than a pattern: the editor's re-lint
#: (legislint.incremental) reads every pattern of this module as one the index reads words with.
_may_cite = re.compile(r"[0-9(§]").search
_MAX_RESOLVED = 200_000   # sentences whose citations are kept (an edited text leaves old ones)
_PARTS = re.compile(r"\(([0-9A-Za-z]{1,5})\)")
_DEFINED_TERM = re.compile(r"[“\"'‘]([^”\"'’]{1,80})[”\"'’]")
_DEFINING_VERB = re.compile(r"\b(?:means|mean|includes|include|has the meaning|refers to)\b", re.IGNORECASE)


@dataclass
class GeneralClause:
    sentence: Sentence
    governs: Node            # the subtree the clause applies to
    provision: Node          # what to search: the clause's article (or paragraph if in the same article)
    targets: list[Node]      # provisions it refers to ("subject to Articles 14 and 15")
    #: Whether it governs `governs` because it names it ("The powers in sections 6 and 7 may be
    #: exercised only ..."), not because it speaks of "this Part" enclosing it.
    by_citation: bool = False


@dataclass
class Reach:
    """What a change to some articles reaches beyond them, through the index."""

    #: Provisions elsewhere that cite into the articles, or that they cite (their referrers).
    provisions: list[Node]
    #: What the general clauses in them, before or after, or naming them, govern.
    governed: list[Node]
    #: Whether they define terms, before or after (`DocumentIndex.definitions`).
    definitions: bool


@dataclass
class DocumentIndex:
    document: Document
    lexicon: Lexicon
    cache: dict = field(default_factory=dict)
    articles: dict[str, list[Node]] = field(default_factory=dict)
    general: list[GeneralClause] = field(default_factory=list)
    #: Which lexicon patterns cannot match which sentences; shared with the engine's matcher.
    screen: Screen = field(default_factory=Screen)
    _cites: list[tuple[Node, Node]] | None = None          # (citing provision, cited provision)
    _definitions: dict[str, Node] | None = None
    #: The nodes that define terms, in the order of the text, with their terms: mended when
    #: articles are rebuilt, so that `definitions` need not read every node again.
    _definers: list[tuple[Node, list[str]]] | None = None
    #: Article numbers citations asked for, answered or not (`may_be_cited`).
    _asked: set[str] = field(default_factory=set)
    #: id(sentence) -> (sentence, what it cites), while the map of articles stays the same.
    _resolved: dict[int, tuple[Sentence, list[Node]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.language_dirs = tuple(self.document.meta.get("language_dirs", ()))
        self.conventions = load_conventions(self.language_dirs)
        self.article_list = list(self.document.articles())
        self._map_articles()
        self._find_general_clauses()

    def _map_articles(self) -> None:
        for art in self.article_list:
            if art.number:
                self.articles.setdefault(art.number.lower(), []).append(art)
                key = self.conventions.normalize_number(art.number)
                if key != art.number.lower():
                    self.articles.setdefault(key, []).append(art)

    # ------------------------------------------------------------------ references
    def article(self, number: str) -> Node | None:
        key = number.lower()
        normal = self.conventions.normalize_number(number)
        self._asked.update((key, normal))
        found = self.articles.get(key) or self.articles.get(normal)
        return found[0] if found else None

    def may_be_cited(self, number: str) -> bool:
        """Whether a citation of the text may name article `number` (a citation no article
        answered stays unresolved: a new article with that number would answer it)."""
        if self._cites is None:
            return True   # not every sentence has been read for citations yet
        return number.lower() in self._asked or self.conventions.normalize_number(number) in self._asked

    def _reader(self, node: Node):
        return refs.reader_for(provision_language(node, self.document), self.language_dirs)

    def resolve(self, sentence: Sentence) -> list[Node]:
        """Provisions a sentence refers to, resolved in this document (unresolvable ones dropped).
        Kept per sentence (do not modify the list): every trigger reads its clause's references,
        and the clauses of nearby triggers overlap."""
        got = self._resolved.get(id(sentence))
        if got is not None and got[0] is sentence:
            return got[1]
        if len(self._resolved) > _MAX_RESOLVED:
            self._resolved.clear()
        out = self._resolve(sentence)
        self._resolved[id(sentence)] = (sentence, out)
        return out

    def _resolve(self, sentence: Sentence) -> list[Node]:
        text = sentence.text
        out: list[Node] = []
        reader = self._reader(sentence.node)
        if reader is not None:
            # Drafting styles described in conventions.yaml (French, Spanish, ...).
            for citation in reader.find(text):
                target = refs.resolve(citation, sentence.node, self.article, self.article_list)
                if target is not None:
                    out.append(target)
            return unique_nodes(out)
        if not _may_cite(text):
            return out   # every citation below has a number, a bracketed label or "§"
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
                    target = _descend(art, sub, self._items)
                out.append(target)
        for m in _RELATIVE.finditer(text):
            raw = m.group("path")
            parts = _PARTS.findall(raw) or re.findall(r"[0-9]+|[a-z]", raw)
            node = self._relative(sentence.node, parts)
            if node is not None:
                out.append(node)
        return unique_nodes(out)

    def _relative(self, origin: Node, parts: list[str]) -> Node | None:
        """"paragraph (1) of this subsection": the nearest enclosing list that has such an item."""
        if not parts:
            return None
        node: Node | None = origin
        while node is not None and node.kind not in (DIVISION, DOCUMENT):
            child = self._items(node).get(parts[0])
            if child is not None:
                return _descend(child, parts[1:], self._items)
            if node.kind == ARTICLE:
                break
            node = node.parent
        return None

    def _items(self, node: Node) -> dict[str, Node]:
        """The first numbered item of `node` for each number: looked up, not searched, as a list
        of 10 000 items cited item by item would otherwise take quadratic time."""
        key = ("items", id(node))
        got = self.cache.get(key)
        if got is None:
            got = {}
            for child in node.children:
                if child.is_enumerated:
                    got.setdefault(child.number, child)
            self.cache[key] = got
        return got

    # ------------------------------------------------------------------ general clauses
    def _find_general_clauses(self) -> None:
        for node in self.document.nodes():
            self.general.extend(self._general_clauses_of(node))

    def _general_clauses_of(self, node: Node) -> list[GeneralClause]:
        pattern = self.lexicon.pattern("general-clause") if self.lexicon.has("general-clause") else None
        if pattern is None or not node.segments:
            return []
        out = []
        language = provision_language(node, self.document)
        lang = self.conventions.language(language)
        this_re = _this_pattern(language, self.language_dirs)
        for sentence in node_sentences(node, self.cache):
            if self.screen.search(pattern, sentence.text) is None:   # kept: asked again after edits
                continue
            if this_re is None:
                this = _THIS.search(sentence.text)
                governs = _enclosing(node, this.group(1).lower()) if this else None
                if governs is None:
                    out.extend(self._citation_clauses(sentence))
                    continue
            else:
                this = this_re.search(sentence.text)
                governs = _enclosing_unit(node, this.group("unit"), lang) if this else None
                if governs is None:
                    # "Son autoridades de emisión ... los jueces": a general clause that names
                    # no unit governs what its general-provisions division governs.
                    governs = _general_part(node, lang)
                else:
                    governs = _widen_general_part(governs, lang)
            if governs is None:
                continue
            article = node.article()
            out.append(GeneralClause(sentence=sentence, governs=governs, provision=article or node,
                                     targets=self.resolve(sentence)))
        return out

    def _citation_clauses(self, sentence: Sentence) -> list[GeneralClause]:
        """"The powers in sections 6 and 7 may be exercised only ...": a general clause that
        names no enclosing unit governs each provision it cites."""
        node = sentence.node
        targets = self.resolve(sentence)
        return [GeneralClause(sentence=sentence, governs=t, provision=node.article() or node,
                              targets=targets, by_citation=True)
                for t in targets if not node.is_within(t)]

    def general_clauses_for(self, unit: Node) -> list[GeneralClause]:
        chain = {id(unit)} | {id(a) for a in unit.ancestors()}
        return [g for g in self.general if id(g.governs) in chain]

    # ------------------------------------------------------------------ referrers and definitions
    def referrers(self, unit: Node) -> list[Node]:
        """Provisions elsewhere that cite `unit`, a part of it or a provision enclosing it: the
        safeguard may sit in a later section that refers back ("notice of an order under section 12")."""
        if self._cites is None:
            self._cites = self._cites_from(self.document.root)
            self._index_cites()
        hits: set[int] = set()
        for target in (*unit.walk(), *unit.ancestors()):   # inside the unit, or enclosing it
            hits.update(self._cites_of.get(id(target), ()))
        out: list[Node] = []
        for i in sorted(hits):
            origin, target = self._cites[i]
            if origin.is_within(unit) or target.kind in (DIVISION, DOCUMENT):
                continue
            out.append(origin)
        return unique_nodes(out)

    def replaced(self, old: list[Node], new: list[Node]) -> "Reach":
        """Articles `new` took the place of `old` (legislint.reparse.rebuild_articles): the index
        now holds them, and says what else the change reaches."""
        inside = {id(n) for a in old for n in a.walk()}
        if self._cites is None:
            # Who cites into the old articles must be known: the citations of the text as it
            # was (the tree already holds the new articles; the map of numbers still the old).
            self._cites = [(node, t) for node in _walk_replacing(self.document.root, new, old)
                           for t in self._resolve_node(node)]
            self._index_cites()
        naming = [g for g in self.general
                  if id(g.sentence.node) not in inside and any(id(t) in inside for t in g.targets)]
        gone = [g for g in self.general if id(g.sentence.node) in inside]
        defined = self._definitions is not None and any(id(n) in inside for n in self._definitions.values())
        self._resolved.clear()   # articles and items by number change below
        old_articles = [n for a in old for n in a.walk() if n.kind == ARTICLE]
        new_articles = [n for a in new for n in a.walk() if n.kind == ARTICLE]
        if old_articles:
            at = next(i for i, a in enumerate(self.article_list) if a is old_articles[0])
            self.article_list[at:at + len(old_articles)] = new_articles
        elif new_articles:
            at = next((i for i, a in enumerate(self.article_list) if a.start_line > new_articles[0].start_line),
                      len(self.article_list))
            self.article_list[at:at] = new_articles
        self.articles = {}
        self._map_articles()
        for n in (n for a in old for n in a.walk()):
            self.cache.pop(("items", id(n)), None)
        new_nodes = [n for a in new for n in a.walk()]
        # General clauses keep the order of the text, as `general_clauses_for` lists them.
        added = [g for n in new_nodes for g in self._general_clauses_of(n)]
        kept = [g for g in self.general if id(g.sentence.node) not in inside]
        for g in naming:
            g.targets = self.resolve(g.sentence)
        # A clause that governs what it names follows the names into the new articles.
        renamed = {id(g.sentence) for g in naming if g.by_citation}
        followed: list[GeneralClause] = []   # those clauses, governing what they name now
        if renamed:
            placed: list[GeneralClause] = []
            seen: set[int] = set()
            for g in kept:
                if not (g.by_citation and id(g.sentence) in renamed):
                    placed.append(g)
                elif id(g.sentence) not in seen:
                    seen.add(id(g.sentence))
                    fresh_clauses = self._citation_clauses(g.sentence)
                    placed.extend(fresh_clauses)
                    followed.extend(fresh_clauses)
            kept = placed
        at = next((i for i, g in enumerate(kept) if g.sentence.node.start_line > new[0].start_line), len(kept))
        self.general = kept[:at] + added + kept[at:]
        definers = self._definers_in(new_nodes)
        if defined or definers:
            self._definitions = None
            defined = True
        if self._definers is not None and (definers or any(id(n) in inside for n, _ in self._definers)):
            kept_definers = [d for d in self._definers if id(d[0]) not in inside]
            at = next((i for i, (n, _) in enumerate(kept_definers) if n.start_line > new[0].start_line),
                      len(kept_definers))
            self._definers = kept_definers[:at] + definers + kept_definers[at:]
        # The new articles are read again anyway; what a clause in the old ones governed there is gone.
        within_new = {id(n) for n in new_nodes}
        governed = [g.governs for g in (*naming, *gone, *added, *followed)
                    if id(g.governs) not in inside and id(g.governs) not in within_new]
        reach = Reach(provisions=[], governed=unique_nodes(governed), definitions=defined)
        # Citations keep the order of the text (`referrers` lists provisions in that order):
        # those of the new articles go where the old ones' were, and each provision elsewhere
        # that cited into the old articles is resolved again where it stood.
        again = {id(origin) for origin, target in self._cites
                 if id(target) in inside and id(origin) not in inside}
        cited_before: dict[int, set[int]] = {}
        for origin, target in self._cites:
            if id(origin) in again:
                cited_before.setdefault(id(origin), set()).add(id(target))
        fresh = [c for a in new for c in self._cites_from(a)]
        touched: list[Node] = [target for _, target in fresh]
        cites: list[tuple[Node, Node]] = []
        placed = False
        done: set[int] = set()
        for origin, target in self._cites:
            if not placed and (id(origin) in inside or origin.start_line > new[0].start_line):
                cites.extend(fresh)
                placed = True
            if id(origin) in inside:
                touched.append(target)
            elif id(origin) in again:
                touched.append(origin)
                if id(origin) not in done:
                    done.add(id(origin))
                    resolved = self._cites_from_node(origin)
                    cites.extend(resolved)
                    # What it cites now and did not before (another article of the same number)
                    # gains a referrer.
                    before = cited_before.get(id(origin), set())
                    touched.extend(t for _, t in resolved if id(t) not in before)
            else:
                cites.append((origin, target))
        if not placed:
            cites.extend(fresh)
        self._cites = cites
        self._index_cites()
        reach.provisions = unique_nodes(n for n in touched if id(n) not in inside and id(n) not in within_new)
        return reach

    def _cites_from(self, root: Node) -> list[tuple[Node, Node]]:
        return [c for node in root.walk() for c in self._cites_from_node(node)]

    def _cites_from_node(self, node: Node) -> list[tuple[Node, Node]]:
        return [(node, t) for t in self._resolve_node(node)]

    def _resolve_node(self, node: Node) -> list[Node]:
        return [t for sentence in node_sentences(node, self.cache) for t in self.resolve(sentence)]

    def _index_cites(self) -> None:
        # Citations by cited provision, so that a unit looks up only its own subtree and
        # ancestors instead of every citation of the text (once per trigger: quadratic).
        self._cites_of = {}
        for i, (origin, target) in enumerate(self._cites):
            self._cites_of.setdefault(id(target), []).append(i)

    def definitions(self) -> dict[str, Node]:
        """Terms the text defines ("'serious crime' means ..."), lower-cased, with the defining provision."""
        if self._definitions is None:
            if self._definers is None:
                self._definers = self._definers_in(self.document.nodes())
            self._definitions = {}
            for node, terms in self._definers:
                for term in terms:
                    self._definitions.setdefault(term, node)
        return self._definitions

    def _definers_in(self, nodes) -> list[tuple[Node, list[str]]]:
        """The nodes among `nodes` that define terms, with their terms, in order."""
        out = []
        for node in nodes:
            terms = self._terms_defined_by(node)
            if terms:
                out.append((node, terms))
        return out

    def _terms_defined_by(self, node: Node) -> list[str]:
        pattern = self.lexicon.pattern("definition") if self.lexicon.has("definition") else None
        own = node_sentences(node, self.cache) if pattern else None
        if not own or self.screen.search(pattern, own[0].text) is None:
            return []
        head = _DEFINING_VERB.split(own[0].text, maxsplit=1)[0]
        return [" ".join(term.lower().split()) for term in _DEFINED_TERM.findall(head)]


_THIS_CACHE: dict[tuple, re.Pattern | None] = {}


def this_patterns() -> list[re.Pattern]:
    """The "this Section" patterns made so far, one per language (for legislint.incremental)."""
    return [p for p in _THIS_CACHE.values() if p is not None]


def _this_pattern(language: str, extra_dirs: tuple[str, ...]) -> re.Pattern | None:
    """"le présent chapitre", "este capítulo": from the language's `self_reference` data; None for
    languages without it (English keeps `_THIS`)."""
    key = (language, extra_dirs)
    if key not in _THIS_CACHE:
        lang = load_conventions(extra_dirs).language(language)
        data = lang.self_reference if lang.code == language else {}
        if not data:
            _THIS_CACHE[key] = None
        else:
            this = "|".join(re.escape(w) for w in sorted(data.get("this", []), key=len, reverse=True))
            units = "|".join(re.escape(w) for w in sorted(data.get("units", {}), key=len, reverse=True))
            _THIS_CACHE[key] = re.compile(rf"\b(?:{this})\s+(?P<unit>{units})\b", re.IGNORECASE)
    return _THIS_CACHE[key]


def _enclosing_unit(node: Node, word: str, lang) -> Node | None:
    """The node "this <word>" means in a language with `self_reference` data."""
    units = {fold(k): v for k, v in lang.self_reference.get("units", {}).items()}
    kind = units.get(fold(word))
    if kind is None:
        return None
    if kind == "document":
        root = node
        while root.parent is not None:
            root = root.parent
        return root
    if kind == "article":
        return node.article()
    for anc in [node, *node.ancestors()]:
        if anc.kind == DIVISION and fold((anc.style or "").rstrip(".")) == fold(kind):
            return anc
    return None


def _is_general_part(division: Node, lang) -> bool:
    title = fold(division.title or "")
    return any(title.startswith(fold(t)) for t in lang.general_part_titles)


def _widen_general_part(governs: Node, lang) -> Node:
    """A general clause about "this chapter" in a chapter of common provisions ("Disposiciones
    comunes a la interceptación ..., la captación ...") governs the division that chapter opens."""
    if governs.kind == DIVISION and governs.parent is not None and _is_general_part(governs, lang):
        return governs.parent
    return governs


def _general_part(node: Node, lang) -> Node | None:
    for anc in node.ancestors():
        if anc.kind == DIVISION:
            if _is_general_part(anc, lang) and anc.parent is not None:
                return anc.parent
            return None
    return None


def _walk_replacing(root: Node, new: list[Node], old: list[Node]):
    """`root.walk()` with the subtrees of `old` where those of `new` stand."""
    skip = {id(n) for n in new}
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in skip:
            if node is new[0]:
                for article in old:
                    yield from article.walk()
            continue
        yield node
        stack.extend(reversed(node.children))


def _descend(node: Node, parts: list[str], items=None) -> Node:
    for part in parts:
        if items is not None:
            nxt = items(node).get(part)
        else:
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


