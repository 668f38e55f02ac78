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
    #: Suppressions that matched nothing or cannot be used (`suppressions.SuppressionProblem`:
    #: path, line, message, origin "inline"/"config"), reported like ruff's RUF100. A config entry
    #: is listed for every file that has its provision but no matching finding; the CLI keeps it
    #: only if no file of the run used it (`suppressions.merge_run`).
    unused_suppressions: list = field(default_factory=list)
    #: Keys of the config suppressions that silenced a finding here.
    used_suppressions: set = field(default_factory=set)


def lint_source(source: Source, config: Config | None = None) -> LintResult:
    from legislint.engine import run_rules
    from legislint.parser import parse

    from legislint.rules import load_ruleset
    from legislint.suppressions import apply, scan

    from legislint.language import annotate

    config = config or Config()
    directives = []
    language_dirs = tuple(config.language_dirs)
    if source.document is not None:
        document = source.document
        # A reader built the tree: its language (and each article's) comes from its words.
        annotate(document, config.lang, language_dirs)
    else:
        # Comments (and the suppressions written in them) are not law: blank them for the parser.
        text, directives = scan(source.text)
        document = parse(text, source.path, language=config.lang, language_dirs=language_dirs)
    ruleset = load_ruleset(config, document.meta.get("language") or "en")
    findings = run_rules(document, config, ruleset)
    outcome = apply(findings, document, source.path, config, directives, ruleset)
    return LintResult(source=source, document=document, findings=outcome.active,
                      suppressed=outcome.suppressed, unused_suppressions=outcome.problems,
                      used_suppressions=outcome.used)


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> LintResult:
    from legislint.readers.text import source_from_text

    return lint_source(source_from_text(text, path), config)
