"""Baselines: adopt legislint on an existing law and report only what an amendment adds.

A finding's fingerprint is its rule code plus the normalized text of the provision it is about,
never its line or number: renumbering articles, inserting a provision elsewhere or re-flowing
lines leaves it unchanged. Numbers inside cross-references ("subject to Article 24") are masked
for the same reason. Equal fingerprints (boilerplate repeated in several provisions) are counted,
so a baseline holding two does not hide a third.

The file is JSON, sorted, one entry per fingerprint and file, so it diffs well in review:

    {"version": 1, "tool": "legislint",
     "findings": [{"fingerprint": "…", "code": "LG201", "rule": "…", "path": "acts/bill.md",
                   "provision": "Article 19(1)", "count": 1}]}

`path` and `provision` are there for people; matching prefers the same file and falls back to any.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from legislint.atomic import write_atomic

from legislint.errors import ConfigError
from legislint.findings import Finding

VERSION = 1

# "Article 24", "art. 24(1)(b)", "section 2703(d)", "§§ 2701-2712", "s.9(2)", "paragraph 3 of …"
_REFERENCE = re.compile(
    r"\b(articles?|arts?\.|sections?|ss?\.|§§?|paragraphs?|paras?\.|sub-?paragraphs?|chapters?|"
    r"parts?|titles?|clauses?|schedules?|rules?|regulations?)(\s*)"
    r"(\d+[a-z]?(?:\([0-9a-z]+\))*(?:\s*(?:,|and|or|to|through|-|–)\s*\d+[a-z]?(?:\([0-9a-z]+\))*)*)",
    re.IGNORECASE)
_LEADING_LABEL = re.compile(r"^\s*(?:\(?[0-9]+[a-z]?[.)]|\([a-z]{1,4}\)|[a-z][.)])\s+", re.IGNORECASE)


def normalize(text: str) -> str:
    """Provision text with whitespace, case, quotes and numbers of cross-references evened out."""
    text = " ".join(text.split())
    text = text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    text = text.replace("–", "-").replace("—", "-")
    text = _REFERENCE.sub(lambda m: f"{m.group(1)} #", text)
    text = _LEADING_LABEL.sub("", text)
    return text.casefold()


def fingerprint(finding: Finding) -> str:
    basis = f"{finding.code}\x00{normalize(finding.provision_text or finding.message)}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]


def _rel(path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive
        return Path(path).as_posix()


def build(results, baseline_path: str | Path) -> dict:
    """The baseline of the active (unsuppressed) findings of `results`."""
    root = Path(baseline_path).resolve().parent
    counts: Counter = Counter()
    info: dict[tuple, dict] = {}
    for result in results:
        rel = _rel(result.source.path, root)
        for f in result.findings:
            key = (fingerprint(f), rel)
            counts[key] += 1
            info.setdefault(key, {"code": f.code, "rule": f.rule, "provision": f.provision})
    entries = [{"fingerprint": fp, **info[(fp, rel)], "path": rel, "count": counts[(fp, rel)]}
               for fp, rel in sorted(counts, key=lambda k: (k[1], info[k]["code"], k[0]))]
    return {"version": VERSION, "tool": "legislint", "findings": entries}


def write(results, baseline_path: str | Path) -> int:
    """Write the baseline atomically; returns the number of findings recorded."""
    data = build(results, baseline_path)
    write_atomic(str(baseline_path), json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return sum(e["count"] for e in data["findings"])


def load(baseline_path: str | Path) -> dict:
    p = Path(baseline_path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baseline file not found (create it with --update-baseline)", path=str(p)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"cannot read baseline: {exc}", path=str(p)) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"not a legislint baseline (version {VERSION})", path=str(p))
    for i, e in enumerate(data["findings"]):
        if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
            raise ConfigError(f"baseline entry {i} has no fingerprint", path=str(p))
    return data


def filter_results(results, baseline_path: str | Path) -> int:
    """Drop findings the baseline already holds from each result; returns how many were dropped."""
    data = load(baseline_path)
    root = Path(baseline_path).resolve().parent
    by_file: Counter = Counter()
    for e in data["findings"]:
        by_file[(e["fingerprint"], e.get("path"))] += int(e.get("count", 1) or 1)
    keyed = [(r, f, fingerprint(f), _rel(r.source.path, root)) for r in results for f in r.findings]
    known: set[int] = set()
    # Same file first, so a finding moved to another file only uses what is left over.
    for _, f, fp, rel in keyed:
        if by_file[(fp, rel)] > 0:
            by_file[(fp, rel)] -= 1
            known.add(id(f))
    for _, f, fp, _ in keyed:
        if id(f) not in known and _take(by_file, fp):
            known.add(id(f))
    for r in results:
        r.findings = [f for f in r.findings if id(f) not in known]
    return len(known)


def _take(by_file: Counter, fp: str) -> bool:
    """Use one count of `fp` recorded for any file."""
    for key, n in by_file.items():
        if key[0] == fp and n > 0:
            by_file[key] -= 1
            return True
    return False
