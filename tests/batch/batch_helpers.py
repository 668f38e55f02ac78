"""Helpers for the batch tests (a name no other test folder shadows, unlike `conftest`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

#: A bill whose name and text try to inject markup; the provisions lack safeguards, so the
#: linter flags them and the report has to show the hostile lines.
EVIL_NAME = "evil-<img src=x onerror=window.__pwned=3>.txt"
EVIL_TEXT = """\
Article 1 – Illegal access <script>window.__pwned=1</script>
Each Party shall adopt such legislative and other measures as may be necessary to establish as criminal offences under its domestic law the access to the whole or any part of a computer system <img src=x onerror=window.__pwned=2> without right.
Article 2 – Interception of content data
Each Party shall adopt such legislative and other measures as may be necessary to empower its competent authorities to collect or record, through the application of technical means, content data of specified communications transmitted by means of a computer system </td></tr></table><b>broken out</b>.
"""
EVIL_MARKUP = ("<script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=2>")

#: Files that cannot be read, in the middle of the sorted input order, so files after them show
#: that the batch went on.
BROKEN = ("m-binary.txt", "m-latin1.txt")


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "legislint.batch", *args]


def legislint_exe() -> str:
    import shutil

    return shutil.which("legislint") or str(Path(sys.executable).with_name("legislint"))


def run_batch_process(*args: str, env: dict | None = None,
                      timeout: float = 600) -> subprocess.CompletedProcess:
    """`python -m legislint.batch ARGS` in a new process (CI set: no progress bar)."""
    full_env = {**os.environ, "CI": "true", **(env or {})}
    return subprocess.run(batch_command(*args), capture_output=True, text=True, env=full_env,
                          timeout=timeout, check=False)


def run_batch(*args: str) -> subprocess.CompletedProcess:
    """`legislint batch ARGS` in this process (the loaded rules are reused, so it is quick);
    stdout, stderr and the exit code as from a subprocess."""
    import contextlib
    import io

    from legislint.batch import main

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.get("CI")
    os.environ["CI"] = "true"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    finally:
        if saved is None:
            del os.environ["CI"]
        else:
            os.environ["CI"] = saved
    return subprocess.CompletedProcess(["legislint", "batch", *args], code, out.getvalue(),
                                       err.getvalue())


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
