"""One defect, one finding: items that complete one sentence are reported once, at the provision;
numbered paragraphs that stand on their own keep their own findings."""

from __future__ import annotations

from legislint.api import lint_text
from legislint.config import Config

SECTION = """7. Damaging a computer system

Any person who, without lawful excuse, does an act which causes--

(a) a degradation of the operation of a computer system; or

(b) a denial of access to any data,

shall commit an offence.
"""


def test_items_of_one_offence_are_one_finding():
    findings = lint_text(SECTION, "s7", Config(select=["LG101"])).findings
    assert [(f.provision, f.line) for f in findings] == [("s.7", 3)]
    assert findings[0].end_line == 7 and "(a)–(b)" in findings[0].message


def test_a_sound_item_keeps_the_others_separate():
    text = SECTION.replace("(a) a degradation", "(a) knowingly causing a degradation")
    findings = lint_text(text, "s7", Config(select=["LG101"])).findings
    assert [f.provision for f in findings] == ["s.7(b)"]


def test_paragraphs_that_stand_alone_are_not_merged():
    text = """Article 20 – Confidentiality

1. Each Party shall oblige a service provider to keep confidential the fact of the execution of any power provided for in this article.

2. Each Party shall oblige a custodian to keep confidential the fact of any request made under this article.
"""
    findings = lint_text(text, "a20", Config(select=["LG401"])).findings
    assert [f.provision for f in findings] == ["Article 20(1)", "Article 20(2)"]
