"""`--format json`: the contract of DESIGN.md, one JSON object for all files."""

from __future__ import annotations

import json


def report(results, ruleset=None, options=None) -> str:
    files = []
    for result in results:
        entry = {"path": result.source.path,
                 "findings": [f.contract_dict() | _extra(f, result) for f in result.findings]}
        if result.suppressed:
            entry["suppressed"] = [f.contract_dict() | {"reason": f.suppressed,
                                                         "suppressed_by": getattr(f, "suppressed_by", None)}
                                   for f in result.suppressed]
        if getattr(result, "unused_suppressions", None):
            entry["unused_suppressions"] = [p.to_dict() for p in result.unused_suppressions]
        files.append(entry)
    return json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=2) + "\n"


def _extra(finding, result) -> dict:
    """Keys beyond the contract; consumers of the contract ignore them."""
    extra = {}
    if finding.evidence:
        extra["evidence"] = [{"message": e.message, "provision": e.provision, "line": e.line}
                             for e in finding.evidence]
    if finding.suggestion:
        extra["suggestion"] = finding.suggestion
    origin = result.source.origin(finding.line)
    if origin:
        extra["origin"] = origin
    return extra
