"""Word .docx: the text a reader of the document sees, with Word's automatic numbering.

* Automatic list numbers ("(a)", "1.", "Article 3") are not in the paragraph text: they live in
  numbering.xml. They are computed here as Word does - counters per abstract numbering, restarted
  by a `startOverride`, deeper levels reset when a shallower level is used (`lvlRestart`),
  multi-level texts such as "%1.%2" - and written in front of the paragraph text.
* Tracked changes are read as the current text (all changes accepted): insertions (`w:ins`,
  `w:moveTo`) are kept, deletions (`w:del`, `w:moveFrom`, `w:delText`) dropped, and a paragraph
  whose mark was deleted is joined to the next one, which keeps its own properties and list
  number (paragraph properties live in the mark; the deleted mark takes its own with it). A
  wholly deleted paragraph therefore vanishes without advancing any list counter. Hidden text
  (`w:vanish`) and field instructions are skipped.
* Each paragraph becomes one line of canonical text (blank lines between); its origin is
  "paragraph N" (N counts body paragraphs from 1, as `docx.Document(path).paragraphs[N - 1]`)
  or "table T, row R, cell C" for text inside tables.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from legislint.errors import InputError
from legislint.readers import limits
from legislint.source import Source

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


W_P, W_R, W_T, W_TBL, W_TR, W_TC, W_SDT, W_SDTCONTENT = (
    _w("p"), _w("r"), _w("t"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent"))
W_PPR, W_RPR, W_VAL = _w("pPr"), _w("rPr"), _w("val")

#: Subtrees that contribute no current text.
_SKIP = frozenset(_w(n) for n in (
    "del", "moveFrom", "delText", "delInstrText", "instrText", "pPr", "rPr", "sdtPr",
    "sdtEndPr", "drawing", "pict", "object", "footnoteReference", "endnoteReference",
    "commentReference", "annotationRef", "fldData", "customXmlPr", "smartTagPr", "rubyPr",
    "rt", "txbxContent",
)) | {f"{{{MC_NS}}}AlternateContent"}


# --------------------------------------------------------------------------- numbering
@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # None: restart after any shallower level; 0: never
    legal: bool = False


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


def _val(el, name: str) -> str | None:
    child = el.find(_w(name)) if el is not None else None
    return None if child is None else child.get(W_VAL)


def _int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _parse_level(lvl) -> _Level:
    return _Level(
        start=_int(_val(lvl, "start"), 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText"),
        restart=_int(_val(lvl, "lvlRestart")),
        legal=lvl.find(_w("isLgl")) is not None and _val(lvl, "isLgl") not in ("0", "false"),
    )


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word: a..z, then aa..zz, aaa..: the letter repeats.
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return _roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


class Numbering:
    """Word's list numbering state for one pass over a document, in document order."""

    def __init__(self, numbering_el, styles_el):
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.abstract_style_link: dict[str, str] = {}
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.applied: set[tuple[str, int]] = set()
        self.style_numpr: dict[str, tuple[str | None, int | None]] = {}
        self.style_parent: dict[str, str] = {}
        if numbering_el is not None:
            for absn in numbering_el.findall(_w("abstractNum")):
                aid = absn.get(_w("abstractNumId"))
                self.abstracts[aid] = {
                    _int(lvl.get(_w("ilvl")), 0): _parse_level(lvl) for lvl in absn.findall(_w("lvl"))
                }
                link = _val(absn, "numStyleLink")
                if link:
                    self.abstract_style_link[aid] = link
            for num in numbering_el.findall(_w("num")):
                n = _Num(abstract=_val(num, "abstractNumId") or "")
                for ov in num.findall(_w("lvlOverride")):
                    ilvl = _int(ov.get(_w("ilvl")), 0)
                    start = _int(_val(ov, "startOverride"))
                    if start is not None:
                        n.starts[ilvl] = start
                    lvl = ov.find(_w("lvl"))
                    if lvl is not None:
                        n.levels[ilvl] = _parse_level(lvl)
                self.nums[num.get(_w("numId"))] = n
        if styles_el is not None:
            for style in styles_el.findall(_w("style")):
                sid = style.get(_w("styleId"))
                ppr = style.find(W_PPR)
                numpr = ppr.find(_w("numPr")) if ppr is not None else None
                if numpr is not None:
                    self.style_numpr[sid] = (_val(numpr, "numId"), _int(_val(numpr, "ilvl")))
                parent = _val(style, "basedOn")
                if parent:
                    self.style_parent[sid] = parent

    # -- resolution
    def _style_numpr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.style_numpr:
                return self.style_numpr[style_id]
            style_id = self.style_parent.get(style_id)
        return None, None

    def _levels(self, num: _Num) -> tuple[str, dict[int, _Level]]:
        aid = num.abstract
        link = self.abstract_style_link.get(aid)
        if link:  # the abstract numbering is defined by a numbering style
            linked_num, _ = self._style_numpr(link)
            target = self.nums.get(linked_num or "")
            if target is not None and target.abstract != aid:
                aid = target.abstract
        levels = dict(self.abstracts.get(aid, {}))
        levels.update(num.levels)
        return aid, levels

    def label(self, ppr) -> str | None:
        """The list label of a paragraph with properties `ppr`, advancing the counters."""
        num_id: str | None = None
        ilvl: int | None = None
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None:
            num_id = _val(numpr, "numId")
            ilvl = _int(_val(numpr, "ilvl"))
        if num_id is None or ilvl is None:
            s_num, s_ilvl = self._style_numpr(style_id)
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        ilvl = min(max(ilvl or 0, 0), 8)
        num = self.nums[num_id]
        aid, levels = self._levels(num)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(aid, [None] * 9)
        if ilvl in num.starts and (num_id, ilvl) not in self.applied:
            self.applied.add((num_id, ilvl))
            counters[ilvl] = num.starts[ilvl] - 1
        elif counters[ilvl] is None:
            counters[ilvl] = level.start - 1
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            lvl = levels.get(deeper)
            restart = lvl.restart if lvl is not None else None
            if restart is None or (restart != 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt in ("none", "bullet") or level.text is None:
            return None
        out = []
        text = level.text
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                i += 2
                if not 0 <= k <= 8:
                    continue
                lvl_k = levels.get(k) or _Level()
                value = counters[k] if counters[k] is not None else lvl_k.start
                fmt = "decimal" if (level.legal and k < ilvl) else lvl_k.fmt
                out.append(format_number(value, fmt))
                continue
            out.append(ch)
            i += 1
        label = "".join(out).strip()
        return label or None


# --------------------------------------------------------------------------- text
def _vanished(run) -> bool:
    rpr = run.find(W_RPR)
    if rpr is None:
        return False
    v = rpr.find(_w("vanish"))
    return v is not None and v.get(W_VAL) not in ("0", "false", "off")


def _run_text(el, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == W_T:
            out.append(child.text or "")
        elif tag == W_R:
            if not _vanished(child):
                _run_text(child, out)
        elif tag == _w("tab") or tag == _w("ptab"):
            out.append(" ")
        elif tag in (_w("br"), _w("cr")):
            kind = child.get(_w("type"))
            out.append(" " if kind in ("page", "column") else "\n")
        elif tag == _w("noBreakHyphen"):
            out.append("-")
        elif tag == _w("softHyphen"):
            continue
        elif tag == _w("sym"):
            code = child.get(_w("char")) or ""
            try:
                cp = int(code, 16)
            except ValueError:
                continue
            out.append(chr(cp - 0xF000) if 0xF020 <= cp <= 0xF0FF else chr(cp))
        else:  # ins, moveTo, hyperlink, smartTag, fldSimple, sdt/sdtContent, customXml, ...
            _run_text(child, out)


def _mark_deleted(ppr) -> bool:
    if ppr is None:
        return False
    rpr = ppr.find(W_RPR)
    return rpr is not None and (rpr.find(_w("del")) is not None
                                or rpr.find(_w("moveFrom")) is not None)


_SPACES = re.compile(r"[ \t\r\f\v]+")


def _clean(text: str) -> str:
    """Collapse runs of ordinary white space (not no-break spaces: they are text); drop soft
    hyphens."""
    lines = [_SPACES.sub(" ", part).strip() for part in text.replace("\u00ad", "").split("\n")]
    return "\n".join(line for line in lines if line)


def _iter_blocks(container, table_path=None):
    """(paragraph element, table origin or None) in document order, descending into sdt/tables."""
    for child in container:
        tag = child.tag
        if tag == W_P:
            yield child, table_path
        elif tag == W_SDT:
            content = child.find(W_SDTCONTENT)
            if content is not None:
                yield from _iter_blocks(content, table_path)
        elif tag == W_TBL:
            yield child, "table"
        elif tag in (_w("customXml"),):
            yield from _iter_blocks(child, table_path)


def _table_paragraphs(tbl, label: str):
    for r, tr in enumerate(tbl.findall(W_TR), 1):
        for c, tc in enumerate(tr.findall(W_TC), 1):
            where = f"{label}, row {r}, cell {c}"
            for el in tc.iter(W_P):  # nested tables and content controls included
                yield el, where


def _paragraphs(body):
    """(paragraph element, origin) in order, top-level paragraphs numbered as python-docx does."""
    para_no = 0
    table_no = 0
    for el, in_table in _iter_blocks(body):
        if in_table == "table":
            table_no += 1
            yield from _table_paragraphs(el, f"table {table_no}")
        else:
            para_no += 1
            yield el, f"paragraph {para_no}"


def paragraphs_from_document(doc) -> list[tuple[str, str]]:
    """python-docx Document -> [(paragraph text with its list label, origin)], current view."""
    numbering_el = None
    try:
        numbering_el = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        pass
    try:
        styles_el = doc.styles.element
    except (KeyError, AttributeError):
        styles_el = None
    numbering = Numbering(numbering_el, styles_el)
    out: list[tuple[str, str]] = []
    # Paragraphs whose mark is a tracked deletion merge into the next one: (text, origin) pieces.
    merged: list[tuple[str, str]] = []
    for p, origin in _paragraphs(doc.element.body):
        ppr = p.find(W_PPR)
        pieces: list[str] = []
        _run_text(p, pieces)
        if _mark_deleted(ppr):
            merged.append(("".join(pieces), origin))
            continue
        # This paragraph's mark survives: it carries the properties (and list number) of the
        # merged paragraph; the first piece with visible text gives the origin.
        merged.append(("".join(pieces), origin))
        text = _clean("".join(t for t, _ in merged))
        origin = next((o for t, o in merged if t.strip()), origin)
        merged = []
        label = numbering.label(ppr)
        if not text:
            continue
        out.append((f"{label} {text}" if label else text, origin))
    if merged:  # the document ends with a deleted mark (Word never writes this)
        text = _clean("".join(t for t, _ in merged))
        if text:
            out.append((text, next(o for t, o in merged if t.strip())))
    return out


def read_docx(path: Path) -> Source:
    name = str(path)
    data = limits.read_input(path)
    zf = limits.check_zip(data, name)
    for info in zf.infolist():
        if info.filename.lower().endswith((".xml", ".rels")):
            try:
                limits.refuse_dtd(zf.read(info), name, info.filename)
            except InputError:
                raise
            except Exception as exc:  # noqa: BLE001 - zlib, CRC, size mismatches
                raise InputError(f"corrupt Word document: part {info.filename!r}: {exc}",
                                 path=name) from None
    try:
        import docx  # python-docx
    except ImportError:
        raise limits.missing_extra("python-docx", "Word documents", name) from None
    try:
        doc = docx.Document(io.BytesIO(data))
        blocks = paragraphs_from_document(doc)
    except InputError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on bad packages
        raise InputError(f"not a readable Word document: {type(exc).__name__}: {exc}",
                         path=name) from None
    text, origins = limits.assemble(blocks)
    limits.check_text_size(len(text), name)
    return Source(path=name, text=text, origins=origins, format="docx")
