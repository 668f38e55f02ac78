"""The provision trees of real legislation, compared with their reviewed snapshots.

A failure shows the diff between the stored tree and the one the parser builds now. If the change
is intended, run `python scripts/regenerate_snapshots.py --trees` and review `git diff tests/`.
"""

from __future__ import annotations

import difflib

import pytest

from legislint.parser import parse

import tree_snapshot

_MAX_DIFF_LINES = 80


@pytest.mark.parametrize("name", tree_snapshot.TEXTS)
def test_tree_matches_snapshot(corpus, name):
    text = (corpus / name).read_text("utf-8")
    stored_file = tree_snapshot.snapshot_path(name)
    assert stored_file.is_file(), (
        f"no snapshot for {name}: run `python scripts/regenerate_snapshots.py --trees`")
    stored = stored_file.read_text("utf-8")
    assert tree_snapshot.stored_hash(stored) == tree_snapshot.sha256(text), (
        f"{name} is not the text the snapshot was made from (its SHA-256 changed): "
        "regenerate with `python scripts/regenerate_snapshots.py --trees` and review the diff")
    now = tree_snapshot.render(parse(text, name), name)
    if now != stored:
        diff = list(difflib.unified_diff(stored.splitlines(), now.splitlines(),
                                         f"snapshot/{stored_file.name}", "parser now",
                                         n=1, lineterm=""))
        shown = "\n".join(diff[:_MAX_DIFF_LINES])
        more = f"\n... {len(diff) - _MAX_DIFF_LINES} more diff lines" if len(diff) > _MAX_DIFF_LINES else ""
        pytest.fail(f"the provision tree of {name} changed:\n{shown}{more}\n"
                    "If intended: python scripts/regenerate_snapshots.py --trees", pytrace=False)


def test_snapshot_files_belong_to_listed_texts():
    """A snapshot of a text no longer listed is stale: the script would never refresh it."""
    expected = {tree_snapshot.snapshot_path(n).name for n in tree_snapshot.TEXTS}
    present = {p.name for p in tree_snapshot.SNAPSHOTS.glob("*.tree.yaml")}
    assert present == expected


def test_snapshots_are_valid_yaml_with_one_entry_per_node(corpus):
    from ruamel.yaml import YAML

    name = tree_snapshot.TEXTS[0]
    data = YAML(typ="safe").load(tree_snapshot.snapshot_path(name).read_text("utf-8"))
    document = parse((corpus / name).read_text("utf-8"), name)
    assert len(data["nodes"]) == sum(1 for _ in document.nodes())
    assert data["nodes"][0]["kind"] == "document"
    assert {"depth", "kind", "path", "lines"} <= set(data["nodes"][1])
