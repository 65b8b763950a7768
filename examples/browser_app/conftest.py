"""A live server on 127.0.0.1 wrapped by ``cookie_recorder.wsgi(app)``, and a headless
Chromium driven by Playwright.

Playwright's own browser download is not needed: the tests launch the system Chromium
(Debian/Ubuntu: ``apt-get install chromium``; elsewhere set ``CHROMIUM`` to its path)."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from browser_example import create_app, create_asgi_app
from werkzeug.serving import make_server

from pytest_securecookie import CookieRecorder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM}: install it or set CHROMIUM to its path")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_server(cookie_recorder: CookieRecorder) -> Iterator[str]:
    """The app on a free 127.0.0.1 port; every Set-Cookie it sends is recorded on the way out,
    whoever asked for it: here, a browser in another process."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, cookie_recorder.wsgi(create_app()), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
    server.server_close()


@pytest.fixture
def live_asgi_server(cookie_recorder: CookieRecorder) -> Iterator[str]:
    """The ASGI app under uvicorn on a free 127.0.0.1 port, wrapped by
    ``cookie_recorder.asgi``."""
    uvicorn = pytest.importorskip("uvicorn")
    app = cookie_recorder.asgi(create_asgi_app())
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()  # a fresh cookie jar per test
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page
