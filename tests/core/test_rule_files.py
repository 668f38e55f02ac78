"""Rule files are data a lawyer edits: a mistake must be reported with the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from legislint.config import Config
from legislint.docs import HEADINGS, render_rule
from legislint.errors import RuleError
from legislint.lexicon import packaged_lexicon
from legislint.rules import CORE_CATEGORIES, load_ruleset, parse_rule

GOOD = (Path(__file__).resolve().parents[2] / "rules" /
        "LG401-confidentiality-without-time-limit.yaml").read_text()


def test_every_core_category_has_a_rule():
    cats = {r.category for r in load_ruleset()}
    assert set(CORE_CATEGORIES) <= cats


def test_rule_with_bad_severity_names_line_and_field():
    text = GOOD.replace("severity: warning", "severity: loud")
    with pytest.raises(RuleError) as exc:
        parse_rule(text, "rules/LG401.yaml", packaged_lexicon())
    err = exc.value
    assert err.path == "rules/LG401.yaml" and err.field == "severity"
    assert err.line == text.splitlines().index("severity: loud") + 1


def test_rule_missing_rationale_is_rejected():
    import io
    from ruamel.yaml import YAML
    yaml = YAML()
    data = yaml.load(GOOD)
    del data["rationale"]
    buf = io.StringIO()
    yaml.dump(data, buf)
    text = buf.getvalue()
    with pytest.raises(RuleError) as exc:
        parse_rule(text, "x.yaml", packaged_lexicon())
    assert "rationale" in (exc.value.field or exc.value.message)


def test_unknown_lexicon_entry_is_reported_with_line():
    text = GOOD.replace("{confidentiality-duty}", "{confidentiality-dutty}")
    with pytest.raises(RuleError) as exc:
        parse_rule(text, "x.yaml", packaged_lexicon())
    assert "confidentiality-dutty" in exc.value.message
    assert exc.value.line == next(i for i, l in enumerate(text.splitlines(), 1) if "dutty" in l)


def test_unknown_key_is_rejected():
    with pytest.raises(RuleError) as exc:
        parse_rule(GOOD + "colour: red\n", "x.yaml", packaged_lexicon())
    assert exc.value.field == "colour"


def test_yaml_syntax_error_has_line():
    with pytest.raises(RuleError) as exc:
        parse_rule("code: LG999\nname: [unclosed\n", "x.yaml", packaged_lexicon())
    assert exc.value.line is not None and "YAML" in exc.value.message


def test_custom_rule_directory_and_duplicate_codes(tmp_path):
    (tmp_path / "LG401-copy.yaml").write_text(GOOD)
    with pytest.raises(RuleError) as exc:
        load_ruleset(Config(rule_dirs=[str(tmp_path)]))
    assert "already defined" in exc.value.message


def test_docs_have_fixed_headings():
    for rule in load_ruleset():
        doc = render_rule(rule)
        for heading in HEADINGS:
            assert f"## {heading}" in doc, (rule.code, heading)
