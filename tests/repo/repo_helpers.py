"""Small helpers for the drafting-repository tests: write files, run the CLI in-process."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

from legislint.cli import main

POWER_LAW = """\
Article 1 – Search

1. The police may search and seize any computer system.

Article 2 – Interception

The authorities may intercept communications in real time.

Article 3 – Production orders

A judge may, upon application, order a person to produce specified data.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def cwd(path: Path):
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)


def provisions(report: dict, key: str = "findings", code: str | None = "LG201") -> list[tuple[str, str]]:
    """(code, provision) of the findings (by default of LG201 only: other rules may grow)."""
    return [(f["code"], f["provision"]) for file in report["files"] for f in file.get(key, [])
            if code is None or f["code"] == code]
