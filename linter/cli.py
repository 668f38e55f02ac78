"""Command line: `legislint check | rules | explain | eval | batch | lsp`.

Exit codes: 0 no findings at or above the fail level, 1 findings, 2 usage, configuration or
input error. Output is assembled first and written once, so a failure never leaves half a report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from legislint import __version__
from legislint.config import Config
from legislint.errors import ConfigError, LegislintError, RuleError
from legislint.findings import SEVERITIES, severity_rank


class UsageError(LegislintError):
    pass


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def discover(paths: list[str]) -> tuple[list[Path], list[LegislintError]]:
    """Files named, and files under directories named, that a reader understands."""
    from legislint.readers import supported_suffixes

    suffixes = set(supported_suffixes())
    files: list[Path] = []
    errors: list[LegislintError] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in suffixes
                           and not any(part.startswith(".") for part in f.relative_to(p).parts))
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            errors.append(UsageError("no such file or directory", path=raw))
    return files, errors


def build_config(args) -> Config:
    """Defaults, then the project file (if the config module supports it), then flags."""
    from legislint import config as config_module

    loader = getattr(config_module, "load_config", None)
    if loader is not None:
        config = loader(getattr(args, "config", None), getattr(args, "paths", None) or [])
    else:
        config = Config()
    return apply_flags(config, args)


def apply_flags(config: Config, args) -> Config:
    """Command-line flags over a configuration (the last layer)."""
    updates = {}
    if getattr(args, "select", None):
        updates["select"] = _split(args.select)
    if getattr(args, "extend_select", None):
        updates["select"] = list(config.select or []) + _split(args.extend_select)
    if getattr(args, "ignore", None):
        updates["ignore"] = list(config.ignore) + _split(args.ignore)
    if getattr(args, "fail_level", None):
        updates["fail_level"] = args.fail_level
    if getattr(args, "rules_dir", None):
        updates["rule_dirs"] = list(config.rule_dirs) + list(args.rules_dir)
    # Languages (legislint.language, legislint.i18n, legislint.jurisdiction).
    if getattr(args, "lang", None):
        updates["lang"] = args.lang
    if getattr(args, "message_lang", None):
        updates["message_lang"] = args.message_lang
    if getattr(args, "jurisdiction", None):
        updates["jurisdiction"] = args.jurisdiction
    if getattr(args, "language_dir", None):
        updates["language_dirs"] = list(config.language_dirs) + [str(Path(d).resolve()) for d in args.language_dir]
    return config.model_copy(update=updates) if updates else config


def _check_keys(ruleset, config: Config) -> None:
    unknown = ruleset.unknown_keys(list(config.select) + list(config.ignore) + list(config.severity))
    if unknown:
        where = f" (configuration: {', '.join(config.sources)})" if config.sources else ""
        raise UsageError(f"unknown rule, category or group: {', '.join(unknown)} "
                         f"(see `legislint rules`){where}")
    from legislint.suppressions import known_rule_key

    for entry in config.suppress:
        if not known_rule_key(entry.rule, ruleset):
            path, line = entry.origin or (None, None)
            raise ConfigError(f"unknown rule, category or group '{entry.rule}' (see `legislint rules`)",
                              path=path, line=line, field="suppress.rule")


def cmd_check(args) -> int:
    from legislint import config as config_module
    from legislint.api import lint_source
    from legislint.readers import read_path
    from legislint.reporters import get_reporter
    from legislint.rules import RuleSet, load_ruleset
    from legislint.suppressions import merge_run

    if getattr(args, "update_baseline", False) and not getattr(args, "baseline", None):
        raise UsageError("--update-baseline needs --baseline FILE (where to write it)")
    run_config = build_config(args)
    _check_keys(load_ruleset(run_config), run_config)
    files, errors = discover(args.paths)
    if not files and not errors:
        raise UsageError("no files to lint (supported: .txt, .md and the formats in `legislint --help`)")
    named = {Path(raw).resolve() for raw in args.paths if Path(raw).is_file()}
    configs: dict[tuple, Config] = {}
    rulesets: dict[int, object] = {}
    results, thresholds = [], []
    for path in files:
        try:
            # Each file is governed by the project file above it (files may span projects).
            base = config_module.config_for(path, getattr(args, "config", None))
            key = tuple(base.sources)
            if key not in configs:
                configs[key] = apply_flags(base, args)
                rulesets[id(configs[key])] = load_ruleset(configs[key])
                _check_keys(rulesets[id(configs[key])], configs[key])
            config = configs[key]
            if config_module.is_excluded(path, config) or (
                    path.resolve() not in named and not config_module.is_included(path, config)):
                continue
            results.append(lint_source(read_path(path), config))
            thresholds.append(severity_rank(config.fail_level))
        except LegislintError as exc:
            if isinstance(exc, (UsageError, ConfigError, RuleError)):
                raise  # configuration problems stop the run (exit 2)
            errors.append(exc)
    merge_run(results)
    if getattr(args, "update_baseline", False):
        from legislint.baseline import write
        count = write(results, args.baseline)
        print(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {args.baseline}.",
              file=sys.stderr)
        for err in errors:
            print(f"error: {err.describe()}", file=sys.stderr)
        return 2 if errors else 0
    if getattr(args, "baseline", None):
        from legislint.baseline import filter_results
        args.baselined = filter_results(results, args.baseline)
    chosen = {}
    for cfg in configs.values():
        for rule in rulesets[id(cfg)].select(cfg.select, cfg.ignore):
            chosen.setdefault(rule.code, rule)
    first = next(iter(rulesets.values()), None) or load_ruleset(run_config)
    ruleset = RuleSet(rules=sorted(chosen.values(), key=lambda r: r.code), lexicon=first.lexicon)
    if getattr(args, "statistics", False):
        from legislint.reporters.statistics import report as statistics
        output = statistics(results, ruleset, args)
    else:
        output = get_reporter(args.format)(results, ruleset, args)
    _write(output, getattr(args, "output", None))
    for err in errors:
        print(f"error: {err.describe()}", file=sys.stderr)
    if errors:
        return 2
    failing = any(severity_rank(f.severity) >= threshold
                  for r, threshold in zip(results, thresholds) for f in r.findings)
    failing = failing or any(p.severity != "off" and severity_rank(p.severity) >= threshold
                             for r, threshold in zip(results, thresholds) for p in r.unused_suppressions)
    return 1 if failing else 0


def _write(text: str, output: str | None) -> None:
    if not output:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from legislint.atomic import write_atomic
    try:
        write_atomic(output, text)
    except OSError as exc:  # a missing directory, no permission, a full disk: exit 2, no traceback
        raise UsageError(f"cannot write the report: {exc.strerror or exc}", path=output) from None


def cmd_rules(args) -> int:
    from legislint.i18n import catalog
    from legislint.rules import load_ruleset

    config = build_config(args)
    ruleset = load_ruleset(config, config.lang or "en")
    messages = catalog(config.message_lang or config.lang, tuple(config.language_dirs))
    chosen = [messages.rule(r) for r in ruleset.select(config.select, config.ignore)]
    if args.format == "json":
        import json
        print(json.dumps([{"code": r.code, "name": r.name, "category": r.category, "group": r.group,
                           "severity": r.severity, "summary": r.summary} for r in chosen], indent=2))
        return 0
    width = max((len(r.name) for r in chosen), default=10)
    for r in chosen:
        print(f"{r.code}  {r.name.ljust(width)}  {r.category:30} {r.group:9} {r.severity:8} {r.summary}")
    if config.lang and ruleset.lexicon.fallbacks:
        # A partial lexicon is not an error: the missing entries are read in English.
        print(f"\nlexicon '{config.lang}': {len(ruleset.lexicon.fallbacks)} entries read from English: "
              f"{', '.join(ruleset.lexicon.fallbacks)}", file=sys.stderr)
    return 0


def cmd_explain(args) -> int:
    from legislint.docs import render_rule
    from legislint.rules import load_ruleset

    from legislint.i18n import catalog

    config = build_config(args)
    ruleset = load_ruleset(config)
    rule = ruleset.get(args.code)
    if rule is None:
        raise UsageError(f"no rule '{args.code}' (see `legislint rules`)")
    sys.stdout.write(render_rule(rule, catalog(config.message_lang or config.lang,
                                               tuple(config.language_dirs))))
    return 0


def cmd_eval(args) -> int:
    from legislint.evaluate import evaluate, format_table

    gold: list[Path] = []
    for raw in args.gold:
        p = Path(raw)
        gold.extend(sorted(p.glob("*.gold.yaml")) if p.is_dir() else [p])
    if not gold:
        raise UsageError("no gold files (*.gold.yaml) found")
    scores = evaluate(gold, Path(args.corpus) if args.corpus else None, build_config(args))
    print(format_table(scores))
    if args.verbose:
        for cat, s in sorted(scores.items()):
            for m in s.misses:
                print(f"missed  {cat}: {m}")
            for m in s.false_alarms:
                print(f"false   {cat}: {m}")
    return 0


def cmd_lsp(args) -> int:
    from legislint.lsp.server import main as lsp_main

    lsp_main([])
    return 0


def _add_selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--select", action="append", metavar="KEYS",
                   help="only these rules: codes, names, categories or groups (core, extended), comma-separated")
    p.add_argument("--extend-select", action="append", metavar="KEYS", help="add rules to the selection")
    p.add_argument("--ignore", action="append", metavar="KEYS", help="skip these rules")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: .legislint.yaml found upwards)")
    p.add_argument("--rules-dir", action="append", metavar="DIR", help="extra directory of rule YAML files")
    p.add_argument("--lang", metavar="LANG",
                   help="language of the texts (en, fr, es, ...); default: detected per file")
    p.add_argument("--message-lang", metavar="LANG",
                   help="language of messages and rule docs; default: each file's language, else English")
    p.add_argument("--jurisdiction", choices=["auto", "civil-law", "common-law", "treaty"],
                   help="legal system the texts are read under (LG101); default: auto")
    p.add_argument("--language-dir", action="append", metavar="DIR",
                   help="extra folder of language data (conventions, stop words, lexicon, messages)")


def make_parser() -> argparse.ArgumentParser:
    from legislint.reporters import FORMATS

    parser = argparse.ArgumentParser(prog="legislint", description=(
        "A linter for legislation: flags provisions of cybercrime and surveillance laws that lack "
        "human-rights safeguards."))
    parser.add_argument("--version", action="version", version=f"legislint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (atomically)")
    check.add_argument("--fail-level", choices=SEVERITIES, help="lowest severity that makes the exit code 1")
    check.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    check.add_argument("--concise", action="store_true", help="one line per finding")
    check.add_argument("--statistics", action="store_true",
                       help="print how many findings each rule produced instead of the findings")
    check.add_argument("--baseline", metavar="FILE",
                       help="report only findings that are not in this baseline file")
    check.add_argument("--update-baseline", action="store_true",
                       help="write the current findings to the --baseline file and exit 0")
    _add_selection(check)
    check.set_defaults(func=cmd_check)

    rules = sub.add_parser("rules", help="list the rules")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    _add_selection(rules)
    rules.set_defaults(func=cmd_rules, paths=[])

    explain = sub.add_parser("explain", help="rationale, standards and examples of a rule")
    explain.add_argument("code")
    _add_selection(explain)
    explain.set_defaults(func=cmd_explain, paths=[])

    ev = sub.add_parser("eval", help="precision and recall against gold labels")
    ev.add_argument("gold", nargs="+", help="gold files or directories of *.gold.yaml")
    ev.add_argument("--corpus", help="directory holding the labelled texts (default: the gold folder's parent)")
    ev.add_argument("--verbose", "-v", action="store_true", help="list misses and false alarms")
    _add_selection(ev)
    ev.set_defaults(func=cmd_eval, paths=[])

    lsp = sub.add_parser("lsp", help="start the language server on stdio")
    lsp.set_defaults(func=cmd_lsp)

    try:
        from legislint import batch
    except ImportError:
        batch = None
    if batch is not None and hasattr(batch, "configure_parser"):
        bp = sub.add_parser("batch", help="lint many bills in parallel and write a comparative report")
        batch.configure_parser(bp)
        bp.set_defaults(func=batch.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["lsp"]:
        # Editors append flags of their own (--stdio, --clientProcessId=N, --log-file F); the
        # server's own parser takes them.
        from legislint.lsp.server import main as lsp_main
        lsp_main(argv[1:])
        return 0
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors already
        return int(exc.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except LegislintError as exc:
        print(f"error: {exc.describe()}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
