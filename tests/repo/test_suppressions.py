"""Suppressions with a reason: in the project file and inline in Markdown; unused ones reported."""

from __future__ import annotations

import json

from legislint.api import lint_text
from legislint.config import Config, config_for
from repo_helpers import POWER_LAW, provisions, run, run_json, write

#: The tests count LG201 findings; other rules may fire on the same text as rules grow.
ONLY = Config(select=["LG201"])

MD = """\
# Search Act

## Article 1 – Search

<!-- legislint-disable-next LG201 -- a warrant is required by the Criminal Procedure Act, s.12 -->
1. The police may search and seize any computer system.

2. The police may intercept communications in real time.

## Article 2 – Interception

The authorities may intercept communications in real time.
"""


def test_config_suppression_by_provision_and_rule_keeps_the_reason(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml",
          "select: [LG201]\n"
          "suppress:\n"
          "  - provision: Article 2\n"
          "    rule: prior-judicial-authorization\n"
          "    reason: Interception warrants are issued under the Surveillance Act, s.4.\n")
    law = write(tmp_path / "law.txt", POWER_LAW)
    code, report = run_json(capsys, law)
    assert provisions(report) == [("LG201", "Article 1(1)")]
    [silenced] = report["files"][0]["suppressed"]
    assert silenced["provision"] == "Article 2" and silenced["code"] == "LG201"
    assert silenced["reason"] == "Interception warrants are issued under the Surveillance Act, s.4."
    assert silenced["suppressed_by"] == f"{tmp_path / '.legislint.yaml'}:3"
    assert "unused_suppressions" not in report["files"][0]
    code, out, _ = run(capsys, "check", "--color", "never", law)
    assert "1 finding suppressed with a recorded reason" in out and "Article 2:" not in out


def test_a_provision_covers_its_sub_provisions_not_its_namesakes(tmp_path):
    write(tmp_path / ".legislint.yaml",
          "select: [LG201]\nsuppress:\n  - {provision: Article 1, rule: LG201, reason: reviewed}\n")
    law = write(tmp_path / "law.txt", POWER_LAW.replace("Article 2 –", "Article 10 –"))
    result = lint_text(law.read_text(), str(law), config_for(law))
    assert [f.provision for f in result.suppressed] == ["Article 1(1)"]
    assert [f.provision for f in result.findings] == ["Article 10"]


def test_path_glob_limits_a_suppression_to_some_files(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml",
          "select: [LG201]\nsuppress:\n  - {provision: Article 2, rule: LG201, reason: reviewed, path: acts/old/*.txt}\n")
    old = write(tmp_path / "acts" / "old" / "law.txt", POWER_LAW)
    new = write(tmp_path / "acts" / "new" / "law.txt", POWER_LAW)
    _, report = run_json(capsys, old, new)
    found = {f["path"].split("/")[-2]: [x["provision"] for x in f["findings"]] for f in report["files"]}
    assert found == {"old": ["Article 1(1)"], "new": ["Article 1(1)", "Article 2"]}


def test_unknown_rule_in_a_suppression_is_a_config_error(tmp_path, capsys):
    cfg = write(tmp_path / ".legislint.yaml",
                "select: [core]\nsuppress:\n  - provision: Article 2\n    rule: LG999\n    reason: x\n")
    law = write(tmp_path / "law.txt", POWER_LAW)
    code, _, err = run(capsys, "check", law)
    assert code == 2 and f"{cfg}:3" in err and "LG999" in err


def test_unused_config_suppression_is_reported_once_and_fails_the_check(tmp_path, capsys):
    cfg = write(tmp_path / ".legislint.yaml",
                "fail_level: error\n"
                "select: [LG201]\n"
                "suppress:\n"
                "  - {provision: Article 3, rule: LG201, reason: the judge orders it}\n"
                "  - {provision: Article 2, rule: LG201, reason: reviewed}\n")
    a = write(tmp_path / "a.txt", POWER_LAW)
    b = write(tmp_path / "b.txt", POWER_LAW)
    code, report = run_json(capsys, a, b)
    unused = [u for f in report["files"] for u in f.get("unused_suppressions", [])]
    assert len(unused) == 1  # Article 3 exists in both files, is fine in both: one report
    assert unused[0]["path"] == str(cfg) and unused[0]["line"] == 4
    assert unused[0]["code"] == "LG000" and "Article 3" in unused[0]["message"]
    assert code == 0  # warning < fail_level error
    # Without Article 1, every finding is suppressed: the unused entry alone fails the check.
    only_2_3 = write(tmp_path / "c.txt", POWER_LAW[POWER_LAW.index("Article 2"):])
    code, out, _ = run(capsys, "check", "--color", "never", "--fail-level", "warning", only_2_3)
    assert code == 1 and f"{cfg}:4: LG000 unused suppression" in out and "LG201" not in out.split("LG000")[0]
    write(tmp_path / ".legislint.yaml", cfg.read_text().replace("fail_level: error", "unused_suppressions: info"))
    code, out, _ = run(capsys, "check", "--color", "never", "--fail-level", "warning", only_2_3)
    assert code == 0 and "LG000" in out


def test_config_suppression_used_in_one_file_is_not_unused_in_another(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml",
          "suppress:\n  - {provision: Article 2, rule: LG201, reason: reviewed}\n")
    a = write(tmp_path / "a.txt", POWER_LAW)
    b = write(tmp_path / "b.txt", POWER_LAW.replace("The authorities may intercept communications in real time.",
                                                  "The authorities may intercept communications upon a prior "
                                                  "order of a judge."))
    _, report = run_json(capsys, a, b)
    assert not any(f.get("unused_suppressions") for f in report["files"])
    # A file without the provision cannot tell whether an unpathed entry is stale: it stays quiet.
    c = write(tmp_path / "c.txt", "Article 1 – Search\n\nThe police may search any computer system.\n")
    _, report = run_json(capsys, c)
    assert "unused_suppressions" not in report["files"][0]


def test_unused_suppressions_can_be_turned_off(tmp_path, capsys):
    write(tmp_path / ".legislint.yaml", "unused_suppressions: 'off'\n"
          "suppress:\n  - {provision: Article 3, rule: LG201, reason: fine}\n")
    law = write(tmp_path / "law.txt", POWER_LAW)
    _, report = run_json(capsys, law)
    assert "unused_suppressions" not in report["files"][0]


def test_inline_disable_next_covers_the_next_provision_only():
    result = lint_text(MD, "act.md", ONLY)
    assert [(f.code, f.provision) for f in result.findings] == [("LG201", "Article 1(2)"), ("LG201", "Article 2")]
    [silenced] = result.suppressed
    assert silenced.provision == "Article 1(1)"
    assert silenced.suppressed == "a warrant is required by the Criminal Procedure Act, s.12"
    assert silenced.suppressed_by == "act.md:5"
    assert result.unused_suppressions == []


def test_inline_comment_above_a_heading_covers_the_whole_article():
    text = MD.replace("<!-- legislint-disable-next LG201 -- a warrant is required by the Criminal Procedure Act, s.12 -->\n", "")
    text = text.replace("## Article 1 – Search", "<!-- legislint-disable-next power-without-prior-judicial-authorization"
                        " -- reviewed by the legal service -->\n## Article 1 – Search")
    result = lint_text(text, "act.md", ONLY)
    assert [f.provision for f in result.suppressed] == ["Article 1(1)", "Article 1(2)"]
    assert [f.provision for f in result.findings] == ["Article 2"]


def test_disable_next_line_is_the_same_directive_as_disable_next():
    # Once read as "disable-next" naming a rule "-line": the suppression was ignored.
    text = MD.replace("legislint-disable-next LG201", "legislint: disable-next-line LG201")
    result = lint_text(text, "act.md", ONLY)
    assert [f.provision for f in result.suppressed] == ["Article 1(1)"]
    assert result.unused_suppressions == []


def test_disable_enable_block():
    text = MD.replace("<!-- legislint-disable-next LG201 -- a warrant is required by the Criminal Procedure Act, s.12 -->\n", "")
    text = text.replace("## Article 1 – Search", "<!-- legislint-disable all -- transitional text, reviewed -->\n"
                        "## Article 1 – Search")
    text = text.replace("## Article 2", "<!-- legislint-enable -->\n## Article 2")
    result = lint_text(text, "act.md", ONLY)
    assert [f.provision for f in result.suppressed] == ["Article 1(1)", "Article 1(2)"]
    assert [f.provision for f in result.findings] == ["Article 2"]


def test_inline_suppression_without_reason_or_with_unknown_rule_is_reported_and_ignored():
    no_reason = MD.replace(" -- a warrant is required by the Criminal Procedure Act, s.12", "")
    result = lint_text(no_reason, "act.md", ONLY)
    assert not result.suppressed and len(result.findings) == 3
    [problem] = result.unused_suppressions
    assert (problem.kind, problem.line) == ("invalid", 5) and "no reason" in problem.message
    unknown = MD.replace("disable-next LG201", "disable-next LG2O1")
    [problem] = lint_text(unknown, "act.md", ONLY).unused_suppressions
    assert "unknown rule: LG2O1" in problem.message


def test_unused_inline_suppression_is_reported():
    text = MD.replace("disable-next LG201", "disable-next mens-rea")
    result = lint_text(text, "act.md", ONLY)
    [problem] = result.unused_suppressions
    assert (problem.kind, problem.line, problem.path) == ("unused", 5, "act.md")
    assert len(result.findings) == 3


def test_comment_text_is_not_read_as_law():
    # The comment has the safeguard's wording; it is not law, so Article 2 is still flagged.
    text = MD.replace("## Article 2 – Interception\n",
                      "## Article 2 – Interception\n\n<!-- TODO: add 'upon a prior order of a judge' -->\n")
    result = lint_text(text, "act.md", ONLY)
    assert "Article 2" in [f.provision for f in result.findings]
    assert result.document.lines[4].strip() == ""  # blanked, line numbers unchanged


def test_suppressions_written_by_the_editor_round_trip(tmp_path):
    """The language server writes `suppress:` entries with ruamel round-trip (comments kept)."""
    from ruamel.yaml import YAML

    cfg = write(tmp_path / ".legislint.yaml", "# project settings\nfail_level: warning  # CI\n")
    yaml = YAML()
    data = yaml.load(cfg.read_text())
    data["suppress"] = [{"provision": "Article 2", "rule": "prior-judicial-authorization",
                         "reason": "Surveillance Act, s.4"}]
    with cfg.open("w") as fh:
        yaml.dump(data, fh)
    assert "# CI" in cfg.read_text()
    law = write(tmp_path / "law.txt", POWER_LAW)
    result = lint_text(law.read_text(), str(law), config_for(law))
    assert [f.provision for f in result.suppressed] == ["Article 2"]


def test_json_keeps_suppressed_findings_visible(tmp_path, capsys):
    law = write(tmp_path / "act.md", MD)
    code, out, _ = run(capsys, "check", "--format", "json", law)
    data = json.loads(out)
    assert [s["reason"] for s in data["files"][0]["suppressed"]] == [
        "a warrant is required by the Criminal Procedure Act, s.12"]
