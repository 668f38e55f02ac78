"""Shared test fixtures: where the corpus of real legislation lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: CI clones the repository with shared/ beside it; developers have it at ../shared too.
SHARED = Path(os.environ.get("LEGISLINT_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus of real legislation is missing: expected {CORPUS} "
                    "(set LEGISLINT_SHARED to the shared/ folder)")
    return CORPUS
