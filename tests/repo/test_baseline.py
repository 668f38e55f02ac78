"""Baselines: only new findings are reported; fingerprints survive renumbering and unrelated edits.

The renumbering test uses a real treaty from the corpus (the Budapest Convention): every article
number goes up by one, in headings and in cross-references, and a new article is inserted at the
top — the provisions move, their paths and lines change, and the baseline still holds them all.
"""

from __future__ import annotations

import json
import re

import pytest

from legislint.baseline import fingerprint, normalize
from repo_helpers import POWER_LAW, run, run_json, write

NEW_POWER = ("Article 2 – Remote access\n\n"
             "The competent authorities may covertly access any computer system remotely.\n\n")
NEUTRAL = "Article 2 – Purpose\n\nThe purpose of this Convention is to pursue a common criminal policy.\n\n"


def renumber(text: str, insert: str) -> str:
    """Every 'Article N' -> 'Article N+1' (headings and references), then `insert` as Article 2."""
    shifted = re.sub(r"\b(Articles?) (\d+)\b", lambda m: f"{m.group(1)} {int(m.group(2)) + 1}", text)
    # "Articles 2 through 11" / "Articles 2 and 3": the second number of a range moves too.
    shifted = re.sub(r"(\bArticles \d+ (?:through|to|and) )(\d+)\b",
                     lambda m: f"{m.group(1)}{int(m.group(2)) + 1}", shifted)
    at = shifted.index("\nArticle 2 ") + 1
    return shifted[:at] + insert + shifted[at:]


@pytest.fixture
def treaty(corpus, tmp_path):
    law = tmp_path / "budapest.txt"
    law.write_text((corpus / "budapest-ets185.txt").read_text("utf-8"), encoding="utf-8")
    return law


def test_renumbered_treaty_has_no_new_findings(treaty, tmp_path, capsys):
    baseline = tmp_path / "legislint-baseline.json"
    _, before = run_json(capsys, treaty)
    code, _, err = run(capsys, "check", "--baseline", baseline, "--update-baseline", treaty)
    assert code == 0 and baseline.exists(), err
    recorded = json.loads(baseline.read_text())
    assert sum(e["count"] for e in recorded["findings"]) == len(before["files"][0]["findings"]) > 10

    treaty.write_text(renumber(treaty.read_text("utf-8"), NEUTRAL), encoding="utf-8")
    _, after = run_json(capsys, treaty)
    old = [(f["code"], f["provision"], f["line"]) for f in before["files"][0]["findings"]]
    new = [(f["code"], f["provision"], f["line"]) for f in after["files"][0]["findings"]]
    assert len(new) == len(old)
    moved = sum(a[1:] != b[1:] for a, b in zip(old, new))
    assert moved == len(old)  # every finding changed its provision number and line
    code, report = run_json(capsys, "--baseline", baseline, treaty)
    assert report["files"][0]["findings"] == [] and code == 0


def test_a_new_unsafeguarded_power_is_the_only_new_finding(treaty, tmp_path, capsys):
    baseline = tmp_path / "baseline.json"
    run(capsys, "check", "--select", "LG201", "--baseline", baseline, "--update-baseline", treaty)
    treaty.write_text(renumber(treaty.read_text("utf-8"), NEW_POWER), encoding="utf-8")
    code, report = run_json(capsys, "--select", "LG201", "--baseline", baseline, treaty)
    assert [(f["code"], f["provision"]) for f in report["files"][0]["findings"]] == [("LG201", "Article 2")]
    assert code == 1
    code, out, _ = run(capsys, "check", "--select", "LG201", "--color", "never", "--baseline", baseline, treaty)
    assert "Found 1 finding" in out and "already in the baseline not shown" in out


def test_repeated_provisions_are_counted(tmp_path, capsys):
    one = "Article 1 – Search\n\nThe police may search any computer system.\n"
    law = write(tmp_path / "law.txt", one)
    baseline = tmp_path / "b.json"
    run(capsys, "check", "--select", "LG201", "--baseline", baseline, "--update-baseline", law)
    write(law, one + "\n" + one.replace("Article 1", "Article 2"))
    code, report = run_json(capsys, "--select", "LG201", "--baseline", baseline, law)
    assert [f["provision"] for f in report["files"][0]["findings"]] == ["Article 2"]


def test_changing_the_flagged_provision_makes_it_new(tmp_path, capsys):
    law = write(tmp_path / "law.txt", POWER_LAW)
    baseline = tmp_path / "b.json"
    run(capsys, "check", "--select", "LG201", "--baseline", baseline, "--update-baseline", law)
    write(law, POWER_LAW.replace("in real time", "in real time and store them"))
    _, report = run_json(capsys, "--select", "LG201", "--baseline", baseline, law)
    assert [f["provision"] for f in report["files"][0]["findings"]] == ["Article 2"]


def test_a_moved_file_keeps_its_baseline(tmp_path, capsys):
    law = write(tmp_path / "acts" / "law.txt", POWER_LAW)
    baseline = tmp_path / "b.json"
    run(capsys, "check", "--select", "LG201", "--baseline", baseline, "--update-baseline", law)
    moved = write(tmp_path / "consolidated" / "law-2025.txt", POWER_LAW)
    law.unlink()
    _, report = run_json(capsys, "--select", "LG201", "--baseline", baseline, moved)
    assert report["files"][0]["findings"] == []


def test_normalization_ignores_layout_and_reference_numbers():
    a = "The powers   in this Section are subject to\nArticle 15 and section 9(2)(b)."
    b = "the powers in this section are subject to Article 16 and Section 11(3)(a)."
    assert normalize(a) == normalize(b)
    assert normalize("a fine of 500 rupees") != normalize("a fine of 5000 rupees")


def test_fingerprint_depends_on_rule_and_text_only():
    from legislint.findings import Finding

    def f(code, provision, line, text):
        return Finding(code, "r", "c", "warning", provision, line, 1, line, 2, "m", provision_text=text)
    assert fingerprint(f("LG201", "Article 2", 7, "may search")) == fingerprint(f("LG201", "Article 9", 70, "may  search"))
    assert fingerprint(f("LG201", "Article 2", 7, "may search")) != fingerprint(f("LG401", "Article 2", 7, "may search"))


@pytest.mark.parametrize("content, words", [
    (None, "not found"), ("{not json", "cannot read baseline"), ('{"version": 7, "findings": []}', "not a legislint baseline"),
])
def test_bad_baseline_exits_2(tmp_path, capsys, content, words):
    law = write(tmp_path / "law.txt", POWER_LAW)
    baseline = tmp_path / "b.json"
    if content is not None:
        baseline.write_text(content)
    code, out, err = run(capsys, "check", "--baseline", baseline, law)
    assert code == 2 and words in err


def test_update_baseline_needs_a_file(tmp_path, capsys):
    law = write(tmp_path / "law.txt", POWER_LAW)
    code, _, err = run(capsys, "check", "--update-baseline", law)
    assert code == 2 and "--baseline" in err
