"""Fixtures for the batch tests: a folder of corpus bills with broken files among them, a way to
run `legislint batch`, and a headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():  # the repository may be checked out elsewhere
    CORPUS = Path(os.environ.get("LEGISLINT_CORPUS", "/work/shared/corpus"))

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


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 10, f"corpus texts not found under {CORPUS}"
    return files


@pytest.fixture(scope="session")
def bills_dir(tmp_path_factory, corpus_files) -> Path:
    """Corpus texts + a hostile bill + two files that cannot be read. Read-only for tests."""
    folder = tmp_path_factory.mktemp("bills")
    for path in corpus_files:
        shutil.copy(path, folder / path.name)
    (folder / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    # Binary (NUL bytes) and not-UTF-8 files: each must become an error line, not stop the batch.
    (folder / "m-binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "m-latin1.txt").write_bytes("Article 1 – Données\nLe juge d’instruction\n"
                                           .encode("latin-1", "replace") + b"\xe9\xe8\n")
    return folder


BROKEN = ("m-binary.txt", "m-latin1.txt")


def batch_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "legislint.batch", *args]


def run_batch(*args: str, env: dict | None = None, cwd: Path | None = None,
              timeout: float = 600) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "CI": "true", **(env or {})}
    return subprocess.run(batch_command(*args), capture_output=True, text=True, env=full_env,
                          cwd=cwd, timeout=timeout)


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    """Chromium from Debian. Installed here when missing and we are root (as .ci/run does);
    a machine without it fails this test rather than skipping it."""
    from chromium_cdp import find_chromium

    binary = find_chromium()
    if binary is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=900)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=env,
                       capture_output=True, timeout=1800)
        binary = find_chromium()
    if binary is None:
        pytest.fail("Chromium is required for the report test and is not installed; "
                    "run: apt-get update && apt-get install -y chromium")
    return binary


@pytest.fixture(scope="module")
def browser(chromium_binary, tmp_path_factory):
    from chromium_cdp import Chromium

    home = tmp_path_factory.mktemp("chromium")
    instance = Chromium(chromium_binary, home / "profile", home / "chromium.log")
    yield instance
    instance.close()
