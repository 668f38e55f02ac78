"""Speed of the core (parse + rules) on each corpus text and on generated bills of 1-10 MB.

    python benchmarks/bench_core.py [--corpus DIR] [--sizes 1 2 5 10] [--repeat 3] [--no-memory]

Columns, per text:
  KB        size of the UTF-8 text
  lint      MB/s of `legislint.api.lint_text` end to end (normalise, parse, all default rules)
  parse     MB/s of `legislint.parser.parse` alone
  regex     MB/s of one plain regular-expression pass over the same text (a keyword grep: the
            floor any linter pays to read the text once)
  peak MB   peak memory allocated during one `lint_text`, measured by tracemalloc in a separate
            run (tracemalloc slows Python down, so it never shares a run with the timings)
  findings  number of findings (a sanity check that the rules ran)

The generated bills replicate the corpus's treaty articles ("Article N – Title" with their
numbered paragraphs) under renumbered chapters until the size is reached, so they have the
structure, sentence lengths and trigger density of real legislation. Linear time shows as a flat
MB/s column down the 1/2/5/10 MB rows. Target: >= 5 MB/s end to end. Timings are the best of
--repeat runs (the least disturbed by other processes). Not a test: run it by hand.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
_GREP = re.compile(r"\b(?:intercept|search|seiz|judge|court|warrant|offen[cs]e|intent|confidential"
                   r"|refus|shall|may)\w*", re.IGNORECASE)
_ARTICLE_HEAD = re.compile(r"^Article\s+\d+[A-Za-z]*\b\s*(?:[-–—.:]\s*)?(?P<title>.*)$")


# ---------------------------------------------------------------------------- generated bills
def treaty_articles(corpus: Path) -> list[tuple[str, list[str]]]:
    """(title, body lines) of every "Article N" of the corpus texts written in that style."""
    articles: list[tuple[str, list[str]]] = []
    for path in sorted(corpus.glob("*.txt")):
        title = None
        body: list[str] = []
        for line in path.read_text("utf-8").split("\n"):
            m = _ARTICLE_HEAD.match(line.strip())
            if m:
                if title is not None:
                    articles.append((title, body))
                title, body = m.group("title").strip() or "General provision", []
            elif title is not None:
                if re.match(r"^\s*(?:CHAPTER|Chapter|PART|Part|SECTION|Section|TITLE|Title)\s+[IVXLC0-9]+\b", line):
                    articles.append((title, body))
                    title, body = None, []
                else:
                    body.append(line.rstrip())
        if title is not None:
            articles.append((title, body))
    return [(t, b) for t, b in articles if any(x.strip() for x in b)]


def generate_bill(corpus: Path, megabytes: float) -> str:
    """A bill of about `megabytes` MB: corpus articles renumbered, 40 to a chapter."""
    articles = treaty_articles(corpus)
    if not articles:
        sys.exit(f"no treaty-style articles in {corpus}")
    target = int(megabytes * 1_000_000)
    parts = ["DRAFT BILL ON CYBERCRIME AND ELECTRONIC EVIDENCE", ""]
    size = sum(len(p) + 1 for p in parts)
    number = 0
    while size < target:
        title, body = articles[number % len(articles)]
        if number % 40 == 0:
            chapter = [f"CHAPTER {number // 40 + 1}", "", f"PROVISIONS OF PART {number // 40 + 1}", ""]
            parts.extend(chapter)
            size += sum(len(x) + 1 for x in chapter)
        number += 1
        block = [f"Article {number} – {title}", *body]
        parts.extend(block)
        size += sum(len(x.encode("utf-8")) + 1 for x in block)
    return "\n".join(parts) + "\n"


# ---------------------------------------------------------------------------- measuring
def best_time(fn, repeat: int) -> tuple[float, object]:
    best = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(fn) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1e6


def measure(name: str, text: str, repeat: int, memory: bool) -> dict:
    from legislint.api import lint_text
    from legislint.parser import parse

    nbytes = len(text.encode("utf-8"))
    mb = nbytes / 1e6
    t_lint, result = best_time(lambda: lint_text(text, name), repeat)
    t_parse, _ = best_time(lambda: parse(text, name), repeat)
    t_grep, _ = best_time(lambda: sum(1 for _ in _GREP.finditer(text)), repeat)
    peak = peak_memory(lambda: lint_text(text, name)) if memory else float("nan")
    return {"name": name, "kb": nbytes / 1e3, "lint": mb / t_lint, "parse": mb / t_parse,
            "regex": mb / t_grep, "peak": peak, "findings": len(result.findings),
            "seconds": t_lint, "bytes": nbytes}


def row(r: dict) -> str:
    return (f"{r['name'][:46]:46} {r['kb']:9.1f} {r['lint']:7.2f} {r['parse']:7.2f} "
            f"{r['regex']:7.1f} {r['peak']:8.1f} {r['findings']:8d}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=float, nargs="*", default=[1, 2, 5, 10],
                    help="sizes in MB of the generated bills")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    ap.add_argument("--no-corpus", action="store_true", help="only the generated bills")
    args = ap.parse_args(argv)

    from legislint.api import lint_text
    from legislint.config import Config
    from legislint.rules import load_ruleset

    load_ruleset(Config())
    lint_text("Article 1 – Warm-up\n\n1. Each Party shall intercept.\n")  # compile patterns once
    header = (f"{'text':46} {'KB':>9} {'lint':>7} {'parse':>7} {'regex':>7} {'peak MB':>8} "
              f"{'findings':>8}\n{'':46} {'':>9} {'MB/s':>7} {'MB/s':>7} {'MB/s':>7}")
    print(header)
    print("-" * 98)
    total_bytes = 0
    total_seconds = 0.0
    if not args.no_corpus:
        for path in sorted(args.corpus.glob("*.txt")):
            r = measure(path.name, path.read_text("utf-8"), args.repeat, not args.no_memory)
            total_bytes += r["bytes"]
            total_seconds += r["seconds"]
            print(row(r), flush=True)
        if total_seconds:
            print(f"{'corpus, all texts (lint MB/s over the total)':46} {total_bytes / 1e3:9.1f} "
                  f"{total_bytes / 1e6 / total_seconds:7.2f}")
        print("-" * 98)
    for size in args.sizes:
        text = generate_bill(args.corpus, size)
        repeat = args.repeat if size <= 2 else 1
        r = measure(f"generated bill {size:g} MB", text, repeat, not args.no_memory)
        print(row(r), f"  {r['seconds']:.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
