"""Accuracy on expert labels for the core checks (../shared/corpus/gold)."""

from __future__ import annotations

import pytest

from legislint.config import Config
from legislint.evaluate import evaluate, format_table
from legislint.rules import CORE_CATEGORIES

RECALL, PRECISION = 0.90, 0.85


@pytest.fixture(scope="module")
def scores(corpus):
    gold = sorted((corpus / "gold").glob("*.gold.yaml"))
    assert gold, "no gold files"
    return evaluate(gold, config=Config(select=["core"]))


@pytest.mark.parametrize("category", CORE_CATEGORIES)
def test_core_category_meets_thresholds(scores, category):
    score = scores[category]
    table = format_table(scores)
    assert score.recall is not None and score.recall >= RECALL, \
        f"{category} recall {score.recall}; missed: {score.misses}\n{table}"
    assert score.precision is not None and score.precision >= PRECISION, \
        f"{category} precision {score.precision}; false alarms: {score.false_alarms}\n{table}"
