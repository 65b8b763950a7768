"""A bug of ours while recording never breaks the user's HTTP call: the error is swallowed
inside the client wrapper (and the WSGI/ASGI wrappers) and told once in the summary."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

# The recording step of the Flask adapter (and of the WSGI wrapper) made to fail, as a bug of
# ours meeting an odd response would.
BROKEN_RECORDING = """
import pytest
from pytest_securecookie.capturing import clients as _clients
from pytest_securecookie.capturing import recorder as _recorder
def _broken(*args, **kwargs):
    raise RuntimeError("recording bug")


@pytest.fixture(autouse=True)
def broken_recording(monkeypatch):
    monkeypatch.setattr(_clients, "werkzeug_cookies_and_date", _broken)
    monkeypatch.setattr(_recorder, "_wsgi_exchange", _broken)
    monkeypatch.setattr(_recorder, "_serve", _broken)
"""


@pytest.fixture
def project_conftest() -> str:
    return FLASK_CONFTEST + BROKEN_RECORDING


def test_a_recording_error_leaves_the_users_request_working(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_login="""
from pytest_securecookie import CookieRecorder

def test_login(client):
    response = client.post("/login-hardened")
    assert response.status_code == 302

def test_wrapped_app():
    from conftest import make_app
    from werkzeug.test import EnvironBuilder

    with CookieRecorder() as recorder:
        served = recorder.wsgi(make_app().wsgi_app)
        environ = EnvironBuilder(path="/login-hardened", method="POST").get_environ()
        body = served(environ, lambda status, headers, *exc: None)
        assert b"/home" in b"".join(body)
"""
    )
    result = run_plugin(project, "--secure-cookies")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*secure cookies: * internal error* while recording*"])
    result.stdout.no_fnmatch_line("*recording bug*")


def test_the_asgi_wrapper_passes_on_a_message_it_cannot_read() -> None:
    import asyncio

    from pytest_securecookie import CookieRecorder
    from pytest_securecookie.capturing import patching as _patching

    # str header names are not ASGI; the server decides what to do with them, not our wrapper
    start = {"type": "http.response.start", "status": 200, "headers": [("set-cookie", "a=b")]}
    sent: list[object] = []

    async def app(scope: object, receive: object, send: object) -> None:
        await send(start)  # type: ignore[operator]

    async def send(message: object) -> None:
        sent.append(message)

    _patching.take_errors()
    with CookieRecorder() as recorder:
        asyncio.run(recorder.asgi(app)({"type": "http"}, None, send))
    assert sent == [start]
    assert [error.split(":")[0] for error in _patching.take_errors()] == ["asgi"]


def test_a_failure_patching_a_module_imported_while_recording_leaves_the_import_working() -> None:
    import subprocess
    import sys

    code = """
from pytest_securecookie.capturing import patching as _patching
from pytest_securecookie.capturing.recorder import CookieRecorder

def broken(module, target):
    raise RuntimeError("patching bug")

with CookieRecorder():
    _patching._patch_target = broken
    import werkzeug.test
noted = [e.split(":")[0] for e in _patching.take_errors()]
print(werkzeug.test.Client.__name__, "patching werkzeug.test" in noted)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Client True"
