"""Throughput of `legislint batch`: files/s and MB/s on the corpus replicated to >= 200 files.

    python benchmarks/batch_throughput.py [--corpus DIR] [--files 200] [--jobs 1 2] [--repeat 3]
                                          [--dask] [--report]

Each row times one whole batch (pool start-up, linting, results back in input order, JSONL
rendered) on a temporary folder holding copies of the corpus texts; the best and the median of
--repeat runs are shown, with the per-file lint time summed over all files ("lint s": the work,
wherever it ran), the CPU time of one batch ("cpu s": this process and its pool workers; not
measurable for Dask workers) and the 1-minute load average before the row (other processes on
the machine distort a parallel run; CPU time is what they distort least). Wall time is what a user waits for; CPU count is printed because --jobs 2
on a 2-core machine can at best halve it. Not a test: run it by hand and paste the table into the
issue note.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def replicate(corpus: Path, target: Path, count: int) -> list[str]:
    texts = sorted(corpus.glob("*.txt"))
    if not texts:
        sys.exit(f"no .txt files in {corpus}")
    paths = []
    for i in range(max(count, len(texts))):
        source = texts[i % len(texts)]
        dest = target / f"{i:04d}-{source.name}"
        shutil.copyfile(source, dest)
        paths.append(str(dest))
    return paths


def time_batch(paths: list[str], options: dict, repeat: int, report: bool,
               **executor) -> tuple[list[float], float, float]:
    """Wall times of `repeat` batches, the per-file lint time summed over the last one, and the
    least CPU time (user + system, this process and its reaped children) of one batch."""
    from legislint.batch import render_jsonl
    from legislint.batch.report import catalogue_from_ruleset, render_report
    from legislint.batch.runner import run_batch
    from legislint.config import Config
    from legislint.rules import load_ruleset

    catalogue = catalogue_from_ruleset(load_ruleset(Config()))
    times, cpu = [], []
    for _ in range(repeat):
        before = os.times()
        start = time.perf_counter()
        results = run_batch(paths, options, **executor)
        render_jsonl(results)
        if report:
            render_report(results, catalogue)
        times.append(time.perf_counter() - start)
        after = os.times()  # this process + pool workers it has reaped (not Dask workers)
        cpu.append(sum(after[:4]) - sum(before[:4]))
        failed = [r for r in results if not r["ok"]]
        if failed:
            sys.exit(f"benchmark files failed: {failed[0]['error']}")
    return times, sum(r["seconds"] for r in results), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dask", action="store_true",
                        help="also time a local Dask cluster of 2 worker processes (start-up excluded)")
    parser.add_argument("--report", action="store_true", help="also render the HTML report")
    args = parser.parse_args()

    from legislint.batch.runner import default_options
    from legislint.config import Config

    options = default_options(Config(), excerpts=args.report)
    with tempfile.TemporaryDirectory(prefix="legislint-bench-") as tmp:
        paths = replicate(args.corpus, Path(tmp), args.files)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"{len(paths)} files, {size / 1e6:.2f} MB (corpus {args.corpus}), "
              f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, best/median of {args.repeat}")
        rows = [(f"local --jobs {jobs}", {"executor": "local", "jobs": jobs}) for jobs in args.jobs]
        cluster = None
        if args.dask:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            rows.append(("dask, 2 workers", {"executor": "dask",
                                             "scheduler": cluster.scheduler_address}))
        print(f"{'executor':<18} {'best s':>8} {'median s':>9} {'files/s':>9} {'MB/s':>7} "
              f"{'lint s':>7} {'cpu s':>7} {'load':>5}")
        try:
            for label, executor in rows:
                load = os.getloadavg()[0]
                times, busy, cpu = time_batch(paths, options, args.repeat, args.report,
                                              **executor)
                best, median = min(times), statistics.median(times)
                cpu_text = f"{cpu:>7.2f}" if executor["executor"] == "local" else f"{'-':>7}"
                print(f"{label:<18} {best:>8.2f} {median:>9.2f} {len(paths) / best:>9.1f} "
                      f"{size / best / 1e6:>7.2f} {busy:>7.2f} {cpu_text} {load:>5.1f}")
        finally:
            if cluster is not None:
                cluster.close()


if __name__ == "__main__":
    main()
