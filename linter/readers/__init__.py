"""Readers: one module per input format, each returning a `Source`.

`read_path` picks the reader by file suffix. Optional formats (docx, pdf, xml, html) are imported
only when used, so a plain-text user needs none of their libraries.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from legislint.errors import InputError
from legislint.source import Source

#: suffix -> (module, function). Modules live in this package.
READERS: dict[str, tuple[str, str]] = {
    ".txt": ("text", "read_text_file"),
    ".text": ("text", "read_text_file"),
    ".md": ("text", "read_text_file"),
    ".markdown": ("text", "read_text_file"),
    ".leg": ("text", "read_text_file"),
    ".docx": ("docx", "read_docx"),
    ".pdf": ("pdf", "read_pdf"),
    ".xml": ("akoma_ntoso", "read_akoma_ntoso"),
    ".akn": ("akoma_ntoso", "read_akoma_ntoso"),
    ".html": ("html", "read_html"),
    ".htm": ("html", "read_html"),
    ".xhtml": ("html", "read_html"),
}

#: Largest input accepted; beyond this a bill is almost certainly not a bill.
MAX_BYTES = 200 * 1024 * 1024


def supported_suffixes() -> list[str]:
    return sorted(READERS)


def register(suffix: str, module: str, function: str) -> None:
    READERS[suffix.lower()] = (module, function)


def read_path(path: str | Path) -> Source:
    p = Path(path)
    suffix = p.suffix.lower()
    module, function = READERS.get(suffix, ("text", "read_text_file"))
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None
    if size > MAX_BYTES:
        raise InputError(f"file is {size} bytes; the limit is {MAX_BYTES}", path=str(path))
    reader = getattr(importlib.import_module(f"legislint.readers.{module}"), function)
    return reader(p)
