"""The card's layout installs: every Python package under linter/ and lsp/ is listed in pyproject,
and the data folders ship. A package missing from the list only shows up in a non-editable
install (pre-commit, users), so the test compares the tree with the list."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _config():
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_subpackage_is_listed():
    cfg = _config()
    listed = set(cfg["packages"])
    mapping = cfg["package-dir"]
    for name, folder in mapping.items():
        for init in (REPO / folder).rglob("__init__.py"):
            rel = init.parent.relative_to(REPO / folder)
            dotted = ".".join((name, *rel.parts)) if rel.parts else name
            if "node_modules" in rel.parts:
                continue
            assert dotted in listed, f"{dotted} ({init.parent}) missing from [tool.setuptools] packages"


def test_data_files_are_declared():
    data = _config()["package-data"]
    for folder, patterns in (("rules", data["legislint.rule_data"]), ("grammar", data["legislint.grammar"])):
        for f in (REPO / folder).rglob("*"):
            if f.is_file() and f.suffix in (".yaml", ".lark", ".json") and "__pycache__" not in f.parts:
                rel = f.relative_to(REPO / folder).as_posix()
                assert any(Path(rel).match(p) for p in patterns), f"{folder}/{rel} not shipped: add it to package-data"
