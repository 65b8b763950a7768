"""The generated suites the enforcement benchmarks run (issue 14): Flask, Django, live server.

Each test makes two requests through a real client: a login that sets one Secure session
cookie, then a page read as that user.  ``flask`` is ``bench_overhead.py``'s suite (Flask's
test client); ``django`` uses Django's test client with signed-cookie sessions (its session
line carries ``expires=`` and ``Max-Age``, read from a clock a second later at every reading,
so each login's line is new and a count does not depend on the machine's speed); ``live``
sends ``requests`` to the Flask app served on 127.0.0.1 by ``wsgiref`` in a thread, logging in
at a URL of its own per test (``/login/userN``: the recorder keeps no query); ``empty`` tests
make no request (the plugin's per-test plumbing alone).  Every suite also gets
``minimal_recorder.py``: the hand-rolled recorder the issue compares with (patch one method,
read the header list, split each line, check three flags), loaded with ``-p minimal_recorder``.
"""

from __future__ import annotations

from pathlib import Path

from bench_overhead import write_suite as write_flask_suite

DJANGO_CONFTEST = '''
import django
import pytest
from django.conf import settings

settings.configure(
    DEBUG=False, SECRET_KEY="bench", ROOT_URLCONF="app", ALLOWED_HOSTS=["testserver"],
    INSTALLED_APPS=["django.contrib.sessions"],
    MIDDLEWARE=["django.contrib.sessions.middleware.SessionMiddleware"],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
)
django.setup()

import itertools  # noqa: E402
from django.contrib.sessions import middleware  # noqa: E402
from django.core import signing  # noqa: E402


class _Clock:
    """A second later at every reading (the session's Expires, its signed timestamp): each
    login's line is new, as on a slow machine, and a count does not depend on how fast the
    suite ran (tests in the same second shared their line's parsed attributes)."""

    _seconds = itertools.count(1_800_000_000)

    @classmethod
    def time(cls):
        return float(next(cls._seconds))


middleware.time = signing.time = _Clock


@pytest.fixture
def client():
    from django.test import Client

    return Client()
'''
DJANGO_APP = '''
from django.http import HttpResponse
from django.urls import path


def login(request):
    request.session["user"] = request.POST["user"]
    return HttpResponse("welcome")


def me(request):
    return HttpResponse(request.session.get("user", "nobody"))


urlpatterns = [path("login", login), path("me", me)]
'''
DJANGO_TEST = '''
def test_login_{number}(client):
    response = client.post("/login", {{"user": "user{number}"}}, secure=True)
    assert response.status_code == 200
    assert "sessionid" in response.cookies
    assert client.get("/me", secure=True).content == b"user{number}"
'''
LIVE_CONFTEST = '''
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests

from app import app


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def live_url():
    server = make_server("127.0.0.1", 0, app, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture
def http():
    with requests.Session() as session:
        yield session
'''
LIVE_TEST = '''
def test_login_{number}(http, live_url):
    response = http.post(f"{{live_url}}/login/user{number}")
    assert response.status_code == 200
    assert "session" in response.headers["Set-Cookie"]
    assert http.get(f"{{live_url}}/me").status_code == 200
'''
LIVE_APP = '''
import flask

app = flask.Flask(__name__)
app.config.update(SECRET_KEY="bench", SESSION_COOKIE_SECURE=True,
                  SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")


@app.post("/login/<user>")
def login(user):
    flask.session["user"] = user
    return "welcome"


@app.get("/me")
def me():
    return flask.session.get("user", "nobody")
'''
# The minimal recorder: {target} is the one method patched, {lines} reads the response's
# Set-Cookie lines.  It fails a test that received a line without the three flags.
MINIMAL = '''
import pytest

from {module} import {owner} as _owner

_RECEIVED = []
_original = _owner.{method}


def _recording(*args, **kwargs):
    response = _original(*args, **kwargs)
    _RECEIVED.extend({lines})
    return response


def pytest_configure(config):
    _owner.{method} = _recording


def pytest_unconfigure(config):
    _owner.{method} = _original


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    _RECEIVED.clear()
    result = yield
    for line in _RECEIVED:
        flags = {{part.strip().lower().partition("=")[0] for part in line.split(";")[1:]}}
        if not {{"secure", "httponly", "samesite"}} <= flags:
            pytest.fail("insecure cookie")
    return result
'''
_MINIMAL_TARGETS = {
    "flask": ("werkzeug.test", "Client", "open", 'response.headers.getlist("Set-Cookie")'),
    "django": ("django.test", "Client", "request",
               "(morsel.OutputString() for morsel in response.cookies.values())"),
    "live": ("requests", "Session", "send", 'response.raw.headers.getlist("Set-Cookie")'),
    "empty": ("werkzeug.test", "Client", "open", 'response.headers.getlist("Set-Cookie")'),
}


def _write_tests(root: Path, template: str, tests: int, files: int) -> None:
    per_file = tests // files
    for index in range(files):
        numbers = range(index * per_file, (index + 1) * per_file)
        text = "".join(template.format(number=number) for number in numbers)
        (root / f"test_login_{index:02d}.py").write_text(text)


def _write_minimal(root: Path, suite: str) -> None:
    module, owner, method, lines = _MINIMAL_TARGETS[suite]
    text = MINIMAL.format(module=module, owner=owner, method=method, lines=lines)
    (root / "minimal_recorder.py").write_text(text)


def write_django_suite(root: Path, tests: int, files: int) -> None:
    (root / "conftest.py").write_text(DJANGO_CONFTEST)
    (root / "app.py").write_text(DJANGO_APP)
    (root / "pytest.ini").write_text("[pytest]\n")
    _write_tests(root, DJANGO_TEST, tests, files)


def write_live_suite(root: Path, tests: int, files: int) -> None:
    (root / "conftest.py").write_text(LIVE_CONFTEST)
    (root / "app.py").write_text(LIVE_APP)
    (root / "pytest.ini").write_text("[pytest]\n")
    _write_tests(root, LIVE_TEST, tests, files)


EMPTY_TEST = '''
def test_nothing_{number}():
    assert {number} >= 0
'''


def write_empty_suite(root: Path, tests: int, files: int) -> None:
    """Tests that make no request, as most tests of a suite: the plugin's plumbing alone."""
    (root / "pytest.ini").write_text("[pytest]\n")
    _write_tests(root, EMPTY_TEST, tests, files)


WRITERS = {"flask": write_flask_suite, "django": write_django_suite, "live": write_live_suite,
           "empty": write_empty_suite}


def write_suite(root: Path, suite: str, tests: int, files: int) -> None:
    """Suite ``suite`` of ``tests`` tests in ``files`` files, with its minimal recorder."""
    root.mkdir(parents=True, exist_ok=True)
    WRITERS[suite](root, tests, files)
    _write_minimal(root, suite)
