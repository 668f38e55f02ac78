"""Users choose core or extended checks (flags and configuration file), extended checks carry
their own default severities, and the outputs (SARIF, rule docs, `rules`) pick the new rules up."""

from __future__ import annotations

import json
from pathlib import Path

from legislint.cli import main
from legislint.docs import render_rule
from legislint.rules import load_ruleset

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "cybercrime-bill.txt"
EXTENDED_CODES = {"LG501", "LG601", "LG602", "LG701", "LG702", "LG801", "LG802", "LG901", "LG902"}


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def codes(capsys, *argv) -> set[str]:
    code, out, err = run(capsys, "check", "--format", "json", *argv)
    assert code in (0, 1), err
    return {f["code"] for file in json.loads(out)["files"] for f in file["findings"]}


def test_extended_rules_are_the_extended_group():
    rules = {r.code: r for r in load_ruleset()}
    assert EXTENDED_CODES <= set(rules)
    for code in EXTENDED_CODES:
        rule = rules[code]
        assert rule.group == "extended" and rule.severity in ("warning", "info")
        assert rule.standards and rule.rationale.strip() and rule.fix.wording.strip()
    # "without right" alone only partly protects research: reported, but quietly.
    assert rules["LG902"].severity == "info"


def test_select_extended_and_select_core_partition_the_findings(capsys):
    extended = codes(capsys, "--select", "extended", EXAMPLE)
    core = codes(capsys, "--select", "core", EXAMPLE)
    everything = codes(capsys, EXAMPLE)
    assert extended and extended <= EXTENDED_CODES
    assert core and not core & EXTENDED_CODES
    assert everything == core | extended


def test_select_by_category_and_by_code(capsys):
    assert codes(capsys, "--select", "notification", EXAMPLE) == {"LG601"}
    assert codes(capsys, "--select", "LG801", EXAMPLE) == {"LG801"}
    assert "LG601" not in codes(capsys, "--select", "extended", "--ignore", "notification", EXAMPLE)


def test_configuration_file_selects_extended_and_sets_severity(tmp_path, capsys):
    bill = tmp_path / "bill.txt"
    bill.write_text(EXAMPLE.read_text())
    (tmp_path / ".legislint.yaml").write_text("select: [extended]\nseverity: {notification: error}\n")
    code, out, err = run(capsys, "check", "--format", "json", bill)
    assert code == 1, err
    found = json.loads(out)["files"][0]["findings"]
    assert found and {f["code"] for f in found} <= EXTENDED_CODES
    assert {f["severity"] for f in found if f["code"] == "LG601"} == {"error"}


def test_sarif_describes_the_extended_rules(capsys):
    code, out, err = run(capsys, "check", "--format", "sarif", "--select", "extended", EXAMPLE)
    assert code == 1, err
    run_ = json.loads(out)["runs"][0]
    described = {r["id"] for r in run_["tool"]["driver"]["rules"]}
    assert EXTENDED_CODES <= described
    assert {r["ruleId"] for r in run_["results"]} <= described


def test_explain_renders_every_extended_rule():
    for rule in load_ruleset():
        if rule.code in EXTENDED_CODES:
            doc = render_rule(rule)
            assert rule.code in doc and rule.standards[0] in doc and rule.examples.flag[0].strip()[:40] in doc
