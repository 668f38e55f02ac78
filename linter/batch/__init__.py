"""`legislint batch`: lint many files in parallel, write JSONL findings and an HTML report.

    legislint batch PATH... [--jsonl FILE|-] [--report FILE] [--jobs N]
                            [--executor local|dask --scheduler ADDRESS] [--fail-level LEVEL]
                            [--select/--extend-select/--ignore KEYS] [--config FILE]
                            [--rules-dir DIR] [--title TEXT] [--quiet]

Files and configuration are chosen as `legislint check` chooses them (directories searched for
files a reader handles; each file governed by the project file above it, then --config, then
flags; `exclude`/`include` honoured). Files run in parallel (a process pool, or a Dask cluster);
a file that cannot be read is listed with its error and never stops the batch. A progress bar is
drawn on a terminal (stderr) unless CI is set or --quiet; a summary table ends the run (stdout, or
stderr when the JSONL goes to stdout). Outputs are written atomically (temp file + rename).

JSONL: one finding per line (the JSON finding keys of DESIGN.md, plus `path`, plus `origin` when
the reader maps the line to a page / paragraph / eId of the original), and one line per file
that failed: {"path", "error", "kind"} where kind is "input" (the file is not legislation we can
read) or "internal" (a bug: please report it). Lines follow the order of the input files; PATHs
that do not exist come last.

Exit codes:
    0  every file was linted and none has a finding at or above its fail level
    1  findings at or above the fail level, or some (not all) files could not be read
    2  usage error: no input files, an output that cannot be written, a bad option, config or
       rule key, an unreachable Dask scheduler, or not a single file could be read

Unlike `check` (exit 2 on any unreadable file), one corrupt bill among hundreds gives 1, not 2:
the findings of the others are the result; the broken file is listed in the JSONL and summary.
Not (yet) in batch: baselines and the report of unused suppressions.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass

from legislint.atomic import write_atomic
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from legislint.batch.report import Catalogue

#: Keys a runner finding carries beyond the JSON contract; JSONL keeps only `origin` of them.
_NOT_IN_JSONL = ("evidence", "suggestion")


class UsageError(Exception):
    """Bad invocation: exit 2 before linting anything."""


# --------------------------------------------------------------------------- command line
def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return n or (os.cpu_count() or 1)


def configure_parser(parser: argparse.ArgumentParser) -> None:
    from legislint.cli import _add_selection
    from legislint.findings import SEVERITIES

    parser.description = "Lint many files in parallel; write JSONL findings and an HTML report."
    parser.epilog = ("Exit codes: 0 no findings; 1 findings, or some files could not be read; "
                     "2 usage error or no file could be read.")
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="files, or directories to search for files legislint reads")
    parser.add_argument("--jsonl", metavar="FILE",
                        help="write one finding per line (and one line per failed file); - = stdout")
    parser.add_argument("--report", metavar="FILE", help="write a self-contained HTML report")
    parser.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N",
                        help="parallel processes for --executor local (0 = one per CPU; default 1)")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="where files are linted (default: local process pool)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address for --executor dask, e.g. tcp://10.0.0.5:8786; "
                             "workers must see the input paths")
    parser.add_argument("--fail-level", choices=SEVERITIES,
                        help="lowest severity that makes the exit code 1")
    _add_selection(parser)  # --select, --extend-select, --ignore, --config, --rules-dir
    parser.add_argument("--title", default="legislint report", help="title of the HTML report")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="no progress bar and no summary table")


@dataclass
class Plan:
    """What a batch will do: each file with the configuration that governs it."""

    paths: list[str]
    configs: list  # one legislint.config.Config per path
    #: Error results for PATHs that do not exist (listed like files that failed).
    missing: list[dict]
    #: The rules the run applies (union over the files' configurations).
    catalogue: "Catalogue"


def plan(args: argparse.Namespace, outputs: Iterable[str] = ()) -> Plan:
    """Files and configurations exactly as `legislint check` chooses them: directories searched
    for files a reader handles; each file governed by the project file above it, then --config,
    then flags; `exclude` / `include` of that configuration applied. Duplicates and the batch's
    own outputs are dropped. A bad configuration or rule key raises (exit 2)."""
    from legislint import config as config_module
    from legislint.batch.report import catalogue_from_ruleset
    from legislint.batch.runner import error_result
    from legislint.cli import _check_keys, apply_flags, discover
    from legislint.rules import load_ruleset

    files, errors = discover(list(args.paths))
    named = {os.path.realpath(raw) for raw in args.paths if os.path.isfile(raw)}
    skip = {os.path.realpath(p) for p in outputs}
    by_sources: dict[tuple, tuple] = {}
    seen: set[str] = set()
    paths, configs = [], []
    for path in files:
        real = os.path.realpath(path)
        if real in seen or real in skip:
            continue
        seen.add(real)
        base = config_module.config_for(path, getattr(args, "config", None))
        key = tuple(base.sources)
        if key not in by_sources:
            config = apply_flags(base, args)
            ruleset = load_ruleset(config)
            _check_keys(ruleset, config)
            by_sources[key] = (config, ruleset)
        config = by_sources[key][0]
        if config_module.is_excluded(path, config) or (
                real not in named and not config_module.is_included(path, config)):
            continue
        paths.append(str(path))
        configs.append(config)
    chosen = {}
    for config, ruleset in by_sources.values():
        for rule in ruleset.select(list(config.select), list(config.ignore)):
            chosen.setdefault(rule.code, rule)
    if not by_sources:  # nothing to lint: the run's own configuration still names the rules
        from legislint.cli import build_config

        config = build_config(args)
        chosen = {r.code: r for r in load_ruleset(config).select(config.select, config.ignore)}
    missing = [error_result(e.path or "", e.describe(), "input") for e in errors]
    return Plan(paths, configs, missing, catalogue_from_ruleset(chosen.values()))


def _check_output(path: str | None, option: str) -> None:
    if path is None or path == "-":
        return
    target = os.path.abspath(path)
    parent = os.path.dirname(target)
    if os.path.isdir(target):
        raise UsageError(f"{option} {path}: is a directory")
    if not os.path.isdir(parent):
        raise UsageError(f"{option} {path}: directory {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise UsageError(f"{option} {path}: directory {parent} is not writable")


# --------------------------------------------------------------------------- outputs
def jsonl_records(results: Iterable[dict]) -> Iterable[dict]:
    for result in results:
        if result.get("ok"):
            for finding in result["findings"]:
                record = {"path": result["path"]}
                record.update((k, v) for k, v in finding.items() if k not in _NOT_IN_JSONL)
                if record.get("origin") is None:
                    record.pop("origin", None)
                yield record
        else:
            yield {"path": result["path"], "error": result["error"], "kind": result["kind"]}


def render_jsonl(results: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in jsonl_records(results))


def exit_code(results: Sequence[dict]) -> int:
    """0 clean, 1 findings at or above each file's fail level or some files failed, 2 none read."""
    from legislint.findings import severity_rank

    if not results or not any(r.get("ok") for r in results):
        return 2
    for r in results:
        threshold = severity_rank(r.get("fail_level") or "info")
        if any(severity_rank(f["severity"]) >= threshold for f in r.get("findings", ())):
            return 1
    return 1 if any(not r.get("ok") for r in results) else 0


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def print_summary(results: Sequence[dict], categories: Sequence[str], seconds: float, stream,
                  written: Sequence[str] = ()) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=stream, highlight=False)
    ok = [r for r in results if r.get("ok")]
    failed = [r for r in results if not r.get("ok")]
    findings = [f for r in ok for f in r["findings"]]
    cats = list(categories) + list(dict.fromkeys(
        f["category"] for f in findings if f["category"] not in categories))
    table = Table(title="legislint batch", title_justify="left")
    table.add_column("category")
    table.add_column("findings", justify="right")
    table.add_column("bills", justify="right")
    for cat in cats:
        hits = [f for f in findings if f["category"] == cat]
        bills = sum(1 for r in ok if any(f["category"] == cat for f in r["findings"]))
        table.add_row(cat, str(len(hits)), str(bills), style=None if hits else "dim")
    table.add_section()
    table.add_row("total", str(len(findings)),
                  str(sum(1 for r in ok if r["findings"])), style="bold")
    console.print(table)
    size = sum(r.get("bytes") or 0 for r in results)
    rate = f"{len(results) / seconds:.1f} files/s, {size / seconds / 1e6:.2f} MB/s" if seconds else ""
    console.print(f"{_n(len(results), 'file')}: {len(ok)} linted, {len(failed)} could not be "
                  f"read; {_n(len(findings), 'finding')} in {seconds:.2f} s ({rate})",
                  soft_wrap=True)
    if failed:
        console.print(f"[bold red]{_n(len(failed), 'file')} could not be linted:[/]")
        for r in failed:
            console.print(f"  {r['error']}", markup=False, soft_wrap=True)
    for line in written:
        console.print(line, markup=False, soft_wrap=True)


# --------------------------------------------------------------------------- run
def run(args: argparse.Namespace) -> int:
    from legislint import __version__
    from legislint.batch.progress import BatchProgress, progress_wanted
    from legislint.batch.report import render_report
    from legislint.batch.runner import ExecutorError, default_options, run_batch
    from legislint.errors import LegislintError

    summary_stream = sys.stderr if args.jsonl == "-" else sys.stdout
    try:
        if args.executor == "dask" and not args.scheduler:
            raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        if args.scheduler and args.executor != "dask":
            raise UsageError("--scheduler needs --executor dask")
        _check_output(args.jsonl, "--jsonl")
        _check_output(args.report, "--report")
        outputs = [p for p in (args.jsonl, args.report) if p and p != "-"]
        todo = plan(args, outputs)
        if not todo.paths and not todo.missing:
            raise UsageError("no input files (directories are searched for "
                             "files with a suffix legislint reads)")
    except UsageError as exc:
        print(f"legislint batch: {exc}", file=sys.stderr)
        return 2
    except LegislintError as exc:
        print(f"legislint batch: {exc.describe()}", file=sys.stderr)
        return 2

    shared = {id(c): default_options(c, excerpts=bool(args.report)) for c in todo.configs}
    options = [shared[id(c)] for c in todo.configs]
    start = time.perf_counter()
    try:
        with BatchProgress(len(todo.paths), progress_wanted(quiet=args.quiet)) as bar:
            results = run_batch(todo.paths, options, executor=args.executor, jobs=args.jobs,
                                scheduler=args.scheduler, progress=bar.advance) + todo.missing
    except ExecutorError as exc:
        print(f"legislint batch: {exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - start

    written = []
    if args.jsonl == "-":
        sys.stdout.write(render_jsonl(results))
        sys.stdout.flush()
    elif args.jsonl:
        write_atomic(args.jsonl, render_jsonl(results))
        written.append(f"findings: {args.jsonl}")
    if args.report:
        write_atomic(args.report, render_report(results, todo.catalogue, title=args.title,
                                                version=__version__))
        written.append(f"report: {args.report}")

    if not args.quiet:
        print_summary(results, todo.catalogue.categories, seconds, summary_stream, written)
    else:
        for r in results:
            if not r.get("ok"):
                print(r["error"], file=sys.stderr)
    return exit_code(results)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legislint batch")
    configure_parser(parser)
    return run(parser.parse_args(argv))
