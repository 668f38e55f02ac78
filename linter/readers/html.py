"""HTML with lxml: the text of the body, one block per line, headings kept.

Block elements (p, h1-h6, li, dt, dd, blockquote, td, div with text, ...) become lines of
canonical text with blank lines between; `<br>` starts a new line; inline markup (b, i, a, span,
...) is flattened and white space collapsed (except in `<pre>`). Scripts, styles, templates and
elements marked `hidden` are skipped. Items of an `<ol>` get the label a browser draws for them
("1.", "(a)", "(iv)"; `type`, `start`, `value`, `reversed` honoured; none when the list's
style says `list-style: none`). Each line's origin is "line N" of the HTML file, with the nearest
`id` when there is one ("line 41, #art29").

The parser never fetches anything: lxml's HTML parser runs with no network access and does not
resolve entities beyond HTML's own.
"""

from __future__ import annotations

import re
from pathlib import Path

from legislint.errors import InputError
from legislint.readers import limits
from legislint.source import Source

BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
})
SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object",
                  "embed", "svg", "math", "canvas", "audio", "video", "select", "button",
                  "textarea", "input"})
_WS = re.compile(r"[ \t\r\n\f\v]+")
_LIST_NONE = re.compile(r"list-style(?:-type)?\s*:\s*none", re.I)


def _roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _marker(n: int, kind: str) -> str:
    """The label of the n-th item of an <ol type=kind>, in the form legislation writes it:
    "1." for numbers (as a browser draws it), "(a)", "(A)", "(iv)", "(IV)" for letters and
    numerals (a browser draws "a." - a form no drafter uses for a numbered unit)."""
    if kind in ("a", "A") and n > 0:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)  # a..z, aa..zz as drafters do
        return f"({s.upper() if kind == 'A' else s})"
    if kind in ("i", "I") and n > 0:
        return f"({_roman(n).upper() if kind == 'I' else _roman(n)})"
    return f"{n}."


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


class _Walker:
    def __init__(self):
        self.blocks: list[tuple[str, str | None]] = []
        self.buf: list[str] = []
        self.origin: str | None = None
        self.pre = 0

    def flush(self) -> None:
        text = "".join(self.buf)
        self.buf = []
        if not self.pre:  # HTML white space, newlines included, is one space
            text = _WS.sub(" ", text).strip()
        for line in text.split("\n"):
            if line.strip():
                self.blocks.append((line.strip(), self.origin))
        self.origin = None

    def mark(self, el) -> None:
        if self.origin is None:
            where = f"line {el.sourceline}" if el.sourceline else None
            anchor = next((a.get("id") for a in [el, *el.iterancestors()] if a.get("id")), None)
            if anchor:
                where = f"{where}, #{anchor}" if where else f"#{anchor}"
            self.origin = where

    def text(self, s: str | None, el) -> None:
        if s and (self.pre or s.strip()):
            self.mark(el)
            self.buf.append(s)
        elif s:
            self.buf.append(s)

    def walk(self, el, list_state=None) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if not tag or tag in SKIP or el.get("hidden") is not None or \
                el.get("aria-hidden") == "true" and tag not in BLOCK:
            return
        if tag == "br":
            self.flush()
            return
        block = tag in BLOCK
        if block:
            self.flush()
        if tag == "pre":
            self.pre += 1
        if tag == "li" and list_state is not None:
            label = list_state.next(el)
            if label:
                self.mark(el)
                self.buf.append(label + " ")
        child_state = _OlState(el) if tag == "ol" else (None if tag == "ul" else list_state)
        self.text(el.text, el)
        for child in el:
            self.walk(child, child_state)
            self.text(child.tail, el)
        if block:
            self.flush()
        if tag == "pre":
            self.pre -= 1


class _OlState:
    def __init__(self, ol):
        self.kind = ol.get("type") or "1"
        self.reversed = ol.get("reversed") is not None
        items = [c for c in ol if isinstance(c.tag, str) and c.tag.lower() == "li"]
        default = len(items) if self.reversed else 1
        self.value = _int(ol.get("start"), default) - (-1 if self.reversed else 1)
        self.hidden = bool(_LIST_NONE.search(ol.get("style") or ""))

    def next(self, li) -> str | None:
        step = -1 if self.reversed else 1
        if li.get("value") is not None:
            self.value = _int(li.get("value"), self.value + step)
        else:
            self.value += step
        if self.hidden or _LIST_NONE.search(li.get("style") or ""):
            return None
        return _marker(self.value, li.get("type") or self.kind)


_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|"""
                       rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)


def _encoding(data: bytes) -> str:
    """The page's encoding: its BOM, its <meta charset> / XML declaration, else UTF-8 when the
    bytes are valid UTF-8 (lxml would guess Latin-1), else Windows-1252."""
    import codecs

    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return enc
    m = _DECLARED.search(data[:4096])
    if m:
        declared = (m.group(1) or m.group(2)).decode("ascii").lower()
        try:
            codecs.lookup(declared)
            return declared
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1252"


def parse_html(data: bytes, name: str) -> Source:
    try:
        from lxml import etree, html as lxml_html
    except ImportError:
        raise limits.missing_extra("lxml", "HTML", name) from None
    if not data.strip():
        return Source(path=name, text="", origins=(), format="html")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file (contains NUL bytes), not HTML", path=name)
    parser = lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True,
                                  default_doctype=False, encoding=_encoding(data))
    try:
        doc = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(f"unreadable HTML: {exc}", path=name) from None
    body = doc.find("body")
    if body is None:
        body = doc
    walker = _Walker()
    walker.walk(body)
    walker.flush()
    text, origins = limits.assemble(walker.blocks)
    limits.check_text_size(len(text), name)
    return Source(path=name, text=text, origins=origins, format="html")


def read_html(path: Path) -> Source:
    name = str(path)
    return parse_html(limits.read_input(path), name)
