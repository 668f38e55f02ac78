"""legislint: a linter for legislation that flags missing human-rights safeguards."""

from legislint.api import LintResult, lint_source, lint_text

__all__ = ["LintResult", "lint_source", "lint_text"]
__version__ = "0.1.0"
