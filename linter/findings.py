"""What a rule reports: a `Finding`, with the evidence it weighed and the wording that would fix it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else 1


@dataclass(frozen=True)
class Evidence:
    """A related place: a clause that was looked at and accepted or rejected."""

    message: str
    provision: str
    line: int
    end_line: int
    quote: str = ""


@dataclass(frozen=True)
class Fix:
    """An insertion of model wording. Inserting operative legal text is never applied silently:
    safety is "display-only" (shown as a suggestion / code action) unless a rule says otherwise."""

    line: int
    column: int
    text: str
    safety: str = "display-only"
    title: str = ""


@dataclass
class Finding:
    code: str
    rule: str
    category: str
    severity: str
    provision: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    evidence: list[Evidence] = field(default_factory=list)
    suggestion: str | None = None
    fix: Fix | None = None
    #: Normalized text of the provision, used for baselines that survive renumbering.
    provision_text: str = ""
    #: Set when a recorded suppression covers this finding: the reason the reviewer gave.
    suppressed: str | None = None
    #: Where that suppression is recorded: "path:line" of the comment or the config entry.
    suppressed_by: str | None = None

    def sort_key(self) -> tuple:
        return (self.line, self.column, self.code)

    def contract_dict(self) -> dict:
        """The keys of the JSON contract in DESIGN.md, in that order."""
        return {
            "code": self.code, "rule": self.rule, "category": self.category,
            "severity": self.severity, "provision": self.provision, "line": self.line,
            "column": self.column, "end_line": self.end_line, "end_column": self.end_column,
            "message": self.message,
        }

    def full_dict(self) -> dict:
        data = self.contract_dict()
        data["evidence"] = [asdict(e) for e in self.evidence]
        if self.suggestion:
            data["suggestion"] = self.suggestion
        if self.fix:
            data["fix"] = asdict(self.fix)
        if self.suppressed is not None:
            data["suppressed"] = self.suppressed
            data["suppressed_by"] = self.suppressed_by
        return data
