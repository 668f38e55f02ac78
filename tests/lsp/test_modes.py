"""Diagnostic modes that need their own server: debounce timing and a pulling client."""

from __future__ import annotations

import pytest
from lsprotocol import types

from lsp_helpers import INTERCEPTION, change, expected, key, open_doc, pull_capabilities, start

pytestmark = pytest.mark.asyncio


async def test_debounce_publishes_once_after_a_burst(client, ws):
    await start(client, ws, {"debounceMs": 400})
    uri = open_doc(client, ws / "a.txt", INTERCEPTION)
    await client.diagnostics_for(uri, 1)
    for v in range(2, 12):
        change(client, uri, v, 0, 0, "x")
    await client.diagnostics_for(uri, 11)
    versions = [p.version for p in client.publishes(uri)]
    assert versions == [1, 11], f"intermediate versions were linted and published: {versions}"


async def test_pull_diagnostics(client, ws):
    await start(client, ws, capabilities=pull_capabilities())
    uri = open_doc(client, ws / "a.txt", INTERCEPTION)
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri)))
    assert report.kind == "full"
    _, want = expected(INTERCEPTION, str(ws / "a.txt"))
    assert want and sorted(map(key, report.items)) == sorted(map(key, want))
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    line = INTERCEPTION.splitlines()[2]
    change(client, uri, 2, 2, len(line) - 1, ", with the prior authorization of a judge")
    after = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id))
    assert after.kind == "full" and after.result_id != report.result_id
    # A pulling client gets no pushed duplicates.
    assert client.publishes(uri) == []


async def test_started_as_legislint_lsp(cli_client, ws):
    result = await start(cli_client, ws)
    assert result.server_info.name == "legislint"
    caps = result.capabilities
    assert caps.hover_provider and caps.document_symbol_provider and caps.folding_range_provider
    assert caps.code_action_provider and caps.diagnostic_provider
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    uri = open_doc(cli_client, ws / "a.txt", INTERCEPTION)
    _, want = expected(INTERCEPTION, str(ws / "a.txt"))
    assert sorted(map(key, await cli_client.diagnostics_for(uri, 1))) == sorted(map(key, want))
