"""An edit inside one line, applied to the provision tree without parsing the text again.

Drafters type one character at a time; parsing a 300 KB treaty again after each takes longer than
the editor can wait. Most keystrokes fall in the middle of a sentence: the line keeps its token,
its label and the ends the tree builder looks at (`LineClassifier.shape`), so the new tree is the
old one with that line's segment holding the new words, or with a heading's new title.

An edit that changes the structure inside one article (a new label, a list item that now ends in
"or", a blank line appearing or going, its heading going or renumbered) rebuilds that article alone
from its lines (`rebuild_articles`): the tree builder starts afresh at each heading, so an
article's subtree depends on its own lines only. So does a division's own part (its words, its
title line, the items hung from it before its first article): a division that holds no article is
built again whole, and the first article of a division whose heading goes joins that part (or
splits from it when typed back). A division heading renumbered changes only that division's
number and label: the tree builder reads no number.

A division heading that goes or appears moves what follows it to other divisions: the region
from the provision its lines join (or split) to the end of what it held (or now holds) is built
again under stand-ins for the divisions open there, with the ranks of the whole text
(`join_division`, `split_division`). Anything else (a line added or removed, a change in which
division keyword outranks which) is parsed again."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from legislint.language import SAMPLE, language_margin, language_of, scores, word_count
from legislint.model import ARTICLE, DIVISION, DOCUMENT, Document, Node, Segment
from legislint.parser import LineClassifier, TreeBuilder, build_article, build_division, division_keyword

#: Lines before an edited one whose token may depend on it (a bare "12. Title" heading is told
#: from a numbered sentence by the lines that follow it: `LineClassifier._next_content`).
_LOOK_BACK = 5
#: Tokens whose line is text of a provision (a line in capitals too, unless it titles a division).
_PATCHABLE = ("TEXT", "ITEM", "CAPS")


@dataclass
class ParsedText:
    """A parse that can take an edit: the document and the classifier of its lines."""

    document: Document
    classifier: LineClassifier
    #: line -> (node holding it, index of its segment), made on the first patch.
    _segments: dict[int, tuple[Node, int]] | None = field(default=None, repr=False)
    #: line -> the article or division it heads.
    _headings: dict[int, Node] | None = field(default=None, repr=False)
    #: the lines of `_headings`, in order.
    _heading_lines: list[int] = field(default_factory=list, repr=False)
    #: How far the stop-word counts that chose the text's language are from choosing another,
    #: and how far edits since may have moved them (`_language_changed`).
    _language_margin: tuple[int, int] | None = field(default=None, repr=False)

    def segment_at(self, line: int) -> tuple[Node, int] | None:
        self._map()
        return self._segments.get(line)

    def heading_at(self, line: int) -> Node | None:
        self._map()
        return self._headings.get(line)

    def _map(self) -> None:
        if self._segments is None:
            self._segments, self._headings = {}, {}
            for node in self.document.nodes():
                if node.kind in (ARTICLE, DIVISION):
                    self._headings.setdefault(node.start_line, node)
                for i, seg in enumerate(node.segments):
                    self._segments[seg.line] = (node, i)
            self._heading_lines = sorted(self._headings)

    def region(self, line: int) -> tuple[int, int] | None:
        """(first, last) line of the region a line lies in: from the heading at or before it
        to the line before the next heading. None before the first heading."""
        self._map()
        at = bisect_right(self._heading_lines, line) - 1
        if at < 0:
            return None
        last = self._heading_lines[at + 1] - 1 if at + 1 < len(self._heading_lines) \
            else len(self.document.lines)
        return self._heading_lines[at], last

    def _put(self, old: list[Node], new: list[Node], first: int, last: int) -> None:
        """Subtrees `new` in place of the siblings `old` (lines `first` to `last`), in the tree
        and in the maps of lines."""
        parent = old[0].parent
        at = _position(old[0])
        self._splice(parent, at, len(old), new, first, last)

    def _put_head(self, division: Node, built: Node, replaced: int, first: int, last: int) -> None:
        """`division`'s own words and title, and its first `replaced` children, from `built`
        (lines `first`, its heading, to `last`), in the tree and in the maps of lines."""
        division.segments, division.title = built.segments, built.title
        self._splice(division, 0, replaced, list(built.children), first + 1, last)

    def _splice(self, parent: Node, at: int, count: int, new: list[Node], first: int, last: int) -> None:
        """`new` in place of `count` children of `parent` from `at`; lines `first` to `last`
        mapped again: `parent`'s own words, and the new subtrees' words and headings."""
        self._splice_chain([(parent, at, count, new)], first, last)

    def _splice_chain(self, changes: list[tuple[Node, int, int, list[Node]]], first: int, last: int) -> None:
        """`_splice` under several parents at once, each an ancestor of the one before
        (a region that ends deeper in the tree than it began)."""
        for parent, at, count, new in changes:
            parent.children[at:at + count] = new
            for node in new:
                node.parent = parent
        deepest = changes[0][0]
        for anc in (deepest, *deepest.ancestors()):
            if anc.kind != DOCUMENT:
                anc.end_line = max([anc.start_line, *(s.line for s in anc.segments[-1:]),
                                    *(c.end_line for c in anc.children)])
        for line in range(first, last + 1):
            self._segments.pop(line, None)
            self._headings.pop(line, None)
        for parent, _, _, new in changes:
            if parent.kind != DOCUMENT:
                # Its own words may stand in the lines of the children replaced under it.
                for i, seg in enumerate(parent.segments):
                    self._segments[seg.line] = (parent, i)
            for node in (n for top in new for n in top.walk()):
                if node.kind in (ARTICLE, DIVISION):
                    self._headings[node.start_line] = node
                for i, seg in enumerate(node.segments):
                    self._segments[seg.line] = (node, i)
        self._heading_lines = sorted(self._headings)


@dataclass(frozen=True)
class Patch:
    """What an edit changed in the tree: the text of `node` ("text"), its heading's title
    ("title": articles' titles are read by no rule, divisions' titles are) or a division's
    number ("number": read by no rule, but named in findings that cite the division's words)."""

    node: Node
    what: str
    #: For "number" (a division renumbered): its label before.
    was: str = ""


def changed_lines(old: str, new: str) -> list[int] | None:
    """0-based indices of the lines of `old` that differ in `new` (at most one: an edit inside
    one line; [] for none); None if lines were added or removed, or several lines changed."""
    if old == new:
        return []
    edit = edited_line(old, new)
    return None if edit is None else [edit[0]]


def edited_line(old: str, new: str) -> tuple[int, str] | None:
    """(0-based index, new text) of the one line an edit changed; None if it changed line breaks
    (or the texts are equal)."""
    if old == new or (len(old) == len(new) and old.count("\n") != new.count("\n")):
        return None
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, len(old) - head, len(new) - head)
    if "\n" in old[head:len(old) - tail] or "\n" in new[head:len(new) - tail]:
        return None
    start = new.rfind("\n", 0, head) + 1
    end = new.find("\n", head)
    return old.count("\n", 0, head), new[start:end if end >= 0 else len(new)]


def _common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, compared in halves (string slices compare in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[lo:mid] == b[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, a_limit: int, b_limit: int) -> int:
    """Length of the longest common suffix not reaching into the first `len - limit` characters."""
    lo, hi = 0, min(a_limit, b_limit)
    la, lb = len(a), len(b)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[la - mid:la - lo] == b[lb - mid:lb - lo]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def patch_line(parsed: ParsedText, index: int, raw: str, text: str) -> Patch | None:
    """Put `raw` at 0-based line `index` of `parsed` (whose document text becomes `text`) if the
    tree keeps its shape, and say what changed; None if it does not (parse again), with
    `parsed` as it was."""
    classifier = parsed.classifier
    lines = classifier.lines
    if index >= len(lines):
        return None
    first = max(0, index - _LOOK_BACK)
    before = [classifier.shape(i) for i in range(first, index + 1)]
    kind = before[-1][0] if before[-1] is not None else None
    if kind in _PATCHABLE and not before[-1][8]:
        place = parsed.segment_at(index + 1)
    elif kind in ("ARTICLE", "DIVISION") and before[-1][5] is None:
        # A heading with no text after it: only its title can change (if it has one).
        place = parsed.heading_at(index + 1)
    else:
        return None
    if place is None:
        return None
    old_raw = lines[index]
    old_title = classifier.classify(index).title if kind == "DIVISION" else None
    classifier.replace_line(index, raw)
    after = [classifier.shape(i) for i in range(first, index + 1)]
    if after[-1] is None:
        # The line was emptied: a blank line ends a paragraph or a heading's run.
        classifier.replace_line(index, old_raw)
        return None
    if not _by_alinea(place if kind in ("ARTICLE", "DIVISION") else place[0], classifier):
        # The lines before keep their words, hence their ends: only the edited line's can differ.
        after[-1], before[-1] = after[-1][:-1], before[-1][:-1]
    document = parsed.document
    info = classifier.classify(index)
    # A division heading renumbered, its title as it was: the tree builder reads no number.
    renumbered = kind == "DIVISION" and after[:-1] == before[:-1] and \
        _unnumbered(after[-1]) == _unnumbered(before[-1]) and after[-1][3] != before[-1][3] and \
        info.title == old_title
    if (after != before and not renumbered) or \
            (not document.meta.get("language_forced") and _language_changed(parsed, old_raw, raw, text)):
        classifier.replace_line(index, old_raw)
        return None
    document.text = text
    if renumbered:
        was = place.label
        place.number, place.label = info.number, f"{division_keyword(info)} {info.number}"
        return Patch(place, "number", was)
    if kind in ("ARTICLE", "DIVISION"):
        if info.title is not None:  # else the title is the line after (a division's, in capitals)
            place.title = info.title
        return Patch(place, "title")
    node, i = place
    if info.kind == "ITEM":
        rest = info.text[info.label.end:]
        content = rest.lstrip()
        segment = Segment(info.line, info.column + info.label.end + len(rest) - len(content), content)
    else:
        segment = Segment(info.line, info.column, info.text)
    node.segments[i] = segment
    return Patch(node, "text")


@dataclass(frozen=True)
class Rebuilt:
    """Articles rebuilt after an edit: `old` are out of the tree (their parent link is kept, for
    those who must forget what they read of them), `new` in their place, in order."""

    old: list[Node]
    new: list[Node]
    #: A division whose own words changed with them (an article heading that went joined them),
    #: and a stand-in for it as it was (its words, its children then), to read them from.
    division: Node | None = None
    division_before: Node | None = None

    def numbers_added(self) -> set[str]:
        """Article numbers the new subtrees hold and the old ones did not."""
        return {a.number for a in _articles(self.new) if a.number} - {a.number for a in _articles(self.old)}


def _articles(roots: list[Node]) -> list[Node]:
    return [n for root in roots for n in root.walk() if n.kind == ARTICLE]


def rebuild_articles(parsed: ParsedText, index: int, raw: str, text: str) -> Rebuilt | None:
    """Put `raw` at 0-based line `index` of `parsed` (whose document text becomes `text`) by
    building again the article(s) around it: the one whose body holds the line, split in two if
    the line becomes a heading; or, for an article's heading, that article, joined to the one
    before if the heading goes; or a division that holds no article or division (its text and
    the items hung from it), for an edit below its heading. None if a division heading is
    involved: parse again, with `parsed` as it was."""
    classifier = parsed.classifier
    lines = classifier.lines
    region = parsed.region(index + 1) if index < len(lines) else None
    if region is None:
        return None
    first, last = region
    top = parsed.heading_at(first)
    # The lines before the edited one that may read it (a bare "12. Title" looks ahead) must
    # keep their tokens and ends.
    start = max(0, index - _LOOK_BACK)
    shapes = [classifier.shape(i) for i in range(start, index)]
    was_heading = first == index + 1
    old_raw = lines[index]
    classifier.replace_line(index, raw)
    info = classifier.classify(index)
    is_heading = info is not None and info.kind == "ARTICLE"
    document = parsed.document
    head_of = None
    if first == index + 1 and not is_heading:
        # The heading goes: its lines join the article before, under the same parent; or, for
        # the first article of a division, the division's own words and items.
        before = parsed.region(first - 1)
        previous = parsed.heading_at(before[0]) if before else None
        if previous is not None and previous.kind == DIVISION and top.parent is previous:
            head_of = previous
        first = before[0] if previous is not None and (head_of is not None or (
            previous.kind == ARTICLE and previous.parent is top.parent)) else 0
    # A division with no article or division in it (its own text and the items hung from it) is
    # built again whole, as an article is, for an edit below its heading that makes no heading.
    leaf_division = top.kind == DIVISION and not was_heading and not is_heading and \
        not any(c.kind in (ARTICLE, DIVISION) for c in top.children)
    # A division's own words split by a new article heading: the lines after it are that article,
    # the division's first.
    head_split = top.kind == DIVISION and not was_heading and is_heading
    if (top.kind != ARTICLE and not leaf_division and not head_split) or first == 0 or \
            (info is not None and info.kind == "DIVISION") or \
            [classifier.shape(i) for i in range(start, index)] != shapes or \
            ((was_heading or is_heading) and classifier.has_explicit_articles() != classifier.explicit_articles) or \
            (not document.meta.get("language_forced") and _language_changed(parsed, old_raw, raw, text)):
        classifier.replace_line(index, old_raw)
        return None
    old = [parsed.heading_at(first)] + ([top] if parsed.heading_at(first) is not top else [])
    infos = [i for i in (classifier.classify(j) for j in range(first - 1, last)) if i is not None]
    settings = dict(forced=bool(document.meta.get("language_forced")),
                    language_dirs=tuple(document.meta.get("language_dirs", ())))
    if leaf_division:
        built = build_division(infos, len(lines), classifier.conv, classifier.language, **settings)
        changed = _changed_items(top, built)
        if changed is not None:
            # Only some of the items hung from it changed: those are replaced, the rest kept.
            old, new = changed
            parsed._put(old, new, min(old[0].start_line, new[0].start_line),
                        max(old[-1].end_line, new[-1].end_line))
            document.text = text
            return Rebuilt(old, new)
        new = [built]
        parsed._put(old, new, first, last)
        document.text = text
        return Rebuilt(old, new)
    if head_split:
        head_of = top
        cut = next(j for j, i in enumerate(infos) if i.line == index + 1)
        built = build_division(infos[:cut], len(lines), classifier.conv, classifier.language, **settings)
        built.add(build_article(infos[cut:], len(lines), classifier.conv, classifier.language, **settings))
        k = sum(1 for c in head_of.children if c.start_line <= last)
    elif head_of is not None:
        built = build_division(infos, len(lines), classifier.conv, classifier.language, **settings)
        k = _position(top) + 1
    if head_of is not None:
        if not built.children or not k:
            # Nothing stands as a provision of its own, before or after: no place to read from.
            classifier.replace_line(index, old_raw)
            return None
        before_node = Node(kind=DIVISION, start_line=head_of.start_line, end_line=head_of.end_line,
                           segments=list(head_of.segments), children=list(head_of.children))
        old = head_of.children[:k]
        parsed._put_head(head_of, built, k, first, last)
        document.text = text
        return Rebuilt(old, list(built.children), head_of, before_node)
    groups: list[list] = []
    for i in infos:
        if i.kind == "ARTICLE":
            groups.append([i])
        elif i.kind == "DIVISION" or not groups:  # pragma: no cover - the region opens on its heading
            classifier.replace_line(index, old_raw)
            return None
        else:
            groups[-1].append(i)
    new = [build_article(g, len(lines), classifier.conv, classifier.language, **settings) for g in groups]
    parsed._put(old, new, first, last)
    document.text = text
    return Rebuilt(old, new)


def join_division(parsed: ParsedText, index: int, raw: str, text: str) -> Rebuilt | None:
    """Put `raw` at 0-based line `index` of `parsed` (whose document text becomes `text`) when
    it was a division's heading and is one no longer: the heading's lines (its own words, its
    title line, the items hung from it) join what came before, as text of the last provision of
    its previous sibling (or of its parent's own words, if it was the first child), and what it
    held (articles, divisions below it) falls under the divisions open there, nested by rank
    as a fresh parse nests them. The previous sibling and the division are built again as one
    region. None, with `parsed` as it was, if the line becomes a heading of another kind, the
    division was the text's first, or its going changes the ranks of the divisions."""
    lines = parsed.classifier.lines
    gone = parsed.heading_at(index + 1) if index < len(lines) else None
    if gone is None or gone.kind != DIVISION or gone.parent is None:
        return None
    parent = gone.parent
    at = _position(gone)
    if at == 0 and parent.kind == DOCUMENT:
        return None  # its lines would join the text before the first heading
    edit = _HeadingEdit.of(parsed, index, raw, text)
    if edit is None:
        return None
    if edit.info is not None and edit.info.kind in ("ARTICLE", "DIVISION"):
        return edit.undo()
    ranks = _ranks(parsed, without=gone)
    if ranks is None:
        return edit.undo()
    if at > 0:
        return _rebuild_after(parsed, edit, parent.children[at - 1], gone, ranks) or \
            _rebuild_region(parsed, edit, parent, at - 1, at + 1, ranks)
    return _rebuild_head(parsed, edit, parent, 1, gone.end_line, ranks)


def split_division(parsed: ParsedText, index: int, raw: str, text: str) -> Rebuilt | None:
    """Put `raw` at 0-based line `index` of `parsed` (whose document text becomes `text`) when
    a line of text becomes a division's heading: the lines after it are the division's own
    words, and what follows (articles, divisions it outranks) falls under it, up to the next
    division of its rank or above, as a fresh parse nests them. The provision the line was in
    and what follows it up to there are built again as one region. None, with `parsed` as it
    was, if the line was a heading, came before the first one, or the new division changes the
    ranks of the divisions."""
    lines = parsed.classifier.lines
    region = parsed.region(index + 1) if index < len(lines) else None
    if region is None or region[0] == index + 1:
        return None
    top = parsed.heading_at(region[0])
    edit = _HeadingEdit.of(parsed, index, raw, text)
    if edit is None:
        return None
    if edit.info is None or edit.info.kind != "DIVISION":
        return edit.undo()
    key = edit.info.keyword.lower().rstrip(".")
    ranks = _ranks(parsed, adding=(index + 1, key))
    if ranks is None:
        return edit.undo()
    rank = ranks[key]
    # The divisions open at the line that the new one does not close: the innermost holds it.
    open_ = [n for n in (top, *top.ancestors()) if n.kind == DIVISION]
    parent = next((n for n in open_ if ranks[_rank_key(n)] < rank), parsed.document.root)
    if parent is top:
        # In the division's own words: those after the line are the new division's.
        following = parent.children
    else:
        child = next(n for n in (top, *top.ancestors()) if n.parent is parent)
        at = _position(child)
        following = parent.children[at + 1:]
    # What follows falls under the new division up to a division of its rank or above.
    taken = 0
    while taken < len(following) and (following[taken].kind != DIVISION or
                                      ranks[_rank_key(following[taken])] > rank):
        taken += 1
    if parent is top:
        last = max(index + 1, following[taken - 1].end_line if taken else parent.start_line,
                   *(s.line for s in parent.segments))
        return _rebuild_head(parsed, edit, parent, taken, last, ranks)
    if child is not top:
        return _split_below(parsed, edit, top, parent, at + 1 + taken, ranks) or \
            _rebuild_region(parsed, edit, parent, at, at + 1 + taken, ranks)
    return _rebuild_region(parsed, edit, parent, at, at + 1 + taken, ranks)


def _split_below(parsed: ParsedText, edit: _HeadingEdit, top: Node, parent: Node, stop: int,
                 ranks: dict[str, int]) -> Rebuilt | None:
    """A new division heading in `top`, below the divisions it closes, lands under `parent`:
    only `top` (its lines before the heading) and what follows it up to `parent`'s child
    `stop` are built again; the provisions before `top` stay as they are. None (`parsed`
    unchanged) if the region does not build that way."""
    holders = _holders(top)
    level = _index_of(parent, holders)
    # `top` and what follows it in its holder, then what follows the chain at each holder
    # above, then `parent`'s children the new division takes.
    spans = []
    for k in range(len(holders) - 1, level - 1, -1):
        below = holders[k + 1] if k + 1 < len(holders) else top
        at = _position(below) + (0 if below is top else 1)
        spans.append((at, stop if k == level else len(holders[k].children)))
    return _rebuild_levels(parsed, edit, top, holders, level, spans, ranks)


@dataclass
class _HeadingEdit:
    """An edited line put in the classifier, once the lines before it keep their tokens and
    the text its language and its reading of bare numbered headings; `undo` puts it back."""

    parsed: ParsedText
    index: int
    old_raw: str
    info: object
    text: str

    @classmethod
    def of(cls, parsed: ParsedText, index: int, raw: str, text: str) -> "_HeadingEdit | None":
        classifier = parsed.classifier
        document = parsed.document
        start = max(0, index - _LOOK_BACK)
        shapes = [classifier.shape(i) for i in range(start, index)]
        old_raw = classifier.lines[index]
        was_match = classifier.heading_match(index)
        classifier.replace_line(index, raw)
        edit = cls(parsed, index, old_raw, classifier.classify(index), text)
        if [classifier.shape(i) for i in range(start, index)] != shapes or \
                (classifier.heading_match(index) != was_match and
                 classifier.has_explicit_articles() != classifier.explicit_articles) or \
                (not document.meta.get("language_forced") and _language_changed(parsed, old_raw, raw, text)):
            return edit.undo()
        return edit

    def undo(self) -> None:
        self.parsed.classifier.replace_line(self.index, self.old_raw)
        return None


def _build(parsed: ParsedText, outside: Node, first: int, last: int, ranks: dict[str, int]) -> list[Node] | None:
    """The subtrees lines `first` to `last` (a region opening on a heading) build under
    `outside`, the divisions open before them stood in for; None if some would fall outside
    it, or words of its own would."""
    levels = _build_levels(parsed, outside, first, last, ranks)
    return None if levels is None or any(levels[:-1]) else levels[-1]


def _build_levels(parsed: ParsedText, outside: Node, first: int, last: int,
                  ranks: dict[str, int]) -> list[list[Node]] | None:
    """The subtrees lines `first` to `last` (a region opening on a heading) build under each
    of `outside` and its ancestors (the text's root first), the divisions open before them
    stood in for; None if words of their own would."""
    classifier = parsed.classifier
    document = parsed.document
    builder = TreeBuilder(len(classifier.lines), classifier.conv, classifier.language,
                          forced=bool(document.meta.get("language_forced")),
                          language_dirs=tuple(document.meta.get("language_dirs", ())))
    builder.ranks = dict(ranks)
    stand_ins = [builder.root]
    for division in [n for n in reversed([outside, *outside.ancestors()]) if n.kind == DIVISION]:
        stand_ins.append(stand_ins[-1].add(Node(kind=DIVISION, start_line=division.start_line,
                                                end_line=division.start_line)))
        builder.divisions.append((ranks[_rank_key(division)], stand_ins[-1]))
    holder = builder.container = stand_ins[-1]
    body: list = []
    for info in (classifier.classify(j) for j in range(first - 1, last)):
        if info is None:
            continue
        if info.kind in ("ARTICLE", "DIVISION"):
            if body:
                builder.body(body)
                body = []
            (builder.article if info.kind == "ARTICLE" else builder.division)(info)
        else:
            body.append(info)
    if body:
        builder.body(body)
    builder.finish()
    if any(s.segments for s in stand_ins):
        return None
    return [[c for c in s.children if c is not link] for s, link in zip(stand_ins, [*stand_ins[1:], None])]


def _rebuild_after(parsed: ParsedText, edit: _HeadingEdit, previous: Node, gone: Node,
                   ranks: dict[str, int]) -> Rebuilt | None:
    """`gone`'s heading went after `previous`, a division: only the provision its lines join
    (the last one of `previous`, as deep as its divisions go) is built again with `gone`'s
    lines; what `gone` held falls under the divisions open there, at whichever depth its
    rank puts it. None (`parsed` unchanged) if `previous` ends on words of its own."""
    opener = previous
    while opener.kind == DIVISION and opener.children and opener.children[-1].kind in (ARTICLE, DIVISION):
        opener = opener.children[-1]
    if opener is previous:
        return None
    holders = _holders(opener)
    level = _index_of(gone.parent, holders)
    # The opener is its holder's last child; what lands higher up follows the division it was
    # in (its holder's last child too), and `gone` gives way at the top.
    spans = [(len(holders[-1].children) - 1, len(holders[-1].children))]
    spans += [(len(holders[k].children),) * 2 for k in range(len(holders) - 2, level, -1)]
    at = _position(gone)
    spans.append((at, at + 1))
    return _rebuild_levels(parsed, edit, opener, holders, level, spans, ranks)


def _rebuild_levels(parsed: ParsedText, edit: _HeadingEdit, opener: Node, holders: list[Node], level: int,
                    spans: list[tuple[int, int]], ranks: dict[str, int]) -> Rebuilt | None:
    """A region that opens on `opener`'s heading and closes higher in the tree, built again:
    `holders` are the text's root and the divisions down to `opener`'s parent, `spans` the
    children each holder gives up (deepest first, up to `holders[level]`). None (`parsed`
    unchanged) if something would land above `holders[level]`, or nothing is built."""
    depths = range(len(holders) - 1, level - 1, -1)
    old = [c for k, (at, end) in zip(depths, spans) for c in holders[k].children[at:end]]
    first, last = opener.start_line, max(old[-1].end_line, edit.index + 1)
    levels = _build_levels(parsed, opener.parent, first, last, ranks)
    if levels is None or any(levels[:level]) or not levels[-1]:
        return None
    parsed._splice_chain([(holders[k], at, end - at, levels[k]) for k, (at, end) in zip(depths, spans)],
                         first, last)
    parsed.document.text = edit.text
    return Rebuilt(old, [n for k in depths for n in levels[k]])


def _holders(node: Node) -> list[Node]:
    """The text's root and the divisions down to `node`'s parent."""
    return list(reversed([node.parent, *node.parent.ancestors()]))


def _position(node: Node) -> int:
    """Where `node` stands among its parent's children."""
    return _index_of(node, node.parent.children)


def _index_of(node: Node, nodes: list[Node]) -> int:
    # By identity: nodes compare equal by value.
    return next(i for i, n in enumerate(nodes) if n is node)


def _rebuild_region(parsed: ParsedText, edit: _HeadingEdit, parent: Node, start: int, stop: int,
                    ranks: dict[str, int]) -> Rebuilt | None:
    """`parent`'s children `start` to `stop` (excluded) built again from their lines."""
    old = parent.children[start:stop]
    first, last = old[0].start_line, max(old[-1].end_line, edit.index + 1)
    built = _build(parsed, parent, first, last, ranks)
    if not built:
        return edit.undo()
    parsed._put(old, built, first, last)
    parsed.document.text = edit.text
    return Rebuilt(old, built)


def _rebuild_head(parsed: ParsedText, edit: _HeadingEdit, division: Node, count: int, last: int,
                  ranks: dict[str, int]) -> Rebuilt | None:
    """`division`'s own words and its first `count` children built again from their lines,
    from its heading to `last`."""
    first = division.start_line
    built = _build(parsed, division.parent, first, last, ranks)
    if built is None or len(built) != 1 or not built[0].children or not count:
        return edit.undo()
    before = Node(kind=DIVISION, start_line=division.start_line, end_line=division.end_line,
                  segments=list(division.segments), children=list(division.children))
    old = division.children[:count]
    parsed._put_head(division, built[0], count, first, last)
    parsed.document.text = edit.text
    return Rebuilt(old, list(built[0].children), division, before)


def _rank_key(division: Node) -> str:
    """The key `TreeBuilder._rank` files a division's keyword under."""
    return (division.style or "").rstrip(".")


def _ranks(parsed: ParsedText, without: Node | None = None,
           adding: tuple[int, str] | None = None) -> dict[str, int] | None:
    """The ranks of the divisions' keywords (by first appearance) once division `without` is
    no longer one, or a division with keyword `adding[1]` heads line `adding[0]`; None if that
    changes which of the keywords there were outranks which."""
    parsed._map()
    before: dict[str, int] = {}
    after: dict[str, int] = {}
    for line in parsed._heading_lines:
        if adding is not None and adding[0] < line:
            after.setdefault(adding[1], len(after))
            adding = None
        node = parsed._headings[line]
        if node.kind != DIVISION:
            continue
        key = _rank_key(node)
        before.setdefault(key, len(before))
        if node is not without:
            after.setdefault(key, len(after))
    if adding is not None:
        after.setdefault(adding[1], len(after))
    if [k for k in before if k in after] != [k for k in after if k in before]:
        return None
    return after


def _shape(node: Node) -> list[tuple]:
    """Everything a subtree is, as a fresh parse would make it."""
    return [(n.kind, n.number, n.label, n.title, n.style, n.start_line, n.end_line, n.citation_base,
             n.language, tuple(n.segments), len(n.children)) for n in node.walk()]


def _changed_items(division: Node, built: Node) -> tuple[list[Node], list[Node]] | None:
    """(old, new): the items hung from `division` that differ from those of `built` (the same
    division built again), between the runs of equal ones at both ends; None if the division's
    own words differ, or an item comes or goes between two of its lines (the items between
    its lines split its sentences: legislint.clauses.node_sentences), or no item is left on
    one side."""
    if (division.title, division.segments, division.end_line) != (built.title, built.segments, built.end_line):
        return None
    a, b = division.children, built.children
    if not a or not b or _gaps_with_items(division.segments, a) != _gaps_with_items(built.segments, b):
        return None
    i = 0
    while i < min(len(a), len(b)) and _shape(a[i]) == _shape(b[i]):
        i += 1
    j = 0
    while j < min(len(a), len(b)) - i and _shape(a[-1 - j]) == _shape(b[-1 - j]):
        j += 1
    old, new = a[i:len(a) - j], b[i:len(b) - j]
    return (old, new) if old and new else None


def _gaps_with_items(segments: list[Segment], items: list[Node]) -> list[bool]:
    """For each two lines of a division's own words in a row, whether an item starts between."""
    starts = sorted(c.start_line for c in items)
    return [bisect_right(starts, before.line) < len(starts) and starts[bisect_right(starts, before.line)] < after.line
            for before, after in zip(segments, segments[1:])]


def _unnumbered(shape: tuple) -> tuple:
    """A line's shape (`LineClassifier.shape`) but for its number."""
    return shape[:3] + shape[4:]


def _by_alinea(node: Node, classifier: LineClassifier) -> bool:
    """Whether `node` is in an article whose unnumbered paragraphs are units (alinéas)."""
    article = node.article()
    if article is None:
        return False
    return bool(classifier.conv.language(article.language or classifier.language).alinea_citation)


def _language_changed(parsed: ParsedText, old_line: str, new_line: str, text: str) -> bool:
    """Whether an edit of one line (`old_line` -> `new_line`) changes the language the whole
    text is read in (detected from the stop words of its start). Counting them again costs
    milliseconds: each word of a line moves a language's count by one at most, so while the
    words edited since the last count cannot close the margin it had, the answer stands."""
    document = parsed.document
    if document.text[:SAMPLE] == text[:SAMPLE]:
        return False
    # The words of both versions of the line, and those the shift moves across the sample's end.
    shift = abs(len(text) - len(document.text))
    moved = word_count(old_line) + word_count(new_line) + \
        word_count(text, max(0, SAMPLE - shift - 64), SAMPLE + shift + 64) + 2
    if parsed._language_margin is not None:
        margin, slack = parsed._language_margin
        if 2 * (slack + moved) < margin:
            parsed._language_margin = (margin, slack + moved)
            return False
    dirs = tuple(document.meta.get("language_dirs", ()))
    counts = scores(text, dirs)
    # Counted on the edited text, which may yet be given up: one edit away from either.
    parsed._language_margin = (language_margin(counts), moved)
    return language_of(counts) != document.meta.get("language")

