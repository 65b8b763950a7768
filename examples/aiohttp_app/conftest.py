from __future__ import annotations

import ssl
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer
from aiohttp_example import create_app
from tls import tls_contexts


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # the tests are async; anyio's pytest plugin runs them on asyncio


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    return tls_contexts(tmp_path_factory.mktemp("tls"))


@pytest.fixture
async def client(
    tls: tuple[ssl.SSLContext, ssl.SSLContext],
) -> AsyncIterator[TestClient[aiohttp.web.Request, aiohttp.web.Application]]:
    server_context, client_context = tls
    server = TestServer(create_app())  # a real server on https://127.0.0.1:<free port>
    await server.start_server(ssl=server_context)
    connector = aiohttp.TCPConnector(ssl=client_context)
    async with TestClient(server, connector=connector) as client:
        yield client
