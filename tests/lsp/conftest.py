"""Fixtures for the language-server end-to-end tests (helpers live in lsp_helpers.py).

The client fixture and its event loop are both function-scoped: pytest-lsp hangs silently when
the scopes differ.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig

from lsp_helpers import SERVER_COMMAND, RecordingClient, make_client, start

CONFIG = ClientServerConfig(server_command=SERVER_COMMAND, client_factory=make_client,
                            server_env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: RecordingClient):
    """A connected but not yet initialized client; tests call `start(...)`."""
    yield
    if lsp_client.capabilities is None and lsp_client._server is not None:
        lsp_client._server.terminate()  # never initialized: nothing to shut down politely
    else:
        await lsp_client.shutdown_session()


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    return tmp_path


@pytest_lsp.fixture(config=CONFIG, scope="module")
async def shared(lsp_client: RecordingClient, tmp_path_factory):
    """One initialized server for a whole module (its tests use a module-scoped loop:
    `pytestmark = pytest.mark.asyncio(loop_scope="module")`). `shared.root` is its workspace;
    tests open documents under their own names there."""
    lsp_client.root = tmp_path_factory.mktemp("workspace")
    await start(lsp_client, lsp_client.root)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "legislint", "lsp"], client_factory=make_client,
    server_env={**os.environ, "PYTHONUNBUFFERED": "1"}))
async def cli_client(lsp_client: RecordingClient):
    """The server started the way editors do by default: `legislint lsp`."""
    yield
    if lsp_client.capabilities is None and lsp_client._server is not None:
        lsp_client._server.terminate()
    else:
        await lsp_client.shutdown_session()
