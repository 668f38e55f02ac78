"""Scoring against expert labels (the gold files of ../shared/corpus/gold*/).

A `flag` label is found when a finding of its category starts inside its lines; a finding of a
category that starts inside a `clean` label of that category is a false positive; `either` labels
and findings outside every label are not scored (see gold/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from legislint.config import Config
from legislint.errors import InputError


@dataclass
class Score:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None


def load_gold(path: Path) -> dict:
    try:
        return YAML(typ="safe").load(path.read_text("utf-8"))
    except Exception as exc:  # noqa: BLE001 - reported as an input error with the file named
        raise InputError(f"cannot read gold file: {exc}", path=str(path)) from None


def evaluate(gold_paths: list[Path], corpus_dir: Path | None = None,
             config: Config | None = None) -> dict[str, Score]:
    from legislint.api import lint_source
    from legislint.readers import read_path

    scores: dict[str, Score] = {}
    for gold_path in gold_paths:
        gold = load_gold(gold_path)
        doc_dir = corpus_dir or gold_path.parent.parent
        doc_path = doc_dir / gold["document"]
        if not doc_path.exists():
            # corpus-i18n keeps texts in per-language folders
            candidates = list(doc_dir.rglob(gold["document"]))
            if candidates:
                doc_path = candidates[0]
        result = lint_source(read_path(doc_path), config)
        starts: dict[str, list] = {}
        for f in result.findings:
            starts.setdefault(f.category, []).append(f)
        for label in gold["labels"]:
            cat = label["category"]
            lo, hi = label["lines"]
            score = scores.setdefault(cat, Score())
            inside = [f for f in starts.get(cat, []) if lo <= f.line <= hi]
            where = f"{gold['document']}:{lo}-{hi} {label['provision']}"
            if label["expect"] == "flag":
                if inside:
                    score.tp += 1
                else:
                    score.fn += 1
                    score.misses.append(where)
            elif label["expect"] == "clean":
                if inside:
                    score.fp += 1
                    score.false_alarms.append(f"{where}: {inside[0].code} {inside[0].message[:120]}")
                else:
                    score.tn += 1
    return scores


def format_table(scores: dict[str, Score]) -> str:
    def pct(v):
        return "  -  " if v is None else f"{v:5.2f}"
    rows = ["category                       flag found missed  clean FP   recall precision"]
    for cat in sorted(scores):
        s = scores[cat]
        rows.append(f"{cat:30} {s.tp + s.fn:4} {s.tp:5} {s.fn:6} {s.fp + s.tn:6} {s.fp:3}   "
                    f"{pct(s.recall)}  {pct(s.precision)}")
    return "\n".join(rows)
