"""The per-file job and the executors that run it.

`lint_file` is the unit of work: a pure function from a path (and picklable options) to a
picklable result dict. The local process pool and the Dask executor both run exactly this
function, so a batch gives the same findings wherever it runs.

A result is one of:

    {"path": ..., "ok": True, "format": "text", "bytes": 1234, "lines": 80, "seconds": 0.01,
     "pid": 4242, "fail_level": "info", "findings": [<finding dict>, ...],
     "excerpt": [[line, text], ...]}
    {"path": ..., "ok": False, "error": "<path>: <what is wrong>", "kind": "input" | "internal",
     "bytes": 1234, "seconds": 0.0, "pid": 4242}

A finding dict holds the JSON contract keys of DESIGN.md, then exactly `origin` (where the line
came from in a docx/pdf/xml/html original, or None), `evidence` and `suggestion`. `excerpt` holds the text of
the lines around each finding (the report shows them), not the whole file.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, as_completed, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Sequence

from legislint.errors import InputError, LegislintError

#: Lines of context kept on each side of a finding for the report.
CONTEXT_LINES = 2
#: A finding spanning more lines than this shows its first and last lines only.
MAX_SPAN_LINES = 24

OnResult = Callable[[int, dict], None]


def default_options(config=None, *, excerpts: bool = True) -> dict:
    """Options for `lint_file`; they pickle to any worker (a `Config` is a pydantic model)."""
    return {"config": config, "excerpts": excerpts}


def _config(options: dict):
    from legislint.config import Config

    return options.get("config") or Config()


def _excerpt_lines(findings: Sequence[dict], line_count: int) -> list[int]:
    wanted: set[int] = set()
    for f in findings:
        first, last = f["line"], max(f["end_line"], f["line"])
        if last - first + 1 > MAX_SPAN_LINES:
            half = MAX_SPAN_LINES // 2
            spans = [(first, first + half - 1), (last - half + 1, last)]
        else:
            spans = [(first, last)]
        for lo, hi in spans:
            wanted.update(range(max(1, lo - CONTEXT_LINES), min(line_count, hi + CONTEXT_LINES) + 1))
    return sorted(wanted)


def error_result(path: str, message: str, kind: str, size: int | None = None,
                 seconds: float = 0.0) -> dict:
    return {"path": path, "ok": False, "error": message, "kind": kind,
            "bytes": size, "seconds": seconds, "pid": os.getpid()}


def lint_file(path: str, options: dict | None = None, display: str | None = None) -> dict:
    """Lint one file. Never raises for a bad file: the error is in the result.

    `path` is what is opened; `display` (default `path`) is what the result reports, so a worker
    can open an absolute path while the output keeps the path the user typed.
    """
    from legislint.api import lint_source
    from legislint.readers import read_path

    options = options or {}
    shown = display or path
    start = time.perf_counter()
    try:
        size = os.path.getsize(path)
    except OSError:
        size = None
    config = _config(options)
    try:
        source = read_path(path)
        result = lint_source(source, config)
    except LegislintError as exc:
        # InputError: the file. Anything else (a rule or config error) here means the worker's
        # legislint differs from the one that checked the configuration: not the file's fault.
        message = exc.describe().replace(str(path), shown, 1)
        kind = "input" if isinstance(exc, InputError) else "internal"
        return error_result(shown, message, kind, size, time.perf_counter() - start)
    except Exception as exc:  # a bug on one file must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        message = (f"{shown}: internal error {type(exc).__name__}: {exc} "
                   f"(at {Path(where.filename).name}:{where.lineno}; please report this)")
        return error_result(shown, message, "internal", size, time.perf_counter() - start)

    findings = []
    for finding in result.findings:
        data = finding.contract_dict()
        data["origin"] = source.origin(finding.line)
        data["evidence"] = finding.full_dict()["evidence"]
        data["suggestion"] = finding.suggestion
        findings.append(data)
    lines = source.text.split("\n")
    excerpt = []
    if options.get("excerpts", True):
        excerpt = [[n, lines[n - 1]] for n in _excerpt_lines(findings, len(lines))]
    return {"path": shown, "ok": True, "format": source.format, "bytes": size,
            "lines": len(lines), "seconds": time.perf_counter() - start, "pid": os.getpid(),
            "fail_level": config.fail_level,
            "findings": findings, "excerpt": excerpt}


# --------------------------------------------------------------------------- local executor
def _warm_up(options: Sequence[dict]) -> None:
    """Pool initializer: import the core and load the rules once per worker, not per file
    (a no-op after fork, where the parent's loaded rules are inherited)."""
    import legislint.api  # noqa: F401 (importing is the point)
    import legislint.readers  # noqa: F401
    from legislint.rules import load_ruleset

    for opts in options:
        load_ruleset(_config(opts))


def _distinct(options: Sequence[dict]) -> list[dict]:
    return list({id(o): o for o in options}.values())


def _by_size_desc(paths: Sequence[str]) -> list[int]:
    """Submission order: largest files first, so the last file to finish is a small one."""
    def size(i: int) -> int:
        try:
            return os.path.getsize(paths[i])
        except OSError:
            return 0
    return sorted(range(len(paths)), key=size, reverse=True)


def run_local(paths: Sequence[str], options: Sequence[dict], jobs: int,
              on_result: OnResult) -> None:
    """Run `lint_file` over `paths` (with `options[i]` for `paths[i]`) in this process
    (jobs == 1) or a process pool."""
    if jobs <= 1 or len(paths) <= 1:
        for i, path in enumerate(paths):
            on_result(i, lint_file(path, options[i]))
        return
    # fork on Linux: workers start at once with the core already imported, and nothing is
    # re-imported from __main__ (a script, a notebook or stdin all work). The parent runs no
    # threads of ours (the progress bar refreshes from this loop), so forking is safe.
    ctx = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), mp_context=ctx,
                               initializer=_warm_up, initargs=(_distinct(options),))
    broken: list[int] = []
    try:
        futures = {pool.submit(lint_file, paths[i], options[i]): i for i in _by_size_desc(paths)}
        for future in as_completed(futures):
            i = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:  # a worker died: this file may be innocent, retry it alone
                broken.append(i)
                continue
            except Exception as exc:
                result = error_result(paths[i], f"{paths[i]}: worker failed: "
                                      f"{type(exc).__name__}: {exc}", "internal")
            on_result(i, result)
    except BaseException:  # Ctrl-C: do not wait for the files still queued
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    if broken:
        _isolated(paths, options, sorted(broken), jobs, ctx, on_result)


def _isolated(paths: Sequence[str], options: Sequence[dict], indices: list[int], jobs: int,
              ctx, on_result: OnResult) -> None:
    """Each file in a fresh process, `jobs` at a time: a file that kills its process (a crash in
    a parser library, out of memory) fails alone and the others are linted."""
    queue = list(indices)
    running: dict = {}
    try:
        while queue or running:
            while queue and len(running) < jobs:
                i = queue.pop(0)
                executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
                running[executor.submit(lint_file, paths[i], options[i])] = (i, executor)
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                i, executor = running.pop(future)
                executor.shutdown(wait=True)
                try:
                    result = future.result()
                except Exception as exc:
                    why = ("the process linting this file died (a crash or out of memory)"
                           if isinstance(exc, BrokenProcessPool)
                           else f"worker failed: {type(exc).__name__}: {exc}")
                    result = error_result(paths[i], f"{paths[i]}: {why}", "internal")
                on_result(i, result)
    finally:
        for _, executor in running.values():
            executor.shutdown(wait=False, cancel_futures=True)


# --------------------------------------------------------------------------- dask executor
class ExecutorError(Exception):
    """The executor cannot run at all (missing extra, unreachable scheduler): a usage error."""


def run_dask(paths: Sequence[str], options: Sequence[dict], scheduler: str, on_result: OnResult,
             timeout: float | None = None) -> None:
    """Run `lint_file` on a Dask distributed cluster. Workers must see the input paths (a shared
    filesystem); they are sent as absolute paths and reported as the user typed them."""
    try:
        from distributed import Client, as_completed as dask_completed
    except ImportError:
        raise ExecutorError("--executor dask needs dask.distributed: "
                            "pip install 'legislint[dask]'") from None
    try:
        # timeout None: dask's distributed.comm.timeouts.connect (30 s unless configured)
        client = Client(scheduler, set_as_default=False,
                        **({"timeout": timeout} if timeout is not None else {}))
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        order = _by_size_desc(paths)
        futures = client.map(lint_file, [os.path.abspath(paths[i]) for i in order],
                             [options[i] for i in order], [paths[i] for i in order], pure=False)
        index = {future.key: i for future, i in zip(futures, order, strict=True)}
        for future in dask_completed(futures, loop=client.loop):
            i = index[future.key]
            try:
                result = future.result()
            except Exception as exc:
                result = error_result(paths[i], f"{paths[i]}: dask worker failed: "
                                      f"{type(exc).__name__}: {exc}", "internal")
            on_result(i, result)
            future.release()


def run_batch(paths: Sequence[str], options: dict | Sequence[dict], *, executor: str = "local",
              jobs: int = 1, scheduler: str | None = None,
              progress: Callable[[dict], None] | None = None) -> list[dict]:
    """Lint every path; return the results in the order of `paths` whatever order they finish in.
    `options` is one dict for all files or one per file (files of different projects have
    different configurations)."""
    results: list[dict | None] = [None] * len(paths)
    if isinstance(options, dict):
        options = [options] * len(paths)
    if len(options) != len(paths):
        raise ValueError("one options dict per path")

    def on_result(i: int, result: dict) -> None:
        results[i] = result
        if progress is not None:
            progress(result)

    if executor == "dask":
        if not scheduler:
            raise ExecutorError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        run_dask(paths, options, scheduler, on_result)
    elif executor == "local":
        run_local(paths, options, jobs, on_result)
    else:
        raise ExecutorError(f"unknown executor {executor!r}; use local or dask")
    return [r for r in results if r is not None]
