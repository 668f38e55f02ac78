"""End-to-end helpers: the real server as a subprocess over stdio, driven by pytest-lsp.

The client fixture and its event loop are both function-scoped (equal scopes: pytest-lsp hangs
otherwise). Tests never sleep: they wait for the notification they expect (`wait_for`), with a
timeout that only fires when the server is broken.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any, Callable, Union

from lsprotocol import types
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features
from pygls.protocol import default_converter

SERVER_COMMAND = [sys.executable, "-m", "legislint.lsp"]
TIMEOUT = 30.0

INTERCEPTION = (
    "Article 5 – Interception\n"
    "\n"
    "1. The police may intercept the content of communications of any person suspected of an "
    "offence.\n"
)


class RecordingClient(LanguageClient):
    """A pytest-lsp client that keeps every publish (with its version) and wakes waiters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.published: list[types.PublishDiagnosticsParams] = []
        self.message_requests: list[types.ShowMessageRequestParams] = []
        self.registrations: list[types.RegistrationParams] = []
        self.answer_message_request: Callable[[types.ShowMessageRequestParams], Any] = \
            lambda p: p.actions[0] if p.actions else None
        self.changed = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT):
        """Wait until `predicate()` is truthy; re-checked after every server notification."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    self.changed.clear()
                    value = predicate()
                    if value:
                        return value
                    await self.changed.wait()
        except TimeoutError:
            raise AssertionError(f"timed out waiting for {what}") from None

    def publishes(self, uri: str) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.published if p.uri == uri]

    async def diagnostics_for(self, uri: str, version: int | None = None) -> list[types.Diagnostic]:
        def found():
            for p in reversed(self.published):
                if p.uri == uri and (version is None or p.version == version):
                    return p
            return None

        params = await self.wait_for(found, f"diagnostics for {uri} v{version}")
        return list(params.diagnostics)

    async def warning(self, contains: str = "") -> types.ShowMessageParams:
        def found():
            return next((m for m in self.messages if m.type == types.MessageType.Warning
                         and contains in m.message), None)
        return await self.wait_for(found, f"a warning containing {contains!r}")


def _publish(client: RecordingClient, params: types.PublishDiagnosticsParams):
    client.published.append(params)
    client.diagnostics[params.uri] = params.diagnostics
    client.changed.set()


def _show_message(client: RecordingClient, params: types.ShowMessageParams):
    client.messages.append(params)
    client.changed.set()


def _log_message(client: RecordingClient, params: types.LogMessageParams):
    client.log_messages.append(params)
    client.changed.set()


def _show_message_request(client: RecordingClient, params: types.ShowMessageRequestParams):
    client.message_requests.append(params)
    client.changed.set()
    return client.answer_message_request(params)


def _register(client: RecordingClient, params: types.RegistrationParams):
    client.registrations.append(params)
    client.changed.set()
    return None


def converter():
    """pygls' converter, with lsprotocol's CodeAction-or-Command hook corrected: it reads any
    object with a `command` key as a Command, so a CodeAction that carries a command (ours:
    "suppress with reason") would lose its title and kind in the test client. Editors parse
    JSON and are not affected."""
    conv = default_converter()

    def code_action_or_command(obj: Any, _: type):
        if isinstance(obj.get("command"), str):
            return conv.structure(obj, types.Command)
        return conv.structure(obj, types.CodeAction)

    conv.register_structure_hook(Union[types.Command, types.CodeAction], code_action_or_command)
    return conv


def make_client() -> RecordingClient:
    client = RecordingClient(converter_factory=converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _publish
    features[types.WINDOW_SHOW_MESSAGE] = _show_message
    features[types.WINDOW_LOG_MESSAGE] = _log_message
    features[types.WINDOW_SHOW_MESSAGE_REQUEST] = _show_message_request
    features[types.CLIENT_REGISTER_CAPABILITY] = _register
    register_lsp_features(client, features)
    return client


def push_capabilities() -> types.ClientCapabilities:
    """A client that takes pushed diagnostics (like Neovim 0.7)."""
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                related_information=True, version_support=True, code_description_support=True,
                data_support=True),
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            code_action=types.CodeActionClientCapabilities(
                data_support=True,
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix]))),
            document_symbol=types.DocumentSymbolClientCapabilities(
                hierarchical_document_symbol_support=True),
            folding_range=types.FoldingRangeClientCapabilities(),
        ),
        workspace=types.WorkspaceClientCapabilities(
            configuration=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True),
        ),
        window=types.WindowClientCapabilities(
            show_message=types.ShowMessageRequestClientCapabilities()),
    )


def pull_capabilities() -> types.ClientCapabilities:
    """A client that pulls diagnostics (like VS Code)."""
    caps = push_capabilities()
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(
        related_document_support=False)
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)
    return caps


async def start(client: RecordingClient, root: Path, options: dict | None = None,
                capabilities: types.ClientCapabilities | None = None) -> types.InitializeResult:
    opts = {"debounceMs": 0}
    if options:
        opts.update(options)
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities or push_capabilities(),
        root_uri=from_fs_path(str(root)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(root)), name="ws")],
        initialization_options=opts,
    ))


def open_doc(client: RecordingClient, path: Path, text: str, language: str = "plaintext",
             version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version,
                                             text=text)))
    return uri


def change(client: RecordingClient, uri: str, version: int, line: int, character: int,
           text: str, end: tuple[int, int] | None = None) -> None:
    """One incremental edit: replace [line:character, end) with `text`."""
    end_line, end_char = end or (line, character)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=character),
                              end=types.Position(line=end_line, character=end_char)),
            text=text)]))


def expected(text: str, path: str, config=None):
    """Diagnostics a fresh in-process lint of `text` gives (the CLI's core), as plain data."""
    from legislint.api import lint_text
    from legislint.config import config_for
    from legislint.lsp.diagnostics import result_diagnostics

    result = lint_text(text, path, config if config is not None else config_for(path))
    dicts = result_diagnostics(result, from_fs_path(path), "utf-16", None)[0]
    return result, converter().structure(dicts, list[types.Diagnostic])


def key(d: types.Diagnostic) -> tuple:
    return (d.code, d.range.start.line, d.range.start.character, d.range.end.line,
            d.range.end.character, d.message, int(d.severity))


