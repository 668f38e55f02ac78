"""Reader tests: the fixture builders are loaded under a name no other test folder can shadow."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("legislint_reader_fixtures",
                                               Path(__file__).with_name("fixtures.py"))
fixtures = importlib.util.module_from_spec(_spec)
sys.modules["legislint_reader_fixtures"] = fixtures
_spec.loader.exec_module(fixtures)


@pytest.fixture(scope="session")
def fx():
    """The fixture builders (tests/readers/fixtures.py)."""
    if not fixtures.CORPUS.is_dir():
        pytest.fail(f"corpus missing: {fixtures.CORPUS} (set LEGISLINT_SHARED)")
    return fixtures


def digest(path: Path) -> tuple[str, int, int]:
    st = path.stat()
    return hashlib.sha256(path.read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns


@pytest.fixture
def unchanged():
    """Asserts that reading a file leaves it byte-for-byte unmodified (content, size, mtime)."""
    def check(path: Path, action):
        before = digest(path)
        try:
            return action()
        finally:
            assert digest(path) == before, f"{path} was modified by reading it"
    return check
