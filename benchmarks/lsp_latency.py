"""Re-lint latency of `legislint lsp` after a one-character edit in a ~300 KB treaty, and
convergence after a burst of rapid edits. A benchmark, not a timed test.

    python benchmarks/lsp_latency.py [--edits 30] [--burst 1000] [--corpus DIR]

1. Builds a ~300 KB text by concatenating corpus treaties.
2. Starts the server over stdio (`python -m legislint.lsp`, debounce 0), opens the text.
3. For each of `--edits` one-character edits: time from sending `didChange` to receiving the
   `publishDiagnostics` of that version (what a drafter waits for), once with the pygls client
   (which turns each diagnostic into an lsprotocol object) and once with a plain JSON client. Reports p50 / p95 / max,
   next to the core's own in-process lint time of the same text, and the core's incremental
   re-lint (legislint.incremental) after five times as many edits, by how each edit was read.
4. Sends `--burst` edits without waiting, then checks that the diagnostics finally published
   equal a fresh `legislint check --format json` of the final text (exit 1 if not).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("LEGISLINT_SHARED", REPO.parent / "shared")) / "corpus"
TREATIES = [
    "budapest-ets185.txt", "un-untoc-2000.txt", "coe-cets196-prevention-of-terrorism.txt",
    "coe-ets024-extradition.txt", "coe-ets030-mutual-assistance.txt",
    "coe-ets189-cybercrime-additional-protocol.txt", "pk-prevention-of-electronic-crimes-bill-2016.txt",
    "mu-computer-misuse-cybercrime-act-2003.txt",
]
TARGET_BYTES = 300_000


def build_text(corpus: Path) -> str:
    parts, size = [], 0
    for name in TREATIES:
        text = (corpus / name).read_text(encoding="utf-8")
        parts.append(text.rstrip("\n") + "\n\n")
        size += len(text.encode("utf-8"))
        if size >= TARGET_BYTES:
            break
    return "".join(parts)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Bench:
    def __init__(self) -> None:
        self.client = LanguageClient("legislint-bench", "1")
        self.published: dict[int | None, tuple[float, list[types.Diagnostic]]] = {}
        self.event = asyncio.Event()

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _publish(params: types.PublishDiagnosticsParams) -> None:
            self.published[params.version] = (time.perf_counter(), list(params.diagnostics))
            self.event.set()

    async def wait_version(self, version: int, timeout: float = 600) -> tuple[float, list]:
        async with asyncio.timeout(timeout):
            while version not in self.published:
                self.event.clear()
                if version in self.published:
                    break
                await self.event.wait()
        return self.published[version]

    async def start(self, root: Path) -> None:
        await self.client.start_io(sys.executable, "-m", "legislint.lsp")
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=from_fs_path(str(root)),
            initialization_options={"debounceMs": 0}))
        self.client.initialized(types.InitializedParams())

    def edit(self, uri: str, version: int, line: int, col: int, text: str) -> None:
        pos = types.Position(line=line, character=col)
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=pos, end=pos), text=text)]))

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def server_overhead(text: str, result, path: str) -> dict[str, float]:
    """Median ms of what the server adds to a lint, in process: applying a one-character edit
    to its copy of the buffer (legislint.lsp.buffers), converting findings to diagnostics, writing the publish's JSON
    (from the text kept of each diagnostic: `DiagnosticCache.serialized`)."""
    from legislint.lsp.buffers import Buffer
    from legislint.lsp.diagnostics import DiagnosticCache

    doc = Buffer(from_fs_path(path), text, version=1, sync_kind=types.TextDocumentSyncKind.Incremental)
    cache = DiagnosticCache()
    diags = cache.convert(result, doc.uri, "utf-16", 1)
    times: dict[str, list[float]] = {"apply edit": [], "findings -> diagnostics": [],
                                     "serialize publish": []}
    for i in range(15):
        pos = types.Position(line=len(text.split("\n")) // 2, character=3)
        t0 = time.perf_counter()
        doc.apply_change(types.TextDocumentContentChangePartial(
            range=types.Range(start=pos, end=pos), text="x"))
        t1 = time.perf_counter()
        diags = cache.convert(result, doc.uri, "utf-16", i + 2)
        t2 = time.perf_counter()
        cache.serialized(doc.uri, i + 2)
        t3 = time.perf_counter()
        for name, dt in zip(times, (t1 - t0, t2 - t1, t3 - t2)):
            times[name].append(dt * 1000)
    return {name: statistics.median(v) for name, v in times.items()}


MODES = {
    "article": "one provision read again",
    "article+rules": "one provision, and the rules that read it from elsewhere over the text",
    "title": "a heading's title or a division's number: no rule reads it",
    "rebuilt": "structure changed (inside articles, or a division heading gone or new): those articles or that region built and read again",
    "rebuilt+rules": "articles rebuilt, and the rules that read them from elsewhere over the text",
    "patched": "tree patched, every rule over the text",
    "full": "structure changed: parsed and linted afresh",
    "unchanged": "text unchanged",
}


def core_incremental(text: str, path: str, config, rng: random.Random, edits: int) -> dict[str, list[float]]:
    """ms of `IncrementalLinter.lint` after each of `edits` one-character edits, by how the
    edit was read (`IncrementalLinter.last_mode`): the core's share of the server's latency."""
    from legislint.incremental import IncrementalLinter

    linter = IncrementalLinter(path, config)
    linter.lint(text)
    lines = text.split("\n")
    out: dict[str, list[float]] = {}
    for _ in range(edits):
        ln = rng.choice([i for i, line in enumerate(lines) if line.strip()])
        col = rng.randrange(len(lines[ln]) + 1)
        lines[ln] = lines[ln][:col] + rng.choice("etaoin ") + lines[ln][col:]
        new = "\n".join(lines)
        t0 = time.perf_counter()
        linter.lint(new)
        out.setdefault(linter.last_mode, []).append((time.perf_counter() - t0) * 1000)
    return out


def wire_latencies(text: str, path: Path, edits: int, seed: int) -> list[float]:
    """ms from writing a `didChange` to the server's stdin to reading the whole
    `publishDiagnostics` of that version off its stdout and `json.loads` of it: the server's
    latency without a Python client's conversion of each diagnostic to lsprotocol objects
    (which the pygls client above pays, and an editor's native JSON reader does not)."""
    proc = subprocess.Popen([sys.executable, "-m", "legislint.lsp"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)

    def send(message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    def receive() -> dict:
        length = None
        while True:
            line = proc.stdout.readline()
            if line in (b"\r\n", b"\n"):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(proc.stdout.read(length))

    def published(version: int) -> None:
        while True:
            message = receive()
            if message.get("method") == types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS and \
                    message["params"].get("version") == version:
                return

    uri = from_fs_path(str(path))
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"capabilities": {}, "rootUri": from_fs_path(str(path.parent)),
                     "initializationOptions": {"debounceMs": 0}}})
    while receive().get("id") != 1:
        pass
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "plaintext", "version": 1, "text": text}}})
    published(1)
    rng = random.Random(seed)
    lines = text.split("\n")
    out = []
    for version in range(2, edits + 2):
        ln = rng.choice([i for i, line in enumerate(lines) if line.strip()])
        col = rng.randrange(len(lines[ln]) + 1)
        ch = rng.choice("etaoin ")
        lines[ln] = lines[ln][:col] + ch + lines[ln][col:]
        position = {"line": ln, "character": col}
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": position, "end": position}, "text": ch}]}})
        published(version)
        out.append((time.perf_counter() - start) * 1000)
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
    while receive().get("id") != 2:
        pass
    send({"jsonrpc": "2.0", "method": "exit"})
    proc.stdin.close()
    proc.wait(timeout=30)
    return out


def cli_findings(path: Path) -> list[tuple]:
    proc = subprocess.run([sys.executable, "-m", "legislint", "check", "--format", "json", str(path)],
                          capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"legislint check failed ({proc.returncode}): {proc.stderr}")
    data = json.loads(proc.stdout)
    return sorted((f["code"], f["line"] - 1, f["message"]) for fl in data["files"]
                  for f in fl["findings"])


async def run(args: argparse.Namespace) -> int:
    from legislint.api import lint_text
    from legislint.config import config_for

    text = build_text(Path(args.corpus))
    work = Path(tempfile.mkdtemp(prefix="legislint-bench-"))
    path = work / "treaties.txt"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    rng = random.Random(args.seed)

    config = config_for(path)
    core = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = lint_text(text, str(path), config)
        core.append(time.perf_counter() - t0)

    overhead = server_overhead(text, result, str(path))
    wire = wire_latencies(text, path, args.edits, args.seed + 2)
    incremental = core_incremental(text, str(path), config, random.Random(args.seed + 1), args.edits * 5)

    bench = Bench()
    await bench.start(work)
    uri = from_fs_path(str(path))
    t0 = time.perf_counter()
    bench.client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await bench.wait_version(1)
    first = time.perf_counter() - t0

    def random_edit(version: int) -> None:
        while True:
            ln = rng.randrange(len(lines))
            if lines[ln].strip():
                break
        col = rng.randrange(len(lines[ln]) + 1)
        ch = rng.choice("etaoin ")
        lines[ln] = lines[ln][:col] + ch + lines[ln][col:]
        bench.edit(uri, version, ln, col, ch)

    version = 1
    latencies = []
    for _ in range(args.edits):
        version += 1
        sent = time.perf_counter()
        random_edit(version)
        received, _ = await bench.wait_version(version)
        latencies.append(received - sent)

    burst_start = time.perf_counter()
    for _ in range(args.burst):
        version += 1
        random_edit(version)
    _, final = await bench.wait_version(version)
    burst_seconds = time.perf_counter() - burst_start
    await bench.stop()

    path.write_text("\n".join(lines), encoding="utf-8")
    want = cli_findings(path)
    got = sorted((str(d.code), d.range.start.line, d.message) for d in final
                 if str(d.code) != "LG000")
    converged = got == want

    ms = [x * 1000 for x in latencies]
    print(f"text: {len(text.encode('utf-8')) / 1000:.0f} KB, {len(text.splitlines())} lines, "
          f"{len(result.findings)} findings")
    print()
    print("| measure | p50 ms | p95 ms | max ms | n |")
    print("|---|---:|---:|---:|---:|")
    print(f"| core lint_text, in process | {statistics.median(core) * 1000:.0f} | "
          f"{percentile(core, 95) * 1000:.0f} | {max(core) * 1000:.0f} | {len(core)} |")
    print(f"| server: one-char edit -> publishDiagnostics | {percentile(ms, 50):.0f} | "
          f"{percentile(ms, 95):.0f} | {max(ms):.0f} | {len(ms)} |")
    print(f"| server, raw JSON client (no lsprotocol objects): edit -> publish | {percentile(wire, 50):.0f} | "
          f"{percentile(wire, 95):.0f} | {max(wire):.0f} | {len(wire)} |")
    print(f"| server: open -> first publish (cold) | {first * 1000:.0f} | | | 1 |")
    for name, value in overhead.items():
        print(f"| server overhead, in process: {name} | {value:.1f} | | | 15 |")
    all_ms = [ms for values in incremental.values() for ms in values]
    print(f"| core re-lint after an edit (IncrementalLinter), all edits | {percentile(all_ms, 50):.0f} | "
          f"{percentile(all_ms, 95):.0f} | {max(all_ms):.0f} | {len(all_ms)} |")
    for mode, values in sorted(incremental.items(), key=lambda kv: -len(kv[1])):
        print(f"| ... {MODES.get(mode, mode)} ({100 * len(values) / len(all_ms):.0f}% of edits) | "
              f"{percentile(values, 50):.0f} | {percentile(values, 95):.0f} | {max(values):.0f} | {len(values)} |")
    print()
    print(f"target p95 <= 30 ms: {'met' if percentile(ms, 95) <= 30 else 'NOT met'} with the pygls client, "
          f"{'met' if percentile(wire, 95) <= 30 else 'NOT met'} on the wire")
    print(f"{args.burst} rapid edits: final diagnostics after {burst_seconds:.1f} s, "
          f"{len(got)} findings; identical to a fresh `legislint check`: "
          f"{'yes' if converged else 'NO'}")
    if not converged:
        missing = sorted(set(want) - set(got))[:5]
        extra = sorted(set(got) - set(want))[:5]
        print(f"  only in check: {missing}\n  only in server: {extra}")
    return 0 if converged else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=30, help="timed one-character edits")
    parser.add_argument("--burst", type=int, default=1000, help="rapid edits for convergence")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    parser.add_argument("--seed", type=int, default=1)
    return asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    sys.exit(main())
