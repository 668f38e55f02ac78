"""`--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.

    ::warning file=acts/bill.md,line=12,endLine=14,col=1,endColumn=60,title=LG201 power-without-…::Article 5(1): …
"""

from __future__ import annotations

from legislint.reporters._paths import display_path

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def _line(level: str, path: str, line: int, title: str, message: str, end_line: int | None = None,
          col: int | None = None, end_col: int | None = None) -> str:
    props = [f"file={_prop(display_path(path))}", f"line={max(1, line)}"]
    if end_line is not None:
        props.append(f"endLine={max(line, end_line)}")
    if col is not None:
        props.append(f"col={max(1, col)}")
    if end_col is not None and (end_line is None or end_line == line):
        props.append(f"endColumn={max(1, end_col)}")
    props.append(f"title={_prop(title)}")
    return f"::{_COMMAND.get(level, 'warning')} {','.join(props)}::{_data(message)}"


def report(results, ruleset=None, options=None) -> str:
    out = []
    for result in results:
        for f in result.findings:
            out.append(_line(f.severity, result.source.path, f.line, f"{f.code} {f.rule}", f.message,
                             f.end_line, f.column, f.end_column))
        for p in getattr(result, "unused_suppressions", []):
            out.append(_line(p.severity, p.path, p.line or 1, f"{p.code} {p.rule}", p.message))
    return "\n".join(out) + ("\n" if out else "")
