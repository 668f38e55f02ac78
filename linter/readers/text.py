"""Plain text and Markdown: decode, normalize line endings, refuse binary files."""

from __future__ import annotations

import codecs
from pathlib import Path

from legislint.errors import InputError
from legislint.source import Source

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, path: str) -> str:
    """Bytes of a text file -> str, or an InputError that says why it is not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} at byte {exc.start}", path=path) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes); legislint reads text, Markdown, "
                         "docx, pdf, xml and html", path=path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         "re-save the file as UTF-8", path=path, line=line) from None


def normalize(text: str) -> str:
    """One newline convention and no NUL characters; columns and line numbers stay those of the file."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", " ")
    return text.lstrip("\ufeff")


def source_from_text(text: str, path: str = "<text>", format: str = "text") -> Source:
    return Source(path=path, text=normalize(text), format=format)


def read_text_file(path: Path) -> Source:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    fmt = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return source_from_text(decode(data, str(path)), str(path), fmt)
