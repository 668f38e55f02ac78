"""Findings -> LSP diagnostics, and positions between the core and the client.

The core counts lines and columns from 1 in code points; LSP counts from 0 in the negotiated
position encoding (UTF-16 unless the client offers UTF-8 / UTF-32). Each diagnostic carries in
`data` everything a code action needs — the fix as a ready edit, the suppression key — so code
actions never re-lint.
"""

from __future__ import annotations

from typing import Any, Sequence

from lsprotocol import types

from legislint.findings import Finding

SOURCE = "legislint"
#: Where each rule's documentation lives; `{code}` is the rule code (LG201).
RULE_DOCS_URL = "https://legislint.readthedocs.io/en/latest/rules/{code}/"

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def rule_docs_url(code: str) -> str:
    return RULE_DOCS_URL.format(code=code)


# ------------------------------------------------------------------------------ positions
def units(text: str, encoding: str) -> int:
    """Length of `text` in the client's code units."""
    if text.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return len(text)
    if encoding == types.PositionEncodingKind.Utf8:
        return len(text.encode("utf-8"))
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def to_client(lines: Sequence[str], line0: int, char: int, encoding: str) -> types.Position:
    """0-based line and code-point column -> client Position (clamped to the text)."""
    if line0 < 0:
        return types.Position(line=0, character=0)
    if line0 >= len(lines):
        last = max(len(lines) - 1, 0)
        return types.Position(line=last, character=units(lines[last], encoding) if lines else 0)
    text = lines[line0]
    char = max(0, min(char, len(text)))
    return types.Position(line=line0, character=units(text[:char], encoding))


def from_client(lines: Sequence[str], pos: types.Position, encoding: str) -> tuple[int, int]:
    """Client Position -> (0-based line, code-point column)."""
    if pos.line >= len(lines) or pos.line < 0:
        return pos.line, pos.character
    text = lines[pos.line]
    if text.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return pos.line, min(pos.character, len(text))
    count = 0
    for i, ch in enumerate(text):
        if count >= pos.character:
            return pos.line, i
        count += units(ch, encoding)
    return pos.line, len(text)


def line_range(lines: Sequence[str], start_line: int, end_line: int, encoding: str) -> types.Range:
    """Whole lines `start_line`..`end_line` (1-based, inclusive)."""
    end0 = max(start_line, end_line) - 1
    end_char = len(lines[end0]) if 0 <= end0 < len(lines) else 0
    return types.Range(start=to_client(lines, start_line - 1, 0, encoding),
                       end=to_client(lines, end0, end_char, encoding))


def finding_range(lines: Sequence[str], f: Finding, encoding: str) -> types.Range:
    start_line0 = max(f.line, 1) - 1
    end_line0 = max(f.end_line or f.line, f.line) - 1
    start = to_client(lines, start_line0, max(f.column, 1) - 1, encoding)
    end_text = lines[end_line0] if 0 <= end_line0 < len(lines) else ""
    # end_column is the 1-based column of the last character: as an exclusive 0-based end it is
    # the same number. A finding on a blank line still gets a visible range.
    end_char = f.end_column if f.end_column and f.end_column > 0 else len(end_text)
    end = to_client(lines, end_line0, end_char, encoding)
    if (end.line, end.character) < (start.line, start.character):
        end = to_client(lines, start_line0, len(lines[start_line0]) if start_line0 < len(lines)
                        else 0, encoding)
    return types.Range(start=start, end=end)


# ---------------------------------------------------------------------------- diagnostics
def message_of(f: Finding) -> str:
    """The finding's message, always naming the provision."""
    if f.provision and f.provision not in f.message:
        return f"{f.provision}: {f.message}"
    return f.message


def to_diagnostic(f: Finding, uri: str, lines: Sequence[str], encoding: str,
                  version: int | None) -> types.Diagnostic:
    related = []
    for ev in f.evidence:
        where = f"{ev.provision}: " if ev.provision else ""
        quote = f" — “{ev.quote.strip()}”" if ev.quote and ev.quote.strip() else ""
        related.append(types.DiagnosticRelatedInformation(
            location=types.Location(uri=uri, range=line_range(lines, ev.line, ev.end_line or ev.line,
                                                             encoding)),
            message=f"{where}{ev.message}{quote}"))
    data: dict[str, Any] = {
        "code": f.code, "rule": f.rule, "category": f.category, "provision": f.provision,
        "version": version,
    }
    if f.suggestion:
        data["suggestion"] = f.suggestion
    if f.fix is not None and f.fix.text:
        at = to_client(lines, f.fix.line - 1, max(f.fix.column, 1) - 1, encoding)
        if f.fix.line - 1 >= len(lines):  # insertion after the last line
            at = types.Position(line=len(lines), character=0)
        data["fix"] = {
            "title": f.fix.title or "Insert model safeguard wording",
            "safety": f.fix.safety,
            "range": {"start": {"line": at.line, "character": at.character},
                      "end": {"line": at.line, "character": at.character}},
            "newText": f.fix.text,
        }
    return types.Diagnostic(
        range=finding_range(lines, f, encoding),
        severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
        code=f.code,
        code_description=types.CodeDescription(href=rule_docs_url(f.code)),
        source=SOURCE,
        message=message_of(f),
        related_information=related or None,
        data=data,
    )


def to_diagnostics(findings: Sequence[Finding], uri: str, lines: Sequence[str], encoding: str,
                   version: int | None) -> list[types.Diagnostic]:
    return [to_diagnostic(f, uri, lines, encoding, version) for f in findings]


def problem_diagnostic(problem: Any, lines: Sequence[str], encoding: str) -> types.Diagnostic:
    """An inline suppression comment that matched nothing or cannot be used (like ruff's RUF100)."""
    rng = line_range(lines, problem.line, problem.line, encoding)
    return types.Diagnostic(
        range=rng,
        severity=SEVERITY.get(problem.severity, types.DiagnosticSeverity.Warning),
        code=problem.code,
        code_description=types.CodeDescription(href=rule_docs_url(problem.code)),
        source=SOURCE,
        message=problem.message,
        tags=[types.DiagnosticTag.Unnecessary] if problem.kind == "unused" else None,
        data={"code": problem.code, "rule": problem.rule, "kind": problem.kind},
    )


def result_diagnostics(result: Any, uri: str, encoding: str,
                       version: int | None) -> tuple[list[types.Diagnostic], list[str]]:
    """All diagnostics of one `LintResult`: findings, then problems with inline suppressions
    in this document (problems with config entries belong to the config file). Also returns
    the document's lines."""
    lines = result.document.lines
    out = to_diagnostics(result.findings, uri, lines, encoding, version)
    for problem in getattr(result, "unused_suppressions", None) or ():
        if getattr(problem, "origin", None) == "inline" and getattr(problem, "line", None):
            out.append(problem_diagnostic(problem, lines, encoding))
    return out, lines


def contains(rng: types.Range, line: int, character: int) -> bool:
    start, end = rng.start, rng.end
    return (start.line, start.character) <= (line, character) <= (end.line, end.character)
