"""The batch report: one self-contained HTML file.

No network, no CDN: the stylesheet and the script are inlined from package data
(`legislint/templates/report.*`), and a Content-Security-Policy allows exactly those two (by
SHA-256) and nothing else, so the file works offline when e-mailed and a bill's text can never run
as code. Every string taken from a bill, a path or a rule is escaped.

Layout: a matrix of bills x safeguard categories (counts, coloured by count, sortable by clicking
a header), then one section per bill with each finding: provision path, place, message, the
text lines around it with the finding highlighted, evidence, suggested wording, and the rule's
rationale and standards; then the files that could not be read.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from importlib import resources
from typing import Iterable, Sequence

from legislint.batch.runner import CONTEXT_LINES


@dataclass(frozen=True)
class RuleInfo:
    code: str
    name: str
    category: str
    severity: str = "warning"
    summary: str = ""
    rationale: str = ""
    standards: tuple[str, ...] = ()


@dataclass
class Catalogue:
    """What the report needs from the loaded ruleset: rule texts and the category columns."""

    rules: dict[str, RuleInfo] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)


def catalogue_from_ruleset(ruleset: Iterable) -> Catalogue:
    """Rules in code order; categories in order of their first rule. No category is hard-coded:
    a rule file that adds a category adds a matrix column."""
    rules = {}
    for rule in sorted(ruleset, key=lambda r: str(r.code)):
        rules[str(rule.code)] = RuleInfo(
            code=str(rule.code), name=str(getattr(rule, "name", "") or ""),
            category=str(rule.category), severity=str(getattr(rule, "severity", "") or "warning"),
            summary=str(getattr(rule, "summary", "") or ""),
            rationale=str(getattr(rule, "rationale", "") or ""),
            standards=tuple(str(s) for s in (getattr(rule, "standards", None) or ())))
    categories = list(dict.fromkeys(info.category for info in rules.values()))
    return Catalogue(rules=rules, categories=categories)


def columns(catalogue: Catalogue, results: Sequence[dict]) -> list[str]:
    """The ruleset's categories, plus any a finding carries that the ruleset did not list
    (a rule loaded from a --config rule_dir at lint time, say)."""
    extra = [f["category"] for r in results for f in r.get("findings", ())
             if f["category"] not in catalogue.categories]
    return catalogue.categories + list(dict.fromkeys(extra))


def counts_by_category(result: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in result.get("findings", ()):
        counts[f["category"]] = counts.get(f["category"], 0) + 1
    return counts


def heat(count: int) -> int:
    """Colour step of a matrix cell: 0, 1, 2-3, 4-7, 8+."""
    return 0 if count <= 0 else min(4, count.bit_length())


# --------------------------------------------------------------------------- rendering helpers
def _e(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", value.lower()).strip("-") or "x"


def _place(f: dict) -> str:
    if f["end_line"] and (f["end_line"], f["end_column"]) != (f["line"], f["column"]):
        return f"line {f['line']}:{f['column']} to {f['end_line']}:{f['end_column']}"
    return f"line {f['line']}:{f['column']}"


def _marked(text: str, line: int, f: dict) -> str:
    """The line with the finding's part marked (columns 1-based, end exclusive)."""
    start = f["column"] if line == f["line"] else 1
    end = f["end_column"] if line == f["end_line"] else len(text) + 1
    start = max(1, min(start, len(text) + 1))
    end = max(start, min(end, len(text) + 1))
    if end == start:  # a zero-width range still marks its line
        start, end = 1, len(text) + 1
    return (_e(text[:start - 1]) + '<mark class="hit">' + _e(text[start - 1:end - 1])
            + "</mark>" + _e(text[end - 1:]))


def _excerpt(f: dict, lines: dict[int, str]) -> str:
    first, last = f["line"], max(f["end_line"], f["line"])
    rows, previous = [], None
    for n in range(first - CONTEXT_LINES, last + CONTEXT_LINES + 1):
        if n not in lines:
            continue
        if previous is not None and n != previous + 1:
            rows.append('<tr class="gap"><td class="ln"></td><td class="tx">\u2026</td></tr>')
        previous = n
        inside = first <= n <= last
        text = _marked(lines[n], n, f) if inside else _e(lines[n])
        rows.append(f'<tr class="{"in" if inside else "ctx"}"><td class="ln">{n}</td>'
                    f'<td class="tx">{text}</td></tr>')
    if not rows:
        return ""
    return '<table class="excerpt">' + "".join(rows) + "</table>"


def _finding(f: dict, lines: dict[int, str], rule: RuleInfo | None, anchor: str) -> str:
    parts = [
        f'<article class="finding sev-{_slug(f["severity"])}" id="{anchor}" '
        f'data-category="{_e(f["category"])}" data-code="{_e(f["code"])}">',
        '<header class="fhead">'
        f'<span class="sev">{_e(f["severity"])}</span> <code class="code">{_e(f["code"])}</code> '
        f'<span class="rule">{_e(f["rule"])}</span> '
        f'<span class="cat">{_e(f["category"])}</span></header>',
        f'<p class="where"><span class="provision">{_e(f["provision"])}</span> '
        f'<span class="place">{_e(_place(f))}</span>'
        + (f' <span class="origin">({_e(f["origin"])})</span>' if f.get("origin") else "")
        + "</p>",
        f'<p class="message">{_e(f["message"])}</p>',
        _excerpt(f, lines),
    ]
    evidence = f.get("evidence") or []
    if evidence:
        items = "".join(
            f'<li><span class="provision">{_e(ev.get("provision"))}</span> '
            f'(line {_e(ev.get("line"))}): {_e(ev.get("message"))}'
            + (f' <q>{_e(ev.get("quote"))}</q>' if ev.get("quote") else "") + "</li>"
            for ev in evidence)
        parts.append(f'<div class="evidence"><h4>Evidence weighed</h4><ul>{items}</ul></div>')
    if f.get("suggestion"):
        parts.append('<div class="suggestion"><h4>Wording that would satisfy the rule</h4>'
                     f'<blockquote>{_e(f["suggestion"])}</blockquote></div>')
    if rule is not None and (rule.rationale or rule.standards or rule.summary):
        why = f'<p class="rationale">{_e(rule.rationale or rule.summary)}</p>'
        if rule.standards:
            why += '<ul class="standards">' + "".join(
                f"<li>{_e(s)}</li>" for s in rule.standards) + "</ul>"
        parts.append(f'<div class="why"><h4>Why it matters</h4>{why}</div>')
    parts.append("</article>")
    return "".join(parts)


def display_names(paths: Sequence[str]) -> list[str]:
    """Paths shortened to what tells the bills apart: relative to their common directory."""
    if len(paths) < 2:
        return [os.path.basename(p) or p for p in paths]
    try:
        common = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    except ValueError:
        return list(paths)
    return [os.path.relpath(os.path.abspath(p), common) for p in paths]


def _matrix(results: Sequence[tuple[int, dict]], cats: list[str], catalogue: Catalogue,
            names: dict[int, str]) -> str:
    head = ['<th scope="col" data-type="text" class="bill-col">'
            '<button type="button">Bill</button></th>']
    for cat in cats:
        codes = ", ".join(code for code, r in catalogue.rules.items() if r.category == cat)
        head.append(f'<th scope="col" data-type="number" data-category="{_e(cat)}"'
                    f' title="{_e(codes)}"><button type="button">{_e(cat)}</button></th>')
    head.append('<th scope="col" data-type="number" class="total-col">'
                '<button type="button">Total</button></th>')
    body, totals = [], dict.fromkeys(cats, 0)
    for order, (index, result) in enumerate(results):
        counts = counts_by_category(result)
        cells = [f'<th scope="row" data-key="{_e(names[index])}" title="{_e(result["path"])}">'
                 f'<a href="#bill-{index}">{_e(names[index])}</a></th>']
        for cat in cats:
            n = counts.get(cat, 0)
            totals[cat] += n
            cells.append(f'<td class="h{heat(n)}" data-category="{_e(cat)}" data-count="{n}">'
                         f"{n}</td>")
        total = sum(counts.values())
        cells.append(f'<td class="total h{heat(total)}" data-count="{total}">{total}</td>')
        body.append(f'<tr data-path="{_e(result["path"])}" data-order="{order}">'
                    + "".join(cells) + "</tr>")
    foot = ['<th scope="row">All bills</th>'] + [
        f'<td data-category="{_e(c)}" data-count="{totals[c]}">{totals[c]}</td>' for c in cats]
    foot.append(f'<td class="total" data-count="{sum(totals.values())}">'
                f"{sum(totals.values())}</td>")
    legend = "".join(f'<span class="h{h}">{label}</span>' for h, label in
                     enumerate(("0", "1", "2\u20133", "4\u20137", "8+")))
    return ('<table id="matrix" class="matrix"><caption>Findings per bill and safeguard category. '
            'Click a column header to sort.</caption>'
            f'<thead><tr>{"".join(head)}</tr></thead><tbody>{"".join(body)}</tbody>'
            f'<tfoot><tr>{"".join(foot)}</tr></tfoot></table>'
            f'<p class="legend">Colour by count: {legend}</p>')


def _bill(index: int, result: dict, catalogue: Catalogue) -> str:
    findings = result.get("findings", [])
    lines = {n: text for n, text in result.get("excerpt", ())}
    meta = (f'{_e(result.get("format", ""))}, {_e(result.get("lines"))} lines, '
            f'{_e(result.get("bytes"))} bytes, {len(findings)} finding'
            + ("" if len(findings) == 1 else "s"))
    parts = [f'<section class="bill" id="bill-{index}" data-path="{_e(result["path"])}">',
             f'<h2>{_e(result["path"])}</h2><p class="meta">{meta}</p>']
    if not findings:
        parts.append('<p class="clean">No findings.</p>')
    for k, f in enumerate(findings):
        parts.append(_finding(f, lines, catalogue.rules.get(f["code"]), f"bill-{index}-f{k}"))
    parts.append("</section>")
    return "".join(parts)


def _errors(failed: Sequence[dict]) -> str:
    if not failed:
        return ""
    rows = "".join(f'<tr><th scope="row">{_e(r["path"])}</th><td>{_e(r.get("kind"))}</td>'
                   f'<td>{_e(r["error"])}</td></tr>' for r in failed)
    return ('<section id="errors"><h2>Files that could not be linted</h2>'
            '<table class="errors"><thead><tr><th scope="col">File</th><th scope="col">Kind</th>'
            f'<th scope="col">Error</th></tr></thead><tbody>{rows}</tbody></table></section>')


def _template(name: str) -> str:
    return resources.files("legislint").joinpath("templates", name).read_text("utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


def render_report(results: Sequence[dict], catalogue: Catalogue, *, title: str = "legislint report",
                  generated: datetime | None = None, version: str = "") -> str:
    css, js = _template("report.css"), _template("report.js")
    ok = [(i, r) for i, r in enumerate(results) if r.get("ok")]
    failed = [r for r in results if not r.get("ok")]
    cats = columns(catalogue, [r for _, r in ok])
    names = dict(zip(range(len(results)), display_names([r["path"] for r in results]), strict=True))
    total = sum(len(r["findings"]) for _, r in ok)
    when = (generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    summary = (f"{len(results)} file{'s' if len(results) != 1 else ''}: {len(ok)} linted, "
               f"{len(failed)} could not be read; {total} finding{'s' if total != 1 else ''}. "
               f"Generated {when} by legislint {version}.")
    body = [f'<header class="top"><h1>{_e(title)}</h1><p class="summary">{_e(summary)}</p>'
            + ('<p><a href="#errors">Files that could not be linted</a></p>' if failed else "")
            + "</header>",
            f'<section id="overview"><h2>Overview</h2>{_matrix(ok, cats, catalogue, names)}</section>']
    body += [_bill(i, r, catalogue) for i, r in ok]
    body.append(_errors(failed))
    values = {
        "title": _e(title), "css": css, "js": js,
        "csp": f"default-src 'none'; style-src '{_sha256(css)}'; script-src '{_sha256(js)}'; "
               "img-src data:; base-uri 'none'; form-action 'none'",
        "body": "\n".join(body),
    }
    # One pass: text substituted in is never scanned for placeholders again.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], _template("report.html"))
