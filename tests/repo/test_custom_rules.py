"""A project's own rules: a folder of YAML rules (and lexicon) named in .legislint.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

from legislint.api import lint_text
from legislint.config import config_for
from legislint.rules import load_ruleset
from repo_helpers import run, run_json, write

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "custom-rules"

RETENTION = """\
Article 9 – Retention

1. A service provider shall retain traffic data for a period of two years.

2. The police may search any computer system.

Article 10 – Subscriber records

An operator must keep subscriber records for one year, and the records shall be destroyed afterwards.
"""


def _project(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "house-rules")
    write(tmp_path / ".legislint.yaml", "rule_dirs: [house-rules]\nselect: [custom]\n")
    return write(tmp_path / "acts" / "retention.txt", RETENTION)


def test_custom_rule_directory_from_the_project_file(tmp_path, capsys):
    law = _project(tmp_path)
    code, report = run_json(capsys, law)
    findings = report["files"][0]["findings"]
    assert [(f["code"], f["provision"], f["category"]) for f in findings] == [
        ("NAT001", "Article 9(1)", "data-retention-deletion")]
    assert code == 1
    code, out, _ = run(capsys, "rules", "--rules-dir", tmp_path / "house-rules", "--select", "custom")
    assert out.split()[:2] == ["NAT001", "retention-without-deletion"]
    code, out, _ = run(capsys, "explain", "NAT001", "--rules-dir", tmp_path / "house-rules")
    assert code == 0 and "## Standards" in out and "Digital Rights Ireland" in out


def test_custom_rules_can_be_suppressed_and_baselined_like_packaged_ones(tmp_path, capsys):
    law = _project(tmp_path)
    with (tmp_path / ".legislint.yaml").open("a") as fh:
        fh.write("suppress:\n  - {provision: Article 9, rule: retention-without-deletion, "
                 "reason: 'deletion is in the Data Retention Regulations, reg. 4'}\n")
    result = lint_text(law.read_text(), str(law), config_for(law))
    assert result.findings == [] and [f.code for f in result.suppressed] == ["NAT001"]


def test_example_custom_rule_examples_behave(tmp_path):
    ruleset = load_ruleset(config_for(_project(tmp_path)))
    rule = ruleset.get("NAT001")
    config = config_for(tmp_path / "acts" / "retention.txt").model_copy(update={"select": ["NAT001"]})
    for text in rule.examples.flag:
        assert [f.code for f in lint_text(text, "x.txt", config).findings] == ["NAT001"], text
    for text in rule.examples.passes:
        assert lint_text(text, "x.txt", config).findings == [], text


def test_a_broken_custom_rule_names_file_and_line(tmp_path, capsys):
    law = _project(tmp_path)
    rule = tmp_path / "house-rules" / "NAT001-retention-without-deletion.yaml"
    rule.write_text(rule.read_text().replace("severity: warning", "severity: loud"))
    code, out, err = run(capsys, "check", law)
    assert code == 2 and out == ""
    assert "NAT001-retention-without-deletion.yaml:" in err and "severity" in err
