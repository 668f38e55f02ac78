"""Rule documentation with fixed headings, rendered from the rule file (for `explain` and docs/)."""

from __future__ import annotations

HEADINGS = ("What it flags", "Why it matters", "Standards", "Example that fails",
            "Wording that passes", "Suggested wording", "Fix safety", "Configuration", "References")


def render_rule(rule) -> str:
    out = [f"# {rule.code} {rule.name}", "",
           f"Category: `{rule.category}` · group: {rule.group} · default severity: {rule.severity} · status: {rule.status}",
           "", rule.summary.strip(), "",
           "## What it flags", "", rule.description.strip(), "",
           "## Why it matters", "", rule.rationale.strip(), "",
           "## Standards", ""]
    out += [f"- {s}" for s in rule.standards]
    out += ["", "## Example that fails", ""]
    for ex in rule.examples.flag:
        out += ["```text", ex.rstrip(), "```", ""]
    out += ["## Wording that passes", ""]
    for ex in rule.examples.passes:
        out += ["```text", ex.rstrip(), "```", ""]
    out += ["## Suggested wording", "", f"“{rule.fix.wording}”", "",
            "## Fix safety", "",
            f"{rule.fix.safety}: inserting operative legal text changes the law, so the fix is offered "
            "as a suggestion (editor code action) and never applied automatically." if rule.fix.safety != "safe"
            else "safe: the fix can be applied automatically.", "",
            "## Configuration", "",
            f"Select or ignore it by code (`{rule.code}`), name (`{rule.name}`) or category "
            f"(`{rule.category}`). A finding reviewed and found acceptable is set aside with a reason, "
            "in `.legislint.yaml`:", "",
            "```yaml", "suppress:", "  - provision: Article 12(3)", f"    rule: {rule.code}",
            "    reason: The safeguard is provided by ...", "```", "",
            "or, in Markdown, in a comment above the provision:", "",
            "```markdown", f"<!-- legislint-disable-next {rule.code} -- the safeguard is provided by ... -->",
            "```", "",
            "## References", ""]
    out += [f"- {r}" for r in rule.references] or ["- (none)"]
    return "\n".join(out).rstrip() + "\n"
