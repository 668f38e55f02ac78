"""Build real fixture files (docx, pdf, Akoma Ntoso, HTML) from corpus texts, at test time.

Each builder writes a file into a directory given by the test (pytest's tmp_path) and returns a
`Built`: the path plus, for every line of the plain corpus text, the origin label the reader is
expected to give the line it renders from it ("paragraph 7", "page 2, line 14", ...). Tests lint
both the plain text and the built file and compare findings through that map.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("LEGISLINT_SHARED", REPO.parent / "shared")) / "corpus"

#: A numbered-unit label at the start of a corpus line: "(a)", "a)", "1.", "(1)", "(iv)", "(A)".
LABEL_RE = re.compile(r"^(?:\((?P<p>[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})\)|(?P<s>[a-z]{1,4}|[A-Z]{1,4}|\d{1,3})(?P<d>[.)]))\s+(?=\S)")

_ROMAN_RE = re.compile(r"^(?=[ivxlc]+$)c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def corpus_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def corpus_paragraphs(text: str) -> list[tuple[int, str]]:
    """(1-based line number, line) for every non-blank line of a corpus text."""
    return [(i, line.strip()) for i, line in enumerate(text.split("\n"), 1) if line.strip()]


@dataclass
class Built:
    path: Path
    #: plain line number -> expected origin label of the rendered line (content lines only).
    origin_of_line: dict[int, str]


# --------------------------------------------------------------------------- list grouping
def _roman_value(s: str) -> int | None:
    s = s.lower()
    if not s or not _ROMAN_RE.match(s):
        return None
    values = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = values[a]
        total += -v if b != " " and values.get(b, 0) > v else v
    return total


def _letter_value(s: str) -> int | None:
    low = s.lower()
    if len(set(low)) != 1:
        return None
    return (len(low) - 1) * 26 + ord(low[0]) - ord("a") + 1


@dataclass
class ListItem:
    line_no: int
    text: str          # the line without its label
    template: str      # "(%1)", "%1)", "%1."
    fmt: str           # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman
    value: int
    list_id: int       # items of one list share it; a new id starts a new Word list
    starts_list: bool


def split_label(line: str):
    """(template, token, rest) if the line starts with a list label, else None."""
    m = LABEL_RE.match(line)
    if not m:
        return None
    if m.group("p") is not None:
        return "(%1)", m.group("p"), line[m.end():]
    return "%1" + m.group("d"), m.group("s"), line[m.end():]


def group_lists(paragraphs: list[tuple[int, str]]) -> dict[int, ListItem]:
    """Decide, for every labelled line, its Word numbering format and which list it continues.

    A label continues the most recently used open list of the same decoration whose last value
    is one less ("(i)" after "(h)" continues the letters); otherwise it starts a new list, roman
    when it reads as a roman 1 ("(i)", "(I)").
    """
    items: dict[int, ListItem] = {}
    open_lists: dict[tuple[str, str], tuple[int, int, int]] = {}  # (tpl, fmt) -> (id, last, used)
    next_id = 0
    for tick, (line_no, line) in enumerate(paragraphs):
        parts = split_label(line)
        if parts is None:
            continue
        template, token, rest = parts
        cands: list[tuple[str, int]] = []
        if token.isdigit():
            cands.append(("decimal", int(token)))
        else:
            upper = token.isupper()
            lv = _letter_value(token)
            rv = _roman_value(token)
            if lv is not None:
                cands.append(("upperLetter" if upper else "lowerLetter", lv))
            if rv is not None:
                cands.append(("upperRoman" if upper else "lowerRoman", rv))
        if not cands:
            continue
        best = None
        for fmt, value in cands:
            key = (template, fmt)
            if key in open_lists and open_lists[key][1] == value - 1:
                if best is None or open_lists[key][2] > best[2]:
                    best = (fmt, value, open_lists[key][2])
        if best is not None:
            fmt, value = best[0], best[1]
            list_id = open_lists[(template, fmt)][0]
            starts = False
        else:
            fmt, value = next(((f, v) for f, v in cands if v == 1), cands[0])
            list_id = next_id
            next_id += 1
            starts = True
        open_lists[(template, fmt)] = (list_id, value, tick)
        items[line_no] = ListItem(line_no, rest, template, fmt, value, list_id, starts)
    return items


# --------------------------------------------------------------------------- docx
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADING_RE = re.compile(r"^(Article \d+|CHAPTER|Chapter|PART|Part|SECTION|TITLE|Title \d+|§)")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, **attrs):
    from docx.oxml import OxmlElement

    el = OxmlElement(f"w:{tag}")
    for k, v in attrs.items():
        el.set(_w(k), str(v))
    return el


def _run(text: str, deleted: bool = False, hidden: bool = False):
    r = _el("r")
    if hidden:
        rpr = _el("rPr")
        rpr.append(_el("vanish"))
        r.append(rpr)
    t = _el("delText" if deleted else "t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


def _tracked(kind: str, *runs, change_id: int):
    el = _el(kind, id=change_id, author="Drafter", date="2024-01-01T00:00:00Z")
    for r in runs:
        el.append(r)
    return el


def _set_num(paragraph, num_id: int, ilvl: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("numPr")
    numpr.append(_el("ilvl", val=ilvl))
    numpr.append(_el("numId", val=num_id))
    ppr.append(numpr)


class WordNumbering:
    """Adds abstractNum / num definitions to a python-docx document's numbering part."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        ids = [int(a.get(_w("abstractNumId"))) for a in self.root.findall(_w("abstractNum"))]
        nums = [int(n.get(_w("numId"))) for n in self.root.findall(_w("num"))]
        self.next_abstract = max(ids, default=-1) + 1
        self.next_num = max(nums, default=0) + 1

    def abstract(self, levels: list[dict]) -> int:
        aid = self.next_abstract
        self.next_abstract += 1
        absn = _el("abstractNum", abstractNumId=aid)
        absn.append(_el("multiLevelType", val="multilevel" if len(levels) > 1 else "singleLevel"))
        for ilvl, spec in enumerate(levels):
            lvl = _el("lvl", ilvl=ilvl)
            lvl.append(_el("start", val=spec.get("start", 1)))
            lvl.append(_el("numFmt", val=spec["fmt"]))
            if "restart" in spec:
                lvl.append(_el("lvlRestart", val=spec["restart"]))
            if spec.get("legal"):
                lvl.append(_el("isLgl"))
            lvl.append(_el("lvlText", val=spec["text"]))
            lvl.append(_el("lvlJc", val="left"))
            ppr = _el("pPr")
            ppr.append(_el("ind", left=720 * (ilvl + 1), hanging=360))
            lvl.append(ppr)
            absn.append(lvl)
        # abstractNum elements must precede num elements
        first_num = self.root.find(_w("num"))
        if first_num is not None:
            first_num.addprevious(absn)
        else:
            self.root.append(absn)
        return aid

    def num(self, abstract_id: int, start_overrides: dict[int, int] | None = None) -> int:
        nid = self.next_num
        self.next_num += 1
        num = _el("num", numId=nid)
        num.append(_el("abstractNumId", val=abstract_id))
        for ilvl, start in (start_overrides or {}).items():
            ov = _el("lvlOverride", ilvl=ilvl)
            ov.append(_el("startOverride", val=start))
            num.append(ov)
        self.root.append(num)
        return nid


def build_docx(text: str, path: Path, *, tracked_changes: bool = True) -> Built:
    """A .docx of `text`: one Word paragraph per non-blank line, list labels as real automatic
    numbering (the label is removed from the paragraph text), headings in heading styles, and -
    when `tracked_changes` - insertions, deletions, a deleted numbered paragraph, a paragraph
    split by a deleted paragraph mark, hidden text and a field, none of which change the text a
    reader of the current version sees."""
    import docx

    document = docx.Document()
    numbering = WordNumbering(document)
    paragraphs = corpus_paragraphs(text)
    items = group_lists(paragraphs)
    list_num: dict[int, int] = {}
    origin_of_line: dict[int, str] = {}
    change = 1
    index = 0  # python-docx paragraph index (1-based once incremented)

    for k, (line_no, line) in enumerate(paragraphs):
        item = items.get(line_no)
        body = item.text if item else line
        if item is not None and item.list_id not in list_num:
            aid = numbering.abstract([{"fmt": item.fmt, "text": item.template, "start": item.value}])
            list_num[item.list_id] = numbering.num(aid)
        style = "Heading 2" if item is None and HEADING_RE.match(line) and len(line) < 200 else None

        # Tracked change: a whole numbered paragraph inserted by mistake and then deleted. Its
        # number must not count in the current view.
        if tracked_changes and item is not None and not item.starts_list and k % 7 == 3:
            ghost = document.add_paragraph()
            index += 1
            _set_num(ghost, list_num[item.list_id])
            ghost._p.append(_tracked("del", _run("deleted item text"), change_id=change))
            change += 1
            rpr = _el("rPr")
            rpr.append(_el("del", id=change, author="Drafter", date="2024-01-01T00:00:00Z"))
            change += 1
            ghost._p.get_or_add_pPr().append(rpr)
            # the ghost's mark is deleted too: it vanishes into the next paragraph, `line`,
            # which keeps its own number
            p = document.add_paragraph(style=style)
            index += 1
            origin_of_line[line_no] = f"paragraph {index}"
            _set_num(p, list_num[item.list_id])
            p._p.append(_run(body))
            continue

        p = document.add_paragraph(style=style)
        index += 1
        origin_of_line[line_no] = f"paragraph {index}"
        if item is not None:
            _set_num(p, list_num[item.list_id])
        words = body.split(" ")
        if tracked_changes and len(words) > 12 and k % 5 == 1:
            # deletion + insertion inside the paragraph, a hidden run, a complex field
            cut = len(words) // 2
            head, tail = " ".join(words[:cut]) + " ", " ".join(words[cut:])
            p._p.append(_run(head))
            p._p.append(_tracked("del", _run("formerly drafted words ", deleted=True), change_id=change))
            change += 1
            p._p.append(_run("secret note ", hidden=True))
            first, _, rest = tail.partition(" ")
            fld_begin = _el("r")
            fld_begin.append(_el("fldChar", fldCharType="begin"))
            instr = _el("r")
            it = _el("instrText")
            it.text = ' MERGEFIELD "x" '
            instr.append(it)
            sep = _el("r")
            sep.append(_el("fldChar", fldCharType="separate"))
            end = _el("r")
            end.append(_el("fldChar", fldCharType="end"))
            ins = _tracked("ins", fld_begin, instr, sep, _run(first), end, change_id=change)
            change += 1
            p._p.append(ins)
            if rest:
                p._p.append(_run(" " + rest))
        elif tracked_changes and len(words) > 20 and k % 5 == 3:
            # the paragraph was split in two during drafting and the split rejected as a
            # tracked deletion of the first part's paragraph mark: one paragraph in the
            # current view, two <w:p> in the file
            cut = len(words) // 3
            p._p.append(_run(" ".join(words[:cut]) + " "))
            rpr = _el("rPr")
            rpr.append(_el("del", id=change, author="Drafter", date="2024-01-01T00:00:00Z"))
            change += 1
            p._p.get_or_add_pPr().append(rpr)
            p2 = document.add_paragraph(style=style)
            index += 1
            if item is not None:  # the surviving mark carries the list number
                _set_num(p2, list_num[item.list_id])
            p2._p.append(_run(" ".join(words[cut:])))
        else:
            p._p.append(_run(body))
    document.save(str(path))
    return Built(path, origin_of_line)


# --------------------------------------------------------------------------- pdf
_HYPHENATABLE = re.compile(r"^[a-z]{8,}[,;.:]?$")


def _wrap(words: list[str], width: float, measure, hyphenate: bool,
          vocabulary: str = "") -> list[str]:
    """Greedy line filling; a word that does not fit is hyphenated when long enough, and a word
    that contains a hyphen is broken after it. A word is not hyphenated where the hyphenated
    form is itself a spelling used in `vocabulary` (the document): no reader could tell them
    apart."""
    lines: list[str] = []
    cur = ""
    queue = list(words)
    while queue:
        word = queue.pop(0)
        trial = f"{cur} {word}" if cur else word
        if measure(trial) <= width:
            cur = trial
            continue
        prefix = f"{cur} " if cur else ""
        split = None
        if "-" in word.strip("-") and not word.startswith("-"):
            head, _, tail = word.partition("-")
            if head.isalpha() and tail[:1].islower() and measure(prefix + head + "-") <= width:
                split = (head + "-", tail)
        if split is None and hyphenate and _HYPHENATABLE.match(word):
            core = word.rstrip(",;.:")
            for cut in range(len(core) - 3, 3, -1):
                if f"{core[:cut]}-{core[cut:]}".lower() in vocabulary:
                    continue
                if measure(prefix + word[:cut] + "-") <= width:
                    split = (word[:cut] + "-", word[cut:])
                    break
        if split is not None:
            lines.append(prefix + split[0])
            cur = ""
            queue.insert(0, split[1])
            continue
        if cur:
            lines.append(cur)
            cur = ""
            queue.insert(0, word)
        else:  # a single word wider than the line
            lines.append(word)
    if cur:
        lines.append(cur)
    return lines


def build_pdf(text: str, path: Path, *, title: str = "Corpus text", columns: int = 1,
              encrypt_user_password: str | None = None, hyphenate: bool = True) -> Built:
    """A PDF of `text` drawn with reportlab: running header (title + page number), footer
    ("Page N of M"), headings in bold, ragged-right body with hyphenated line ends, paragraph
    spacing, optionally two columns. Origins are "page P, line L" of each paragraph's first line,
    L counting body lines on the page (per column: "page P, column C, line L")."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    page_w, page_h = A4
    margin, gutter = 72.0, 24.0
    size, leading, para_space = 10.0, 12.5, 7.0
    col_w = (page_w - 2 * margin - gutter * (columns - 1)) / columns
    top, bottom = page_h - margin, margin

    # First lay out into (page, column, y, text, bold) tuples, then draw (the footer needs M).
    placed: list[tuple[int, int, float, str, bool]] = []
    page, col, y = 1, 0, top
    origin_of_line: dict[int, str] = {}
    line_no_on = defaultdict_int()
    vocabulary = text.lower()
    firsts: dict[int, tuple[int, int, int]] = {}
    for line_no, line in corpus_paragraphs(text):
        # reportlab's standard fonts draw a no-break space as a plain space glyph, and pdfminer
        # reads it back as " ": lay it out as the breakable space it will become.
        line = line.replace("\xa0", " ")
        bold = bool(HEADING_RE.match(line)) and len(line) < 120
        font = "Helvetica-Bold" if bold else "Helvetica"
        fsize = 11.0 if bold else size
        wrapped = _wrap(line.split(" "), col_w, lambda s: stringWidth(s, font, fsize), hyphenate,
                        vocabulary)
        for i, piece in enumerate(wrapped):
            if y - leading < bottom:
                col += 1
                if col >= columns:
                    col, page = 0, page + 1
                y = top
            y -= leading
            key = (page, col)
            line_no_on[key] += 1
            if i == 0:
                firsts[line_no] = (page, col, line_no_on[key])
            placed.append((page, col, y, piece, bold))
        y -= para_space
    n_pages = page
    # A page is labelled by column only if its second column holds text.
    two_col_pages = {pg for pg, column, *_ in placed if column > 0}
    for line_no, (pg, column, n) in firsts.items():
        where = f"page {pg}, column {column + 1}" if pg in two_col_pages else f"page {pg}"
        origin_of_line[line_no] = f"{where}, line {n}"

    kwargs = {}
    if encrypt_user_password is not None:
        from reportlab.lib import pdfencrypt

        kwargs["encrypt"] = pdfencrypt.StandardEncryption(
            encrypt_user_password, ownerPassword="owner-secret", canPrint=1)
    c = canvas.Canvas(str(path), pagesize=A4, **kwargs)
    by_page: dict[int, list] = {}
    for item in placed:
        by_page.setdefault(item[0], []).append(item)
    for p in range(1, n_pages + 1):
        c.setFont("Helvetica-Oblique", 8)
        c.drawString(margin, page_h - 40, title)
        c.drawRightString(page_w - margin, page_h - 40, str(p))
        c.drawCentredString(page_w / 2, 36, f"Page {p} of {n_pages}")
        for _, column, yy, piece, bold in by_page.get(p, []):
            c.setFont("Helvetica-Bold" if bold else "Helvetica", 11.0 if bold else size)
            c.drawString(margin + column * (col_w + gutter), yy, piece)
        c.showPage()
    c.save()
    return Built(path, origin_of_line)


def defaultdict_int():
    from collections import defaultdict

    return defaultdict(int)


# --------------------------------------------------------------------------- Akoma Ntoso
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_AKN_DIVISION_TAGS = {"chapter": "chapter", "part": "part", "title": "title", "section": "section",
                      "book": "book", "subchapter": "subchapter", "subtitle": "subtitle",
                      "division": "division", "subpart": "subpart"}
_AKN_ITEM_TAGS = {"paragraph": "paragraph", "subparagraph": "subparagraph", "point": "point",
                  "subpoint": "point", "clause": "clause", "subclause": "subclause"}
_EID_PREFIX = {"chapter": "chp", "section": "sec", "title": "title", "part": "part",
               "article": "art", "paragraph": "para", "subparagraph": "subpara", "point": "point",
               "clause": "clause", "subclause": "subclause", "hcontainer": "hcontainer"}


def build_akoma_ntoso(text: str, path: Path) -> Built:
    """An Akoma Ntoso 3.0 act whose structure is the provision tree the text parser builds for
    `text` (chapters, sections, articles, paragraphs, points with num / heading / intro / content
    / wrapUp, eIds in the AKN naming convention). The reader must rebuild that tree from the XML."""
    from lxml import etree

    from legislint.model import ARTICLE, DIVISION
    from legislint.parser import parse

    document = parse(text, str(path))
    lines = document.lines
    E = lambda tag, **kw: etree.Element(f"{{{AKN_NS}}}{tag}", **kw)  # noqa: E731
    origin_of_line: dict[int, str] = {}
    used: set[str] = set()

    def unique(eid: str) -> str:
        base, n = eid, 2
        while eid in used:
            eid = f"{base}-{n}"
            n += 1
        used.add(eid)
        return eid

    def p(parent, seg_text: str, line_no: int, eid: str):
        el = etree.SubElement(parent, f"{{{AKN_NS}}}p", eId=eid)
        el.text = seg_text
        origin_of_line[line_no] = f"eId {eid}"
        return el

    root = E("akomaNtoso")
    act = etree.SubElement(root, f"{{{AKN_NS}}}act", name="act")
    meta = etree.SubElement(act, f"{{{AKN_NS}}}meta")
    ident = etree.SubElement(meta, f"{{{AKN_NS}}}identification", source="#legislint")
    ident.text = " "
    top = document.root
    if top.segments:
        preamble = etree.SubElement(act, f"{{{AKN_NS}}}preamble", eId="preamble")
        for i, seg in enumerate(top.segments, 1):
            p(preamble, seg.text, seg.line, f"preamble__p_{i}")
    body = etree.SubElement(act, f"{{{AKN_NS}}}body")

    def heading_num(node) -> str:
        raw = lines[node.start_line - 1]
        line = raw.strip()
        if node.title and node.title in line:
            return line[:line.index(node.title)].rstrip(" –—-") or line
        seg = node.segments[0] if node.segments else None
        if seg is not None and seg.line == node.start_line:
            # The text goes on after the number on the heading's line ("50. (1) A police officer").
            return raw[:seg.column - 1].strip(" –—-") or line
        return line

    def emit(node, parent_el, parent_eid: str | None):
        if node.kind == DIVISION:
            tag = _AKN_DIVISION_TAGS.get((node.style or "").lower(), "hcontainer")
            eid = unique(f"{_EID_PREFIX.get(tag, tag)}_{node.number or len(used)}")
            el = etree.SubElement(parent_el, f"{{{AKN_NS}}}{tag}", eId=eid)
            if tag == "hcontainer":
                el.set("name", node.style or "division")
            num = etree.SubElement(el, f"{{{AKN_NS}}}num")
            num.text = heading_num(node)
            if node.title:
                h = etree.SubElement(el, f"{{{AKN_NS}}}heading")
                h.text = node.title
            origin_of_line[node.start_line] = f"eId {eid}"
            if node.end_line > node.start_line and node.title and node.title not in lines[node.start_line - 1]:
                origin_of_line[node.end_line] = f"eId {eid}"
            own_eid = eid
        elif node.kind == ARTICLE:
            tag = "article" if node.style not in ("§", "section") else "section"
            eid = unique(f"{'art' if tag == 'article' else 'sec'}_{node.number}")
            el = etree.SubElement(parent_el, f"{{{AKN_NS}}}{tag}", eId=eid)
            num = etree.SubElement(el, f"{{{AKN_NS}}}num")
            num.text = heading_num(node)
            if node.title:
                h = etree.SubElement(el, f"{{{AKN_NS}}}heading")
                h.text = node.title
            origin_of_line[node.start_line] = f"eId {eid}"
            own_eid = eid
        else:
            tag = _AKN_ITEM_TAGS.get(node.kind, "point")
            eid = unique(f"{parent_eid}__{_EID_PREFIX[tag]}_{node.number}")
            el = etree.SubElement(parent_el, f"{{{AKN_NS}}}{tag}", eId=eid)
            num = etree.SubElement(el, f"{{{AKN_NS}}}num")
            num.text = node.label
            origin_of_line[node.start_line] = f"eId {eid}"
            own_eid = eid
        # Own text around the children: intro before the first child, wrapUp after a child.
        children = list(node.children)
        segs = list(node.segments)
        block = None
        k = 0
        for child in children + [None]:
            limit = child.start_line if child is not None else 10 ** 9
            chunk = []
            while k < len(segs) and segs[k].line < limit:
                chunk.append(segs[k])
                k += 1
            if chunk:
                name = "content" if not children else ("intro" if child is children[0] else "wrapUp")
                block = etree.SubElement(el, f"{{{AKN_NS}}}{name}")
                for j, seg in enumerate(chunk, 1):
                    if seg.line == node.start_line:
                        # the unit's first text shares its label line: the p carries no eId of
                        # its own, the line's origin is the unit's
                        pe = etree.SubElement(block, f"{{{AKN_NS}}}p")
                        pe.text = seg.text
                    else:
                        p(block, seg.text, seg.line, f"{own_eid}__{name}__p_{j}")
            if child is not None:
                emit(child, el, own_eid)

    for child in top.children:
        emit(child, body, None)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    path.write_bytes(xml)
    return Built(path, origin_of_line)


# --------------------------------------------------------------------------- html
_OL_TYPE = {"lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


def build_html(text: str, path: Path) -> Built:
    """An HTML page of `text`: headings as <h2>/<h3> with ids, each article in a <section id>,
    paragraphs as <p> wrapped over several source lines with inline markup and character
    references, "(a)"-style items as <ol type start> lists (the label is drawn, not written),
    plus a <script>, a <style> and a hidden paragraph that must not be read."""
    import html as html_mod

    paragraphs = corpus_paragraphs(text)
    items = group_lists(paragraphs)
    out: list[str] = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
                      "<title>fixture</title><style>p { margin: 0 }</style></head>", "<body>",
                      "<script>document.write('<p>not text</p>');</script>",
                      "<p hidden>hidden draft note</p>"]
    origin_of_line: dict[int, str] = {}
    section: str | None = None
    open_ol: tuple[int, str] | None = None  # (list id, type)
    n_sections = 0

    def esc(s: str) -> str:
        # character references for quotes and dashes, markup for the rest
        s = html_mod.escape(s, quote=False)
        return s.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("–", "&ndash;")

    def close_ol():
        nonlocal open_ol
        if open_ol is not None:
            out.append("</ol>")
            open_ol = None

    for k, (line_no, line) in enumerate(paragraphs):
        item = items.get(line_no)
        is_heading = item is None and HEADING_RE.match(line) and len(line) < 160
        if is_heading:
            close_ol()
            if section is not None:
                out.append("</section>")
            n_sections += 1
            section = f"s{n_sections}"
            out.append(f'<section id="{section}">')
            level = "h2" if line.isupper() else "h3"
            out.append(f'<{level} id="h{n_sections}">{esc(line)}</{level}>')
            origin_of_line[line_no] = f"line {len(out)}, #h{n_sections}"
            continue
        anchor = f", #{section}" if section else ""
        if item is not None and item.template == "(%1)" and item.fmt in _OL_TYPE:
            kind = _OL_TYPE[item.fmt]
            if open_ol is None or open_ol[0] != item.list_id or not _adjacent(paragraphs, k, items):
                close_ol()
                out.append(f'<ol type="{kind}" start="{item.value}">')
                open_ol = (item.list_id, kind)
            out.append(f"<li>{esc(item.text)}</li>")
            origin_of_line[line_no] = f"line {len(out)}{anchor}"
            continue
        close_ol()
        words = line.split(" ")
        if len(words) > 16:
            # wrapped source, a bold word and a link: white space and markup must not matter
            chunks = [" ".join(words[i:i + 8]) for i in range(0, len(words), 8)]
            first, rest = chunks[0].split(" ", 1) if " " in chunks[0] else (chunks[0], "")
            out.append(f"<p><b>{esc(first)}</b> {esc(rest)}")
            origin_of_line[line_no] = f"line {len(out)}{anchor}"
            for chunk in chunks[1:-1]:
                out.append(f"  <span>{esc(chunk)}</span>")
            out.append(f'  <a href="#top">{esc(chunks[-1])}</a></p>')
        else:
            out.append(f"<p>{esc(line)}</p>")
            origin_of_line[line_no] = f"line {len(out)}{anchor}"
    close_ol()
    if section is not None:
        out.append("</section>")
    out.append("</body></html>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return Built(path, origin_of_line)


def _adjacent(paragraphs, k: int, items) -> bool:
    """True if paragraph k directly follows an item of the same list."""
    if k == 0:
        return False
    prev = items.get(paragraphs[k - 1][0])
    cur = items.get(paragraphs[k][0])
    return prev is not None and cur is not None and prev.list_id == cur.list_id


# --------------------------------------------------------------------------- comparison


def compare(text: str, name: str, built) -> tuple[list, list, object]:
    """Findings on the plain text and on the built file, each as (code, provision, origin): the
    plain text's lines are mapped through `built.origin_of_line`, the file's through its
    Source.origin. Equal lists mean equal findings modulo the position mapping."""
    from legislint.api import lint_source, lint_text
    from legislint.readers import read_path

    source = read_path(built.path)
    plain = lint_text(text, name)
    rendered = lint_source(source)
    want = sorted((f.code, f.provision, built.origin_of_line.get(f.line, f"plain line {f.line}"))
                  for f in plain.findings)
    got = sorted((f.code, f.provision, source.origin(f.line)) for f in rendered.findings)
    return want, got, source


def explain(want: list, got: list) -> str:
    from collections import Counter

    cw, cg = Counter(want), Counter(got)
    return (f"only in plain text: {sorted((cw - cg).elements())[:8]}\n"
            f"only in rendered file: {sorted((cg - cw).elements())[:8]}")


def content_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]
