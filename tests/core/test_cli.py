"""The command line as a user meets it: output, JSON contract, selection, exit codes, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from legislint.cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "cybercrime-bill.txt"
CONTRACT_KEYS = ["code", "rule", "category", "severity", "provision", "line", "column",
                 "end_line", "end_column", "message"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_output_names_provision_line_and_source(capsys):
    code, out, _ = run(capsys, "check", "--color", "never", str(EXAMPLE))
    assert code == 1
    assert "cybercrime-bill.txt:47:5: LG201 s.7(1):" in out
    assert "47 | (1) An authorised officer may, by written notice" in out
    assert "= suggestion:" in out and "= standard:" in out


def test_example_bill_shows_all_four_core_categories(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(EXAMPLE))
    cats = {f["category"] for f in json.loads(out)["files"][0]["findings"]}
    assert {"mens-rea", "prior-judicial-authorization", "optional-refusal", "gag-time-limit"} <= cats


def test_good_provisions_of_example_stay_quiet(capsys):
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "core", str(EXAMPLE))
    flagged = {f["provision"] for f in json.loads(out)["files"][0]["findings"]}
    # s.3 has intent, s.6 and s.8 a judge's warrant or order, s.8(3) a bounded gag, s.10 a mandatory ground
    assert not flagged & {"s.3(1)", "s.5", "s.6(1)", "s.8(1)", "s.8(3)", "s.10"}


def test_json_follows_the_contract(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", str(EXAMPLE))
    data = json.loads(out)
    assert code == 1 and data["version"] == 1
    finding = data["files"][0]["findings"][0]
    assert list(finding)[:len(CONTRACT_KEYS)] == CONTRACT_KEYS
    assert isinstance(finding["line"], int) and finding["line"] >= 1
    assert finding["end_line"] >= finding["line"]


def test_select_and_ignore_by_category_and_code(capsys):
    _, out, _ = run(capsys, "check", "--format", "json", "--select", "gag-time-limit", str(EXAMPLE))
    assert {f["code"] for f in json.loads(out)["files"][0]["findings"]} == {"LG401"}
    _, out, _ = run(capsys, "check", "--format", "json", "--ignore", "LG201,mens-rea", str(EXAMPLE))
    codes = {f["code"] for f in json.loads(out)["files"][0]["findings"]}
    assert "LG201" not in codes and "LG101" not in codes and codes


def test_unknown_selector_is_a_usage_error(capsys):
    code, _, err = run(capsys, "check", "--select", "no-such-rule", str(EXAMPLE))
    assert code == 2 and "no-such-rule" in err


def test_clean_text_exits_zero(tmp_path, capsys):
    bill = tmp_path / "good.txt"
    bill.write_text("Article 1 – Illegal access\n\nEach Party shall establish as criminal offences, "
                    "when committed intentionally, the access to a computer system without right.\n")
    # Clean for the core checks; the extended ones note that "without right" is its only protection.
    code, out, _ = run(capsys, "check", "--select", "core", str(bill))
    assert code == 0 and "No findings" in out


def test_directory_is_walked(tmp_path, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "bill.md").write_text(EXAMPLE.read_text())
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    code, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert code == 1 and len(paths) == 1 and paths[0].endswith("bill.md")


def test_binary_file_is_a_clear_error_exit_2(tmp_path, capsys):
    bad = tmp_path / "scan.txt"
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = run(capsys, "check", str(bad), str(EXAMPLE))
    assert code == 2
    assert "scan.txt" in err and "binary" in err


def test_invalid_utf8_names_file_and_line(tmp_path, capsys):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Article 1\n\nLa protección de datos\n".encode("latin-1"))
    code, _, err = run(capsys, "check", str(bad))
    assert code == 2 and "latin1.txt:3" in err and "UTF-8" in err


def test_missing_file_exit_2(capsys):
    code, _, err = run(capsys, "check", "no/such/bill.txt")
    assert code == 2 and "no/such/bill.txt" in err


def test_output_file_written_whole(tmp_path, capsys):
    target = tmp_path / "report.json"
    code, out, _ = run(capsys, "check", "--format", "json", "-o", str(target), str(EXAMPLE))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["files"][0]["findings"]


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "LG201" in out and "power-without-prior-judicial-authorization" in out
    code, out, _ = run(capsys, "explain", "LG201")
    assert code == 0
    for heading in ("## What it flags", "## Why it matters", "## Standards", "## Example that fails",
                    "## Wording that passes", "## Fix safety"):
        assert heading in out
    assert "Roman Zakharov" in out
    code, _, err = run(capsys, "explain", "LG999")
    assert code == 2 and "LG999" in err


def test_eval_command_prints_table(corpus, capsys):
    code, out, _ = run(capsys, "eval", "--select", "core", str(corpus / "gold"))
    assert code == 0 and "prior-judicial-authorization" in out and "recall" in out


def test_module_entry_point():
    proc = subprocess.run([sys.executable, "-m", "legislint", "check", str(EXAMPLE), "--concise"],
                          capture_output=True, text=True)
    assert proc.returncode == 1 and "LG201" in proc.stdout
