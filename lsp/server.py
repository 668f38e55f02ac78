"""`legislint lsp`: the language server over stdio. Handlers are thin; every one is guarded.

Push diagnostics go out after each change (debounced per document, only that document); pull
diagnostics (`textDocument/diagnostic`) are answered from the same cache. In "auto" mode the
server pushes only to clients that do not pull, so no editor shows a finding twice.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import inspect
import json
import logging
import os
import sys
import traceback
from typing import Any, Callable

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from legislint import __version__
from legislint.lsp import actions, hover as hovers, symbols
from legislint.lsp.buffers import use_buffers
from legislint.lsp.settings import CONFIG_NAMES, SECTION, check_rule_settings, parse_settings
from legislint.lsp.state import DocumentLinter

log = logging.getLogger("legislint.lsp")


class LegislintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("legislint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.linter = DocumentLinter()
        self.linter.on_config_error = self._config_error
        self.catalog = hovers.RuleCatalog()
        self.pending_messages: list[str] = []
        #: uri -> "dirty" flag, for documents whose push lint is running.
        self.publishing: dict[str, bool] = {}
        self.tasks: set[asyncio.Future] = set()

    # ----------------------------------------------------------------------------- helpers
    def structured(self, linted) -> list[types.Diagnostic]:
        """The diagnostics as lsprotocol objects (for responses, which pygls serializes)."""
        if linted.structured is None:
            linted.structured = self.protocol._converter.structure(
                linted.diagnostics, list[types.Diagnostic])
        return linted.structured

    def warn(self, message: str) -> None:
        log.warning(message)
        self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                         message=f"legislint: {message}"))

    def _config_error(self, uri: str, message: str) -> None:
        self.warn(f"project config ignored: {message}")

    def log_error(self, where: str, exc: BaseException) -> None:
        detail = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("%s failed: %s", where, detail)
        try:
            self.window_log_message(types.LogMessageParams(
                type=types.MessageType.Error, message=f"legislint: {where} failed: {detail}"))
        except Exception:  # the connection itself may be gone
            pass

    @property
    def pushes(self) -> bool:
        mode = self.linter.settings.diagnostic_mode
        if mode != "auto":
            return mode == "push"
        caps = self.client_capabilities
        return not (caps and caps.text_document and caps.text_document.diagnostic)

    def document(self, uri: str):
        return self.workspace.get_text_document(uri)

    def send_diagnostics(self, uri: str, diagnostics: list[dict], version: int | None,
                         serialized: str | None = None) -> None:
        """publishDiagnostics with ready JSON (the generic serializer is the slow part); with
        `serialized`, the diagnostics array already written (`DiagnosticCache.serialized`)."""
        writer = getattr(self.protocol, "writer", None)
        if serialized is None or writer is None:
            params: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
            if version is not None:
                params["version"] = version
            self.protocol._send_data({"jsonrpc": "2.0",
                                      "method": types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                                      "params": params})
            return
        body = ('{"jsonrpc": "2.0", "method": ' + json.dumps(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
                + ', "params": {"uri": ' + json.dumps(uri) + ', "diagnostics": ' + serialized
                + ("" if version is None else ', "version": ' + json.dumps(version)) + "}}").encode("utf-8")
        res = writer.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        if inspect.isawaitable(res):
            asyncio.ensure_future(res)

    def is_open(self, uri: str) -> bool:
        return uri in self.workspace.text_documents

    def request_publish(self, uri: str) -> None:
        """Lint `uri` and push its diagnostics; while a lint of it runs, later requests fold
        into one re-lint of the newest text (so a burst of edits costs at most two lints)."""
        if uri in self.publishing:
            self.publishing[uri] = True  # dirty: lint again when the running lint is done
            return
        self.publishing[uri] = False
        task = asyncio.ensure_future(self._publish_loop(uri))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _publish_loop(self, uri: str) -> None:
        try:
            while self.is_open(uri):
                self.publishing[uri] = False
                doc = self.document(uri)
                if not self.linter.wants(doc):
                    return
                linted = await self.linter.lint(doc)
                if not self.is_open(uri):
                    return
                current = self.document(uri).version
                if linted.version == current:
                    self.send_diagnostics(uri, linted.diagnostics, linted.version, linted.serialized)
                if linted.version == current and not self.publishing.get(uri):
                    return
        except Exception as exc:
            self.log_error(f"linting {uri}", exc)
        finally:
            self.publishing.pop(uri, None)

    def apply_settings(self, raw: Any) -> list[str]:
        """Adopt client settings; returns the warnings (bad fields dropped, defaults kept)."""
        settings, problems = parse_settings(raw)
        messages = []
        if problems:
            messages.append("invalid settings ignored (defaults kept for them): "
                            + "; ".join(problems))
        settings, rule_problems = check_rule_settings(settings, self.linter.root)
        self.linter.settings_changed(settings)
        log.info("settings: %s", settings)
        return messages + rule_problems

    def refresh_all(self) -> None:
        """After a settings or config change: re-lint open documents (or ask the client to pull)."""
        if self.pushes:
            for uri, doc in list(self.workspace.text_documents.items()):
                if self.linter.wants(doc):
                    self.request_publish(uri)
                else:
                    self.send_diagnostics(uri, [], None)
        caps = self.client_capabilities
        refresh = caps and caps.workspace and caps.workspace.diagnostics \
            and caps.workspace.diagnostics.refresh_support
        if refresh:
            self.workspace_diagnostic_refresh(None)


server = LegislintServer()


def guarded(default: Callable[[], Any] | None = None):
    """Log any exception of a handler and answer with `default()`: the server keeps serving."""

    def deco(fn):
        if asyncio.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def awrapper(ls, *args):
                try:
                    return await fn(ls, *args)
                except Exception as exc:
                    ls.log_error(fn.__name__, exc)
                    return default() if default else None
            return awrapper

        @functools.wraps(fn)
        def wrapper(ls, *args):
            try:
                return fn(ls, *args)
            except Exception as exc:
                ls.log_error(fn.__name__, exc)
                return default() if default else None
        return wrapper

    return deco


# -------------------------------------------------------------------------------- lifecycle
@server.feature(types.INITIALIZE)
@guarded()
def initialize(ls: LegislintServer, params: types.InitializeParams) -> None:
    use_buffers(ls.workspace)
    ls.linter.encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
    root = params.root_uri or (params.workspace_folders[0].uri if params.workspace_folders else None)
    ls.linter.root = ls.linter.path_of(root) if root else params.root_path
    ls.pending_messages.extend(ls.apply_settings(params.initialization_options))


@server.feature(types.INITIALIZED)
@guarded()
async def initialized(ls: LegislintServer, params: types.InitializedParams) -> None:
    for message in ls.pending_messages:
        ls.warn(message)
    ls.pending_messages.clear()
    ls.linter.warm_up()
    caps = ls.client_capabilities
    watch = caps.workspace and caps.workspace.did_change_watched_files \
        and caps.workspace.did_change_watched_files.dynamic_registration
    if watch:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[
            types.Registration(
                id="legislint-config-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=[
                    types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_NAMES]))
        ]))


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
@guarded()
async def did_change_configuration(ls: LegislintServer,
                                   params: types.DidChangeConfigurationParams) -> None:
    raw = params.settings
    caps = ls.client_capabilities
    if (raw is None or raw == {}) and caps.workspace and caps.workspace.configuration:
        result = await ls.workspace_configuration_async(types.ConfigurationParams(
            items=[types.ConfigurationItem(section=SECTION)]))
        raw = result[0] if result else None
    for message in ls.apply_settings(raw):
        ls.warn(message)
    ls.refresh_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded()
def did_change_watched_files(ls: LegislintServer,
                             params: types.DidChangeWatchedFilesParams) -> None:
    if any(c.uri.endswith(CONFIG_NAMES) for c in params.changes):
        ls.linter.config_changed()
        ls.refresh_all()


# ------------------------------------------------------------------------ document sync
@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
@guarded()
def did_open(ls: LegislintServer, params: types.DidOpenTextDocumentParams) -> None:
    if ls.pushes:
        ls.request_publish(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
@guarded()
def did_change(ls: LegislintServer, params: types.DidChangeTextDocumentParams) -> None:
    if ls.pushes:
        ls.linter.schedule(params.text_document.uri, ls.request_publish)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
@guarded()
def did_save(ls: LegislintServer, params: types.DidSaveTextDocumentParams) -> None:
    if params.text_document.uri.endswith(CONFIG_NAMES):
        ls.linter.config_changed()
        ls.refresh_all()


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
@guarded()
def did_close(ls: LegislintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.linter.forget(params.text_document.uri)
    if ls.pushes:
        ls.send_diagnostics(params.text_document.uri, [], None)


# ----------------------------------------------------------------------------- features
@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DiagnosticOptions(identifier="legislint", inter_file_dependencies=False,
                                        workspace_diagnostics=False))
@guarded(lambda: types.RelatedFullDocumentDiagnosticReport(items=[]))
async def pull_diagnostics(ls: LegislintServer, params: types.DocumentDiagnosticParams):
    doc = ls.document(params.text_document.uri)
    if not ls.linter.wants(doc):
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    linted = await ls.linter.lint(doc)
    if params.previous_result_id and params.previous_result_id == linted.result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=linted.result_id)
    return types.RelatedFullDocumentDiagnosticReport(items=ls.structured(linted),
                                                      result_id=linted.result_id)


@server.feature(types.TEXT_DOCUMENT_HOVER)
@guarded()
async def hover(ls: LegislintServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.document(params.text_document.uri)
    if not ls.linter.wants(doc):
        return None
    linted = await ls.linter.lint(doc)
    pos = params.position
    here = hovers.findings_at(linted.result.findings, linted.ranges, pos.line, pos.character)
    if here:
        parts = [hovers.finding_markdown(f, ls.catalog.rule(linted.config, f.code, f.rule))
                 for f in here]
        rng = linted.ranges[linted.result.findings.index(here[0])]
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value="\n\n---\n\n".join(parts)),
                           range=types.Range(start=types.Position(**rng["start"]),
                                             end=types.Position(**rng["end"])))
    article = hovers.article_at(linted.result.document.root, pos.line + 1)
    if article is not None:
        # Asks the core which rules the article triggers: on the lint thread, like a lint.
        text = await asyncio.get_running_loop().run_in_executor(
            ls.linter.executor, hovers.article_markdown, article, linted.result, linted.config)
        return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                                        value=text))
    return None


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
@guarded(list)
def code_action(ls: LegislintServer, params: types.CodeActionParams):
    caps = ls.client_capabilities
    versioned = bool(caps.workspace and caps.workspace.workspace_edit
                     and caps.workspace.workspace_edit.document_changes)
    return actions.code_actions(params.text_document.uri, params.context.diagnostics,
                                params.context.only, versioned) or None


@server.command(actions.SUPPRESS_COMMAND)
@guarded()
async def suppress(ls: LegislintServer, *arguments: Any) -> dict | None:
    args = actions.parse_suppress_args(list(arguments))
    reason = args["reason"]
    if reason is None:
        choice = await ls.window_show_message_request_async(types.ShowMessageRequestParams(
            type=types.MessageType.Info,
            message=f"Why is {args['code'] or args['rule']} suppressed for {args['provision']}?",
            actions=[types.MessageActionItem(title=t) for t in actions.PRESET_REASONS]))
        if choice is None:
            return None
        reason = choice.title
    _, config_path = ls.linter.config_for(args["uri"])
    if config_path is None:
        base = ls.linter.root or os.path.dirname(ls.linter.path_of(args["uri"]) or os.getcwd())
        config_path = os.path.join(base, CONFIG_NAMES[0])
    actions.write_suppression(config_path, args["provision"], args["rule"], reason)
    ls.linter.config_changed()
    ls.refresh_all()
    return {"config": from_fs_path(config_path), "reason": reason}


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
@guarded(list)
async def document_symbol(ls: LegislintServer, params: types.DocumentSymbolParams):
    doc = ls.document(params.text_document.uri)
    if not ls.linter.wants(doc):
        return []
    linted = await ls.linter.lint(doc)
    return symbols.document_symbols(linted.result.document.root, linted.lines,
                                    ls.linter.encoding)


@server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
@guarded(list)
async def folding_range(ls: LegislintServer, params: types.FoldingRangeParams):
    doc = ls.document(params.text_document.uri)
    if not ls.linter.wants(doc):
        return []
    linted = await ls.linter.lint(doc)
    return symbols.folding_ranges(linted.result.document.root, linted.lines)


# ------------------------------------------------------------------------------------ main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legislint lsp",
                                     description="Start the legislint language server on stdio.")
    parser.add_argument("--stdio", action="store_true", help="use stdio (the default)")
    parser.add_argument("--log-file", help="write the server log to this file")
    parser.add_argument("--log-level", default="WARNING",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    if argv is None:
        argv = sys.argv[1:]
        if argv[:1] == ["lsp"]:  # called as `legislint lsp ...`
            argv = argv[1:]
    # Editors add flags of their own (vscode-languageclient: --stdio, --clientProcessId=N).
    args, unknown = parser.parse_known_args(argv)
    handler: logging.Handler = (logging.FileHandler(args.log_file, encoding="utf-8")
                                if args.log_file else logging.StreamHandler(sys.stderr))
    logging.basicConfig(level=args.log_level, handlers=[handler],
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if unknown:
        log.info("ignoring arguments: %s", " ".join(unknown))
    server.start_io()
    return 0


__all__ = ["LegislintServer", "server", "main"]
