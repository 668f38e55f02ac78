"""Akoma Ntoso / LegalDocML XML: the provision tree is taken from the XML, not re-parsed.

Hierarchical elements become nodes: containers above the article level (book, part, title,
chapter, section, ...) are divisions; `article` is the article level (or `section`, in documents
that have no `article`, as the US Code does); numbered units inside an article (paragraph,
subparagraph, point, clause, indent, ...) are enumerated units whose kind follows their depth, as
the text parser assigns it. Unnumbered units are transparent: their text belongs to the enclosing
node. `num`, `heading`, `intro`, `content` and `wrapUp` give labels, titles and text.

The reader also writes the canonical plain layout ("Article 29 – Title", "1. ...", "(a) ...",
blank lines between) so that every node's lines and segments refer to `Source.text`. Each line's
origin is "eId <eId>" of the nearest element that has one.

Parsing is hardened: a document type declaration is refused outright (no entity expansion, no
external entities), and lxml runs with no network access, no DTD loading, no entity resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from legislint.errors import InputError
from legislint.model import ARTICLE, DIVISION, DOCUMENT, ENUMERATED_KINDS, Document, Node, Segment
from legislint.readers import limits
from legislint.source import Source

#: Hierarchical elements of Akoma Ntoso 3.0 (and 2.0) that may hold numbered provisions.
HIERARCHY = frozenset({
    "book", "tome", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "division",
    "subdivision", "section", "subsection", "article", "paragraph", "subparagraph", "clause",
    "subclause", "point", "indent", "alinea", "list", "rule", "subrule", "proviso", "level",
    "transitional", "hcontainer", "blockList", "item", "crossHeading",
})
ABOVE_ARTICLE = frozenset({"book", "tome", "part", "subpart", "title", "subtitle", "chapter",
                           "subchapter", "division", "subdivision"})
TEXT_BLOCKS = frozenset({"intro", "content", "wrapUp", "listIntroduction", "listWrapUp"})
SKIP_INLINE = frozenset({"authorialNote", "noteRef", "remark", "meta", "componentRef"})
DOC_TYPES = frozenset({"act", "bill", "doc", "statement", "amendment", "amendmentList",
                       "documentCollection", "officialGazette", "judgment", "portion",
                       "debate", "debateReport"})

_WS = re.compile(r"[ \t\r\n\f\v]+")
_KEYWORD_NUM = re.compile(r"^(?P<kw>[^\W\d_][\w.]*|§)\s*(?P<num>\S.*)$")


def _local(el) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _eid(el) -> str | None:
    return el.get("eId") or el.get("id") or el.get("wId")


def inline_text(el) -> str:
    """Text of an inline container: notes skipped, `eol` as a space (or nothing mid-word)."""
    out: list[str] = []

    def walk(node):
        if node.text:
            out.append(node.text)
        for child in node:
            name = _local(child)
            if name and name not in SKIP_INLINE:
                if name in ("eol", "eop"):
                    out.append("" if child.get("breakAt") else " ")
                else:
                    walk(child)
            if child.tail:
                out.append(child.tail)

    walk(el)
    return _WS.sub(" ", "".join(out)).strip()


@dataclass
class _Line:
    text: str
    origin: str | None
    node: Node | None = None        # node this line's text belongs to (None: heading only)
    column: int = 1                 # where the node's own text starts on the line
    heading_of: Node | None = None  # node whose heading/label line this is


@dataclass
class _Builder:
    name: str
    article_tag: str | None
    lines: list[_Line] = field(default_factory=list)
    list_cache: dict[int, dict] = field(default_factory=dict)

    # ------------------------------------------------------------------ text blocks
    def paragraphs(self, block) -> list[tuple[str, str | None]]:
        """(text, eId) for each paragraph (<p>, list item, ...) of an intro/content/wrapUp."""
        out = self.paragraphs_of(block)
        if not out and (block.text or "").strip() or not out and len(block):
            out = [(inline_text(block), _eid(block))]
        return [(text, eid) for text, eid in out if text]

    @staticmethod
    def paragraphs_of(elements) -> list[tuple[str, str | None]]:
        return [(inline_text(el), _eid(el)) for el in _leaf_blocks(elements)]

    def add_text(self, node: Node, block, fallback: str | None) -> None:
        for text, eid in self.paragraphs(block):
            self.lines.append(_Line(text, f"eId {eid or fallback}" if (eid or fallback) else None,
                                    node=node))

    def _list_readings(self, container) -> dict:
        """Numbering style of each numbered unit among its XML siblings (one list): the style all
        siblings can be read in, the one whose values run most consecutively ("(h)", "(i)",
        "(j)" are letters; "(i)", "(ii)" numerals); per item when the siblings share none."""
        from legislint.numbering import read_label

        key = id(container)
        if key in self.list_cache:
            return self.list_cache[key]
        items = []
        for child in container:
            if _local(child) in HIERARCHY:
                num_el = next((c for c in child if _local(c) == "num"), None)
                label = read_label(inline_text(num_el) + " ") if num_el is not None else None
                if label is not None:
                    items.append((child, label))
        result: dict = {}
        common = None
        for _, label in items:
            styles = {r.style for r in label.readings}
            common = styles if common is None else common & styles
        if common:
            def run_score(style: str) -> int:
                values = [next(r.value for r in lb.readings if r.style == style) for _, lb in items]
                return sum(b == a + 1 for a, b in zip(values, values[1:])) + (values[0] == 1)
            order = {r.style: i for i, r in enumerate(items[0][1].readings)}
            best = max(sorted(common, key=lambda st: order.get(st, 99)), key=run_score)
            for child, label in items:
                result[id(child)] = next((r.style, r.value) for r in label.readings if r.style == best)
        else:
            prev = None
            for child, label in items:
                reading = None
                if prev is not None:
                    reading = next((r for r in label.readings
                                    if r.style == prev[0] and r.value == prev[1] + 1), None)
                reading = reading or label.readings[0]
                prev = result[id(child)] = (reading.style, reading.value)
        self.list_cache[key] = result
        return result

    # ------------------------------------------------------------------ hierarchy
    def unit(self, el, parent: Node, depth: int, inside_article: bool, origin: str | None) -> None:
        name = _local(el)
        eid = _eid(el) or origin
        num_el = next((c for c in el if _local(c) == "num"), None)
        head_el = next((c for c in el if _local(c) == "heading"), None)
        num = inline_text(num_el) if num_el is not None else ""
        heading = inline_text(head_el) if head_el is not None else ""
        node: Node | None = None
        if name == "article" or (name == self.article_tag and not inside_article):
            node = self._article(el, num, heading, eid)
            child_depth, child_inside = 0, True
        elif not inside_article and (name in ABOVE_ARTICLE or
                                     (name in ("section", "hcontainer", "crossHeading")
                                      and self._contains_articles(el))):
            if num or heading:
                node = self._division(name, num, heading, eid)
            child_depth, child_inside = depth, False
        elif num:
            node = self._item(el, num, heading, eid, parent, depth)
            child_depth, child_inside = depth + 1, inside_article
        else:  # unnumbered unit (list wrapper, unnumbered paragraph): transparent
            if heading:
                self.lines.append(_Line(heading, f"eId {eid}" if eid else None, node=parent))
            child_depth, child_inside = depth, inside_article
        owner = node if node is not None else parent
        if node is not None:
            node.origin = _eid(el)
            parent.add(node)
        self.children(el, owner, child_depth, child_inside, eid)

    def children(self, el, owner: Node, depth: int, inside_article: bool, origin) -> None:
        for child in el:
            name = _local(child)
            if name in ("num", "heading", "subheading") or not name:
                continue
            if name in TEXT_BLOCKS:
                self.add_text(owner, child, _eid(child) or origin)
            elif name in HIERARCHY:
                self.unit(child, owner, depth, inside_article, origin)
            elif name in LEAF_BLOCKS or name in BLOCK_CONTAINERS:
                for text, eid in self.paragraphs_of([child]):
                    self.lines.append(_Line(text, f"eId {eid or origin}" if (eid or origin)
                                            else None, node=owner))
            # anything else (components, notes, meta inside the body) carries no provision text

    def _contains_articles(self, el) -> bool:
        tags = ("article",) if self.article_tag in (None, "article") else ("article", self.article_tag)
        return any(_local(d) in tags for d in el.iterdescendants())

    def _division(self, name: str, num: str, heading: str, eid) -> Node:
        m = _KEYWORD_NUM.match(num) if num else None
        if m and not re.fullmatch(r"[IVXLCDM]+\.?", m.group("kw")):
            keyword, number = m.group("kw"), m.group("num").lstrip(" -–—.:").rstrip(".:")
            shown = num
        else:
            keyword = name.capitalize() if name != "hcontainer" else ""
            number = num.rstrip(".:") or None
            shown = f"{keyword} {num}".strip() if num else ""
        if shown and heading:
            line = f"{shown} – {heading}"
        else:
            line = shown or heading
        kw = keyword.upper() if keyword.isupper() else keyword.capitalize()
        node = Node(kind=DIVISION, number=number, label=f"{kw} {number}" if number else (kw or heading),
                    title=heading or None, style=kw.lower() or None)
        self.lines.append(_Line(line, f"eId {eid}" if eid else None, heading_of=node))
        return node

    def _article(self, el, num: str, heading: str, eid) -> Node:
        m = _KEYWORD_NUM.match(num) if num else None
        if m and not m.group("kw")[0].isdigit() and m.group("kw") != "§" and \
                not m.group("num")[0].isdigit() and m.group("kw") != num:
            m = None
        keyword = None
        number = num.strip().rstrip(".:") or None
        if num.startswith("§"):
            keyword, number = "§", num[1:].strip().rstrip(".:")
        elif m and not num[0].isdigit():
            keyword, number = m.group("kw"), m.group("num").rstrip(".:")
        if keyword is None:
            base, style = f"s.{number}", "section"
        elif keyword == "§":
            base, style = f"§ {number}", "§"
        else:
            word = keyword.capitalize() if keyword.isupper() else keyword
            base, style = f"{word} {number}", word.lower().rstrip(".")
        if num and heading:
            sep = " " if num.rstrip()[-1] in ".:)" else " – "
            line = f"{num}{sep}{heading}"
        else:
            line = num or heading
        node = Node(kind=ARTICLE, number=number, label=base, title=heading or None, style=style,
                    citation_base=base)
        self.lines.append(_Line(line, f"eId {eid}" if eid else None, heading_of=node))
        return node

    def _item(self, el, num: str, heading: str, eid, parent: Node, depth: int) -> Node:
        from legislint.numbering import read_label

        label = read_label(num + " ")
        style = None
        number = num.strip("().").rstrip(")") or num
        if label is not None:
            number = label.number
            style, value = self._list_readings(el.getparent()).get(
                id(el), (label.readings[0].style, label.readings[0].value))
        kind = ENUMERATED_KINDS[min(depth, len(ENUMERATED_KINDS) - 1)]
        node = Node(kind=kind, number=number, label=num, style=style)
        # The label line: "(a)" followed by the heading, or by the first paragraph of text (merged
        # in `finish`).
        self.lines.append(_Line(num, f"eId {eid}" if eid else None, heading_of=node))
        if heading:
            self.lines.append(_Line(heading, f"eId {eid}" if eid else None, node=node))
        return node


#: Block elements whose text is one paragraph, and containers of such blocks.
LEAF_BLOCKS = frozenset({"p", "block", "listIntroduction", "listWrapUp", "longTitle", "heading",
                         "subheading", "num", "li", "td", "th", "formula", "tocItem"})
BLOCK_CONTAINERS = frozenset({"blockList", "item", "ul", "ol", "table", "tr", "tblock",
                              "blockContainer", "div", "foreign", "container", "recitals",
                              "recital", "citations", "citation", "toc", "intro", "content",
                              "wrapUp", "signature", "preface", "preamble", "conclusions",
                              "coverPage", "formula"})


def _leaf_blocks(elements):
    """The paragraph-level elements under `elements`, in document order."""
    for el in elements:
        name = _local(el)
        if not name or name in SKIP_INLINE:
            continue
        if name in LEAF_BLOCKS and not any(_local(c) in LEAF_BLOCKS or _local(c) in BLOCK_CONTAINERS
                                           for c in el):
            yield el
        elif name in BLOCK_CONTAINERS or name in LEAF_BLOCKS:
            yield from _leaf_blocks(el)


def _render(builder: _Builder, root: Node, path: str) -> tuple[str, tuple, Document]:
    """Lay the collected lines out canonically and give nodes their lines and segments."""
    out_lines: list[str] = []
    origins: list[str | None] = []
    pending_label: _Line | None = None

    def emit(text: str, origin: str | None) -> int:
        if out_lines:
            out_lines.append("")
            origins.append(None)
        out_lines.append(text)
        origins.append(origin)
        return len(out_lines)

    for line in builder.lines:
        if line.heading_of is not None and line.heading_of.kind not in (DIVISION, ARTICLE):
            # an item label: its first text line goes on the same line
            if pending_label is not None:
                n = emit(pending_label.text, pending_label.origin)
                pending_label.heading_of.start_line = n
            pending_label = line
            continue
        if pending_label is not None:
            node = pending_label.heading_of
            if line.node is node:
                prefix = f"{pending_label.text} "
                n = emit(prefix + line.text, pending_label.origin)
                node.start_line = n
                node.segments.append(Segment(n, len(prefix) + 1, line.text))
                pending_label = None
                continue
            n = emit(pending_label.text, pending_label.origin)
            node.start_line = n
            pending_label = None
        n = emit(line.text, line.origin)
        if line.heading_of is not None:
            line.heading_of.start_line = n
        elif line.node is not None:
            line.node.segments.append(Segment(n, 1, line.text))
    if pending_label is not None:
        n = emit(pending_label.text, pending_label.origin)
        pending_label.heading_of.start_line = n

    def close(node: Node) -> int:
        end = node.start_line
        if node.segments:
            end = max(end, node.segments[-1].line)
        for child in node.children:
            end = max(end, close(child))
        if node.kind != DOCUMENT:
            node.end_line = end
        return end

    close(root)
    text = "\n".join(out_lines) + ("\n" if out_lines else "")
    lines = text.split("\n")
    root.start_line, root.end_line = 1, max(1, len(lines))
    explicit = any(n.kind == ARTICLE and n.style != "section" for n in root.walk())
    document = Document(path=path, text=text, root=root, lines=lines,
                        meta={"article_style": "explicit" if explicit else "numbered",
                              "format": "akoma-ntoso"})
    return text, tuple(origins), document


def parse_akoma_ntoso(data: bytes, name: str) -> Source:
    limits.refuse_dtd(data, name)
    try:
        from lxml import etree
    except ImportError:
        raise limits.missing_extra("lxml", "Akoma Ntoso XML", name) from None
    parser = limits.safe_xml_parser(remove_comments=True, remove_pis=True)
    try:
        root_el = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"malformed XML: {exc.msg}", path=name, line=exc.lineno) from None
    if root_el.getroottree().docinfo.internalDTD is not None:  # pragma: no cover - refused above
        raise InputError("XML has a document type declaration", path=name)
    if _local(root_el) != "akomaNtoso":
        raise InputError(f"not Akoma Ntoso: the root element is <{_local(root_el) or '?'}>; "
                         "legislint reads Akoma Ntoso / LegalDocML XML", path=name,
                         line=root_el.sourceline)
    doc_el = next((c for c in root_el if _local(c) in DOC_TYPES), None)
    if doc_el is None:
        raise InputError("Akoma Ntoso file has no document element (act, bill, doc, ...)",
                         path=name)
    body = next((c for c in doc_el if _local(c) in ("body", "mainBody", "judgmentBody",
                                                       "debateBody", "amendmentBody")), None)
    has_article = body is not None and any(_local(e) == "article" for e in body.iter())
    has_section = body is not None and any(_local(e) == "section" for e in body.iter())
    article_tag = "article" if has_article else ("section" if has_section else None)
    builder = _Builder(name, article_tag)
    root = Node(kind=DOCUMENT, label="Document")
    for part in doc_el:
        pname = _local(part)
        if part is body:
            builder.children(body, root, 0, False, _eid(body))
        elif pname in ("coverPage", "preface", "preamble", "conclusions"):
            # Front and back matter: running text of the document, outside any provision.
            for text, eid in builder.paragraphs_of([part]):
                if text:
                    eid = eid or _eid(part) or pname
                    builder.lines.append(_Line(text, f"eId {eid}", node=root))
    text, origins, document = _render(builder, root, name)
    limits.check_text_size(len(text), name)
    return Source(path=name, text=text, origins=origins, format="akoma-ntoso", document=document)


def read_akoma_ntoso(path: Path) -> Source:
    name = str(path)
    return parse_akoma_ntoso(limits.read_input(path), name)
