"""Real applications written into pytester projects by the enforcement tests.

Each constant is the source of a ``conftest.py``; the tests around them are in
``test_plugin_enforce*.py`` and ``test_xdist*.py``.  Every session value is ``SECRET`` so a
test can prove it never reaches the output or the JSON report.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from pytest_securecookie.capturing.recorder import RecordedLine

SECRET = "PLANTED-SECRET-7f3a9c"

# A Flask app whose login answers with the 302 that sets the session cookie, as real logins
# do.  ``/login`` is insecure, ``/login-hardened`` is not; ``/profile`` re-sets the session
# without flags; ``/logout-wrong-path`` deletes it with a Path it was not set with.
FLASK_CONFTEST = f'''
import flask
import pytest

SECRET = "{SECRET}"
HARDENED = dict(secure=True, httponly=True, samesite="Lax")


def make_app():
    app = flask.Flask("shop")

    @app.post("/login")
    def login():
        response = flask.redirect("/home")
        response.set_cookie("session", SECRET)
        return response

    @app.post("/login-hardened")
    def login_hardened():
        response = flask.redirect("/home")
        response.set_cookie("session", SECRET, **HARDENED)
        return response

    @app.get("/magic-link")
    def magic_link():  # the session value travels in the URL too: the report must scrub it
        response = flask.make_response("welcome")
        response.set_cookie("session", flask.request.args["token"])
        return response

    @app.post("/login-as")
    def login_as():  # the same request line, a different session value each time
        response = flask.make_response("welcome")
        response.set_cookie("session", flask.request.form["token"])
        return response

    @app.get("/home")
    def home():
        response = flask.make_response("home")
        response.set_cookie("theme", "dark")
        return response

    @app.get("/profile")
    def profile():
        response = flask.make_response("profile")
        response.set_cookie("session", SECRET)
        return response

    @app.post("/logout")
    def logout():
        response = flask.make_response("bye")
        response.delete_cookie("session", secure=True, httponly=True, samesite="Lax")
        return response

    @app.post("/account/logout-wrong-path")
    def logout_wrong_path():
        response = flask.make_response("bye")
        response.delete_cookie("session", path="/account")
        return response

    return app


@pytest.fixture
def client():
    return make_app().test_client()


@pytest.fixture
def logged_in(client):
    client.post("/login", follow_redirects=True)
    return client
'''

# A werkzeug server on 127.0.0.1 serving the Flask app above, driven through requests.
LIVE_SERVER_CONFTEST = (
    FLASK_CONFTEST
    + """
import threading
from werkzeug.serving import make_server


@pytest.fixture(scope="session")
def live_url():
    server = make_server("127.0.0.1", 0, make_app())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
"""
)

# The same app served on 127.0.0.1 behind the recorder's WSGI wrapper, for a client no
# recorder patches (a browser driven by Playwright or Selenium; here a raw socket).
BROWSER_CONFTEST = (
    FLASK_CONFTEST
    + '''
import socket
import threading

from werkzeug.serving import make_server

from pytest_securecookie import CookieRecorder


@pytest.fixture(scope="session")
def served():
    app = CookieRecorder().wsgi(make_app())  # wrapped once, before any test records
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join()


def browser_post(port, path):
    """What a browser sends, through no patched client: a raw HTTP/1.1 request."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\\r\\nHost: 127.0.0.1:{port}\\r\\n"
            "Content-Length: 0\\r\\nConnection: close\\r\\n\\r\\n".encode()
        )
        return b"".join(iter(lambda: sock.recv(65536), b"")).split(b"\\r\\n")[0]
'''
)

DJANGO_CONFTEST = f'''
import django
from django.conf import settings
from django.http import HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path

SECRET = "{SECRET}"


def login(request):
    response = HttpResponseRedirect("/home")
    response.set_cookie("sessionid", SECRET)
    return response


def login_hardened(request):
    response = HttpResponseRedirect("/home")
    response.set_cookie("sessionid", SECRET, secure=True, httponly=True, samesite="Lax")
    return response


def real_login(request):
    """Django's own session and CSRF cookies, with Django's default settings."""
    request.session["user"] = "alice"
    get_token(request)
    return HttpResponseRedirect("/home")


urlpatterns = [
    path("login", login),
    path("login-hardened", login_hardened),
    path("real-login", real_login),
]

settings.configure(
    ROOT_URLCONF=__name__,
    ALLOWED_HOSTS=["testserver"],
    SECRET_KEY="not-a-cookie-value",
    MIDDLEWARE=[
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
    SESSION_ENGINE="django.contrib.sessions.backends.signed_cookies",
    INSTALLED_APPS=[],
    DATABASES={{}},
)
django.setup()
'''

FASTAPI_CONFTEST = f'''
import warnings

import pytest
from fastapi import FastAPI
from fastapi.responses import RedirectResponse

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

SECRET = "{SECRET}"
app = FastAPI()


@app.post("/login")
def login():
    response = RedirectResponse("/home", status_code=302)
    response.set_cookie("session", SECRET)
    return response


@app.post("/login-hardened")
def login_hardened():
    response = RedirectResponse("/home", status_code=302)
    response.set_cookie("session", SECRET, secure=True, httponly=True, samesite="lax")
    return response


@app.get("/home")
def home():
    return {{"ok": True}}


@pytest.fixture
def client():
    with TestClient(app) as client:
        yield client
'''

AIOHTTP_CONFTEST = f'''
import asyncio

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

SECRET = "{SECRET}"


async def home(request):
    return web.Response(text="home")


def post_login(**flags):
    """Log in through aiohttp's client against a real aiohttp server; return the status."""

    async def login(request):
        response = web.HTTPFound("/home")
        response.set_cookie("session", SECRET, **flags)
        raise response

    async def main():
        app = web.Application()
        app.router.add_post("/login", login)
        app.router.add_get("/home", home)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            response = await client.post("/login")
            return response.status

    return asyncio.run(main())
'''


def run_plugin(
    pytester: pytest.Pytester, *args: str, subprocess: bool = False
) -> pytest.RunResult:
    """``pytester.runpytest`` with this plugin and no other: third-party plugin autoloading
    (hypothesis, faker, anyio, ...) costs more than the test itself.  The plugin module
    loaded is the one the ``securecookie`` entry point names; the tests of the entry point
    itself (``-p no:securecookie``, ``--markers``) run with autoloading on."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
        # The outer run imported the plugin already, so an in-process run cannot rewrite its
        # asserts; pytest warns about that, depending on test order.  Not the test's outcome.
        full = ("-p", "no:cacheprovider", "-p", "pytest_securecookie.plugin",
                "-W", "ignore::pytest.PytestAssertRewriteWarning", *args)
        if subprocess:
            return pytester.runpytest_subprocess(*full)
        return pytester.runpytest(*full)


# -- recorded lines for the pure tests of _enforce and _tally ----------------------------

SECURE = "session=s3cr3tv4lu3; Path=/; Secure; HttpOnly; SameSite=Lax"
BARE = "session=s3cr3tv4lu3; Path=/"
LOGIN = "POST http://localhost/login (flask)"


def Line(  # noqa: N802  (reads as the record it builds)
    line: str,
    source: str = LOGIN,
    framework: str | None = "flask",
    url: str | None = "http://localhost/login",
    date: datetime | None = None,
) -> RecordedLine:
    """A line as the recorder stores it, defaulting to the Flask login."""
    return RecordedLine(line, source, framework, url, date, 0)


def at(line: str, method_url: str, date: datetime | None = None) -> RecordedLine:
    """A line received from another request of the same Flask app: ``at(line, "GET http://...")``."""
    method, url = method_url.split(" ")
    return Line(line, source=f"{method} {url} (flask)", url=url, date=date)


def run_login_test(
    project: pytest.Pytester, test_source: str, *args: str
) -> pytest.RunResult:
    """Write ``test_source`` as ``test_login.py`` in the pytester project and run it."""
    project.makepyfile(test_login=test_source)
    return run_plugin(project, *args)
