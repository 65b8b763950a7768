"""Start the seed's Express apps with Node on 127.0.0.1 and talk to them through requests.

``EXAMPLE_CONFIG=hardened`` (the default) runs app.js with ``NODE_ENV=production`` and
cookie_session_app.js with its options fixed; ``EXAMPLE_CONFIG=defaults`` runs app.js in
development and cookie-session exactly as the seed configures it.  Needs ``node`` and
``npm ci`` in this folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

HERE = Path(__file__).parent
HARDENED = os.environ.get("EXAMPLE_CONFIG", "hardened") == "hardened"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_listening(port: int, node: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and node.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"node did not listen on 127.0.0.1:{port} (exit code {node.poll()})")


def _start(script: str, **env: str) -> Iterator[str]:
    if shutil.which("node") is None or not (HERE / "node_modules").is_dir():
        pytest.skip("needs node and `npm ci` in examples/express_app")
    port = _free_port()
    environ = {k: v for k, v in os.environ.items() if k != "NODE_ENV"}
    node = subprocess.Popen(
        ["node", "--require", "./loopback.js", script],  # loopback.js: 127.0.0.1 only
        cwd=HERE,
        env={**environ, "PORT": str(port), **env},
        stdout=subprocess.DEVNULL,
    )
    try:
        _wait_until_listening(port, node)
        yield f"http://127.0.0.1:{port}"
    finally:
        node.terminate()
        try:
            node.wait(timeout=10)
        except subprocess.TimeoutExpired:
            node.kill()
            node.wait()


@pytest.fixture(scope="session")
def express_session_app() -> Iterator[str]:
    """app.js (express-session): production when hardened, development otherwise."""
    yield from _start("app.js", **({"NODE_ENV": "production"} if HARDENED else {}))


@pytest.fixture(scope="session")
def cookie_session_app() -> Iterator[str]:
    """cookie_session_app.js: options fixed when hardened, the seed's own otherwise."""
    yield from _start("cookie_session_app.js", COOKIE_SESSION_CONFIG="fixed" if HARDENED else "")


@pytest.fixture
def via_proxy() -> requests.Session:
    """A requests session that reaches the app the way a TLS-terminating proxy does."""
    session = requests.Session()
    session.headers["X-Forwarded-Proto"] = "https"
    return session
