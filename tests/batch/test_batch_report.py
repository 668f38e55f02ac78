"""The HTML report: self-contained, escaped, categories from the ruleset, and checked in a real
headless Chromium (matrix counts, sorting, no console errors, no network, a screenshot)."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import struct
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from batch_helpers import BROKEN, EVIL_MARKUP, EVIL_NAME, read_jsonl, run_batch

from legislint.batch.report import catalogue_from_ruleset, render_report


@pytest.fixture(scope="module")
def batch_outputs(bills_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    proc = run_batch(str(bills_dir), "--jsonl", str(out / "findings.jsonl"),
                     "--report", str(out / "report.html"), "--jobs", "2")
    assert proc.returncode == 1, proc.stderr
    # As if e-mailed: the report alone, in a folder with nothing else.
    mailed = out / "inbox"
    mailed.mkdir()
    shutil.copy(out / "report.html", mailed / "report.html")
    return read_jsonl(out / "findings.jsonl"), mailed / "report.html"


# --------------------------------------------------------------------------- static checks
@dataclass
class FakeRule:
    code: str
    category: str
    name: str = "some-rule"
    severity: str = "warning"
    summary: str = ""
    rationale: str = "Because <reasons>."
    standards: list = field(default_factory=lambda: ["ICCPR art. 17"])


def _ok(path: str, findings: list[dict]) -> dict:
    return {"path": path, "ok": True, "format": "text", "bytes": 10, "lines": 3,
            "findings": findings, "excerpt": [[1, "a <b> line"], [2, "second & line"]]}


def _finding(code: str, category: str, line: int = 1) -> dict:
    return {"code": code, "rule": "some-rule", "category": category, "severity": "warning",
            "provision": "Article 1", "line": line, "column": 3, "end_line": line,
            "end_column": 6, "message": "msg <i>", "origin": None, "evidence": [],
            "suggestion": None}


def test_matrix_columns_come_from_the_ruleset_not_a_fixed_list():
    rules = [FakeRule("LG101", "mens-rea"), FakeRule("LG901", "brand-new-category"),
             FakeRule("LG902", "brand-new-category")]
    catalogue = catalogue_from_ruleset(rules)
    assert catalogue.categories == ["mens-rea", "brand-new-category"]
    page = render_report([_ok("a.txt", [_finding("LG901", "brand-new-category")])], catalogue)
    headers = re.findall(r'<th scope="col" data-type="number" data-category="([^"]+)"', page)
    assert headers == ["mens-rea", "brand-new-category"]
    assert '<td class="h1" data-category="brand-new-category" data-count="1">1</td>' in page
    assert "Because &lt;reasons&gt;." in page and "ICCPR art. 17" in page


def test_report_is_self_contained_and_its_csp_admits_only_its_own_code():
    catalogue = catalogue_from_ruleset([FakeRule("LG101", "mens-rea")])
    page = render_report([_ok("a.txt", [_finding("LG101", "mens-rea")]),
                          {"path": "b.txt", "ok": False, "error": "b.txt: <bad>", "kind": "input"}],
                         catalogue)
    assert not re.search(r'(src|href)\s*=\s*"(https?:)?//', page), "no external resources"
    assert "<link" not in page
    css = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    js = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
    assert f"style-src {sha(css)}" in policy and f"script-src {sha(js)}" in policy
    assert "default-src 'none'" in policy
    assert "b.txt: &lt;bad&gt;" in page
    assert page.count("<script") == 1


def test_hostile_text_is_escaped_in_the_html(batch_outputs):
    records, report = batch_outputs
    page = report.read_text(encoding="utf-8")
    evil = [r for r in records if r["path"].endswith(EVIL_NAME)]
    assert evil and all("error" not in r for r in evil), "precondition: the hostile bill is flagged"
    assert page.count("<script") == 1
    assert "<img" not in page
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page


# --------------------------------------------------------------------------- in Chromium
MATRIX_JS = """
(() => {
  const table = document.getElementById("matrix");
  const cats = [...table.tHead.rows[0].cells].map(th => th.dataset.category).filter(Boolean);
  const rows = [...table.tBodies[0].rows].map(tr => ({
    path: tr.dataset.path,
    counts: Object.fromEntries([...tr.querySelectorAll("td[data-category]")]
      .map(td => [td.dataset.category, Number(td.textContent)])),
    total: Number(tr.querySelector("td.total").textContent),
  }));
  return {cats, rows};
})()
"""


def _column(page, selector: str) -> list:
    return page.evaluate(
        f"[...document.querySelectorAll('#matrix tbody tr')].map(tr => {selector})")


def test_report_in_headless_chromium(batch_outputs, bills_dir, browser, tmp_path):
    from legislint.config import Config
    from legislint.rules import load_ruleset

    records, report = batch_outputs
    page = browser.open_page(report.as_uri())

    # The matrix shows exactly the JSONL counts, for every bill and every ruleset category.
    matrix = page.evaluate(MATRIX_JS)
    ruleset_categories = list(dict.fromkeys(r.category for r in load_ruleset(Config())))
    assert sorted(matrix["cats"]) == sorted(ruleset_categories)
    expected = Counter((r["path"], r["category"]) for r in records if "error" not in r)
    failed = {r["path"] for r in records if "error" in r}
    assert {Path(p).name for p in failed} == set(BROKEN)
    assert failed.isdisjoint(row["path"] for row in matrix["rows"]), "failed files: no row"
    assert len(matrix["rows"]) == len(list(bills_dir.iterdir())) - len(BROKEN), "a row per bill"
    for row in matrix["rows"]:
        for category in matrix["cats"]:
            assert row["counts"][category] == expected[(row["path"], category)], (row, category)
        assert row["total"] == sum(row["counts"].values())
    assert sum(row["total"] for row in matrix["rows"]) == sum(expected.values()) > 0

    # Sortable: a category column sorts largest first, then reverses; the bill column A-Z.
    busiest = max(matrix["cats"], key=lambda c: sum(r["counts"][c] for r in matrix["rows"]))
    selector = f'#matrix th[data-category="{busiest}"] button'
    cell = f'Number(tr.querySelector(\'td[data-category="{busiest}"]\').dataset.count)'
    page.evaluate(f"document.querySelector('{selector}').click()")
    down = _column(page, cell)
    assert down == sorted(down, reverse=True) and down[0] > 0
    page.evaluate(f"document.querySelector('{selector}').click()")
    up = _column(page, cell)
    assert up == sorted(up)
    page.evaluate("document.querySelector('#matrix th.bill-col button').click()")
    names = _column(page, "tr.querySelector('th').dataset.key")
    assert names == sorted(names, key=str.lower) or names == sorted(names)

    # Per-bill sections: every finding, with its provision and a highlighted excerpt.
    shown = page.evaluate("document.querySelectorAll('article.finding').length")
    assert shown == sum(expected.values())
    assert page.evaluate("[...document.querySelectorAll('article.finding')]"
                         ".every(a => a.querySelector('.provision').textContent"
                         " && a.querySelector('table.excerpt mark.hit'))")

    # Hostile text is shown as text and never runs.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("document.images.length") == 0
    text = page.evaluate("document.body.innerText")
    for markup in EVIL_MARKUP:
        assert markup in text

    assert page.console_errors() == []
    assert all(u.startswith(("file:", "data:", "about:")) for u in page.requested_urls())

    browser.send("Emulation.setDeviceMetricsOverride", {
        "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        session=page.session)
    shot = page.screenshot(tmp_path / "report.png")
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", shot[16:24])
    assert (width, height) == (1280, 900) and len(shot) > 10_000


def test_harness_sees_console_errors_and_network(browser, tmp_path):
    """The checks above could fail: a broken page is caught by the same harness."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><img src='http://192.0.2.1/x.png'>"
                   "<script>console.error('boom'); undefinedFunction();</script>")
    page = browser.open_page(bad.as_uri())
    errors = page.console_errors()
    assert any("boom" in e for e in errors) and any("undefinedFunction" in e for e in errors)
    assert "http://192.0.2.1/x.png" in page.requested_urls()


def test_selected_rules_decide_the_matrix_columns(small_files, tmp_path):
    report = tmp_path / "r.html"
    proc = run_batch(*(str(p) for p in small_files[:3]), "--report", str(report),
                     "--select", "mens-rea,gag-time-limit", "--quiet")
    assert proc.returncode in (0, 1), proc.stderr
    headers = re.findall(r'<th scope="col" data-type="number" data-category="([^"]+)"',
                         report.read_text(encoding="utf-8"))
    assert headers == ["mens-rea", "gag-time-limit"]
    proc = run_batch(str(small_files[0]), "--select", "no-such-rule")
    assert proc.returncode == 2 and "no-such-rule" in proc.stderr
