"""Hostile and broken inputs: zip bombs, DTDs inside docx, encryption, corruption, missing
extras; every input left unmodified; errors name the file and reach the CLI as exit 2."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile

import pytest

from legislint.errors import InputError
from legislint.readers import limits, read_path


@pytest.fixture
def small_docx(fx, tmp_path):
    return fx.build_docx(fx.corpus_text("us-18-usc-2705.txt"), tmp_path / "ok.docx").path


def rezip(src, dst, replace=None, add=None, compression=zipfile.ZIP_DEFLATED):
    """Copy a docx, replacing or adding members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", compression) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if replace and info.filename in replace:
                data = replace[info.filename](data)
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return dst


def patch_central_directory(data: bytes, member: str, *, size=None, flags=None) -> bytes:
    """Rewrite a member's declared uncompressed size and/or flag bits in the zip's directories."""
    buf = bytearray(data)
    name = member.encode()
    for sig, size_at, flag_at, name_len_at, header_len in ((b"PK\x01\x02", 24, 8, 28, 46),
                                                           (b"PK\x03\x04", 22, 6, 26, 30)):
        pos = buf.find(sig)
        while pos != -1:
            n = struct.unpack_from("<H", buf, pos + name_len_at)[0]
            if bytes(buf[pos + header_len:pos + header_len + n]) == name:
                if size is not None:
                    struct.pack_into("<I", buf, pos + size_at, size)
                if flags is not None:
                    struct.pack_into("<H", buf, pos + flag_at, flags)
            pos = buf.find(sig, pos + 4)
    return bytes(buf)


def expect_error(path, unchanged, match: str) -> InputError:
    with pytest.raises(InputError) as err:
        unchanged(path, lambda: read_path(path))
    assert err.value.path == str(path)
    assert match.lower() in err.value.message.lower(), err.value.message
    return err.value


# --------------------------------------------------------------------------- docx
def test_docx_zip_bomb_by_compression_ratio(small_docx, tmp_path, unchanged):
    bomb = rezip(small_docx, tmp_path / "bomb.docx",
                 add={"word/media/image1.bin": bytes(64 * 1024 * 1024)})
    assert bomb.stat().st_size < 1024 * 1024  # 64 MB inside a file under 1 MB
    start = time.perf_counter()
    expect_error(bomb, unchanged, "compression ratio")
    assert time.perf_counter() - start < 2.0  # refused before anything is inflated


def test_docx_bomb_in_the_main_part(small_docx, tmp_path, unchanged):
    padding = b"<w:p/>" * (4 * 1024 * 1024)
    bomb = rezip(small_docx, tmp_path / "xmlbomb.docx",
                 replace={"word/document.xml": lambda d: d.replace(b"<w:body>", b"<w:body>" + padding)})
    expect_error(bomb, unchanged, "possible zip bomb")


def test_docx_total_size_and_member_count(small_docx, tmp_path, unchanged, monkeypatch):
    total = sum(i.file_size for i in zipfile.ZipFile(small_docx).infolist())
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", total - 1)
    expect_error(small_docx, unchanged, "unpacks to more than")
    monkeypatch.setattr(limits, "MAX_ZIP_TOTAL_BYTES", total)
    assert read_path(small_docx).text  # exactly at the limit is fine
    many = rezip(small_docx, tmp_path / "many.docx",
                 add={f"customXml/extra{i}.xml": b"<a/>" for i in range(limits.MAX_ZIP_MEMBERS)})
    expect_error(many, unchanged, "members")


def test_docx_member_lying_about_its_size(small_docx, tmp_path, unchanged):
    liar = tmp_path / "liar.docx"
    liar.write_bytes(patch_central_directory(small_docx.read_bytes(), "word/document.xml", size=100))
    expect_error(liar, unchanged, "corrupt")


def test_docx_with_dtd_entities_is_refused(small_docx, tmp_path, unchanged):
    dtd = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>')
    laughs = rezip(small_docx, tmp_path / "laughs.docx",
                   replace={"word/document.xml": lambda d: d.replace(b"?>", b"?>" + dtd, 1)})
    err = expect_error(laughs, unchanged, "DTD")
    assert "word/document.xml" in err.message
    xxe = rezip(small_docx, tmp_path / "xxe.docx", replace={
        "word/styles.xml": lambda d: d.replace(
            b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)})
    expect_error(xxe, unchanged, "DTD")


def test_encrypted_and_corrupt_docx(small_docx, tmp_path, unchanged):
    ole = tmp_path / "protected.docx"  # what Word writes for "Encrypt with password"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    expect_error(ole, unchanged, "encrypted")
    flagged = tmp_path / "flagged.docx"
    flagged.write_bytes(patch_central_directory(small_docx.read_bytes(), "word/document.xml",
                                                flags=0x1))
    expect_error(flagged, unchanged, "encrypted")
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(small_docx.read_bytes()[:2000])
    expect_error(truncated, unchanged, "corrupt zip")
    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("hello.txt", "not a word document")
    expect_error(other_zip, unchanged, "not a readable word document")
    text = tmp_path / "text.docx"
    text.write_text("Article 1 - plain text saved with the wrong suffix")
    expect_error(text, unchanged, "not a valid")


# --------------------------------------------------------------------------- extras
@pytest.mark.parametrize("suffix,module", [(".docx", "docx"), (".pdf", "pdfplumber"),
                                           (".xml", "lxml"), (".html", "lxml")])
def test_missing_optional_library_names_the_extra(tmp_path, monkeypatch, suffix, module):
    path = tmp_path / f"f{suffix}"
    if suffix == ".docx":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
        path.write_bytes(buf.getvalue())
    elif suffix == ".pdf":
        path.write_bytes(b"%PDF-1.4\n%%EOF\n")
    else:
        path.write_text("<akomaNtoso/>" if suffix == ".xml" else "<p>x</p>")
    monkeypatch.setitem(sys.modules, module, None)  # "import module" now raises ImportError
    for name in list(sys.modules):
        if name.startswith(module + "."):
            monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(InputError, match=r"pip install 'legislint\[formats\]'"):
        read_path(path)


# --------------------------------------------------------------------------- CLI
def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "legislint", *map(str, args)],
                          capture_output=True, text=True, timeout=300)


def test_cli_reports_origins_and_input_errors(fx, tmp_path):
    text = fx.corpus_text("us-18-usc-2705.txt")
    files = [fx.build_docx(text, tmp_path / "a.docx").path,
             fx.build_pdf(text, tmp_path / "a.pdf").path,
             fx.build_akoma_ntoso(text, tmp_path / "a.xml").path,
             fx.build_html(text, tmp_path / "a.html").path]
    proc = run_cli("check", "--format", "json", *files)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    origins = {f["path"]: [x.get("origin") for x in f["findings"]] for f in report["files"]}
    assert all(origins[str(p)] for p in files)
    assert origins[str(files[0])][0].startswith("paragraph ")
    assert origins[str(files[1])][0].startswith("page 1, line ")
    assert origins[str(files[2])][0].startswith("eId sec_2705")
    assert origins[str(files[3])][0].startswith("line ")
    proc = run_cli("check", files[0])
    assert "[paragraph " in proc.stdout  # the text report shows where in the original

    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n garbage")
    proc = run_cli("check", bad)
    assert proc.returncode == 2
    assert str(bad) in proc.stderr and "PDF" in proc.stderr
