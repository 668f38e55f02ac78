"""PDF with pdfplumber: the running text of the pages, in reading order, one paragraph per line.

1. Words (pdfplumber) are grouped into physical lines; duplicate glyphs (fake bold) dropped.
2. Running headers and footers are removed: a line in the top or bottom band of the page whose
   text - digits masked, so "Page 3 of 12" and "Page 4 of 12" agree - recurs at the same height on
   at least two pages and 40 % of them, and any bare page number ("3", "- 3 -", "Page 3",
   "3/12", "iv") in those bands.
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
from collections import Counter, defaultdict
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
_ENDS_CLAUSE = re.compile(r"(?:[.;:]|[;,]\s*(?:and|or))\s*$")
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


def _cluster_lines(words: list[dict], page: int) -> list[Line]:
    """Words -> physical lines, top to bottom (words whose vertical extents overlap share a line)."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines:
            cur = lines[-1]
            cur_top = cur.top
            height = max(w["bottom"] - w["top"], 1.0)
            if abs(w["top"] - cur_top) <= height * 0.5:
                cur.words.append(w)
                continue
        lines.append(Line([w], page, top=w["top"]))
    return [line.finish() for line in lines]


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
    if len(left) < 0.2 * len(words) or len(right) < 0.2 * len(words):
        return [lines]
    page = lines[0].page
    return [_cluster_lines(left, page), _cluster_lines(right, page)]


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
    out: list[list[Line]] = []
    for (lines, _), cands in zip(pages, candidates):
        drop = set()
        for line, zone in cands:
            tops = counts[(zone, _norm_key(line.text))]
            same_height = [t for t in tops if abs(t - line.top) <= 4]
            if len(same_height) >= need or _PAGE_NUMBER.match(line.text.strip()):
                drop.add(id(line))
        out.append([line for line in lines if id(line) not in drop])
    return out


def _clean(text: str) -> str:
    for lig, rep in _LIGATURES.items():
        text = text.replace(lig, rep)
    return text


class _Joiner:
    """Decides paragraph breaks and joins lines, with the document's hyphenated vocabulary."""

    def __init__(self, lines: list[Line]):
        self.hyphenated: set[str] = set()
        self.plain: set[str] = set()
        for line in lines:
            body = line.text
            # words hyphenated inside a line (not at its end) are the document's own spelling
            for m in _HYPHEN_WORD.finditer(body[:-1] if body.endswith("-") else body):
                self.hyphenated.add(m.group(1).lower())
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
            if with_hyphen in self.hyphenated and without not in self.plain:
                return prev + nxt
            return prev[:-1] + nxt
        return prev + " " + nxt


def _breaks(prev: Line, line: Line, right_edge: float, spacing: float | None) -> bool:
    """True if `line` starts a new paragraph after `prev`."""
    same_block = prev.page == line.page and prev.column == line.column
    if same_block and spacing is not None:
        gap = line.top - prev.bottom
        if gap > spacing + max(line.size, 1.0) * 0.45:
            return True
    if abs(prev.size - line.size) > 0.6 or prev.bold != line.bold:
        return True
    if prev.text.endswith(("-", "\u00ad")) and line.text[:1].islower():
        return False
    first = line.words[0]
    space = max(line.size, 1.0) * 0.28
    if prev.x1 + space + (first["x1"] - first["x0"]) < right_edge - 1.0:
        return True  # the first word would have fitted: the previous line ended on purpose
    if _LABEL_START.match(line.text) and _ENDS_CLAUSE.search(prev.text):
        return True
    return False


def _line_spacing(lines: list[Line]) -> float | None:
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top > a.bottom - 1]
    if not gaps:
        return None
    # The most common gap is the line spacing inside paragraphs.
    rounded = Counter(round(g, 0) for g in gaps)
    return float(min(rounded.most_common(), key=lambda kv: (-kv[1], kv[0]))[0])


def paragraphs_from_pdf(pdf, name: str) -> list[tuple[str, str]]:
    if len(pdf.pages) > limits.MAX_PDF_PAGES:
        raise InputError(f"PDF has {len(pdf.pages)} pages; the limit is {limits.MAX_PDF_PAGES}",
                         path=name)
    pages: list[tuple[list[Line], float]] = []
    widths: list[float] = []
    chars = 0
    for number, page in enumerate(pdf.pages, 1):
        page = page.dedupe_chars()
        words = page.extract_words(keep_blank_chars=False, use_text_flow=False,
                                   extra_attrs=["size", "fontname"])
        chars += sum(len(w["text"]) for w in words)
        limits.check_text_size(chars, name)
        for w in words:
            w["text"] = _clean(w["text"])
        pages.append((_cluster_lines(words, number), float(page.height)))
        widths.append(float(page.width))
        page.close() if hasattr(page, "close") else None
    if chars == 0:
        raise InputError("PDF has no text layer (a scanned image?); run OCR on it first",
                         path=name)
    bodies = _remove_running_lines(pages)

    # Reading order: columns of each page, lines numbered per page (per column when two).
    blocks: list[tuple[list[Line], float | None]] = []  # (lines, line spacing)
    for lines, width in zip(bodies, widths):
        if not lines:
            continue
        columns = _split_columns(lines, width)
        for c, col in enumerate(columns, 1 if len(columns) > 1 else 0):
            for i, line in enumerate(col, 1):
                line.column = c
                line.number = i
            if col:
                blocks.append((col, _line_spacing(col)))
    # The right edge of the text frame, per column position, over the whole document: most lines
    # of running text end near it.
    ends: dict[int, list[float]] = defaultdict(list)
    for col, _ in blocks:
        for line in col:
            ends[line.column].append(line.x1)
    edges = {c: sorted(xs)[int(0.95 * (len(xs) - 1))] for c, xs in ends.items()}
    joiner = _Joiner([line for col, _ in blocks for line in col])

    out: list[tuple[str, str]] = []
    text = ""
    origin = ""
    prev: Line | None = None
    for col, spacing in blocks:
        for line in col:
            if prev is None or _breaks(prev, line, edges[prev.column], spacing):
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
