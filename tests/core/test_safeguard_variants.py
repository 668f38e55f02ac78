"""Generalisation: take real provisions, remove the safeguard phrase (the finding must appear) or
add one to a defective provision (the finding must go). The rules are measured this way on text
they have never seen, so these tests edit the corpus rather than use invented examples."""

from __future__ import annotations

import re

import pytest

from legislint.api import lint_text
from legislint.config import Config


def lines_of(corpus, name):
    return (corpus / name).read_text().split("\n")


def flagged(text: str, code: str, line: int) -> bool:
    result = lint_text(text, "<variant>", Config(select=[code]))
    return any(f.line == line for f in result.findings)


def edit(text_lines, line, old, new):
    out = list(text_lines)
    assert old in out[line - 1], (line, old, out[line - 1][:120])
    out[line - 1] = out[line - 1].replace(old, new)
    return "\n".join(out)


@pytest.mark.parametrize("line", [67, 71, 75, 81])
def test_budapest_offence_without_intentionally_is_flagged(corpus, line):
    lines = lines_of(corpus, "budapest-ets185.txt")
    assert not flagged("\n".join(lines), "LG101", line)
    assert flagged(edit(lines, line, "when committed intentionally, ", ""), "LG101", line)


def test_mauritius_knowingly_removed_is_flagged(corpus):
    lines = lines_of(corpus, "mu-computer-misuse-cybercrime-act-2003.txt")
    assert not flagged("\n".join(lines), "LG101", 168)
    assert flagged(edit(lines, 168, "knowingly ", ""), "LG101", 168)


def test_mauritius_damage_offence_with_intent_added_is_clean(corpus):
    lines = lines_of(corpus, "mu-computer-misuse-cybercrime-act-2003.txt")
    text = "\n".join(lines)
    assert flagged(text, "LG101", 196) or flagged(text, "LG101", 194)
    fixed = edit(lines, 194, "Any person who without lawful authority",
                 "Any person who intentionally and without lawful authority")
    assert not (flagged(fixed, "LG101", 196) or flagged(fixed, "LG101", 194))


def test_judge_removed_from_search_warrant_is_flagged(corpus):
    lines = lines_of(corpus, "mu-computer-misuse-cybercrime-act-2003.txt")
    line = next(i for i, l in enumerate(lines, 1) if l.startswith("(1) Where an investigatory authority has reasonable grounds"))
    assert not flagged("\n".join(lines), "LG201", line)
    variant = edit(lines, line, "it may apply to a Judge in Chambers for the issue of a warrant to",
                   "it may")
    assert flagged(variant, "LG201", line)


def test_judicial_order_added_to_budapest_production_order_is_clean(corpus):
    lines = lines_of(corpus, "budapest-ets185.txt")
    assert flagged("\n".join(lines), "LG201", 245)
    variant = edit(lines, 243, "to empower its competent authorities to order:",
                   "to empower a judge, on application by its competent authorities, to order:")
    assert not flagged(variant, "LG201", 245) and not flagged(variant, "LG201", 243)


def test_hedged_general_clause_made_mandatory_clears_powers(corpus):
    lines = lines_of(corpus, "budapest-ets185.txt")
    text = "\n".join(lines)
    assert flagged(text, "LG201", 263)
    variant = re.sub(r"Such conditions and safeguards shall, as appropriate in view of the nature of "
                     r"the procedure or power concerned, inter alia, include judicial or other "
                     r"independent supervision",
                     "The exercise of each power shall require a prior order of a judge, and such "
                     "conditions and safeguards shall include", text)
    assert variant != text
    assert not flagged(variant, "LG201", 263)


def test_rejected_general_clause_is_named_as_evidence(corpus):
    text = (corpus / "budapest-ets185.txt").read_text()
    result = lint_text(text, "budapest", Config(select=["LG201"]))
    finding = next(f for f in result.findings if f.provision == "Article 19(1)")
    assert any(e.provision.startswith("Article 15") for e in finding.evidence), finding.evidence
    assert "Article 15" in finding.message


def test_gag_with_period_added_is_clean_and_without_is_flagged(corpus):
    lines = lines_of(corpus, "budapest-ets185.txt")
    assert flagged("\n".join(lines), "LG401", 301)
    variant = edit(lines, 301, "and any information relating to it.",
                   "and any information relating to it, for a period not exceeding ninety days.")
    assert not flagged(variant, "LG401", 301)
    lines = lines_of(corpus, "us-18-usc-2705.txt")
    assert not flagged("\n".join(lines), "LG401", 10)
    variant = edit(lines, 10, "for a period not to exceed ninety days", "for such period as the court deems appropriate")
    assert flagged(variant, "LG401", 10)


def test_refusal_ground_made_mandatory_is_clean(corpus):
    lines = lines_of(corpus, "coe-ets030-mutual-assistance.txt")
    line = next(i for i, l in enumerate(lines, 1) if l.startswith("Assistance may be refused"))
    text = "\n".join(lines)
    result = lint_text(text, "ets30", Config(select=["LG301"]))
    assert any(line <= f.line <= line + 4 for f in result.findings)
    variant = edit(lines, line, "Assistance may be refused", "Assistance shall be refused")
    result = lint_text(variant, "ets30", Config(select=["LG301"]))
    assert not any(line <= f.line <= line + 4 for f in result.findings)


def test_extradition_political_bar_made_optional_is_flagged(corpus):
    lines = lines_of(corpus, "coe-ets024-extradition.txt")
    assert not flagged("\n".join(lines), "LG301", 35)
    variant = edit(lines, 35, "Extradition shall not be granted", "Extradition may be refused")
    variant = variant.replace("The same rule shall apply if", "The same rule may apply if")
    assert flagged(variant, "LG301", 35)
