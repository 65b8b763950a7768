"""Fix hints that fit the test (issue 10, item 16), from real apps.

Flask: the https hint changes only the scheme, keeping the host, port and app root the test
uses.  aiohttp-session: the hint names the storage that wrote the cookie, with its own
``secure=`` / ``samesite=`` keywords.
"""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import aiohttp_session
import flask
import pytest
import werkzeug.test
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from aiohttp_session.cookie_storage import EncryptedCookieStorage
from aiohttp_session.nacl_storage import NaClCookieStorage

from pytest_securecookie import Finding, InsecureCookieError, assert_secure_cookie

# aiohttp 3.9+ asks libraries for typed request keys; aiohttp-session 2.12 still uses strings.
pytestmark = pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning")

FLASK_HINT = (
    'test over https instead: client.get(..., url_scheme="https") (or, where the test passes '
    "base_url=, its https:// form)"
)
WERKZEUG_HINT = (
    'test over https instead: client.get(..., environ_overrides={"wsgi.url_scheme": "https"})'
)


def findings(response: object, name: str) -> dict[str, str]:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, name)
    found: tuple[Finding, ...] = caught.value.findings
    return {finding.rule: finding.fix for finding in found}


# -- Flask: keep host, port and app root ------------------------------------------------------


def flask_app() -> flask.Flask:
    app = flask.Flask(__name__)
    app.config.update(
        SECRET_KEY="k", SERVER_NAME="www.example.com:8080", APPLICATION_ROOT="/test",
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
    )  # fmt: skip

    @app.get("/")
    def index() -> str:
        flask.session["user"] = "ann"
        return flask.request.url

    return app


def test_the_flask_hint_keeps_host_port_and_app_root() -> None:
    client = flask_app().test_client()
    response = client.get("/")
    assert response.request.url == "http://www.example.com:8080/test/"
    fix = findings(response, "session")["SC001"]
    assert fix == (
        'app.config["SESSION_COOKIE_SECURE"] = True; if Secure is off only so that the http '
        f"test client keeps its session, {FLASK_HINT}")
    # Followed, the hint changes the scheme and nothing else.
    assert client.get("/", url_scheme="https").text == "https://www.example.com:8080/test/"


def test_the_werkzeug_hint_keeps_the_base_url_the_test_passes() -> None:
    client = werkzeug.test.Client(flask_app())
    base: dict[str, Any] = {"base_url": "http://www.example.com:8080/test/"}
    fix = findings(client.get("/", **base), "session")["SC001"]
    assert fix.endswith(WERKZEUG_HINT)
    followed = client.get("/", **base, environ_overrides={"wsgi.url_scheme": "https"})
    assert followed.text == "https://www.example.com:8080/test/"


# -- aiohttp-session: the storage that wrote the cookie ----------------------------------------


async def _login(storage: aiohttp_session.AbstractStorage) -> dict[str, str]:
    async def login(request: web.Request) -> web.Response:
        session = await aiohttp_session.new_session(request)
        session["user"] = "ann"
        return web.Response(text="in")

    app = web.Application()
    aiohttp_session.setup(app, storage)
    app.router.add_post("/login", login)
    async with TestClient(TestServer(app)) as client:
        return findings(await client.post("/login"), "AIOHTTP_SESSION")


def login_with(storage: aiohttp_session.AbstractStorage) -> dict[str, str]:
    return asyncio.run(_login(storage))


KEY = base64.urlsafe_b64decode(b"9ZxvmI5S3uZ4c5z6x7nL1pNqFvJ8wT0yH2kR4mB6dCk=")


@pytest.mark.parametrize(
    ("storage", "call"),
    [
        (lambda: aiohttp_session.SimpleCookieStorage(), "SimpleCookieStorage("),
        (lambda: NaClCookieStorage(KEY), "NaClCookieStorage(secret_key, "),
        (lambda: EncryptedCookieStorage(KEY), "EncryptedCookieStorage(secret_key, "),
    ],
    ids=["simple", "nacl", "encrypted"],
)
def test_the_aiohttp_session_hint_names_the_storage_in_use(storage: Any, call: str) -> None:
    fixes = login_with(storage())
    assert fixes["SC001"].startswith(f"{call}secure=True) (aiohttp-session); ")
    assert fixes["SC003"] == f'{call}samesite="Lax") (aiohttp-session)'


def test_a_server_side_storage_is_told_to_pass_the_keyword_to_its_own_constructor() -> None:
    # A storage whose cookie holds a key (as Redis and Memcached storages write it).
    class KeyStorage(aiohttp_session.AbstractStorage):
        async def load_session(self, request: web.Request) -> aiohttp_session.Session:
            return aiohttp_session.Session(None, data=None, new=True, max_age=self.max_age)

        async def save_session(
            self, request: web.Request, response: web.StreamResponse,
            session: aiohttp_session.Session,
        ) -> None:  # fmt: skip
            self.save_cookie(response, "0123456789abcdef0123456789abcdef")

    fixes = login_with(KeyStorage())
    assert fixes["SC003"] == (
        'the storage passed to aiohttp_session.setup(app, ...) with samesite="Lax" '
        "(aiohttp-session)")
