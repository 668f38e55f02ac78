"""Suppressions with a reason: a lawyer's "reviewed, acceptable because …" that keeps the law intact.

Two places record them:

* the project file (`suppress:` in `.legislint.yaml`): provision + rule + reason (+ path glob);
* inline, in Markdown/HTML comments, which a rendered law never shows:

      <!-- legislint-disable-next LG201 -- warrant required by the Criminal Procedure Act s.12 -->
      <!-- legislint-disable optional-refusal -- grounds in the Extradition Act, s.7 -->
      ...
      <!-- legislint-enable optional-refusal -->

  `disable-next` covers the provision that starts on the next non-blank line, with everything
  under it; `disable` … `enable` covers the lines between (to the end if never re-enabled).
  Rules are codes, names, categories or `all`, separated by commas or spaces; the reason after
  ` -- ` is required.

A suppressed finding keeps its reason (`Finding.suppressed`) and stays visible in JSON and SARIF.
A suppression that matches nothing, or cannot be used (no reason, unknown rule), is reported
like ruff's RUF100. HTML comments never reach the parser: their text is blanked (lines and
columns unchanged), so a reason's wording cannot satisfy or trigger a rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from legislint.config import Config, Suppression, path_matches
from legislint.findings import Finding
from legislint.model import DOCUMENT, Document

#: Code and name under which problems with suppressions are reported.
CODE = "LG000"
NAME = "unused-suppression"

_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
# Longest first: "disable-next-line" is not "disable-next" followed by a rule named "-line".
_DIRECTIVE = re.compile(r"^\s*legislint[-:]\s*(disable-next-line|disable-next|disable|enable)\b(.*)$",
                        re.DOTALL)


@dataclass(frozen=True)
class Directive:
    """An inline suppression comment."""

    kind: str  # "disable-next" | "disable" | "enable"
    rules: tuple[str, ...]
    reason: str | None
    line: int  # first line of the comment
    end_line: int  # last line of the comment


@dataclass(frozen=True)
class SuppressionProblem:
    """A suppression that matched nothing ("unused") or cannot be used ("invalid")."""

    path: str
    line: int | None
    message: str
    origin: str  # "inline" | "config"
    kind: str  # "unused" | "invalid"
    severity: str
    #: Identity of the suppression across the files of a run (config entries apply to many).
    key: tuple = field(compare=False, default=())
    code: str = CODE
    rule: str = NAME

    def to_dict(self) -> dict:
        return {"code": self.code, "rule": self.rule, "severity": self.severity, "path": self.path,
                "line": self.line, "kind": self.kind, "origin": self.origin, "message": self.message}


@dataclass
class Outcome:
    active: list[Finding]
    suppressed: list[Finding]
    problems: list[SuppressionProblem]
    #: Keys of config suppressions that matched a finding in this file.
    used: set[tuple] = field(default_factory=set)


# ------------------------------------------------------------------------------ inline comments
def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _parse_directive(body: str) -> tuple[str, tuple[str, ...], str | None] | None:
    m = _DIRECTIVE.match(body)
    if m is None:
        return None
    kind = "disable-next" if m.group(1).startswith("disable-next") else m.group(1)
    rest = m.group(2)
    reason = None
    sep = re.search(r"\s--\s|\s--$|\s—\s", rest)
    if sep is not None:
        reason = rest[sep.end():].strip() or None
        rest = rest[:sep.start()]
    rules = tuple(r for r in re.split(r"[,\s]+", rest.strip()) if r)
    return kind, rules, reason


def scan(text: str) -> tuple[str, list[Directive]]:
    """(text with every HTML comment blanked, the legislint directives found in them)."""
    if "<!--" not in text:
        return text, []
    directives: list[Directive] = []
    pieces: list[str] = []
    last = 0
    for m in _COMMENT.finditer(text):
        parsed = _parse_directive(m.group(1))
        if parsed is not None:
            kind, rules, reason = parsed
            directives.append(Directive(kind, rules, reason, _line_at(text, m.start()),
                                        _line_at(text, m.end())))
        pieces.append(text[last:m.start()])
        pieces.append(re.sub(r"[^\n]", " ", m.group(0)))
        last = m.end()
    pieces.append(text[last:])
    return "".join(pieces), directives


# ------------------------------------------------------------------------------ matching
def rule_matches(key: str, finding: Finding, ruleset=None) -> bool:
    key = key.strip()
    if key.lower() == "all" or key in (finding.code, finding.rule, finding.category):
        return True
    if key.isalnum() and key.isupper() and finding.code.startswith(key):
        return True
    rule = ruleset.get(key) if ruleset is not None else None
    return rule is not None and rule.code == finding.code


def known_rule_key(key: str, ruleset) -> bool:
    if ruleset is None or key.lower() == "all":
        return True
    return bool(ruleset.get(key)) or not ruleset.unknown_keys([key])


def _norm_provision(p: str) -> str:
    return " ".join(p.split()).casefold()


def provision_covers(suppressed: str, provision: str) -> bool:
    """ "Article 40" covers "Article 40" and "Article 40(21)(b)", not "Article 401"."""
    s, p = _norm_provision(suppressed), _norm_provision(provision)
    return p == s or p.startswith(s + "(")


@dataclass
class _Inline:
    directive: Directive
    first: int
    last: int
    used: bool = False


def _next_content_line(lines: list[str], after: int) -> int | None:
    for i in range(after, len(lines)):  # `after` is 1-based, so index `after` is the next line
        if lines[i].strip():
            return i + 1
    return None


def _inline_ranges(directives: list[Directive], document: Document) -> tuple[list[_Inline], list[Directive]]:
    """Line ranges of usable directives, and the `enable`s that closed nothing."""
    lines = document.lines
    starts: dict[int, int] = {}
    for node in document.nodes():
        if node.kind == DOCUMENT or not node.start_line:
            continue
        # The outermost node starting on a line wins: a comment above "Article 5" covers all of it.
        starts.setdefault(node.start_line, node.end_line)
    out: list[_Inline] = []
    open_blocks: list[_Inline] = []
    stray: list[Directive] = []
    last_line = max(len(lines), 1)
    for d in sorted(directives, key=lambda d: d.line):
        if d.kind == "disable-next":
            target = _next_content_line(lines, d.end_line)
            if target is None:
                out.append(_Inline(d, d.end_line + 1, d.end_line))  # covers nothing
            else:
                out.append(_Inline(d, target, max(starts.get(target, target), target)))
        elif d.kind == "disable":
            block = _Inline(d, d.end_line + 1, last_line)
            out.append(block)
            open_blocks.append(block)
        else:  # enable
            closing = [b for b in open_blocks
                       if not d.rules or set(d.rules) & set(b.directive.rules) or "all" in d.rules]
            if not closing:
                stray.append(d)
            for b in closing:
                b.last = d.line - 1
                open_blocks.remove(b)
    return out, stray


def _covers(block: _Inline, finding: Finding) -> bool:
    if block.directive.kind == "disable-next" and block.first == block.last:
        return finding.line <= block.first <= max(finding.end_line, finding.line)
    return block.first <= finding.line <= block.last


def _config_key(s: Suppression) -> tuple:
    origin = s.origin or ("", None)
    return ("config", origin[0], origin[1], s.provision, s.rule, s.path)


def _config_applies(s: Suppression, source_path: str) -> bool:
    return not s.path or path_matches(source_path, s.path)


def apply(findings: list[Finding], document: Document, source_path: str, config: Config,
          directives: list[Directive], ruleset=None) -> Outcome:
    """Mark findings covered by a suppression, and list the suppressions that did nothing."""
    if not directives and not config.suppress:
        return Outcome(list(findings), [], [])
    severity = config.unused_suppressions
    invalid_severity = severity if severity != "off" else "warning"
    problems: list[SuppressionProblem] = []
    blocks, stray = _inline_ranges(directives, document)
    usable: list[_Inline] = []
    for b in blocks:
        d = b.directive
        unknown = [r for r in d.rules if not known_rule_key(r, ruleset)]
        if not d.rules or not d.reason or unknown:
            why = ("names no rule" if not d.rules else "has no reason (write ` -- why it is acceptable`)"
                   if not d.reason else f"names an unknown rule: {', '.join(unknown)}")
            problems.append(SuppressionProblem(source_path, d.line, f"suppression ignored: it {why}",
                                               "inline", "invalid", invalid_severity, ("inline", source_path, d.line)))
        else:
            usable.append(b)
    configs = [s for s in config.suppress if _config_applies(s, source_path)]
    used_config: set[tuple] = set()
    active: list[Finding] = []
    silenced: list[Finding] = []
    for f in findings:
        reason = by = None
        for b in usable:
            if _covers(b, f) and any(rule_matches(r, f, ruleset) for r in b.directive.rules):
                b.used = True
                if reason is None:
                    reason, by = b.directive.reason, f"{source_path}:{b.directive.line}"
        for s in configs:
            if provision_covers(s.provision, f.provision) and rule_matches(s.rule, f, ruleset):
                used_config.add(_config_key(s))
                if reason is None:
                    origin = s.origin or ("configuration", None)
                    reason = s.reason
                    by = f"{origin[0]}:{origin[1]}" if origin[1] else origin[0]
        if reason is not None:
            f.suppressed = reason
            if hasattr(f, "suppressed_by"):
                f.suppressed_by = by
            silenced.append(f)
        else:
            active.append(f)
    if severity != "off":
        for b in usable:
            if not b.used:
                d = b.directive
                problems.append(SuppressionProblem(
                    source_path, d.line, f"unused suppression: no {', '.join(d.rules)} finding in the "
                    f"{'provision that follows' if d.kind == 'disable-next' else 'lines it covers'}",
                    "inline", "unused", severity, ("inline", source_path, d.line)))
        for d in stray:
            problems.append(SuppressionProblem(source_path, d.line, "`legislint-enable` without a "
                            "matching `legislint-disable`", "inline", "unused", severity,
                            ("inline", source_path, d.line)))
        present = {_norm_provision(n.path) for n in document.nodes() if n.kind != DOCUMENT}
        for s in configs:
            key = _config_key(s)
            if key in used_config:
                continue
            # Without a path glob an entry may belong to another file: only a file that has the
            # provision can tell that it is unused.
            if s.path or _norm_provision(s.provision) in present:
                origin = s.origin or ("configuration", None)
                problems.append(SuppressionProblem(
                    origin[0], origin[1], f"unused suppression: no {s.rule} finding at {s.provision}"
                    f" in {source_path}", "config", "unused", severity, key))
    else:
        problems = [p for p in problems if p.kind == "invalid"]
    return Outcome(active, silenced, problems, used_config)


def merge_run(results) -> None:
    """Across the files of one run, a config suppression is unused only if no file used it;
    report it once. Rewrites each result's `unused_suppressions` in place."""
    used: set[tuple] = set()
    for r in results:
        used |= set(getattr(r, "used_suppressions", ()) or ())
    reported: set[tuple] = set()
    for r in results:
        kept = []
        for p in r.unused_suppressions:
            if p.origin == "config":
                if p.key in used or p.key in reported:
                    continue
                reported.add(p.key)
            kept.append(p)
        r.unused_suppressions = kept
