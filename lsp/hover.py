"""Hover: a flagged provision shows its rule's docs; an article heading shows its safeguards."""

from __future__ import annotations

import logging
from typing import Any, Sequence

from legislint.config import Config
from legislint.findings import Finding
from legislint.model import ARTICLE, Node

from legislint.lsp.diagnostics import message_of, rule_docs_url

log = logging.getLogger(__name__)


class RuleCatalog:
    """Rule metadata (rationale, standards, model wording) from the core, cached per config."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def ruleset(self, config: Config) -> Any | None:
        key = config.model_dump_json()
        if key not in self._cache:
            try:
                from legislint.rules import load_ruleset
                self._cache[key] = load_ruleset(config)
            except Exception as exc:  # metadata is a nicety; never fail a hover over it
                log.warning("rule metadata unavailable: %s", exc)
                self._cache[key] = None
        return self._cache[key]

    def rule(self, config: Config, code: str, name: str | None = None) -> Any | None:
        rs = self.ruleset(config)
        if rs is None:
            return None
        for key in (code, name):
            if not key:
                continue
            try:
                rule = rs.get(key)
            except Exception:
                rule = None
            if rule is not None:
                return rule
        return None


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    return getattr(obj, name, default) if obj is not None else default


def finding_markdown(f: Finding, rule: Any | None) -> str:
    name = _attr(rule, "name", f.rule) or f.rule
    out = [f"### {f.code} · {name}", f"*{f.severity}* · category `{f.category}`", "",
           f"**{message_of(f)}**", ""]
    rationale = _attr(rule, "rationale") or _attr(rule, "summary")
    if rationale:
        out += ["**Why it matters.** " + " ".join(str(rationale).split()), ""]
    standards = _attr(rule, "standards") or []
    if standards:
        out.append("**Standards it rests on.**")
        out += [f"- {s}" for s in standards]
        out.append("")
    wording = f.suggestion or _attr(rule, "suggestion") \
        or (f.fix.text.strip(" ,;") if f.fix and f.fix.text else None)
    if wording:
        out.append("**Wording that would satisfy it.**")
        out += ["> " + line if line.strip() else ">" for line in str(wording).strip().splitlines()]
        out.append("")
    if f.evidence:
        out.append("**Evidence weighed.**")
        for ev in f.evidence:
            quote = f" — “{ev.quote.strip()}”" if ev.quote and ev.quote.strip() else ""
            out.append(f"- {ev.provision} (line {ev.line}): {ev.message}{quote}")
        out.append("")
    out.append(f"[Rule documentation]({rule_docs_url(f.code)})")
    return "\n".join(out)


def _category_title(category: str) -> str:
    return category.replace("-", " ")


def rules_triggered_in(article: Node, document: Any, config: Config) -> list[Any] | None:
    """The selected rules the core finds triggered inside `article` (None if it cannot tell).

    Applicability comes from the core's engine (its trigger units); the server decides nothing."""
    try:
        from legislint.engine import DocumentRun
        from legislint.jurisdiction import jurisdiction
        from legislint.rules import load_ruleset

        ruleset = load_ruleset(config, document.meta.get("language") or "en")
        run = DocumentRun(document, ruleset)
        reading = jurisdiction(document, config, [ruleset.lexicon])
        out = []
        for rule in ruleset.select(config.select, config.ignore):
            rule = rule.read_as(reading)
            if any(article.start_line <= t.unit.start_line <= article.end_line
                   for t in run.units(rule)):
                out.append(rule)
        return out
    except Exception as exc:
        log.warning("cannot tell which rules apply to %s: %s", article.path, exc)
        return None


def article_markdown(article: Node, result: Any, config: Config) -> str:
    """Which safeguards an article has and lacks: lacks = findings inside it; has = rules the
    core found triggered inside it that produced no finding (suppressed ones are named)."""
    def inside(findings):
        return [f for f in findings if article.start_line <= f.line <= article.end_line]

    active = inside(result.findings)
    suppressed = inside(getattr(result, "suppressed", []) or [])
    heading = " – ".join(p.strip() for p in (article.label, article.title) if p)
    out = [f"### {heading or article.path}", ""]
    if active:
        out.append("**Lacks**")
        for f in active:
            out.append(f"- ✗ {_category_title(f.category)} — {f.provision} "
                       f"([{f.code}]({rule_docs_url(f.code)}) {f.rule})")
        out.append("")
    triggered = rules_triggered_in(article, result.document, config)
    flagged = {f.code for f in active} | {f.code for f in suppressed}
    has = [r for r in triggered or [] if r.code not in flagged]
    if has:
        out.append("**Has**")
        for r in has:
            out.append(f"- ✓ {_category_title(r.category)} ({r.code} {r.name})")
        out.append("")
    if suppressed:
        out.append("**Suppressed after review**")
        for f in suppressed:
            out.append(f"- {_category_title(f.category)} — {f.provision} ({f.code}): "
                       f"{f.suppressed}")
        out.append("")
    if not active and not has and not suppressed:
        out.append("No safeguard rule applies to this provision.")
    return "\n".join(out).rstrip()


def article_at(root: Node, line: int) -> Node | None:
    """The article whose heading is on 1-based `line`."""
    for node in root.walk():
        if node.kind == ARTICLE and node.start_line == line:
            return node
    return None


def findings_at(findings: Sequence[Finding], ranges: Sequence[Any], line: int,
                character: int) -> list[Finding]:
    """Findings whose diagnostic range contains the position (ranges aligned with findings)."""
    from legislint.lsp.diagnostics import contains

    return [f for f, r in zip(findings, ranges) if contains(r, line, character)]
