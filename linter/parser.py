"""Text -> provision tree.

Three steps, each linear in the number of lines:
1. `LineLexer` classifies every non-blank line (division heading, article heading, numbered item,
   capitals line, running text), after a first pass that decides how this document numbers its
   articles ("Article 7", "§ 2705.", or bare "12. Short title").
2. Lark (LALR, grammar/structure.lark) groups the tokens into blocks under headings.
3. `TreeBuilder` nests divisions by rank and items by their numbering sequence (legislint.numbering)
   and attaches running text to the provision it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from lark import Lark, Token
from lark.lexer import Lexer

from legislint.conventions import Conventions, load_conventions
from legislint.model import ALINEA, ARTICLE, DIVISION, DOCUMENT, ENUMERATED_KINDS, Document, Node, Segment
from legislint.numbering import Label, Level, place, read_label

# Markdown decoration that may wrap a heading or item: "## ", "**", "> ", "- " bullets are text.
_MD_PREFIX = re.compile(r"^(?:#{1,6}[ \t]+|>[ \t]*)?(?:\*\*|__)?")
#: The end of a bold label: "(1)**", "Section 21.**", followed by the text of the line.
_BOLD_LABEL_CLOSE = re.compile(r"([^*_\n]{1,30}?)(?:\*\*|__)(?=[ \t]+\S)")
_CAPS = re.compile(r"^[^a-zà-ÿ]*[A-ZÀ-Þ]{2}[^a-zà-ÿ]*$")
# "12. Short title" / "12 Persons who may apply" / "3. Title - Whoever ...": a bare numbered section.
_NUMBERED_TITLE = re.compile(
    r"^(?P<num>[0-9]{1,4}[A-Z]{0,2})(?P<dot>\.)?[ \t]+(?P<title>[A-Z“\"'‘][^\n]*?)"
    r"(?:[ \t]+(?:-{1,2}|–|—)[ \t]*(?P<body>.*))?$")
#: Line ends the tree builder tells apart (`TreeBuilder._starts_alinea`, `_ends_list_item`).
_SHAPED_ENDS = frozenset(".:;,-—–")
_SENTENCE_VERBS = ("shall", "must", "means", "is", "are", "was", "were", "has", "have")
_SENTENCE_VERB = re.compile(r"\b(?:" + "|".join(_SENTENCE_VERBS) + r"|may be)\b")
_MAX_TITLE_WORDS = 16


@dataclass(frozen=True)
class LineInfo:
    """What the lexer learned about one line, passed to the tree builder in the token."""

    kind: str                 # DIVISION, ARTICLE, ITEM, TEXT, CAPS
    line: int                 # 1-based
    column: int               # 1-based column where the content starts (after Markdown marks)
    text: str                 # content without Markdown decoration
    keyword: str | None = None
    number: str | None = None
    title: str | None = None
    body: str | None = None   # text after a heading on the same line ("3. Title - Whoever ...")
    body_column: int = 0
    label: Label | None = None

    def __str__(self) -> str:
        # Lark stores str(value) in each Token; the default dataclass repr would copy every field.
        return self.text


#: A verb that makes a numbered line a sentence rather than a long section title.
_FINITE_VERB = re.compile(r"\b(?:" + "|".join((*_SENTENCE_VERBS, "may", "will", "can", "does", "do", "applies",
                                                 "apply")) + r")\b", re.IGNORECASE)
_MAX_LONG_SECTION_WORDS = 30


def _long_section_title(title: str) -> bool:
    """"69. Power to issue directions for interception or monitoring or decryption of any
    information through any computer resource.": Indian and other Commonwealth section titles run
    past a short title's length. Still a title when nothing in it is a verb of a sentence (and
    subsection (1) follows it: `_opens_subsections`)."""
    words = title.split()
    return (len(words) <= _MAX_LONG_SECTION_WORDS and len(title) <= 240
            and not title.rstrip().endswith((";", ",", ":")) and not _FINITE_VERB.search(title))


#: "Title. — Body" / "Title.—(1) Body": a short title closed by a full stop and a dash, and the
#: section's text on the same line (Philippine and Indian statutes).
_DASHED_TITLE = re.compile(r"(?P<title>[^.\n]{1,140}?)\.[ \t]*(?:—|–|--)[ \t]*(?=\S)")


def _dash_split(title: str) -> tuple[str, str, int] | None:
    """(title, body, offset of the body in `title`) of a dashed heading line, else None."""
    m = _DASHED_TITLE.match(title)
    if m is None or not _title_like(m.group("title")) or _SENTENCE_VERB.search(m.group("title")):
        return None
    return m.group("title").strip(), title[m.end():].strip(), m.end()


#: "50. (1) A police officer may ...": a section number and its first subsection on one line
#: (Kenyan, Ugandan and Nigerian statute books, whose section titles stand in the margin).
_SECTION_WITH_SUBSECTION = re.compile(r"(?P<num>[0-9]{1,4}[A-Z]{0,2})\.[ \t]+(?=\(1\)[ \t]+\S)")


def _opens_subsections(line: str | None) -> bool:
    """Whether `line` is the first subsection of a section ("(1) Where the Central Government
    ..."): what follows a long section title, and not the next item of a numbered list."""
    label = read_label(line) if line else None
    return label is not None and label.text == "(1)"


def _title_like(title: str) -> bool:
    words = title.split()
    if not words or len(words) > _MAX_TITLE_WORDS or len(title) > 140:
        return False
    if title.rstrip().endswith((";", ",", ":")):
        return False
    return True


def _strip_markdown(raw: str) -> tuple[str, int]:
    stripped = raw.lstrip()
    column = len(raw) - len(stripped) + 1
    m = _MD_PREFIX.match(stripped)
    if m and m.end():
        column += m.end()
        stripped = stripped[m.end():]
        if m.group(0).endswith(("**", "__")):
            # "**(1)** The officer ..." / "**Section 21.** Title": the bold closes after the label.
            # Blanked, not removed, so that columns in the text stay those of the line.
            close = _BOLD_LABEL_CLOSE.match(stripped)
            if close:
                stripped = stripped[:close.end(1)] + "  " + stripped[close.end(1) + 2:]
    return stripped[:_markdown_tail(stripped)].rstrip(), column


def _markdown_tail(text: str) -> int:
    r"""Where closing Markdown marks begin: "**", "__", " ##" and blanks at the end of a line.

    The same as searching r"(?:\*\*|__)?[ \t]*#*[ \t]*$", scanned from the right: the regex
    search tries every offset, which made this the slowest step of reading a line.
    """
    q = len(text)
    while q and text[q - 1] in " \t":
        q -= 1
    while q and text[q - 1] == "#":
        q -= 1
    while q and text[q - 1] in " \t":
        q -= 1
    if q >= 2 and text[q - 2:q] in ("**", "__"):
        q -= 2
    return q


class LineClassifier:
    """Classifies lines; one instance per document, after `detect_style`."""

    def __init__(self, lines: list[str], conventions: Conventions | None = None, language: str = "en"):
        self.conv = conventions or load_conventions()
        self.language = language
        self.lines = lines
        self.prepared = [_strip_markdown(raw) for raw in lines]
        self.article_initials = {kw[0] for kw in self.conv.article_keywords} | \
            {kw[0].swapcase() for kw in self.conv.article_keywords} | {"§"}
        self.explicit_articles = self.has_explicit_articles()

    def replace_line(self, index: int, raw: str) -> None:
        """Put an edited line in place (the list is the document's own `lines`)."""
        self.lines[index] = raw
        self.prepared[index] = _strip_markdown(raw)

    def shape(self, index: int) -> tuple | None:
        """Everything the lexer, Lark and `TreeBuilder` read of a line except the words in its
        middle: its token and label, the start and end of its text (list items ending in ";" or
        "or", headings read as articles), and last the ends that only articles cited by alinéa
        read (a paragraph starting in capitals after a full stop). Two versions of a line with
        one shape build the same tree; only the line's segment text differs."""
        info = self.classify(index)
        if info is None:
            return None
        text = self.prepared[index][0]
        tail = text.rstrip()
        label = info.label
        content_start = None
        if label is not None:
            rest = info.text[label.end:]
            content_start = (label.text, label.number, label.end, label.readings,
                             len(rest) - len(rest.lstrip()), bool(rest.strip()))
        heading = bool(text[:1].isalpha() or text[:1] == "§") and self._article_match(text) is not None
        end = tail[-1:] if tail[-1:] in _SHAPED_ENDS else ""
        return (info.kind, info.column, info.keyword, info.number, info.title is None, info.body,
                info.body_column, content_start, heading,
                tuple(_ends_list_item(tail, c) for c in self._conjunction_sets()),
                # Last: what only articles cited by alinéa read (`TreeBuilder._starts_alinea`).
                (text[:1].isupper(), end))

    def _conjunction_sets(self) -> list[tuple[str, ...]]:
        got = getattr(self, "_conjunctions", None)
        if got is None:
            got = self._conjunctions = sorted({tuple(self.conv.language(code).conjunctions)
                                               for code in self.conv.languages})
        return got

    def _foreign_only(self, keyword: str) -> bool:
        """A keyword no English-style convention uses ("Chapitre", "Capítulo"): its headings may
        carry long titles and the text of the article on the same line."""
        langs = self.conv.languages_of_keyword(keyword)
        return bool(langs) and all(self.conv.language(lang).body_on_heading_line for lang in langs)

    def _article_match(self, text: str):
        m = self.conv.article_re.match(text)
        if not m:
            return None
        kw = m.group("kw")
        title = (m.group("title") or m.group("bare") or "").strip()
        rest = m.group("rest") or ""
        # "Article 15 of the Convention shall apply" is a sentence, not a heading.
        if m.group("bare") is None and rest.strip() and m.group("title") is None:
            return None
        dashed = _dash_split(title) if title else None
        if dashed is not None:
            title = dashed[0]   # "Real-Time Collection of Traffic Data. — Law enforcement ..."
        if title and (title[0].islower() or not _title_like(title)):
            # A long sentence after the number: "Section 3 applies to ...".
            if not title[0].isupper() or (_SENTENCE_VERB.search(title) and not self._foreign_only(kw)):
                return None
        if kw.startswith("§"):
            return m
        lc, is_division, is_article = self.conv.reading(kw, self.language)
        if not is_article:
            return None  # "Section 3 : Des perquisitions" in French is a division heading
        if kw.lower() in lc.uppercase_only_divisions and kw.isupper():
            return None  # "SECTION 1 – ..." in capitals is a division heading
        return m

    def has_explicit_articles(self) -> bool:
        """Whether a line is an article heading with its keyword ("Article 7", "§ 2705"): then
        bare "12. Title" lines are not read as headings."""
        return any(self._explicit_heading(text) for text, _ in self.prepared)

    def heading_match(self, index: int) -> bool:
        """Whether line `index` counts for `has_explicit_articles`."""
        return self._explicit_heading(self.prepared[index][0])

    def _explicit_heading(self, text: str) -> bool:
        return bool(text and text[0] in self.article_initials and self._article_match(text))

    def classify(self, index: int) -> LineInfo | None:
        text, column = self.prepared[index]
        if not text:
            return None
        line = index + 1
        conv = self.conv
        first = text[0]
        # Headings start with a letter or a section sign; items with "(", a digit or a letter.
        if first.isalpha() or first == "§":
            dm = conv.division_re.match(text)
            if dm and dm.group("title2") is not None and not _ordinal_number(dm.group("num")):
                dm = None  # "Part 2 Offences": a title without a separator only after "3º", "1.ª"
            if dm:
                kw = dm.group("kw")
                lc, is_division, _ = conv.reading(kw, self.language)
                if is_division and not (kw.lower() in lc.uppercase_only_divisions and not kw.isupper()):
                    title = (dm.group("title") or dm.group("title2") or "").strip() or None
                    if title is None or _title_like(title) or title.isupper() or (
                            self._foreign_only(kw) and _long_title_like(title)):
                        return LineInfo("DIVISION", line, column, text, keyword=kw,
                                        number=dm.group("num").strip(), title=title)
            am = self._article_match(text)
            if am:
                title = (am.group("title") or am.group("bare") or "").strip() or None
                body, body_column = None, 0
                dashed = _dash_split(title) if title else None
                if dashed is not None:
                    title, body, offset = dashed
                    body_column = column + (am.start("title") if am.group("title") is not None
                                            else am.start("bare")) + offset
                elif title and self._foreign_only(am.group("kw")):
                    rest = am.group("rest") or ""
                    separator = rest[:rest.find(title)] if title in rest else rest
                    title, body, offset = _split_heading(title, separator.strip())
                    if body is not None:
                        body_column = column + (am.start("title") if am.group("title") is not None
                                                else am.start("bare")) + offset
                return LineInfo("ARTICLE", line, column, text, keyword=am.group("kw"),
                                number=am.group("num").strip(), title=title, body=body,
                                body_column=body_column)
        if not self.explicit_articles and first.isdigit():
            info = self._numbered_section(text, line, column, index)
            if info is not None:
                return info
        label = read_label(text)
        if label is not None:
            return LineInfo("ITEM", line, column, text, label=label)
        if _CAPS.match(text) and len(text) <= 160:
            return LineInfo("CAPS", line, column, text)
        return LineInfo("TEXT", line, column, text)

    def _numbered_section(self, text: str, line: int, column: int, index: int) -> LineInfo | None:
        m = _NUMBERED_TITLE.match(text)
        if not m:
            opening = _SECTION_WITH_SUBSECTION.match(text)
            if opening is None:
                return None
            # "50. (1) A police officer may ...": the section opens with its subsection (1).
            return LineInfo("ARTICLE", line, column, text, keyword=None, number=opening.group("num"),
                            title=None, body=text[opening.end():], body_column=column + opening.end())
        title = m.group("title").strip()
        body = m.group("body")
        if body is not None and not body.strip():
            body = None
        body_column = column + m.start("body") if body is not None else 0
        dashed = _dash_split(title) if body is None and m.group("dot") else None
        if dashed is not None:
            # "66. Computer related offences.—If any person ...": the text goes on after the dash.
            title, body, offset = dashed
            body_column = column + m.start("title") + offset
        if not _title_like(title) and not (m.group("dot") and body is None and _long_section_title(title)
                                           and _opens_subsections(self._next_content(index))):
            return None
        if body is None and _SENTENCE_VERB.search(title) and len(title.split()) > 8:
            return None
        if m.group("dot") is None and (body is not None or title.endswith(".")):
            return None
        # A heading is followed by its body; a short numbered sentence is followed by a sibling.
        nxt = self._next_content(index)
        if body is None and nxt is not None and _NUMBERED_TITLE.match(nxt) and \
                read_label(nxt) is not None and not _title_like(nxt.split(None, 1)[-1]):
            return None
        return LineInfo("ARTICLE", line, column, text, keyword=None, number=m.group("num"),
                        title=title.rstrip(" .-–—") or None, body=body, body_column=body_column)

    def _next_content(self, index: int) -> str | None:
        for j in range(index + 1, min(index + 6, len(self.prepared))):
            if self.prepared[j][0]:
                return self.prepared[j][0]
        return None


_ORDINAL_NUMBER = re.compile(r"[ºª°]|\b(?:bis|ter|quater|quáter|quinquies|sexies)\b", re.IGNORECASE)
#: "Title. Body": the first sentence end after a short title.
_TITLE_END = re.compile(r"[.:](?:[ \t]*[-–—])?[ \t]+(?=[^\W\d_]|[“\"«(¿¡])")
_MAX_LONG_TITLE_WORDS = 60


def _ordinal_number(number: str) -> bool:
    return bool(_ORDINAL_NUMBER.search(number))


def _long_title_like(title: str) -> bool:
    """Division headings of civil-law codes run long ("CAPÍTULO IV. Disposiciones comunes a la
    interceptación de las comunicaciones ..."): a title still, if it is not a sentence."""
    return len(title.split()) <= _MAX_LONG_TITLE_WORDS and not title.rstrip().endswith((";", ","))


def _split_heading(rest: str, separator: str = "") -> tuple[str | None, str | None, int]:
    """"Incautación de objetos. Los objetos ... serán incautados" -> (title, body, body offset).

    A heading line that goes on with the article's text: the title is its first sentence if that
    is short; a long first sentence is text, and the article has no title. After a bare full stop
    ("Artículo 217. Ejecución de una orden europea ... cuentas financieras.") a single sentence is
    the title however long: BOE style puts the text on the next line."""
    single = not _TITLE_END.search(rest.rstrip(" ."))
    if single and (_title_like(rest) or (separator == "." and _long_title_like(rest))):
        return rest.rstrip(" .") or None, None, 0
    m = _TITLE_END.search(rest)
    if m and _title_like(rest[:m.start()]):
        return rest[:m.start()].strip() or None, rest[m.end():].strip() or None, m.end()
    return None, rest.strip(), 0


class LineLexer(Lexer):
    """Feeds pre-classified lines to Lark: the parser's input is a list of LineInfo."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark's custom-lexer protocol
        pass

    def lex(self, data):  # type: ignore[override]
        for info in data:
            yield Token(info.kind, info, line=info.line, column=info.column)


@lru_cache(maxsize=1)
def _lark() -> Lark:
    grammar = resources.files("legislint.grammar").joinpath("structure.lark").read_text("utf-8")
    return Lark(grammar, parser="lalr", lexer=LineLexer, start="start")


def tokenize(text: str, conventions: Conventions | None = None,
             language: str = "en") -> tuple[list[str], list[LineInfo]]:
    lines, infos, _ = _classify_all(text, conventions, language)
    return lines, infos


def _classify_all(text: str, conventions: Conventions | None,
                  language: str) -> tuple[list[str], list[LineInfo], LineClassifier]:
    lines = text.split("\n")
    classifier = LineClassifier(lines, conventions, language)
    infos = []
    for i in range(len(lines)):
        info = classifier.classify(i)
        if info is not None:
            infos.append(info)
    return lines, infos, classifier


def parse(text: str, path: str = "<text>", language: str | None = None,
          language_dirs: tuple[str, ...] = ()) -> Document:
    """`language` overrides the detected language of the whole text (`--lang`); `language_dirs`
    are folders of extra languages (conventions, stop words)."""
    return parse_keeping_lines(text, path, language, language_dirs)[0]


def parse_keeping_lines(text: str, path: str = "<text>", language: str | None = None,
                        language_dirs: tuple[str, ...] = ()) -> tuple[Document, LineClassifier]:
    """`parse`, also returning the line classifier, which `legislint.reparse` keeps to patch
    the tree after an edit instead of parsing the whole text again."""
    from legislint.language import detect_language

    language_dirs = tuple(language_dirs)
    conventions = load_conventions(language_dirs)
    document_language = language or detect_language(text, language_dirs)
    lines, infos, classifier = _classify_all(text, conventions, document_language)
    tree = _lark().parse(infos)
    builder = TreeBuilder(len(lines), conventions, document_language, forced=language is not None,
                          language_dirs=language_dirs)
    for child in tree.children:
        if child.data == "body":
            builder.body(child.children)
        else:
            head = child.children[0].value
            if child.data == "division":
                builder.division(head)
            else:
                builder.article(head)
            builder.body(child.children[1].children)
    root = builder.finish()
    document = Document(path=path, text=text, root=root, lines=lines,
                        meta={"article_style": "explicit" if _explicit(infos) else "numbered",
                              "language": document_language, "language_dirs": language_dirs,
                              "language_forced": language is not None})
    return document, classifier


def build_article(infos: list[LineInfo], line_count: int, conventions: Conventions, language: str,
                  forced: bool = False, language_dirs: tuple[str, ...] = ()) -> Node:
    """One article's subtree from its heading line and the lines up to the next heading, as
    `parse` builds it: an article's tree depends on its own lines only (the tree builder starts
    afresh at each heading), so legislint.reparse rebuilds one article after an edit in it. The
    article's parent is a stand-in root; the caller puts it in place."""
    builder = TreeBuilder(line_count, conventions, language, forced=forced, language_dirs=language_dirs)
    builder.article(infos[0])
    builder.body(infos[1:])
    root = builder.finish()
    return root.children[0]


def build_division(infos: list[LineInfo], line_count: int, conventions: Conventions, language: str,
                   forced: bool = False, language_dirs: tuple[str, ...] = ()) -> Node:
    """A division's subtree from its heading line and its own lines (its title line, its text,
    the items hung from it), when no article or division follows within it: the tree builder
    starts afresh at the heading, and a division reads no line before it. The division's parent
    is a stand-in root; the caller puts it in place."""
    builder = TreeBuilder(line_count, conventions, language, forced=forced, language_dirs=language_dirs)
    builder.division(infos[0])
    builder.body(infos[1:])
    root = builder.finish()
    return root.children[0]


def _disambiguate(label: Label, following: Label | None) -> Label:
    """"(i)" is a letter or a numeral: the next label tells ("(ii)" or "(j)")."""
    if len(label.readings) < 2 or following is None:
        return label
    for reading in label.readings:
        if any(r.style == reading.style and r.value == reading.value + 1 for r in following.readings):
            others = tuple(r for r in label.readings if r is not reading)
            return replace(label, readings=(reading,) + others)
    return label


_LIST_ITEM_END = re.compile(r"(?:[,;]|--|—|\b(?:or|and))\s*$")
_LIST_ITEM_ENDS: dict[tuple[str, ...], re.Pattern] = {}


def _ends_list_item(text: str, conjunctions: tuple[str, ...] = ("and", "or")) -> bool:
    """"(a) ...;", "(b) ..., or", "a) ..., y": a list item the next one continues."""
    pattern = _LIST_ITEM_ENDS.get(conjunctions)
    if pattern is None:
        words = "|".join(re.escape(w) for w in conjunctions)
        pattern = _LIST_ITEM_ENDS[conjunctions] = re.compile(rf"(?:[,;]|--|—|\b(?:{words}))\s*$")
    return bool(pattern.search(text))


def _explicit(infos: list[LineInfo]) -> bool:
    return any(i.kind == "ARTICLE" and i.keyword for i in infos)


def division_keyword(info: LineInfo) -> str:
    """A division heading's keyword as its label writes it ("CHAPTER", "Chapter")."""
    return info.keyword.upper() if info.keyword.isupper() else info.keyword.capitalize()


class TreeBuilder:
    """Builds the Node tree from the grouped tokens."""

    def __init__(self, line_count: int, conventions: Conventions | None = None,
                 language: str = "en", forced: bool = False, language_dirs: tuple[str, ...] = ()):
        self.conv = conventions or load_conventions()
        self.language = language
        self.forced = forced
        self.language_dirs = language_dirs
        self.root = Node(kind=DOCUMENT, start_line=1, end_line=max(1, line_count), label="Document")
        # Alinéas: unnumbered paragraphs of the current article, in languages that cite them.
        self.article_node: Node | None = None
        self.alinea_citation: str | None = None
        self.alineas = 0
        self.prev_line = 0
        self.prev_text = ""
        self.divisions: list[tuple[int, Node]] = []   # (rank, node), outermost first
        self.container: Node = self.root              # article or division receiving items
        self.levels: list[Level] = []
        self.pending_division_title: Node | None = None
        self.ranks: dict[str, int] = {}
        self.next_label: Label | None = None

    # ------------------------------------------------------------------ headings
    def _rank(self, keyword: str) -> int:
        # Documents order their divisions differently (Budapest: Chapter > Section > Title; the
        # US Code: Title > Chapter), so the first appearance of a keyword sets its rank.
        key = keyword.lower().rstrip(".")
        if key not in self.ranks:
            self.ranks[key] = len(self.ranks)
        return self.ranks[key]

    def division(self, info: LineInfo) -> None:
        rank = self._rank(info.keyword or "")
        while self.divisions and self.divisions[-1][0] >= rank:
            self.divisions.pop()
        parent = self.divisions[-1][1] if self.divisions else self.root
        keyword = division_keyword(info)
        node = parent.add(Node(kind=DIVISION, number=info.number, label=f"{keyword} {info.number}",
                               title=info.title, style=keyword.lower(), start_line=info.line,
                               end_line=info.line))
        self.divisions.append((rank, node))
        self.container = node
        self.levels = []
        self.pending_division_title = node if info.title is None else None
        self.article_node = None
        self.alinea_citation = None

    def article(self, info: LineInfo) -> None:
        parent = self.divisions[-1][1] if self.divisions else self.root
        kw = info.keyword
        if kw is None:
            base = f"s.{info.number}"
            style = "section"
        elif kw.startswith("§"):
            base = f"§ {info.number}"
            style = "§"
        else:
            word = kw.capitalize() if kw.isupper() else kw
            base = f"{word} {info.number}"
            style = word.lower().rstrip(".")
        node = parent.add(Node(kind=ARTICLE, number=info.number, label=base, title=info.title,
                               style=style, start_line=info.line, end_line=info.line,
                               citation_base=base))
        node.language = self._heading_language(kw)
        self.article_node = node
        self.alinea_citation = self.conv.language(node.language).alinea_citation
        self.alineas = 0
        self.container = node
        self.levels = []
        self.pending_division_title = None
        if info.body:
            if self.alinea_citation:
                self._new_alinea(info.line)
            self.container.segments.append(Segment(info.line, info.body_column, info.body))
            self.prev_text = info.body
        self.prev_line = info.line

    def _heading_language(self, keyword: str | None) -> str:
        if self.forced or keyword is None or keyword.startswith("§"):
            return self.language
        candidates = self.conv.languages_of_keyword(keyword)
        if len(candidates) == 1:
            return candidates[0]
        # A keyword several languages share ("Article"): the document's language decides here;
        # legislint.language may refine it from the article's own words.
        return self.language if self.language in candidates or not candidates else candidates[0]

    def _new_alinea(self, line: int) -> Node:
        art = self.article_node
        self.alineas += 1
        n = self.alineas
        citation = self.alinea_citation.format(article=art.citation_base or art.label or "", n=n)
        label = self.alinea_citation.replace("{article}", "").lstrip(" ,").format(n=n)
        node = art.add(Node(kind=ALINEA, number=str(n), label=label, start_line=line,
                            end_line=line, citation_base=citation, style="alinea"))
        self.container = node
        self.levels = []
        return node

    # ------------------------------------------------------------------ bodies
    def body(self, infos) -> None:
        infos = [i.value if isinstance(i, Token) else i for i in infos]
        items = [i for i in infos if i.kind == "ITEM"]
        following = {id(a): b for a, b in zip(items, items[1:])}
        for info in infos:
            if info.kind == "ITEM":
                self.next_label = following[id(info)].label if id(info) in following else None
            blank_before = info.line > self.prev_line + 1
            self.prev_line = info.line
            if self.pending_division_title is not None:
                node = self.pending_division_title
                self.pending_division_title = None
                if info.kind == "CAPS":
                    node.title = info.text
                    node.end_line = info.line
                    continue
            if info.kind == "ITEM":
                self.item(info)
            elif self.alinea_citation and self.article_node is not None and \
                    self._starts_alinea(info, blank_before):
                self._new_alinea(info.line).segments.append(Segment(info.line, info.column, info.text))
            else:
                self.text(info)
            self.prev_text = info.text

    def _starts_alinea(self, info: LineInfo, blank_before: bool) -> bool:
        """Whether running text opens a new alinéa of the current article: a paragraph of its own
        (after a blank line, or after a finished sentence), not inside a numbered paragraph, and
        not the continuation of a list item."""
        if self.levels:
            # A list hanging from an alinéa ("requérir toute personne susceptible : 1° ...; 2° ...")
            # ends with its last item; the text after it is the next alinéa. Numbered paragraphs
            # of the article itself ("1.", "2.") keep their own further paragraphs.
            top = self.levels[0].node
            last = self.levels[-1].node
            if top.parent is None or top.parent.kind != ALINEA:
                return False
            if not (blank_before and last.text.rstrip().endswith(".")):
                return False
            self.levels = []
            return True
        if self.container is self.article_node:
            return True
        finished = self.prev_text.rstrip().endswith((".", ":", ";"))
        return blank_before or (finished and info.text[:1].isupper())

    def item(self, info: LineInfo) -> None:
        label = _disambiguate(info.label, self.next_label)
        depth, reading = place(self.levels, label)
        del self.levels[depth:]
        parent = self.levels[-1].node if self.levels else self.container
        kind_depth = len(self.levels)
        kind = ENUMERATED_KINDS[min(kind_depth, len(ENUMERATED_KINDS) - 1)]
        node = parent.add(Node(kind=kind, number=label.number, label=label.text,
                               style=reading.style, start_line=info.line, end_line=info.line))
        rest = info.text[label.end:]
        content = rest.lstrip()
        if content:
            node.segments.append(Segment(info.line, info.column + label.end + len(rest) - len(content),
                                         content))
        self.levels.append(Level(reading.style, reading.value, node))

    def text(self, info: LineInfo) -> None:
        owner = self.container
        if self.levels:
            last = self.levels[-1].node
            language = self.article_node.language if self.article_node is not None else self.language
            if _ends_list_item(last.text, self.conv.language(language).conjunctions):
                # "(b) any interference ...," then "with intent to procure ..., shall commit an
                # offence": running text after a list item that ends like one continues the
                # provision that owns the list.
                self.levels.pop()
                owner = self.levels[-1].node if self.levels else self.container
            else:
                # "(b) Preclusion of Notice." then its text: a heading item's body, or a second
                # paragraph of the same item.
                owner = last
        owner.segments.append(Segment(info.line, info.column, info.text))

    # ------------------------------------------------------------------ spans
    def finish(self) -> Node:
        _single_alineas(self.root)
        _close_spans(self.root)
        return self.root


def _single_alineas(root: Node) -> None:
    """An article of one paragraph is cited as the article itself ("Article 230-5"), not as its
    first alinéa: its only alinéa gives its text and items back to the article."""
    for art in [n for n in root.walk() if n.kind == ARTICLE]:
        alineas = [c for c in art.children if c.kind == ALINEA]
        if len(alineas) != 1 or len(art.children) != 1:
            continue
        only = alineas[0]
        art.children = []
        art.segments.extend(only.segments)
        for child in only.children:
            art.add(child)


def _close_spans(root: Node) -> None:
    """end_line of each node = last line of its own text or of its last descendant."""
    def visit(node: Node) -> int:
        end = node.start_line
        if node.segments:
            end = max(end, node.segments[-1].line)
        for child in node.children:
            end = max(end, visit(child))
        if node.kind != DOCUMENT:
            node.end_line = end
        return end
    import sys
    limit = sys.getrecursionlimit()
    # Depth is bounded by the numbering styles in use, but be safe on pathological input.
    sys.setrecursionlimit(max(limit, 20000))
    try:
        visit(root)
    finally:
        sys.setrecursionlimit(limit)
