"""`--statistics`: how many findings each rule produced (like `ruff check --statistics`).

Text: one line per rule, most frequent first. With `--format json`: a list of objects.
"""

from __future__ import annotations

import json
from collections import Counter


def counts(results) -> list[dict]:
    active: Counter = Counter()
    silenced: Counter = Counter()
    names: dict[str, tuple[str, str]] = {}
    for r in results:
        for f in r.findings:
            active[f.code] += 1
            names.setdefault(f.code, (f.rule, f.category))
        for f in r.suppressed:
            silenced[f.code] += 1
            names.setdefault(f.code, (f.rule, f.category))
        for p in getattr(r, "unused_suppressions", []):
            active[p.code] += 1
            names.setdefault(p.code, (p.rule, "suppression"))
    codes = sorted(names, key=lambda c: (-active[c], -silenced[c], c))
    return [{"code": c, "rule": names[c][0], "category": names[c][1], "count": active[c],
             "suppressed": silenced[c]} for c in codes]


def report(results, ruleset=None, options=None) -> str:
    rows = counts(results)
    if getattr(options, "format", "text") == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if not rows:
        return "No findings.\n"
    width = max(len(str(r["count"])) for r in rows)
    name_w = max(len(r["rule"]) for r in rows)
    lines = []
    for r in rows:
        extra = f"  ({r['suppressed']} suppressed)" if r["suppressed"] else ""
        lines.append(f"{str(r['count']).rjust(width)}  {r['code']}  {r['rule'].ljust(name_w)}  {r['category']}{extra}")
    return "\n".join(lines) + "\n"
