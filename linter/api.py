"""The one core entry point: text in, provision tree and findings out.

The CLI, the language server and the batch runner all call `lint_source` / `lint_text`; none of
them holds rule logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from legislint.config import Config
from legislint.findings import Finding
from legislint.model import Document
from legislint.source import Source


@dataclass
class LintResult:
    source: Source
    document: Document
    #: Findings not suppressed, sorted by position.
    findings: list[Finding]
    #: Findings silenced by a recorded suppression (each carries its reason).
    suppressed: list[Finding] = field(default_factory=list)
    #: Suppressions that matched nothing: (where, message) pairs, reported like ruff's RUF100.
    unused_suppressions: list = field(default_factory=list)


def lint_source(source: Source, config: Config | None = None) -> LintResult:
    from legislint.engine import run_rules
    from legislint.parser import parse

    config = config or Config()
    document = source.document if source.document is not None else parse(source.text, source.path)
    findings = run_rules(document, config)
    active = [f for f in findings if f.suppressed is None]
    silenced = [f for f in findings if f.suppressed is not None]
    return LintResult(source=source, document=document, findings=active, suppressed=silenced)


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> LintResult:
    from legislint.readers.text import source_from_text

    return lint_source(source_from_text(text, path), config)
