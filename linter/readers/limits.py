"""Limits and checks shared by the binary-format readers (docx, pdf, xml, html).

Every reader reads the input file once, into memory, with `read_input`; nothing ever opens an
input for writing. Container formats are checked before any library unpacks them:

* docx (a zip package): number of members, declared uncompressed size per member and in total,
  and the compression ratio of large members (a zip bomb inflates 1 MB into gigabytes). Python's
  zipfile stops at the declared size and fails the CRC check, so a member that lies about its size
  cannot inflate past these limits either.
* XML (Akoma Ntoso, and every XML part of a docx): no document type declaration at all. Word,
  LibreOffice and Akoma Ntoso editors never write one; refusing it closes entity expansion
  ("billion laughs") and external entities (XXE) before a parser sees them. The lxml parser is
  also configured with no network, no DTD loading and no entity resolution, as a second wall.

The limits are module constants so a deployment (or a test) can tighten them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from legislint.errors import InputError

#: Members a docx may hold (Word writes ~15-40).
MAX_ZIP_MEMBERS = 2000
#: Declared uncompressed size of all members together.
MAX_ZIP_TOTAL_BYTES = 256 * 1024 * 1024
#: Declared uncompressed size of one member.
MAX_ZIP_MEMBER_BYTES = 128 * 1024 * 1024
#: Largest compression ratio accepted for a member bigger than RATIO_CHECK_MIN_BYTES. Real
#: document.xml parts compress 5-30x; zip bombs compress 1000x and more.
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
#: Pages a PDF may have, and characters of text all readers may produce.
MAX_PDF_PAGES = 5000
MAX_TEXT_CHARS = 50 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_input(path: Path) -> bytes:
    """The whole input file, read once; an InputError if it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", path=str(path)) from None


def check_zip(data: bytes, path: str, kind: str = "Word document (.docx)") -> zipfile.ZipFile:
    """Open `data` as a zip package after checking it against the limits above."""
    if data.startswith(_OLE_MAGIC):
        raise InputError(f"not a {kind}: this is an OLE compound file - either a password-"
                         "protected (encrypted) document or a legacy .doc; save it as an "
                         "unprotected .docx", path=path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise InputError(f"not a valid {kind} (corrupt zip package: {exc})", path=path) from None
    if len(infos) > MAX_ZIP_MEMBERS:
        raise InputError(f"zip package has {len(infos)} members; the limit is {MAX_ZIP_MEMBERS} "
                         "(possible zip bomb)", path=path)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise InputError(f"{kind} is encrypted (member {info.filename!r}); "
                             "remove the password and save again", path=path)
        if info.file_size > MAX_ZIP_MEMBER_BYTES:
            raise InputError(f"zip member {info.filename!r} unpacks to {info.file_size} bytes; "
                             f"the limit is {MAX_ZIP_MEMBER_BYTES} (possible zip bomb)", path=path)
        if info.file_size > RATIO_CHECK_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > MAX_COMPRESSION_RATIO:
                raise InputError(f"zip member {info.filename!r} has compression ratio "
                                 f"{ratio:.0f}:1; the limit is {MAX_COMPRESSION_RATIO}:1 "
                                 "(possible zip bomb)", path=path)
        total += info.file_size
        if total > MAX_ZIP_TOTAL_BYTES:
            raise InputError(f"zip package unpacks to more than {MAX_ZIP_TOTAL_BYTES} bytes "
                             "(possible zip bomb)", path=path)
    return zf


# A DOCTYPE or ENTITY declaration in any of the encodings an XML parser would accept.
_WIDE_DTD_MARKERS = tuple(
    marker.encode(enc)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
_DTD_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def refuse_dtd(data: bytes, path: str, part: str | None = None) -> None:
    """Raise InputError if the XML in `data` declares a document type or entities."""
    found = _DTD_RE.search(data) is not None or any(m in data for m in _WIDE_DTD_MARKERS)
    if found:
        where = f" in part {part!r}" if part else ""
        raise InputError(f"XML{where} has a document type (DTD) declaration; legislint refuses "
                         "DTDs and entity declarations (entity expansion / external entity "
                         "attacks)", path=path)


def safe_xml_parser(**options):
    """An lxml parser that never touches the network, never loads a DTD, never expands entities."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, **options)


def check_text_size(text_len: int, path: str) -> None:
    if text_len > MAX_TEXT_CHARS:
        raise InputError(f"document text is {text_len} characters; the limit is "
                         f"{MAX_TEXT_CHARS}", path=path)


def missing_extra(library: str, fmt: str, path: str) -> InputError:
    return InputError(f"reading {fmt} needs the '{library}' package: "
                      "pip install 'legislint[formats]'", path=path)


def assemble(blocks: list[tuple[str, str | None]]) -> tuple[str, tuple[str | None, ...]]:
    """Blocks of text (one paragraph each, may hold several lines) -> canonical text + origins.

    Every line of a block becomes a line of text with the block's origin; blocks are separated by
    one blank line (origin None) - the layout the text parser reads: one heading or numbered unit
    per line, blank lines between.
    """
    lines: list[str] = []
    origins: list[str | None] = []
    for text, origin in blocks:
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            if lines:
                lines.append("")
                origins.append(None)
            lines.append(line)
            origins.append(origin)
    text = "\n".join(lines)
    if lines:
        text += "\n"
    return text, tuple(origins)
