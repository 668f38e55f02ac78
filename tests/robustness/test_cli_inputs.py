"""Files that are not legislation: a clear error naming the file, exit 2, the other files still
linted; and a report written with -o is the whole report or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from legislint.cli import main

POWER = ("Article 1 – Interception\n\nEach Party shall adopt such legislative measures as may be "
         "necessary to empower its competent authorities to intercept content data.\n")


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    folder = tmp_path / "bills"
    folder.mkdir()
    (folder / "good.txt").write_text(POWER, "utf-8")
    (folder / "binary.txt").write_bytes(b"PK\x03\x04\x00\x00\x00\x14\x00\x08" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Article 2 - Définitions\n\nLe juge peut ordonner.\n".encode("latin-1"))
    (folder / "truncated-utf8.md").write_bytes("Article 3 – X\n\nIntercept – ".encode("utf-8")[:-2])
    (folder / "fake.docx").write_bytes(b"not a zip at all")
    (folder / "fake.pdf").write_bytes(b"%PDF-1.7\n\x00\x00broken")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.bin").write_bytes(b"\x00\x01 not a supported suffix")
    return folder


BROKEN = ("binary.txt", "latin1.txt", "truncated-utf8.md", "fake.docx", "fake.pdf")


def test_directory_with_broken_files_exits_2_and_still_lints_the_rest(mixed, capsys):
    code = main(["check", str(mixed), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    for name in BROKEN:
        lines = [line for line in err.splitlines() if name in line]
        assert len(lines) == 1 and lines[0].startswith("error: "), (name, err)
    assert "Traceback" not in err
    assert "notes.bin" not in err + out     # unsupported suffixes are not read at all
    assert "good.txt" in out and "LG201" in out


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_file_alone_exits_2_with_its_name(mixed, capsys, name):
    code = main(["check", str(mixed / name)])
    out, err = capsys.readouterr()
    assert code == 2
    assert str(mixed / name) in err and "Traceback" not in err


def test_binary_error_says_why(mixed, capsys):
    main(["check", str(mixed / "binary.txt")])
    assert "binary" in capsys.readouterr().err
    main(["check", str(mixed / "latin1.txt")])
    assert "UTF-8" in capsys.readouterr().err


def test_nul_bytes_inside_text_are_read_as_spaces(tmp_path, capsys):
    """A NUL deep in a text file (after the 8 KB a binary sniff reads) is not a crash."""
    bill = tmp_path / "nul.txt"
    bill.write_bytes(POWER.encode() + b"x" * 9000 + b"\x00 more text\n")
    assert main(["check", str(bill), "--format", "json"]) == 1
    assert "LG201" in capsys.readouterr().out


def test_crlf_file_reports_the_same_lines_as_lf(tmp_path, capsys):
    lf, crlf = tmp_path / "lf.txt", tmp_path / "crlf.txt"
    lf.write_bytes(POWER.encode())
    crlf.write_bytes(POWER.replace("\n", "\r\n").encode())
    main(["check", str(lf), "--format", "json"])
    a = capsys.readouterr().out.replace(str(lf), "X")
    main(["check", str(crlf), "--format", "json"])
    b = capsys.readouterr().out.replace(str(crlf), "X")
    assert a == b


def test_report_file_is_written_whole(tmp_path, mixed, capsys):
    report = tmp_path / "report.json"
    assert main(["check", str(mixed / "good.txt"), "--format", "json", "-o", str(report)]) == 1
    assert '"LG201"' in report.read_text("utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".report")] == []


def test_failed_write_leaves_the_old_report_and_no_temporary_file(tmp_path, mixed, capsys, monkeypatch):
    report = tmp_path / "report.json"
    report.write_text("previous report\n", "utf-8")

    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    code = main(["check", str(mixed / "good.txt"), "--format", "json", "-o", str(report)])
    err = capsys.readouterr().err
    assert code == 2 and "No space left on device" in err and "Traceback" not in err
    assert report.read_text("utf-8") == "previous report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bills", "report.json"]


def test_report_into_a_missing_directory_is_an_error_not_a_traceback(tmp_path, mixed, capsys):
    code = main(["check", str(mixed / "good.txt"), "-o", str(tmp_path / "missing" / "report.txt")])
    err = capsys.readouterr().err
    assert code == 2 and "report.txt" in err and "Traceback" not in err
