"""Per-document lint state: which documents are linted, the last result, the debounce timers.

One lint = one call of the core on a snapshot of the editor's buffer, on a worker thread,
through a `legislint.incremental.IncrementalLinter` per document: after a keystroke it reads
again only what the edit can change, and returns what `lint_text` would. The result is cached
per (document version, config); hover, symbols and pull diagnostics
reuse it. Code actions never lint: they read the diagnostic's `data`.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from lsprotocol import types
from pygls.uris import to_fs_path

from legislint.api import LintResult, lint_text
from legislint.incremental import IncrementalLinter
from legislint.config import Config

from legislint.lsp.diagnostics import DiagnosticCache
from legislint.lsp.settings import ConfigResolver, Settings, matches_patterns

if TYPE_CHECKING:  # pragma: no cover
    from pygls.workspace import TextDocument

log = logging.getLogger(__name__)


@dataclass
class Linted:
    uri: str
    version: int | None
    config: Config
    result: LintResult
    #: LSP Diagnostic JSON, ready to send.
    diagnostics: list[dict]
    lines: list[str]
    seconds: float
    result_id: str = ""
    config_path: str | None = None
    #: Range JSON of each finding's diagnostic (aligned with `result.findings`).
    ranges: list[dict] = field(default_factory=list)
    #: `diagnostics` as lsprotocol objects, made on first use (pull responses).
    structured: list | None = None
    #: `diagnostics` serialized (the JSON array a publish sends).
    serialized: str | None = None


class DocumentLinter:
    """Lints editor buffers through the core; knows nothing about rules."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.resolver = ConfigResolver()
        self.encoding: str = types.PositionEncodingKind.Utf16
        self.root: str | None = None
        self.cache: dict[str, Linted] = {}
        self.timers: dict[str, asyncio.TimerHandle] = {}
        self._generation = 0
        #: uri -> ((version, config id, generation), future of the lint running for it).
        self.inflight: dict[str, tuple[tuple, asyncio.Future]] = {}
        #: One lint at a time, off the event loop (the core's caches are not shared by threads).
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="legislint-lint")
        self.diagnostics = DiagnosticCache()
        #: uri -> the incremental linter of that document (its last parse and findings), used
        #: only on the lint thread.
        self.linters: dict[str, IncrementalLinter] = {}
        #: Called with (uri, message) when a project config cannot be used.
        self.on_config_error: Callable[[str, str], None] | None = None

    # --------------------------------------------------------------------------- selection
    @staticmethod
    def path_of(uri: str) -> str | None:
        try:
            return to_fs_path(uri) if uri.startswith("file:") else None
        except Exception:
            return None

    def wants(self, doc: "TextDocument") -> bool:
        """Is this document legislation under the current settings?"""
        s = self.settings
        if not s.enable:
            return False
        path = self.path_of(doc.uri)
        if path and path.endswith((".legislint.yaml", ".legislint.yml")):
            return False
        if doc.language_id and doc.language_id in s.languages:
            return True
        if matches_patterns(path, s.file_patterns, self.root):
            return True
        # A client that sends no language id: fall back to the file name.
        return not doc.language_id and bool(path) and path.endswith((".txt", ".md", ".leg"))

    def config_for(self, uri: str) -> tuple[Config, str | None]:
        config, config_path, error = self.resolver.config_for(self.path_of(uri), self.root,
                                                              self.settings)
        if error and self.on_config_error is not None:
            key = (config_path or "", error)
            if key not in self.resolver.reported:
                self.resolver.reported.add(key)
                self.on_config_error(uri, error)
        return config, config_path

    def settings_changed(self, settings: Settings) -> None:
        self.settings = settings
        self.config_changed()

    def config_changed(self) -> None:
        self.resolver.invalidate()
        self.resolver.reported.clear()
        self._generation += 1
        self.cache.clear()

    # ------------------------------------------------------------------------------ linting
    def _run(self, uri: str, text: str, version: int | None, config: Config,
             config_path: str | None, generation: int) -> Linted:
        """One call of the core on a snapshot of the buffer (runs on the lint thread)."""
        started = time.perf_counter()
        linter = self.linters.get(uri)
        if linter is None or linter.config is not config:
            linter = self.linters[uri] = IncrementalLinter(self.path_of(uri) or uri, config)
        try:
            result = linter.lint(text)
        except Exception:
            # What it kept may be half-updated: the next lint of this document starts afresh.
            self.linters.pop(uri, None)
            raise
        diagnostics = self.diagnostics.convert(result, uri, self.encoding, version)
        serialized = self.diagnostics.serialized(uri, version)
        # The incremental linter patches its tree and lines in place at the next version.
        lines = list(result.document.lines)
        seconds = time.perf_counter() - started
        log.debug("linted %s v%s in %.1f ms (%s%s): %d findings", uri, version, seconds * 1e3,
                  linter.last_mode, f": {linter.last_reason}" if linter.last_reason else "",
                  len(result.findings))
        return Linted(uri=uri, version=version, config=config, result=result,
                      diagnostics=diagnostics, lines=lines, seconds=seconds,
                      result_id=f"{generation}:{version}:{len(text)}", config_path=config_path,
                      ranges=[d["range"] for d in diagnostics[:len(result.findings)]],
                      serialized=serialized)

    def warm_up(self) -> None:
        """Load and compile the rules on the lint thread before the first document arrives."""
        config, _, _ = self.resolver.config_for(None, self.root, self.settings)

        def run() -> None:
            try:
                lint_text("Article 1 – Interception\n\n1. The police may intercept "
                          "communications.\n", "<warm-up>", config)
            except Exception as exc:  # the first real lint will report it
                log.warning("warm-up lint failed: %s", exc)

        self.executor.submit(run)

    def cached(self, doc: "TextDocument") -> Linted | None:
        """The last result if it matches the buffer's version and the current config."""
        linted = self.cache.get(doc.uri)
        if linted is None or doc.version is None or linted.version != doc.version:
            return None
        config, _ = self.config_for(doc.uri)
        return linted if config is linted.config else None

    async def lint(self, doc: "TextDocument") -> Linted:
        """The result for the buffer as it is now: cached, already running, or a new lint.

        Lints run one at a time on a worker thread, so the server keeps reading messages (edits
        arrive and are applied while a long document is being linted)."""
        hit = self.cached(doc)
        if hit is not None:
            return hit
        config, config_path = self.config_for(doc.uri)
        key = (doc.version, id(config), self._generation)
        running = self.inflight.get(doc.uri)
        if running is not None and running[0] == key:
            return await asyncio.shield(running[1])
        generation = self._generation
        future = asyncio.get_running_loop().run_in_executor(
            self.executor, self._run, doc.uri, doc.source, doc.version, config, config_path,
            generation)
        uri = doc.uri

        def store(done: asyncio.Future) -> None:
            # Kept even if every waiter was cancelled (a client's $/cancelRequest): the work is done.
            if self.inflight.get(uri, (None, None))[1] is done:
                del self.inflight[uri]
            if done.cancelled() or done.exception() is not None:
                return
            linted = done.result()
            current = self.cache.get(uri)
            if generation == self._generation and (current is None or current.version is None
                                                   or (linted.version or 0) >= current.version):
                self.cache[uri] = linted

        future.add_done_callback(store)
        self.inflight[uri] = (key, future)
        return await asyncio.shield(future)

    def forget(self, uri: str) -> None:
        self.cache.pop(uri, None)
        self.executor.submit(self.linters.pop, uri, None)
        self.diagnostics.forget(uri)
        self.cancel(uri)

    # ----------------------------------------------------------------------------- debounce
    def schedule(self, uri: str, callback: Callable[[str], None]) -> None:
        """Run `callback(uri)` once the document has been quiet for `debounceMs`."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        delay = self.settings.debounce_ms / 1000.0

        def fire() -> None:
            self.timers.pop(uri, None)
            callback(uri)

        self.timers[uri] = loop.call_later(delay, fire) if delay > 0 else loop.call_soon(fire)

    def cancel(self, uri: str) -> None:
        handle = self.timers.pop(uri, None)
        if handle is not None:
            handle.cancel()
