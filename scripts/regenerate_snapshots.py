"""Regenerate the snapshot files the tests compare against.

    python scripts/regenerate_snapshots.py            # trees and findings
    python scripts/regenerate_snapshots.py --trees    # tests/grammar/snapshots/*.tree.yaml
    python scripts/regenerate_snapshots.py --findings # tests/robustness/snapshots/corpus-findings.yaml

Run it after a deliberate change of the grammar (trees) or of rules and lexicons (findings), then
read the diff (`git diff tests/`) before committing: every changed line is a changed answer.
The corpus is read from ../shared/corpus beside the repository, or $LEGISLINT_SHARED/corpus.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "grammar"))
sys.path.insert(0, str(REPO / "tests" / "robustness"))

import findings_snapshot  # noqa: E402
import tree_snapshot  # noqa: E402


def _write(path: Path, text: str) -> bool:
    old = path.read_text("utf-8") if path.exists() else None
    if old == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)
    return True


def regenerate_trees() -> None:
    from legislint.parser import parse

    for name in tree_snapshot.TEXTS:
        source = tree_snapshot.CORPUS / name
        text = source.read_text("utf-8")
        rendered = tree_snapshot.render(parse(text, name), name)
        changed = _write(tree_snapshot.snapshot_path(name), rendered)
        print(f"{'updated ' if changed else 'same    '} {tree_snapshot.snapshot_path(name).relative_to(REPO)}")


def regenerate_findings() -> None:
    changed = _write(findings_snapshot.SNAPSHOT, findings_snapshot.render(findings_snapshot.current()))
    print(f"{'updated ' if changed else 'same    '} {findings_snapshot.SNAPSHOT.relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trees", action="store_true", help="only the provision-tree snapshots")
    ap.add_argument("--findings", action="store_true", help="only the corpus findings snapshot")
    args = ap.parse_args(argv)
    if not tree_snapshot.CORPUS.is_dir():
        print(f"error: corpus not found at {tree_snapshot.CORPUS} (set LEGISLINT_SHARED)", file=sys.stderr)
        return 2
    both = not (args.trees or args.findings)
    if args.trees or both:
        regenerate_trees()
    if args.findings or both:
        regenerate_findings()
    return 0


if __name__ == "__main__":
    sys.exit(main())
