"""PDF reader: running heads and page numbers removed, hyphenation joined, reading order (two
columns), page/line origins, corpus equivalence; PDFs from reportlab and from LibreOffice."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pdfplumber
import pytest

from legislint.errors import InputError
from legislint.readers import read_path

CORPUS_FILES = ["budapest-ets185.txt", "us-18-usc-2705.txt",
                "mu-computer-misuse-cybercrime-act-2003.txt"]


def lines_of(source) -> list[str]:
    return [line for line in source.text.split("\n") if line]


def plain_lines(fx, text: str) -> list[str]:
    # reportlab draws a no-break space as a space glyph (see fixtures.build_pdf)
    return [line.replace("\xa0", " ") for _, line in fx.corpus_paragraphs(text)]


@pytest.mark.parametrize("columns", [1, 2])
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_pdf_reads_back_and_lints_the_same(fx, tmp_path, name, columns, unchanged):
    text = fx.corpus_text(name)
    built = fx.build_pdf(text, tmp_path / f"{name}.{columns}.pdf", title=f"Fixture of {name}",
                         columns=columns)
    with pdfplumber.open(built.path) as pdf:
        n_pages = len(pdf.pages)
        raw = "\n".join(page.extract_text() for page in pdf.pages[:3])
    # the fixture is real: running heads, "Page N of M" and hyphenated line ends are in it
    assert raw.count(f"Fixture of {name}") == min(3, n_pages)
    assert f"Page 1 of {n_pages}" in raw
    assert re.search(r"[a-z]-\n[a-z]", raw), "no hyphenated line end in the fixture"

    source = unchanged(built.path, lambda: read_path(built.path))
    assert source.format == "pdf"
    got = lines_of(source)
    assert got == plain_lines(fx, text)
    assert not any(f"Fixture of {name}" in line or re.fullmatch(r"Page \d+ of \d+", line)
                   for line in got)
    rendered = [source.origins[i] for i, line in enumerate(source.text.split("\n")) if line]
    assert rendered == [built.origin_of_line[n] for n, _ in fx.corpus_paragraphs(text)]

    want, found, _ = fx.compare(text, name, built)
    assert found == want, fx.explain(want, found)


def test_origins_name_the_physical_page_and_line(fx, tmp_path):
    """Checked against pdfplumber's own line extraction, not against the reader's."""
    text = fx.corpus_text("mu-computer-misuse-cybercrime-act-2003.txt")
    built = fx.build_pdf(text, tmp_path / "b.pdf", title="Budapest")
    source = read_path(built.path)
    with pdfplumber.open(built.path) as pdf:
        body = []
        for page in pdf.pages:
            lines = [ln["text"] for ln in page.extract_text_lines()]
            body.append([ln for ln in lines if not ln.startswith("Budapest")
                         and not re.fullmatch(r"Page \d+ of \d+", ln)])
    checked = 0
    for i, line in enumerate(source.text.split("\n")):
        if not line:
            continue
        m = re.fullmatch(r"page (\d+), line (\d+)", source.origins[i])
        assert m, source.origins[i]
        physical = body[int(m.group(1)) - 1][int(m.group(2)) - 1]
        first_words = " ".join(physical.split()[:2]).rstrip("-")
        assert line.replace("\xa0", " ").startswith(first_words), (line[:60], physical)
        checked += 1
    assert checked == len(fx.corpus_paragraphs(text))


def test_hyphenation_keeps_real_compounds(fx, tmp_path):
    text = ("Article 1 – Test\n\n"
            + "1. The co-operation of every Party shall be rapid and well-organised and "
              "interoperable across jurisdictions, and international co-operation shall not "
              "be refused on the sole ground that the offence is a fiscal one; co-operation "
              "shall be extended by the competent authorities to all proceedings concerned.\n")
    built = fx.build_pdf(text, tmp_path / "h.pdf")
    with pdfplumber.open(built.path) as pdf:
        raw = pdf.pages[0].extract_text()
    assert re.search(r"-\n", raw)  # something was broken at a line end
    assert lines_of(read_path(built.path)) == [line for _, line in fx.corpus_paragraphs(text)]


def test_encrypted_pdf_needs_password(fx, tmp_path, unchanged):
    text = fx.corpus_text("us-18-usc-2705.txt")
    locked = fx.build_pdf(text, tmp_path / "locked.pdf", encrypt_user_password="s3cret").path
    with pytest.raises(InputError) as err:
        unchanged(locked, lambda: read_path(locked))
    assert "encrypted" in str(err.value) and str(locked) in str(err.value)
    # encrypted with an owner password only: opens without a password, and is read
    open_one = fx.build_pdf(text, tmp_path / "owner-only.pdf", encrypt_user_password="").path
    assert b"/Encrypt" in open_one.read_bytes()
    assert lines_of(read_path(open_one)) == plain_lines(fx, text)


@pytest.mark.parametrize("damage", ["truncated", "garbage-after-header", "not-a-pdf", "empty"])
def test_corrupt_pdf_is_a_clear_error(fx, tmp_path, damage, unchanged):
    good = fx.build_pdf(fx.corpus_text("us-18-usc-2705.txt"), tmp_path / "good.pdf").path
    data = good.read_bytes()
    bad = tmp_path / f"{damage}.pdf"
    bad.write_bytes({"truncated": data[: len(data) // 3],
                     "garbage-after-header": b"%PDF-1.4\n" + bytes(range(256)) * 40,
                     "not-a-pdf": b"PK\x03\x04 this is a zip, not a pdf",
                     "empty": b""}[damage])
    with pytest.raises(InputError) as err:
        unchanged(bad, lambda: read_path(bad))
    assert err.value.path == str(bad)
    assert any(w in err.value.message for w in ("PDF", "pdf"))


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 400, fill=1)  # an "image" of a page: shapes, no glyphs
    c.showPage()
    c.save()
    with pytest.raises(InputError, match="no text layer"):
        read_path(path)


# --------------------------------------------------------------------------- LibreOffice
@pytest.fixture(scope="module")
def soffice():
    """LibreOffice Writer from Debian. Installed here when missing and we are root (as .ci/run
    does); a machine without it fails this test rather than skipping it."""
    exe = shutil.which("soffice")
    if exe is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libreoffice-writer-nogui"]):
            subprocess.run(cmd, env=env, capture_output=True, timeout=1800, check=False)
        exe = shutil.which("soffice")
    if exe is None:
        pytest.fail("LibreOffice is required for this test and is not installed; "
                    "run: apt-get install -y libreoffice-writer-nogui")
    return exe


def test_libreoffice_pdf_of_a_numbered_docx(fx, tmp_path, soffice):
    """A PDF made by a real word processor from a docx with automatic numbering: the labels
    are drawn by LibreOffice, tab-separated from the text, justified by its own layout."""
    names = ["budapest-ets185.txt", "us-18-usc-2705.txt",
             "mu-computer-misuse-cybercrime-act-2003.txt"]
    docs = []
    for name in names:
        docs.append(fx.build_docx(fx.corpus_text(name), tmp_path / (name[:-4] + ".docx"),
                                  tracked_changes=False).path)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docs)],
                   check=True, capture_output=True, timeout=300)
    from legislint.api import lint_source, lint_text

    for name in names:
        text = fx.corpus_text(name)
        source = read_path(tmp_path / (name[:-4] + ".pdf"))
        # LibreOffice keeps no-break spaces as U+00A0: the text comes back exactly
        assert lines_of(source) == [line for _, line in fx.corpus_paragraphs(text)], name
        assert all(re.fullmatch(r"page \d+, line \d+", o) for o in source.origins if o)
        want = sorted((f.code, f.provision) for f in lint_text(text, name).findings)
        got = sorted((f.code, f.provision) for f in lint_source(source).findings)
        assert got == want, name
