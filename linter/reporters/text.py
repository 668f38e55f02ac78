"""Human output in the style of rustc and ruff: location, code, message, the source line, notes."""

from __future__ import annotations

import os
import sys

_SEV_COLOR = {"error": "31", "warning": "33", "info": "36"}


def _use_color(options) -> bool:
    mode = getattr(options, "color", "auto") if options else "auto"
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def report(results, ruleset=None, options=None) -> str:
    color = _use_color(options)
    show_source = not getattr(options, "concise", False) if options else True

    def paint(code: str, s: str) -> str:
        return f"\x1b[{code}m{s}\x1b[0m" if color else s

    out: list[str] = []
    total = 0
    for result in results:
        lines = result.document.lines
        for f in result.findings:
            total += 1
            loc = f"{result.source.path}:{f.line}:{f.column}:"
            origin = result.source.origin(f.line)
            head = f"{paint('1', loc)} {paint(_SEV_COLOR.get(f.severity, '0'), f.code)} {f.message}"
            if origin:
                head += f" [{origin}]"
            out.append(head)
            if not show_source:
                continue
            width = len(str(f.end_line))
            gutter = " " * width
            out.append(f"{gutter} |")
            src = lines[f.line - 1] if 0 < f.line <= len(lines) else ""
            out.append(f"{str(f.line).rjust(width)} | {_clip(src)}")
            if f.end_line > f.line:
                out.append(f"{gutter} | … (to line {f.end_line})")
            out.append(f"{gutter} |")
            for e in f.evidence:
                out.append(f"{gutter} = evidence: {e.provision} (line {e.line}): {e.message}")
            rule = ruleset.get(f.code) if ruleset is not None else None
            if rule is not None:
                out.append(f"{gutter} = standard: {'; '.join(rule.standards[:3])}")
            if f.suggestion:
                out.append(f"{gutter} = suggestion: “{f.suggestion}”")
            out.append("")
        for p in getattr(result, "unused_suppressions", []):
            total += 1
            loc = f"{p.path}:{p.line}:" if p.line else f"{p.path}:"
            out.append(f"{paint('1', loc)} {paint(_SEV_COLOR.get(p.severity, '0'), p.code)} {p.message}")
            out.append("")
    baselined = getattr(options, "baselined", 0) if options else 0
    files = len(results)
    if total:
        out.append(f"Found {total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}.")
    else:
        out.append(f"No findings in {files} file{'s' if files != 1 else ''}.")
    if baselined:
        out.append(f"{baselined} finding{'s' if baselined != 1 else ''} already in the baseline not shown.")
    suppressed = sum(len(r.suppressed) for r in results)
    if suppressed:
        out.append(f"{suppressed} finding{'s' if suppressed != 1 else ''} suppressed with a recorded reason.")
    return "\n".join(out) + "\n"


def _clip(line: str, width: int = 160) -> str:
    return line if len(line) <= width else line[:width - 1] + "…"
