"""PDF with pdfplumber: the running text of the pages, in reading order, one paragraph per line.

1. Words (pdfplumber) are grouped into physical lines; duplicate glyphs (fake bold) dropped.
2. Running headers and footers are removed: a line in the top or bottom band of the page whose
   text - digits masked, so "Page 3 of 12" and "Page 4 of 12" agree - recurs at the same height on
   at least two pages and 40 % of them, any bare page number ("3", "- 3 -", "Page 3", "3/12",
   "iv") in those bands, and a head in smaller type that starts or ends with the page's number.
3. Reading order: a page whose body has a vertical gutter no word crosses, with text on both
   sides, is read as two columns, left then right.
4. Lines are joined into paragraphs. A new paragraph starts after a vertical gap larger than the
   page's line spacing, on a change of font size or weight, or when the first word of the line
   would have fitted at the end of the previous line (so that line was ended on purpose). A
   hyphen at a line end is removed when the next line goes on in lower case, unless the document
   spells that word with a hyphen elsewhere ("co-operation").
5. Each paragraph becomes one line of canonical text; its origin is "page P, line L" of its first
   physical line (L counts body lines on the page, headers and footers excluded; "page P,
   column C, line L" on two-column pages).
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from legislint.errors import InputError
from legislint.readers import limits
from legislint.source import Source

#: Fraction of the page height searched for running headers (top) and footers (bottom).
MARGIN_BAND = 0.12
#: A running header/footer must recur on this share of the pages (and on two at least).
RECUR_SHARE = 0.4

_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:(?:page|p\.|seite|página|pagina)\s*)?"
    r"(?:\d{1,5}|[ivxlcdm]{1,7})(?:\s*(?:of|/|de|von|sur)\s*\d{1,5})?(?:\s*[-–—])?$",
    re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_LABEL_START = re.compile(
    r"^(?:\((?:[0-9]{1,4}[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,4})\)|(?:[0-9]{1,4}|[a-z]{1,3})\)"
    r"|[0-9]{1,4}\.(?![0-9]))\s")
_LABEL_TOKEN = re.compile(r"^(?:\((?:[0-9]{1,4}[A-Z]{0,2}|[a-z]{1,4}|[A-Z]{1,4})\)|"
                          r"(?:[0-9]{1,4}|[a-z]{1,3})\)|[0-9]{1,4}\.)$")
_ENDS_CLAUSE = re.compile(r"(?:[.;:]|--|[—–]|[;,]\s*(?:and|or))\s*$")
_ALL_CAPS = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")
_STARTS_UNIT = re.compile(r"^[\"“‘'(\[§A-Z0-9]")
_HYPHEN_WORD = re.compile(r"\b([A-Za-z]+(?:-[A-Za-z]+)+)\b")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
              "\ufb05": "st", "\ufb06": "st"}


@dataclass
class Line:
    words: list[dict]
    page: int
    top: float = 0.0
    bottom: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    size: float = 0.0
    bold: bool = False
    column: int = 0          # 0: single column, 1 / 2: left / right
    number: int = 0          # body line number on its page (1-based)
    text: str = field(default="")
    chars: list = field(default_factory=list, repr=False)

    def finish(self) -> "Line":
        self.words.sort(key=lambda w: w["x0"])
        self.top = min(w["top"] for w in self.words)
        self.bottom = max(w["bottom"] for w in self.words)
        self.x0 = min(w["x0"] for w in self.words)
        self.x1 = max(w["x1"] for w in self.words)
        sizes = [w.get("size", 0) or 0 for w in self.words]
        self.size = statistics.median(sizes) if sizes else 0.0
        self.bold = all("bold" in (w.get("fontname") or "").lower() for w in self.words)
        self.text = " ".join(w["text"] for w in self.words)
        return self


def _page_chars(page) -> list[tuple[str, float, float, float, float, float, str]]:
    """(text, x0, x1, top, bottom, size, fontname) of every glyph on the page, duplicates dropped.

    Read from pdfplumber's layout of the page (pdfminer's LTChar objects): building pdfplumber's
    per-character dictionaries costs three times as much, and its dedupe_chars is quadratic.
    """
    from pdfminer.layout import LTChar

    layout = page.layout
    height = float(layout.height)
    out = []
    seen = set()
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            text = obj.get_text()
            if not text:
                continue
            top = height - obj.y1
            key = (text, round(obj.x0, 1), round(top, 1))
            if key in seen:  # a glyph drawn twice to fake bold
                continue
            seen.add(key)
            out.append((text, obj.x0, obj.x1, top, height - obj.y0, obj.size, obj.fontname))
        elif hasattr(obj, "__iter__"):
            stack.extend(obj)
    return out


def _words(chars: list) -> list[dict]:
    """Glyphs of one physical line, left to right -> words (split at spaces and gaps)."""
    words: list[dict] = []
    cur: list = []

    def flush():
        if cur:
            words.append({"text": _clean("".join(c[0] for c in cur)), "x0": cur[0][1],
                          "x1": max(c[2] for c in cur), "top": min(c[3] for c in cur),
                          "bottom": max(c[4] for c in cur), "size": cur[0][5],
                          "fontname": cur[0][6]})
            cur.clear()

    for ch in chars:
        if ch[0].isspace() and ch[0] != "\xa0":  # a no-break space joins, as it did in layout
            flush()
            continue
        if cur:
            gap = ch[1] - cur[-1][2]
            if gap > max(0.8, 0.15 * ch[5]) or (
                    not words and gap > 0.03 * ch[5]
                    and _LABEL_TOKEN.match("".join(c[0] for c in cur))):
                # (a label at the start of a line is followed by a tab, which can be narrower
                # than a space: "(A)" + tab + "where")
                flush()
        cur.append(ch)
    flush()
    return words


def _cluster_lines(chars: list, page: int) -> list[Line]:
    """Glyphs -> physical lines, top to bottom (glyphs whose vertical extents overlap share a line)."""
    groups: list[list] = []
    group_top = 0.0
    for ch in sorted(chars, key=lambda c: (c[3], c[1])):
        height = max(ch[4] - ch[3], 1.0)
        if groups and abs(ch[3] - group_top) <= height * 0.5:
            groups[-1].append(ch)
            continue
        groups.append([ch])
        group_top = ch[3]
    lines = []
    for group in groups:
        group.sort(key=lambda c: c[1])
        words = _words(group)
        if words:
            lines.append(Line(words, page, chars=group).finish())
    return lines


def _split_columns(lines: list[Line], width: float) -> list[list[Line]]:
    """[lines] for a single-column page, [left, right] when a gutter no word crosses exists."""
    words = [w for line in lines for w in line.words]
    if len(words) < 20:
        return [lines]
    lo, hi = width * 0.3, width * 0.7
    # Coverage of [lo, hi] by words, on a 1-pt grid.
    covered = bytearray(int(hi - lo) + 1)
    for w in words:
        a, b = max(w["x0"], lo), min(w["x1"], hi)
        if a < b:
            for x in range(int(a - lo), int(b - lo) + 1):
                covered[x] = 1
    best = None  # widest run of uncovered grid points
    start = None
    for i, c in enumerate(list(covered) + [1]):
        if not c and start is None:
            start = i
        elif c and start is not None:
            if best is None or i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    if best is None or best[1] - best[0] < 8:
        return [lines]
    gutter = lo + (best[0] + best[1]) / 2
    left = [w for w in words if w["x1"] <= gutter]
    right = [w for w in words if w["x0"] >= gutter]
    if len(left) < 3 or len(right) < 3:
        return [lines]
    page = lines[0].page
    body = [c for line in lines for c in line.chars]  # running headers/footers already gone
    return [_cluster_lines([c for c in body if c[2] <= gutter], page),
            _cluster_lines([c for c in body if c[1] >= gutter], page)]


def _norm_key(text: str) -> str:
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def _remove_running_lines(pages: list[tuple[list[Line], float]]) -> list[list[Line]]:
    """Drop running headers, footers and page numbers; returns each page's body lines."""
    counts: dict[tuple[str, str], list[float]] = defaultdict(list)
    candidates: list[list[tuple[Line, str]]] = []
    for lines, height in pages:
        cands = []
        for line in lines[:3]:
            if line.bottom <= height * MARGIN_BAND:
                cands.append((line, "top"))
        for line in lines[-3:]:
            if line.top >= height * (1 - MARGIN_BAND) and all(line is not c for c, _ in cands):
                cands.append((line, "bottom"))
        for line, zone in cands:
            counts[(zone, _norm_key(line.text))].append(line.top)
        candidates.append(cands)
    n_pages = len(pages)
    need = max(2, RECUR_SHARE * n_pages)
    sizes = sorted(line.size for lines, _ in pages for line in lines)
    body_size = sizes[len(sizes) // 2] if sizes else 0.0
    out: list[list[Line]] = []
    for number, ((lines, _), cands) in enumerate(zip(pages, candidates), 1):
        drop = set()
        for line, zone in cands:
            tops = counts[(zone, _norm_key(line.text))]
            same_height = [t for t in tops if abs(t - line.top) <= 4]
            words = line.text.split()
            if len(same_height) >= need or _PAGE_NUMBER.match(line.text.strip()):
                drop.add(id(line))
            elif zone == "top" and line.size < 0.9 * body_size and \
                    str(number) in (words[0], words[-1]):
                # a running head with its page number, in a smaller type than the text (the
                # only evidence a one-page document gives)
                drop.add(id(line))
        out.append([line for line in lines if id(line) not in drop])
    return out


def _clean(text: str) -> str:
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    return text


#: Words that keep their hyphen before a lower-case word in legal English.
_HYPHEN_PREFIXES = frozenset({"non", "self", "cross", "quasi", "anti", "well", "twenty", "thirty",
                              "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})


class _Joiner:
    """Joins the lines of a paragraph, with the document's own hyphenated vocabulary."""

    def __init__(self, lines: list[Line]):
        self.hyphenated: set[str] = set()
        self.heads: set[str] = set(_HYPHEN_PREFIXES)
        self.plain: set[str] = set()
        for line in lines:
            body = line.text
            # words hyphenated inside a line (not at its end) are the document's own spelling
            for m in _HYPHEN_WORD.finditer(body[:-1] if body.endswith("-") else body):
                word = m.group(1).lower()
                self.hyphenated.add(word)
                self.heads.add(word.split("-", 1)[0])
            for word in body.split():
                self.plain.add(word.strip(".,;:()[]\"'“”‘’").lower())

    def join(self, prev: str, nxt: str) -> str:
        if prev.endswith("\u00ad"):
            return prev[:-1] + nxt
        if prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt[:1].islower():
            head = re.search(r"([A-Za-z-]*)-$", prev).group(1)
            tail = re.match(r"[A-Za-z-]*", nxt).group(0)
            with_hyphen = f"{head}-{tail}".lower()
            without = f"{head}{tail}".lower()
            if without not in self.plain and (with_hyphen in self.hyphenated
                                              or "-" in head or "-" in tail
                                              or head.lower() in self.heads):
                return prev + nxt  # a compound: "seven-day-a-week", "non-compoundable"
            return prev[:-1] + nxt
        return prev + " " + nxt


def _is_gap(prev: Line, line: Line, spacing: float) -> bool:
    return line.top - prev.bottom > spacing + max(line.size, 1.0) * 0.45


def _breaks(prev: Line, line: Line, right_edge: float, spacing: float | None,
            spaced: bool) -> bool:
    """True if `line` starts a new paragraph after `prev`. `spaced`: the document separates
    its paragraphs by vertical space, so inside a column a missing gap means no break."""
    same_block = prev.page == line.page and prev.column == line.column
    if same_block and spacing is not None and _is_gap(prev, line, spacing):
        return True
    if abs(prev.size - line.size) > 0.6 or prev.bold != line.bold:
        return True
    if _ALL_CAPS.match(prev.text) and any(ch.islower() for ch in line.text):
        return True  # "TITLE 2 – POWERS" then "Article 31 – Mutual assistance"
    if prev.text.endswith(("-", "\u00ad")) and line.text[:1].islower():
        return False
    first = line.words[0]
    space = max(line.size, 1.0) * 0.28
    if prev.x1 + space + (first["x1"] - first["x0"]) < right_edge - 1.0:
        return True  # the first word would have fitted: the previous line ended on purpose
    if (not spaced or not same_block) and _LABEL_START.match(line.text) and \
            _ENDS_CLAUSE.search(prev.text):
        return True
    if not same_block and _ENDS_CLAUSE.search(prev.text) and _STARTS_UNIT.match(line.text):
        # Across a page or column break the paragraph spacing is lost: a line that closes a
        # clause followed by one that opens a unit is taken as a paragraph end.
        return True
    return False


def _line_spacing(blocks: list[list[Line]]) -> float | None:
    """The gap between lines inside a paragraph: a low percentile of all gaps in the document
    (the most common gap is the paragraph spacing when most paragraphs are one line long)."""
    gaps = sorted(b.top - a.bottom for col in blocks for a, b in zip(col, col[1:])
                  if b.top > a.bottom - 1 and abs(a.size - b.size) < 0.6)
    if not gaps:
        return None
    return gaps[int(0.1 * (len(gaps) - 1))]


def paragraphs_from_pdf(pdf, name: str) -> list[tuple[str, str]]:
    if len(pdf.pages) > limits.MAX_PDF_PAGES:
        raise InputError(f"PDF has {len(pdf.pages)} pages; the limit is {limits.MAX_PDF_PAGES}",
                         path=name)
    pages: list[tuple[list[Line], float]] = []
    widths: list[float] = []
    chars = 0
    for number, page in enumerate(pdf.pages, 1):
        glyphs = _page_chars(page)
        chars += len(glyphs)
        limits.check_text_size(chars, name)
        lines = _cluster_lines(glyphs, number)
        pages.append((lines, float(page.layout.height)))
        widths.append(float(page.layout.width))
        page.close()
    if chars == 0:
        raise InputError("PDF has no text layer (a scanned image?); run OCR on it first",
                         path=name)
    bodies = _remove_running_lines(pages)

    # Reading order: columns of each page, lines numbered per page (per column when two).
    blocks: list[list[Line]] = []
    for lines, width in zip(bodies, widths):
        if not lines:
            continue
        columns = _split_columns(lines, width)
        for c, col in enumerate(columns, 1 if len(columns) > 1 else 0):
            for i, line in enumerate(col, 1):
                line.column = c
                line.number = i
            if col:
                blocks.append(col)
    # The right edge of the text frame, per column position, over the whole document: most lines
    # of running text end near it.
    ends: dict[int, list[float]] = defaultdict(list)
    for col in blocks:
        for line in col:
            ends[line.column].append(line.x1)
    edges = {c: sorted(xs)[int(0.95 * (len(xs) - 1))] for c, xs in ends.items()}
    joiner = _Joiner([line for col in blocks for line in col])
    spacing = _line_spacing(blocks)
    pairs = [(a, b) for col in blocks for a, b in zip(col, col[1:])]
    spaced = spacing is not None and \
        sum(_is_gap(a, b, spacing) for a, b in pairs) >= 0.05 * max(len(pairs), 1)

    out: list[tuple[str, str]] = []
    text = ""
    origin = ""
    prev: Line | None = None
    for col in blocks:
        for line in col:
            if prev is None or _breaks(prev, line, edges[prev.column], spacing, spaced):
                if text:
                    out.append((text, origin))
                text = line.text
                where = f"page {line.page}, column {line.column}" if line.column else f"page {line.page}"
                origin = f"{where}, line {line.number}"
            else:
                text = joiner.join(text, line.text)
            prev = line
    if text:
        out.append((text, origin))
    return [(unicodedata.normalize("NFC", t).replace("\u00ad", ""), o) for t, o in out]


def read_pdf(path: Path) -> Source:
    name = str(path)
    data = limits.read_input(path)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise InputError("not a PDF file (no %PDF header)", path=name)
    try:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    except ImportError:
        raise limits.missing_extra("pdfplumber", "PDF", name) from None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks = paragraphs_from_pdf(pdf, name)
    except InputError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise InputError(f"PDF is encrypted and needs a password to open ({type(exc).__name__}); "
                         "save an unprotected copy", path=name) from None
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
        detail = str(exc) or type(exc).__name__
        if "password" in detail.lower() or "encrypt" in detail.lower():
            raise InputError(f"PDF is encrypted and cannot be read: {detail}", path=name) from None
        raise InputError(f"corrupt or unreadable PDF: {type(exc).__name__}: {detail}",
                         path=name) from None
    text, origins = limits.assemble(blocks)
    return Source(path=name, text=text, origins=origins, format="pdf")
