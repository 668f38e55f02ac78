"""Fixtures for the language-server end-to-end tests (helpers live in lsp_helpers.py).

The client fixture and its event loop are both function-scoped: pytest-lsp hangs silently when
the scopes differ.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import pytest_lsp
from pytest_lsp import ClientServerConfig

from lsp_helpers import SERVER_COMMAND, RecordingClient, make_client


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND,
                                              client_factory=make_client,
                                              server_env={**os.environ, "PYTHONUNBUFFERED": "1"}))
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
