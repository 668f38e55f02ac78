"""CI outputs: SARIF 2.1.0 (validated against the official OASIS schema), GitHub workflow
annotations, per-rule statistics."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from repo_helpers import POWER_LAW, cwd, run, write

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))

MD = POWER_LAW.replace("1. The police may search",
                       "<!-- legislint-disable-next LG201 -- warrant required by the Code, s.12 -->\n"
                       "1. The police may search")


def sarif(capsys, *argv) -> tuple[int, dict]:
    code, out, err = run(capsys, "check", "--format", "sarif", *argv)
    assert code in (0, 1), err
    return code, json.loads(out)


@pytest.fixture
def project(tmp_path):
    write(tmp_path / ".legislint.yaml",
          "select: [LG201]\nsuppress:\n  - {provision: Article 3, rule: LG401, reason: no such finding}\n")
    write(tmp_path / "acts" / "search act.md", MD)
    write(tmp_path / "acts" / "law.txt", POWER_LAW.replace("Article 3", "Article 3 – Orders"))
    return tmp_path


def test_sarif_is_valid_against_the_official_schema(project, capsys):
    with cwd(project):
        code, log = sarif(capsys, "acts")
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    errors = sorted(jsonschema.Draft4Validator(SCHEMA).iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    assert log["version"] == "2.1.0" and code == 1


def test_sarif_rules_have_help_and_standards(project, capsys):
    with cwd(project):
        _, log = sarif(capsys, "acts")
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    lg201 = rules["LG201"]
    assert lg201["name"] == "power-without-prior-judicial-authorization"
    assert "## Standards" in lg201["help"]["markdown"] and "ICCPR" in lg201["help"]["text"]
    assert any("Zakharov" in s for s in lg201["properties"]["standards"])
    assert lg201["defaultConfiguration"]["level"] == "warning"
    assert "LG000" in rules  # the unused suppression in the project file


def test_sarif_results_locations_fingerprints_and_suppressions(project, capsys):
    with cwd(project):
        _, log = sarif(capsys, "acts")
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    by_uri: dict[str, list] = {}
    for r in results:
        uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_uri.setdefault(uri, []).append(r)
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert set(by_uri) == {"acts/search%20act.md", "acts/law.txt", ".legislint.yaml"}
    md = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r for r in by_uri["acts/search%20act.md"]}
    assert md["Article 1(1)"]["suppressions"] == [
        {"kind": "inSource", "status": "accepted", "justification": "warrant required by the Code, s.12"}]
    live = md["Article 2"]
    assert "suppressions" not in live and live["level"] == "warning"
    region = live["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (8, 1)
    assert len(live["partialFingerprints"]["legislintProvision/v1"]) == 32
    # Same provision text in the other file: same fingerprint, whatever the line.
    txt = {r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]: r for r in by_uri["acts/law.txt"]}
    assert txt["Article 2"]["partialFingerprints"] == live["partialFingerprints"]
    [unused] = by_uri[".legislint.yaml"]
    assert unused["ruleId"] == "LG000" and unused["locations"][0]["physicalLocation"]["region"]["startLine"] == 3


def test_sarif_fingerprint_survives_renumbering(tmp_path, capsys):
    law = write(tmp_path / "law.txt", POWER_LAW)
    _, before = sarif(capsys, law)
    write(law, "Article 1 – Scope\n\nThis Act applies to the Republic.\n\n" +
          POWER_LAW.replace("Article 3", "Article 4").replace("Article 2", "Article 3").replace("Article 1 ", "Article 2 "))
    _, after = sarif(capsys, law)
    fp = lambda log: [r["partialFingerprints"] for r in log["runs"][0]["results"]]  # noqa: E731
    lines = lambda log: [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]]  # noqa: E731
    assert fp(before) == fp(after) and lines(before) != lines(after)


def test_github_annotations(project, capsys):
    with cwd(project):
        code, out, _ = run(capsys, "check", "--format", "github", "acts")
    lines = out.splitlines()
    assert code == 1
    assert ("::warning file=acts/law.txt,line=3,endLine=3,col=4,endColumn=56,"
            "title=LG201 power-without-prior-judicial-authorization::Article 1(1): intrusive power") in out
    assert all(line.startswith(("::warning ", "::error ", "::notice ")) for line in lines)
    assert not any("Article 1(1)" in line and "search%20act.md" in line for line in lines)  # suppressed
    assert any(line.startswith("::warning file=.legislint.yaml,line=3,") and "LG000" in line for line in lines)


def test_github_escapes_newlines_and_separators():
    from legislint.reporters.github import _line

    line = _line("info", "a,b:c.md", 1, "T: x, y", "50% done\nnext")
    assert line == "::notice file=a%2Cb%3Ac.md,line=1,title=T%3A x%2C y::50%25 done%0Anext"


def test_statistics_text_and_json(project, capsys):
    with cwd(project):
        code, out, _ = run(capsys, "check", "--statistics", "acts")
        assert code == 1
        assert out.splitlines() == [
            "3  LG201  power-without-prior-judicial-authorization  prior-judicial-authorization  (1 suppressed)",
            "1  LG000  unused-suppression                          suppression",
        ]
        _, out, _ = run(capsys, "check", "--statistics", "--format", "json", "acts")
    assert json.loads(out)[0] == {"code": "LG201", "rule": "power-without-prior-judicial-authorization",
                                  "category": "prior-judicial-authorization", "count": 3, "suppressed": 1}
