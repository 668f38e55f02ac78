"""`legislint batch`: JSONL contract, per-file errors, parallel == serial, exit codes, progress."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from batch_helpers import (BROKEN, EVIL_TEXT, batch_command, legislint_exe, read_jsonl, run_batch,
                           run_batch_process)

from legislint.api import lint_source
from legislint.readers import read_path

CONTRACT_KEYS = ["code", "rule", "category", "severity", "provision", "line", "column",
                 "end_line", "end_column", "message"]
POSITIVE = {"type": "integer", "minimum": 1}
JSONL_SCHEMA = {
    "oneOf": [
        {"type": "object", "additionalProperties": False,
         "required": ["path", *CONTRACT_KEYS],
         "properties": {
             "path": {"type": "string", "minLength": 1},
             "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
             "rule": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
             "category": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
             "severity": {"enum": ["info", "warning", "error"]},
             "provision": {"type": "string"},
             "line": POSITIVE, "column": POSITIVE, "end_line": POSITIVE, "end_column": POSITIVE,
             "message": {"type": "string", "minLength": 1},
             "origin": {"type": "string", "minLength": 1}}},
        {"type": "object", "additionalProperties": False, "required": ["path", "error", "kind"],
         "properties": {"path": {"type": "string", "minLength": 1},
                        "error": {"type": "string", "minLength": 1},
                        "kind": {"enum": ["input", "internal"]}}},
    ]
}


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def serial_run(bills_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial")
    before = _digest(bills_dir)
    # The one full run as its own process (`python -m legislint.batch`); the others run in-process.
    proc = run_batch_process(str(bills_dir), "--jsonl", str(out / "findings.jsonl"), "--jobs", "1")
    return proc, read_jsonl(out / "findings.jsonl"), before


def test_jsonl_lines_follow_the_schema_and_the_core(serial_run, bills_dir):
    proc, records, before = serial_run
    assert proc.returncode == 1, proc.stderr
    for record in records:
        jsonschema.validate(record, JSONL_SCHEMA)
    findings = [r for r in records if "error" not in r]
    assert findings, "the corpus produces findings"
    # Every readable file: the batch reports exactly what the core API finds, in input order.
    by_path: dict[str, list[dict]] = {}
    for record in findings:
        by_path.setdefault(record["path"], []).append(
            {k: record[k] for k in CONTRACT_KEYS})
    readable = [p for p in sorted(bills_dir.iterdir()) if p.name not in BROKEN]
    for path in readable:
        expected = [f.contract_dict() for f in lint_source(read_path(path)).findings]
        assert by_path.get(str(path), []) == expected, path.name
    order = list(dict.fromkeys(r["path"] for r in records))
    assert order == sorted(order), "lines follow the (sorted) input order"
    assert _digest(bills_dir) == before, "input files are never modified"


def test_unreadable_files_are_error_lines_and_do_not_stop_the_batch(serial_run, bills_dir):
    proc, records, _ = serial_run
    errors = {Path(r["path"]).name: r for r in records if "error" in r}
    assert set(errors) == set(BROKEN)
    assert all(r["kind"] == "input" for r in errors.values())
    assert "binary" in errors["m-binary.txt"]["error"]
    assert "UTF-8" in errors["m-latin1.txt"]["error"]
    linted = {Path(r["path"]).name for r in records if "error" not in r}
    # Files after the broken ones in input order were still linted.
    assert any(name > max(BROKEN) for name in linted), linted
    # Listed for the human too, in the summary.
    for name in BROKEN:
        assert name in proc.stdout
    assert "could not be read" in proc.stdout


def test_summary_table_lists_every_category_of_the_ruleset(serial_run):
    from legislint.config import Config
    from legislint.rules import load_ruleset

    proc, records, _ = serial_run
    categories = {rule.category for rule in load_ruleset(Config())}
    counts = Counter(r["category"] for r in records if "error" not in r)
    for category in categories:
        line = next((ln for ln in proc.stdout.splitlines() if f" {category} " in ln), None)
        assert line is not None, f"{category} missing from summary:\n{proc.stdout}"
        assert str(counts.get(category, 0)) in line.split()


def test_parallel_run_equals_serial_run(serial_run, bills_dir, tmp_path):
    _, serial, _ = serial_run
    proc = run_batch(str(bills_dir), "--jsonl", str(tmp_path / "p.jsonl"), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr
    assert read_jsonl(tmp_path / "p.jsonl") == serial


def test_origin_is_omitted_for_plain_text(serial_run):
    _, records, _ = serial_run
    assert all("origin" not in r for r in records), "plain-text lines are their own origin"


def test_exit_codes(tmp_path, bills_dir):
    only_broken = tmp_path / "broken"
    only_broken.mkdir()
    for name in BROKEN:
        shutil.copy(bills_dir / name, only_broken / name)
    proc = run_batch(str(only_broken), "--jsonl", str(tmp_path / "b.jsonl"))
    assert proc.returncode == 2, "no file could be read"
    assert len(read_jsonl(tmp_path / "b.jsonl")) == 2, "errors are still written"

    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_batch(str(empty))
    assert proc.returncode == 2 and "no input files" in proc.stderr

    proc = run_batch(str(bills_dir), "--jsonl", str(tmp_path / "missing-dir" / "f.jsonl"))
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    assert not (tmp_path / "missing-dir").exists()

    proc = run_batch(str(bills_dir), "--executor", "dask")
    assert proc.returncode == 2 and "--scheduler" in proc.stderr

    clean = tmp_path / "clean.txt"
    clean.write_text("1. Short title\nThis Act may be cited as the Example Act 2025.\n")
    assert lint_source(read_path(clean)).findings == [], "precondition: a bill with no findings"
    proc = run_batch(str(clean), "--jsonl", str(tmp_path / "c.jsonl"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "c.jsonl").read_text() == ""

    proc = run_batch(str(clean), str(tmp_path / "no-such-bill.txt"))
    assert proc.returncode == 1, "a missing file is listed and makes the batch not clean"
    assert "no-such-bill.txt" in proc.stdout


def test_outputs_inside_the_input_folder_are_not_linted(tmp_path, small_files):
    folder = tmp_path / "bills"
    folder.mkdir()
    for path in small_files[:3]:
        shutil.copy(path, folder / path.name)
    args = (str(folder), "--jsonl", str(folder / "out.jsonl"), "--report", str(folder / "r.html"))
    first = run_batch(*args)
    assert first.returncode in (0, 1), first.stderr
    first_lines = (folder / "out.jsonl").read_text()
    second = run_batch(*args)
    assert (folder / "out.jsonl").read_text() == first_lines, "report.html was not linted"
    assert "3 files" in second.stdout
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [p.name for p in small_files[:3]] + ["out.jsonl", "r.html"]), "no temporary files left"


def test_write_atomic_leaves_old_file_when_writing_fails(tmp_path, monkeypatch):
    import legislint.batch as batch

    target = tmp_path / "findings.jsonl"
    target.write_text("old\n")

    class Boom(Exception):
        pass

    real_fdopen = os.fdopen

    def failing_fdopen(*args, **kwargs):
        handle = real_fdopen(*args, **kwargs)

        def write(_text):
            raise Boom()
        handle.write = write
        return handle

    monkeypatch.setattr(batch.os, "fdopen", failing_fdopen)
    with pytest.raises(Boom):
        batch.write_atomic(str(target), "new\n")
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.jsonl"]


def _stderr_through_terminal(args: list[str], env: dict) -> str:
    """Run with stderr on a pseudo-terminal; return what was drawn there."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=600) in (0, 1)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal_outside_ci(tmp_path, small_files):
    files = [str(p) for p in small_files[:4]]
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    drawn = _stderr_through_terminal(batch_command(*files), env)
    assert "linting" in drawn and "4/4" in drawn, drawn[-500:]

    in_ci = _stderr_through_terminal(batch_command(*files), {**env, "CI": "true"})
    assert "linting" not in in_ci

    quiet = _stderr_through_terminal(batch_command(*files, "--quiet"), env)
    assert "linting" not in quiet

    piped = subprocess.run(batch_command(*files), capture_output=True, text=True, env=env)
    assert "linting" not in piped.stderr and "linting" not in piped.stdout


def test_jsonl_to_stdout_keeps_stdout_parseable(serial_run, bills_dir):
    _, serial, _ = serial_run
    proc = run_batch(str(bills_dir), "--jsonl", "-")
    assert proc.returncode == 1, proc.stderr
    assert [json.loads(line) for line in proc.stdout.splitlines()] == serial
    assert "findings in" in proc.stderr, "the summary moves to stderr"


def test_legislint_cli_dispatches_batch(tmp_path):
    """The user-facing entry point: `legislint batch ...` (the core CLI hands over to us)."""
    bill = tmp_path / "bill.txt"
    bill.write_text(EVIL_TEXT, encoding="utf-8")
    exe = legislint_exe()
    out = tmp_path / "f.jsonl"
    proc = subprocess.run([exe, "batch", str(bill), "--jsonl", str(out), "--quiet"],
                          capture_output=True, text=True, env={**os.environ, "CI": "true"},
                          check=False)
    direct = run_batch(str(bill), "--jsonl", str(tmp_path / "g.jsonl"), "--quiet")
    assert out.is_file(), f"legislint batch wrote no JSONL: {proc.stderr}"
    assert out.read_text() == (tmp_path / "g.jsonl").read_text() != ""
    assert proc.returncode == direct.returncode == 1


def test_batch_applies_each_projects_configuration_like_check(tmp_path, corpus_files):
    """Files under different project files get different configurations, and `exclude` holds;
    per file, the batch reports what `legislint check --format json` reports."""
    chosen = [p for p in corpus_files if p.name.startswith(("budapest", "pk-prevention"))]
    projects = {name: tmp_path / name for name in ("proj-a", "proj-b")}
    for folder in projects.values():
        folder.mkdir()
        for path in chosen:
            shutil.copy(path, folder / path.name)
    (projects["proj-a"] / ".legislint.yaml").write_text(
        "ignore: [gag-time-limit]\nexclude: ['skip-*.txt']\n")
    shutil.copy(corpus_files[-1], projects["proj-a"] / "skip-me.txt")

    proc = run_batch(str(tmp_path), "--jsonl", str(tmp_path / "out.jsonl"), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr
    records = read_jsonl(tmp_path / "out.jsonl")
    exe = legislint_exe()
    check = subprocess.run([exe, "check", "--format", "json", str(tmp_path)],
                           capture_output=True, text=True, env={**os.environ, "CI": "true"})
    assert check.returncode == 1, check.stderr
    expected = {f["path"]: [{k: x[k] for k in CONTRACT_KEYS} for x in f["findings"]]
                for f in json.loads(check.stdout)["files"]}
    got: dict[str, list] = {}
    for r in records:
        got.setdefault(r["path"], []).append({k: r[k] for k in CONTRACT_KEYS})
    assert got == {p: f for p, f in expected.items() if f}
    assert not any(p.endswith("skip-me.txt") for p in got)
    gag = {Path(p).parent.name for p, fs in got.items()
           for f in fs if f["category"] == "gag-time-limit"}
    assert gag == {"proj-b"}, "the ignore of proj-a's project file applies to proj-a only"


def test_origin_of_a_docx_line_is_in_the_jsonl(tmp_path):
    """Findings in a Word file carry where they are in the original (`origin`)."""
    import docx

    document = docx.Document()
    for line in EVIL_TEXT.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "bill.docx")
    proc = run_batch(str(tmp_path / "bill.docx"), "--jsonl", str(tmp_path / "f.jsonl"),
                     "--report", str(tmp_path / "r.html"))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    records = read_jsonl(tmp_path / "f.jsonl")
    assert records and all(isinstance(r.get("origin"), str) and r["origin"] for r in records)
    report = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert all(f'<span class="origin">({r["origin"]})</span>' in report for r in records)


def lint_file_or_die(path, options=None, display=None):
    """Stands in for the per-file job in forked workers: the process dies on one file."""
    from legislint.batch import runner

    if path.endswith("poison.txt"):
        os._exit(70)
    return runner.real_lint_file(path, options, display)


def test_a_file_that_kills_its_worker_fails_alone(tmp_path, small_files, monkeypatch):
    from legislint.batch import runner

    paths = [str(p) for p in small_files]
    poison = tmp_path / "poison.txt"
    poison.write_text("Article 1\nText.\n")
    paths.insert(2, str(poison))
    monkeypatch.setattr(runner, "real_lint_file", runner.lint_file, raising=False)
    monkeypatch.setattr(runner, "lint_file", lint_file_or_die)
    results = runner.run_batch(paths, runner.default_options(), jobs=2)
    assert [r["path"] for r in results] == paths
    failed = [r for r in results if not r["ok"]]
    assert [r["path"] for r in failed] == [str(poison)]
    assert "died" in failed[0]["error"] and failed[0]["kind"] == "internal"
