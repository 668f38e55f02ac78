"""Fixtures for the French and Spanish tests: the i18n corpus and the toy language pack."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("LEGISLINT_SHARED", REPO.parent / "shared"))
CORPUS_I18N = SHARED / "corpus-i18n"
TOY = Path(__file__).resolve().parent / "toy"


@pytest.fixture(scope="session")
def corpus_i18n() -> Path:
    if not CORPUS_I18N.is_dir():
        pytest.fail(f"the French and Spanish corpus is missing: expected {CORPUS_I18N} "
                    "(set LEGISLINT_SHARED to the shared/ folder)")
    return CORPUS_I18N


@pytest.fixture(scope="session")
def toy() -> Path:
    return TOY
