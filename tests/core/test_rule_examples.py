"""Every example in every rule file is a test: `flag` examples must produce a finding of that rule,
`pass` examples must not. Loaded by one parametrised test, like sqlfluff's YAML rule cases."""

from __future__ import annotations

import pytest

from legislint.api import lint_text
from legislint.config import Config
from legislint.rules import load_ruleset

RULESET = load_ruleset()
CASES = [(rule.code, kind, i, text)
         for rule in RULESET
         for kind, texts in (("flag", rule.examples.flag), ("pass", rule.examples.passes))
         for i, text in enumerate(texts)]


@pytest.mark.parametrize("code,kind,index,text", CASES,
                         ids=[f"{c}-{k}-{i}" for c, k, i, _ in CASES])
def test_rule_example(code: str, kind: str, index: int, text: str) -> None:
    result = lint_text(text, f"<{code} example {index}>", Config(select=[code]))
    codes = [f.code for f in result.findings]
    if kind == "flag":
        assert code in codes, f"{code} {kind} example {index} produced no finding:\n{text}"
    else:
        assert code not in codes, (f"{code} pass example {index} was flagged: "
                                   f"{[f.message for f in result.findings]}\n{text}")


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULESET:
        assert rule.examples.flag and rule.examples.passes, rule.code
