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


def _messages(results, options):
    """Report language: --message-lang, else the files' common language, else English."""
    from legislint.i18n import catalog

    wanted = getattr(options, "message_lang", None) if options else None
    if not wanted:
        langs = {r.document.meta.get("language") for r in results}
        wanted = langs.pop() if len(langs) == 1 else None
    dirs = next((tuple(r.document.meta.get("language_dirs") or ()) for r in results), ())
    return catalog(wanted, dirs)


def report(results, ruleset=None, options=None) -> str:
    color = _use_color(options)
    says = _messages(results, options).text
    count = _messages(results, options).count
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
                out.append(f"{gutter} | {says('to_line', line=f.end_line)}")
            out.append(f"{gutter} |")
            for e in f.evidence:
                out.append(f"{gutter} = {says('evidence')}: {e.provision} ({says('line')} {e.line}): {e.message}")
            rule = ruleset.get(f.code) if ruleset is not None else None
            if rule is not None:
                out.append(f"{gutter} = {says('standard')}: {'; '.join(rule.standards[:3])}")
            if f.suggestion:
                out.append(f"{gutter} = {says('suggestion')}: {says('quote', text=f.suggestion)}")
            out.append("")
        gaps = result.document.meta.get("rules_not_applied") or []
        by_language: dict[str, list[str]] = {}
        for gap in gaps:
            by_language.setdefault(gap["language"], []).append(gap["rule"])
        for language, codes in by_language.items():
            # Rules whose safeguard has no phrases in this language yet (their entries fell back to
            # English) are not applied rather than flagging every provision.
            out.append(says("not_applied", path=result.source.path, rules=", ".join(codes), language=language))
            out.append("")
        for p in getattr(result, "unused_suppressions", []):
            total += 1
            loc = f"{p.path}:{p.line}:" if p.line else f"{p.path}:"
            out.append(f"{paint('1', loc)} {paint(_SEV_COLOR.get(p.severity, '0'), p.code)} {p.message}")
            out.append("")
    baselined = getattr(options, "baselined", 0) if options else 0
    files = len(results)
    if total:
        out.append(says("found", findings=count("findings", total), files=count("files", files)))
    else:
        out.append(says("no_findings", files=count("files", files)))
    if baselined:
        out.append(count("baselined", baselined))
    suppressed = sum(len(r.suppressed) for r in results)
    if suppressed:
        out.append(count("suppressed", suppressed))
    return "\n".join(out) + "\n"


def _clip(line: str, width: int = 160) -> str:
    return line if len(line) <= width else line[:width - 1] + "…"
