"""Inputs built to break a parser or a regex engine: a 1 MB line, a 1 MB word, 10 000 items,
10 000 lines of cycling numbering, long runs of words and commas next to trigger words. Each must
finish (a generous wall-clock guard catches catastrophic backtracking and quadratic loops, it is
not a speed test: benchmarks/bench_core.py measures speed), raise nothing, and keep every
reported position inside the text."""

from __future__ import annotations

import pytest

from legislint.api import lint_text
from legislint.parser import parse

from bounded import within
from test_properties import check_tree

MB = 1_000_000
_GUARD = 120.0   # seconds; real runs take a few seconds, runaways take hours


def lint_checked(text: str):
    with within(_GUARD, f"linting {len(text)} characters"):
        result = lint_text(text, "pathological.txt")
    check_tree(result.document)
    lines = result.source.text.split("\n")
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(lines), f
    return result


def depth(node) -> int:
    return 1 + max((depth(c) for c in node.children), default=0)


def test_one_megabyte_line_of_trigger_words():
    sentence = ("Each Party shall adopt such legislative measures as may be necessary to empower its "
                "competent authorities to search or similarly access, intercept, collect, record, ")
    result = lint_checked("Article 1 – Powers\n\n" + (sentence * (MB // len(sentence) + 1))[:MB])
    assert len(result.document.lines) == 3


def test_one_megabyte_word():
    lint_checked("Article 1 – X\n\n" + "intercept" * (MB // 9))
    lint_checked("(" * MB)


@pytest.mark.parametrize("bait", ids=["gap", "words", "commas", "chained", "qualifier", "labels"], argvalues=[
    # "(collect|record) ... (traffic data|...)": a gap of up to twenty words, tried at every word
    "collect" + ", word" * 100_000 + " traffic data",
    "keep" + " the" * 100_000 + " confidential",
    "shall" + " ,," * 100_000 + " not be granted",
    "order" + " requiring him" * 50_000 + " to produce",
    "the court may, for such period as the court" * 20_000 + " deems appropriate",
    ("(a) " * 50_000) + "intercept",
])
def test_long_runs_next_to_trigger_words(bait):
    lint_checked("Article 2 – Interception\n\n" + bait + ".\n")


def test_ten_thousand_items_in_sequence():
    text = "Article 1 – X\n\nThe authority may intercept the communications of:\n\n" + \
        "\n".join(f"({i}) person {i}; or" for i in range(1, 10_001))
    with within(_GUARD, "parsing 10 000 items"):
        document = parse(text)
    article = document.root.children[0]
    # Labels have at most four digits: "(10000)" is running text after a list item ending in
    # "or", so it goes back to the provision that owns the list.
    assert [c.number for c in article.children] == [str(i) for i in range(1, 10_000)]
    assert article.text.endswith("(10000) person 10000; or")
    lint_checked(text)


_CYCLE = ["(a)", "(i)", "(A)", "1.", "(1)", "a)", "(I)", "1°"]


def test_ten_thousand_lines_of_cycling_numbering_stay_shallow():
    """"(a)" "(i)" "(A)" "1." repeated: each label reopens a list already open, so the tree
    stays as deep as the numbering styles, not 10 000 levels."""
    text = "Article 1 – X\n\n" + "\n".join(f"{_CYCLE[i % len(_CYCLE)]} the holder of the data;"
                                          for i in range(10_000))
    with within(_GUARD, "parsing cycling numbering"):
        document = parse(text)
    assert depth(document.root) <= 20
    assert sum(1 for _ in document.nodes()) == 10_002
    lint_checked(text)


def test_two_thousand_nested_powers_in_one_article():
    """Every item triggers the rules and looks in the whole article: the article is read once per
    rule, not once per item."""
    text = "Article 1 – X\n\n" + "\n".join(f"{_CYCLE[i % len(_CYCLE)]} the judge may order interception;"
                                          for i in range(2_000))
    result = lint_checked(text)
    assert result.findings


def test_every_numbering_style_nested_once():
    labels = ["1.", "(1)", "(a)", "(i)", "(A)", "(I)", "a)", "1)", "1°", "I. –"]
    text = "Article 1 – X\n\n" + "\n".join(f"{label} text {n}" for n, label in enumerate(labels))
    document = parse(text)
    check_tree(document)
    assert depth(document.root) >= 6


def test_five_thousand_chapters_each_with_a_power_citing_the_one_before():
    text = "\n".join(f"CHAPTER {i}\nTITLE OF CHAPTER {i}\nArticle {i} – Heading\nThe authority may "
                     f"intercept data under Article {i - 1}." for i in range(1, 5_001))
    result = lint_checked(text)
    assert sum(1 for n in result.document.nodes() if n.kind == "article") == 5_000
    assert len({f.line for f in result.findings}) == 5_000


def test_nul_and_control_characters_between_words():
    text = "Article 1 – X\n\n1. The authority\x00may intercept\x00 data\x0b\x0c\x1c\x1d.\r\n" * 2_000
    lint_checked(text)
