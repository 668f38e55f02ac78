"""Rule documentation with fixed headings, rendered from the rule file (for `explain` and docs/)."""

from __future__ import annotations

HEADINGS = ("What it flags", "Why it matters", "Standards", "Example that fails",
            "Wording that passes", "Suggested wording", "Fix safety", "Configuration", "References")


def render_rule(rule, messages=None) -> str:
    """The rule's page; with `messages` (a legislint.i18n catalog), headings and the rule's wording
    in that language where translated (English elsewhere)."""
    from legislint.i18n import catalog

    messages = messages or catalog()
    says = messages.text
    rule = messages.rule(rule)
    out = [f"# {rule.code} {rule.name}", "",
           says("category_line", category=rule.category, group=rule.group, severity=rule.severity,
                status=rule.status),
           "", rule.summary.strip(), "",
           f"## {says('heading_what_it_flags')}", "", rule.description.strip(), "",
           f"## {says('heading_why_it_matters')}", "", rule.rationale.strip(), ""]
    if rule.readings:
        out += [f"## {says('heading_readings')}", ""]
        out += [f"- `{name}`: {reading.note.strip().strip('()')}" for name, reading in rule.readings.items()]
        out += [""]
    out += [f"## {says('heading_standards')}", ""]
    out += [f"- {s}" for s in rule.standards]
    out += ["", f"## {says('heading_example_fails')}", ""]
    for ex in rule.examples.flag:
        out += ["```text", ex.rstrip(), "```", ""]
    out += [f"## {says('heading_wording_passes')}", ""]
    for ex in rule.examples.passes:
        out += ["```text", ex.rstrip(), "```", ""]
    out += [f"## {says('heading_suggested_wording')}", "", says("quote", text=rule.fix.wording), "",
            f"## {says('heading_fix_safety')}", "",
            says("fix_safety_suggestion", safety=rule.fix.safety) if rule.fix.safety != "safe"
            else says("fix_safety_safe"), "",
            f"## {says('heading_configuration')}", "",
            f"Select or ignore it by code (`{rule.code}`), name (`{rule.name}`) or category "
            f"(`{rule.category}`). A finding reviewed and found acceptable is set aside with a reason, "
            "in `.legislint.yaml`:", "",
            "```yaml", "suppress:", "  - provision: Article 12(3)", f"    rule: {rule.code}",
            "    reason: The safeguard is provided by ...", "```", "",
            "or, in Markdown, in a comment above the provision:", "",
            "```markdown", f"<!-- legislint-disable-next {rule.code} -- the safeguard is provided by ... -->",
            "```", "",
            f"## {says('heading_references')}", ""]
    out += [f"- {r}" for r in rule.references] or [f"- {says('none')}"]
    return "\n".join(out).rstrip() + "\n"
