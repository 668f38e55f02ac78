"""Fixtures for the batch tests: a folder of corpus bills with broken files among them, and a
headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from batch_helpers import BROKEN, EVIL_NAME, EVIL_TEXT


@pytest.fixture(scope="session")
def corpus_files(corpus) -> list[Path]:
    files = sorted(corpus.glob("*.txt"))
    assert len(files) >= 10, f"corpus texts not found under {corpus}"
    return files


@pytest.fixture(scope="session")
def small_files(corpus_files) -> list[Path]:
    """The five smallest corpus texts: for tests about the batch, not about the corpus."""
    return sorted(corpus_files, key=lambda p: p.stat().st_size)[:5]


@pytest.fixture(scope="session")
def bills_dir(tmp_path_factory, corpus_files) -> Path:
    """Corpus texts + a hostile bill + two files that cannot be read. Read-only for tests."""
    folder = tmp_path_factory.mktemp("bills")
    for path in corpus_files:
        shutil.copy(path, folder / path.name)
    (folder / EVIL_NAME).write_text(EVIL_TEXT, encoding="utf-8")
    # Binary (NUL bytes) and not-UTF-8 files: each must become an error line, not stop the batch.
    binary, latin1 = (folder / name for name in BROKEN)
    binary.write_bytes(bytes(range(256)) * 64)
    latin1.write_bytes("Article 1 - Données\nLe juge d'instruction\n".encode("latin-1"))
    return folder


@pytest.fixture(scope="session")
def chromium_binary() -> str:
    """Chromium from Debian. Installed here when missing and we are root (as .ci/run does);
    a machine without it fails this test rather than skipping it."""
    from chromium_cdp import find_chromium

    binary = find_chromium()
    if binary is None and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True, timeout=900,
                       check=False)
        subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=env,
                       capture_output=True, timeout=1800, check=False)
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
