"""Findings -> LSP diagnostics, and positions between the core and the client.

The core counts lines and columns from 1 in code points; LSP counts from 0 in the negotiated
position encoding (UTF-16 unless the client offers UTF-8 / UTF-32). Each diagnostic carries in
`data` everything a code action needs — the fix as a ready edit, the suppression key — so code
actions never re-lint.

Diagnostics are built as plain JSON-ready dicts (not lsprotocol objects): on a long treaty the
generic serializer cost more than a one-character re-lint should. `DiagnosticCache` reuses the
dict of a finding that did not change since the last lint of the document.
"""

from __future__ import annotations

import json
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


def _pos(lines: Sequence[str], line0: int, char: int, encoding: str) -> dict:
    """0-based line and code-point column -> LSP position dict (clamped to the text)."""
    if line0 < 0:
        return {"line": 0, "character": 0}
    if line0 >= len(lines):
        last = max(len(lines) - 1, 0)
        return {"line": last, "character": units(lines[last], encoding) if lines else 0}
    text = lines[line0]
    char = max(0, min(char, len(text)))
    return {"line": line0, "character": units(text[:char], encoding)}


def to_client(lines: Sequence[str], line0: int, char: int, encoding: str) -> types.Position:
    return types.Position(**_pos(lines, line0, char, encoding))


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


def _line_range(lines: Sequence[str], start_line: int, end_line: int, encoding: str) -> dict:
    end0 = max(start_line, end_line) - 1
    end_char = len(lines[end0]) if 0 <= end0 < len(lines) else 0
    return {"start": _pos(lines, start_line - 1, 0, encoding),
            "end": _pos(lines, end0, end_char, encoding)}


def line_range(lines: Sequence[str], start_line: int, end_line: int, encoding: str) -> types.Range:
    """Whole lines `start_line`..`end_line` (1-based, inclusive)."""
    r = _line_range(lines, start_line, end_line, encoding)
    return types.Range(start=types.Position(**r["start"]), end=types.Position(**r["end"]))


def _finding_range(lines: Sequence[str], f: Finding, encoding: str) -> dict:
    start_line0 = max(f.line, 1) - 1
    end_line0 = max(f.end_line or f.line, f.line) - 1
    start = _pos(lines, start_line0, max(f.column, 1) - 1, encoding)
    end_text = lines[end_line0] if 0 <= end_line0 < len(lines) else ""
    # end_column is the 1-based column of the last character: as an exclusive 0-based end it is
    # the same number. A finding on a blank line still gets a visible range.
    end_char = f.end_column if f.end_column and f.end_column > 0 else len(end_text)
    end = _pos(lines, end_line0, end_char, encoding)
    if (end["line"], end["character"]) < (start["line"], start["character"]):
        end = _pos(lines, start_line0, len(lines[start_line0]) if start_line0 < len(lines) else 0,
                   encoding)
    return {"start": start, "end": end}


# ---------------------------------------------------------------------------- diagnostics
def message_of(f: Finding) -> str:
    """The finding's message, always naming the provision."""
    if f.provision and f.provision not in f.message:
        return f"{f.provision}: {f.message}"
    return f.message


def finding_json(f: Finding, uri: str, lines: Sequence[str], encoding: str) -> dict:
    """One finding as an LSP Diagnostic (JSON); `data.version` is set per publish."""
    related = []
    for ev in f.evidence:
        where = f"{ev.provision}: " if ev.provision else ""
        quote = f" — “{ev.quote.strip()}”" if ev.quote and ev.quote.strip() else ""
        related.append({
            "location": {"uri": uri,
                         "range": _line_range(lines, ev.line, ev.end_line or ev.line, encoding)},
            "message": f"{where}{ev.message}{quote}"})
    data: dict[str, Any] = {"code": f.code, "rule": f.rule, "category": f.category,
                            "provision": f.provision}
    if f.fix is not None and f.fix.text:
        at = _pos(lines, f.fix.line - 1, max(f.fix.column, 1) - 1, encoding)
        if f.fix.line - 1 >= len(lines):  # insertion after the last line
            at = {"line": len(lines), "character": 0}
        data["fix"] = {"title": f.fix.title or "Insert model safeguard wording",
                       "safety": f.fix.safety, "range": {"start": at, "end": dict(at)},
                       "newText": f.fix.text}
    out = {
        "range": _finding_range(lines, f, encoding),
        "severity": int(SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning)),
        "code": f.code,
        "codeDescription": {"href": rule_docs_url(f.code)},
        "source": SOURCE,
        "message": message_of(f),
        "data": data,
    }
    if related:
        out["relatedInformation"] = related
    return out


def problem_json(problem: Any, lines: Sequence[str], encoding: str) -> dict:
    """An inline suppression comment that matched nothing or cannot be used (like ruff's RUF100)."""
    out = {
        "range": _line_range(lines, problem.line, problem.line, encoding),
        "severity": int(SEVERITY.get(problem.severity, types.DiagnosticSeverity.Warning)),
        "code": problem.code,
        "codeDescription": {"href": rule_docs_url(problem.code)},
        "source": SOURCE,
        "message": problem.message,
        "data": {"code": problem.code, "rule": problem.rule, "kind": problem.kind},
    }
    if problem.kind == "unused":
        out["tags"] = [int(types.DiagnosticTag.Unnecessary)]
    return out


def _line(lines: Sequence[str], n: int) -> str:
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _finding_key(f: Finding, lines: Sequence[str]) -> tuple:
    """Everything `finding_json` reads, including the text of the lines it measures."""
    fix = (f.fix.line, f.fix.column, f.fix.text, f.fix.safety, f.fix.title,
           _line(lines, f.fix.line)) if f.fix else None
    evidence = tuple((e.message, e.provision, e.line, e.end_line, e.quote, _line(lines, e.end_line))
                     for e in f.evidence)
    return (f.code, f.rule, f.category, f.severity, f.provision, f.line, f.column, f.end_line,
            f.end_column, f.message, _line(lines, f.line), _line(lines, f.end_line), fix,
            evidence, len(lines))



class DiagnosticCache:
    """Per document: finding key -> diagnostic JSON from the previous lint, as a dict and as
    serialized text (a publish of a long treaty's diagnostics is mostly the same text)."""

    def __init__(self) -> None:
        self._by_uri: dict[str, dict[tuple, dict]] = {}
        self._text_by_uri: dict[str, dict[tuple, str]] = {}
        #: (text ends before the version?, text) of each diagnostic of the last convert.
        self._last: dict[str, list[tuple[bool, str]]] = {}

    def forget(self, uri: str) -> None:
        self._by_uri.pop(uri, None)
        self._text_by_uri.pop(uri, None)
        self._last.pop(uri, None)

    def clear(self) -> None:
        self._by_uri.clear()
        self._text_by_uri.clear()
        self._last.clear()

    def serialized(self, uri: str, version: int | None) -> str:
        """The JSON array of the diagnostics of the last `convert` of `uri`: each finding's text
        is kept between lints up to its `data.version`, which is written here."""
        tail = json.dumps(version) + "}}"
        return "[" + ", ".join(t + tail if kept else t for kept, t in self._last.get(uri, ())) + "]"

    def convert(self, result: Any, uri: str, encoding: str,
                version: int | None) -> list[dict]:
        """All diagnostics of one `LintResult`: findings, then problems with inline suppressions
        in this document (problems with config entries belong to the config file)."""
        lines = result.document.lines
        previous = self._by_uri.get(uri, {})
        previous_text = self._text_by_uri.get(uri, {})
        current: dict[tuple, dict] = {}
        current_text: dict[tuple, str] = {}
        out = []
        texts = []
        for f in result.findings:
            k = _finding_key(f, lines)
            d = current.get(k) or previous.get(k) or finding_json(f, uri, lines, encoding)
            current[k] = d
            text = current_text.get(k) or previous_text.get(k) or _up_to_version(d)
            current_text[k] = text
            out.append({**d, "data": {**d["data"], "version": version}})
            texts.append((True, text))
        for problem in getattr(result, "unused_suppressions", None) or ():
            if getattr(problem, "origin", None) == "inline" and getattr(problem, "line", None):
                out.append(problem_json(problem, lines, encoding))
                texts.append((False, json.dumps(out[-1])))
        self._by_uri[uri] = current
        self._text_by_uri[uri] = current_text
        self._last[uri] = texts
        return out


def _up_to_version(diagnostic: dict) -> str:
    """A diagnostic's JSON without its closing `"version": N}}`: "data" is written last."""
    rest = {k: v for k, v in diagnostic.items() if k != "data"}
    data = {k: v for k, v in diagnostic["data"].items() if k != "version"}
    head = json.dumps(rest)[:-1] + (", " if rest else "") + '"data": '
    return head + (json.dumps(data)[:-1] + ", " if data else "{") + '"version": '


def result_diagnostics(result: Any, uri: str, encoding: str,
                       version: int | None) -> tuple[list[dict], list[str]]:
    """Diagnostics of one `LintResult` without a cache (tests, one-off conversions)."""
    return DiagnosticCache().convert(result, uri, encoding, version), result.document.lines


def contains(rng: dict, line: int, character: int) -> bool:
    start, end = rng["start"], rng["end"]
    return (start["line"], start["character"]) <= (line, character) \
        <= (end["line"], end["character"])
