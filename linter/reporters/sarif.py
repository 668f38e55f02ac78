"""`--format sarif`: SARIF 2.1.0 for code-scanning views (GitHub, GitLab, Azure DevOps).

Every rule of the run is described (summary, description, the rule's documentation as help, its
standards); each finding carries the provision as a logical location, the evidence weighed as
related locations and a partial fingerprint that survives renumbering (`legislint.baseline`), so
a code-scanning alert stays the same alert when an amendment renumbers the articles. Suppressed
findings are included with `suppressions` (inSource for comments, external for the project file)
and the reviewer's justification.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from legislint import __version__
from legislint.baseline import fingerprint
from legislint.reporters._paths import display_path
from legislint.suppressions import CODE as META_CODE, NAME as META_NAME

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "legislintProvision/v1"
_LEVEL = {"error": "error", "warning": "warning", "info": "note", "off": "none"}
_GITHUB_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}


def _uri(path: str) -> tuple[str, str | None]:
    shown = display_path(path)
    if Path(shown).is_absolute():
        return Path(shown).as_uri(), None
    return quote(shown), "%SRCROOT%"


def _location(path: str, line: int, column: int = 1, end_line: int | None = None,
              end_column: int | None = None) -> dict:
    uri, base = _uri(path)
    artifact = {"uri": uri} | ({"uriBaseId": base} if base else {})
    region = {"startLine": max(1, line), "startColumn": max(1, column)}
    if end_line is not None:
        region["endLine"] = max(region["startLine"], end_line)
    if end_column is not None and (end_line is None or end_line > line or end_column > column):
        region["endColumn"] = max(1, end_column)
    return {"physicalLocation": {"artifactLocation": artifact, "region": region}}


def _plain_help(rule) -> str:
    parts = [rule.summary.strip(), "", rule.rationale.strip(), "", "Standards:"]
    parts += [f"- {s}" for s in rule.standards]
    parts += ["", f"Suggested wording: {rule.fix.wording}"]
    return "\n".join(parts)


def rule_descriptor(rule) -> dict:
    from legislint.docs import render_rule

    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary.strip()},
        "fullDescription": {"text": " ".join(rule.description.split())},
        "help": {"text": _plain_help(rule), "markdown": render_rule(rule)},
        "defaultConfiguration": {"level": _LEVEL.get(rule.severity, "warning")},
        "properties": {
            "category": rule.category, "group": rule.group, "status": rule.status,
            "standards": list(rule.standards),
            "tags": ["legislation", "human-rights", rule.category, rule.group],
            "precision": "high" if rule.group == "core" else "medium",
            "problem.severity": _GITHUB_SEVERITY.get(rule.severity, "warning"),
        },
    }


def _meta_descriptor() -> dict:
    return {
        "id": META_CODE, "name": META_NAME,
        "shortDescription": {"text": "A suppression matches no finding, or cannot be used."},
        "fullDescription": {"text": "A suppression (inline comment or `suppress:` entry in "
                            ".legislint.yaml) that no longer matches any finding, or that has no "
                            "reason or names an unknown rule. Remove or correct it so recorded "
                            "reviews stay true."},
        "help": {"text": "Remove the suppression, or correct its provision, rule or reason."},
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["legislation", "suppression"], "precision": "very-high"},
    }


def _result(f, result, index: dict[str, int]) -> dict:
    loc = _location(result.source.path, f.line, f.column, f.end_line, f.end_column)
    loc["logicalLocations"] = [{"fullyQualifiedName": f.provision, "kind": "member"}]
    out = {
        "ruleId": f.code,
        "level": _LEVEL.get(f.severity, "warning"),
        "message": {"text": f.message},
        "locations": [loc],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        "properties": {"provision": f.provision, "category": f.category, "rule": f.rule},
    }
    if f.code in index:
        out["ruleIndex"] = index[f.code]
    if f.suggestion:
        out["properties"]["suggestion"] = f.suggestion
    origin = result.source.origin(f.line)
    if origin:
        out["properties"]["origin"] = origin
    related = []
    for i, e in enumerate(f.evidence, start=1):
        rel = _location(result.source.path, e.line, 1, e.end_line)
        rel["id"] = i
        rel["message"] = {"text": f"{e.provision}: {e.message}"}
        related.append(rel)
    if related:
        out["relatedLocations"] = related
    if f.suppressed is not None:
        by = getattr(f, "suppressed_by", None) or ""
        inline = by.rsplit(":", 1)[0] == result.source.path
        out["suppressions"] = [{"kind": "inSource" if inline else "external", "status": "accepted",
                                "justification": f.suppressed}]
    return out


def _problem_result(p) -> dict:
    return {"ruleId": META_CODE, "level": _LEVEL.get(p.severity, "warning"),
            "message": {"text": p.message}, "locations": [_location(p.path, p.line or 1)],
            "properties": {"kind": p.kind, "origin": p.origin}}


def build(results, ruleset=None, options=None) -> dict:
    rules = list(ruleset) if ruleset is not None else []
    descriptors = [rule_descriptor(r) for r in rules]
    problems = [p for r in results for p in getattr(r, "unused_suppressions", [])]
    if problems:
        descriptors.append(_meta_descriptor())
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    out_results = []
    for result in results:
        for f in [*result.findings, *result.suppressed]:
            out_results.append(_result(f, result, index))
    out_results.extend(_problem_result(p) for p in problems)
    out_results = [r | ({"ruleIndex": index[r["ruleId"]]} if r["ruleId"] in index else {})
                   for r in out_results]
    cwd = Path.cwd().resolve().as_uri() + "/"
    driver = {"name": "legislint", "version": __version__, "semanticVersion": __version__,
              "rules": descriptors}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": cwd}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": True}],
            "results": out_results,
        }],
    }


def report(results, ruleset=None, options=None) -> str:
    return json.dumps(build(results, ruleset, options), ensure_ascii=False, indent=2) + "\n"
