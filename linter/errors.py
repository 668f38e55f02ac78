"""Errors a user can act on. Each names the file and the place; the CLI turns them into exit 2."""

from __future__ import annotations


class LegislintError(Exception):
    """An error caused by input or configuration, not by a bug in legislint."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 field: str | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" ({self.field})"
        return f"{where}: {self.message}" if where else self.message


class InputError(LegislintError):
    """A file that cannot be read as legislation (binary, undecodable, corrupt, too large)."""


class RuleError(LegislintError):
    """A rule or lexicon file that is malformed."""


class ConfigError(LegislintError):
    """A configuration file or option that is malformed."""
