"""An edit inside one line, applied to the provision tree without parsing the text again.

Drafters type one character at a time; parsing a 300 KB treaty again after each takes longer than
the editor can wait. Most keystrokes fall in the middle of a sentence: the line keeps its token,
its label and the ends the tree builder looks at (`LineClassifier.shape`), so the new tree is the
old one with that line's segment holding the new words, or with a heading's new title. Anything
else (a new label, a blank line appearing or going, a line added or removed, a list item that now
ends in "or", a sentence that becomes a heading) is parsed again."""

from __future__ import annotations

from dataclasses import dataclass, field

from legislint.language import SAMPLE, detect_language
from legislint.model import ARTICLE, DIVISION, Document, Node, Segment
from legislint.parser import LineClassifier

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


@dataclass(frozen=True)
class Patch:
    """What an edit changed in the tree: the text of `node` ("text") or its heading's title
    ("title": articles' titles are read by no rule, divisions' titles are)."""

    node: Node
    what: str


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
    elif kind in ("ARTICLE", "DIVISION") and before[-1][4] is False and before[-1][5] is None:
        # A heading with a title and no text after it: only the title can change.
        place = parsed.heading_at(index + 1)
    else:
        return None
    if place is None:
        return None
    old_raw = lines[index]
    classifier.replace_line(index, raw)
    after = [classifier.shape(i) for i in range(first, index + 1)]
    if not _by_alinea(place if kind in ("ARTICLE", "DIVISION") else place[0], classifier):
        # The lines before keep their words, hence their ends: only the edited line's can differ.
        after[-1], before[-1] = after[-1][:-1], before[-1][:-1]
    document = parsed.document
    if after != before or (not document.meta.get("language_forced") and _language_changed(document, text)):
        classifier.replace_line(index, old_raw)
        return None
    info = classifier.classify(index)
    document.text = text
    if kind in ("ARTICLE", "DIVISION"):
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


def _by_alinea(node: Node, classifier: LineClassifier) -> bool:
    """Whether `node` is in an article whose unnumbered paragraphs are units (alinéas)."""
    article = node.article()
    if article is None:
        return False
    return bool(classifier.conv.language(article.language or classifier.language).alinea_citation)


def _language_changed(document: Document, text: str) -> bool:
    """Whether the edit changes the language the whole text is read in (detected from its start)."""
    if document.text[:SAMPLE] == text[:SAMPLE]:
        return False
    dirs = tuple(document.meta.get("language_dirs", ()))
    return detect_language(text, dirs) != document.meta.get("language")
