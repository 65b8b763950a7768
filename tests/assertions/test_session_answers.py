"""What counts as the app refusing the old session, and which cookies are the session, with
real Flask apps: a redirect to the page's own address, a missing or crashing page prove
nothing (``ValueError``); a session split over companion cookies is replayed whole; every
auth-like cookie from before a login must be renewed."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from fnmatch import fnmatch
from typing import Any

import flask
import pytest
from litestar import Litestar, Request, get, post
from litestar.middleware.session.client_side import CookieBackendConfig
from litestar.response import Redirect
from litestar.testing import TestClient

from pytest_securecookie import InsecureCookieError, assert_session_ended, assert_session_rotated

VALID: set[str] = set()  # the server-side sessions: a logout that forgets to remove one


def _accounts() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        token = secrets.token_hex(16)
        VALID.add(token)
        response = flask.make_response("in")
        response.set_cookie("sessionid", token, secure=True, httponly=True, samesite="Lax")
        return response

    @app.get("/account/")
    def account() -> object:
        known = flask.request.cookies.get("sessionid") in VALID
        return "hello" if known else flask.redirect("/login")

    @app.get("/secure-only")
    def secure_only() -> object:
        if flask.request.scheme == "http":
            return flask.redirect(flask.request.url.replace("http://", "https://", 1))
        return account()

    @app.get("/crash")
    def crash() -> object:
        return flask.abort(500)

    return app


@pytest.mark.parametrize(("url", "moved"), [
    ("/account", "http://localhost/account/"),  # Flask's strict slashes: a 308
    ("/secure-only", "https://localhost/secure-only"),
])
def test_a_redirect_to_the_page_itself_is_no_refusal(url: str, moved: str) -> None:
    client = _accounts().test_client()
    login = client.post("/login")  # the session stays valid: no logout
    with pytest.raises(ValueError) as failed:
        assert_session_ended(client, login, url)
    assert str(failed.value) == f"`url` redirects to {moved}; pass the final URL"


def test_a_redirect_elsewhere_still_refuses() -> None:
    client = _accounts().test_client()
    login = client.post("/login")
    VALID.clear()  # the logout removed the session
    assert_session_ended(client, login, "/account/")


@pytest.mark.parametrize(("url", "status"), [("/acount", 404), ("/crash", 500)])
def test_a_missing_or_crashing_page_is_the_callers_mistake(url: str, status: int) -> None:
    client = _accounts().test_client()
    login = client.post("/login")
    with pytest.raises(ValueError) as failed:
        assert_session_ended(client, login, url)
    assert str(failed.value) == (
        f"`url` must be a page that answers 200 when logged in: {url} answered {status}")


def _sign(value: str) -> str:
    return hmac.new(b"tests-only", value.encode(), hashlib.sha1).hexdigest()


def _signed_sessions() -> flask.Flask:
    """Express cookie-session's shape: the session in ``session``, its signature beside it."""
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("in")
        value = "eyJ1c2VyIjoiYWxpY2UifQ=="
        for name, text in (("session", value), ("session.sig", _sign(value))):
            response.set_cookie(name, text, secure=True, httponly=True, samesite="Lax")
        return response

    @app.get("/account")
    def account() -> object:
        value, signature = (flask.request.cookies.get(n, "") for n in ("session", "session.sig"))
        signed = bool(value) and hmac.compare_digest(_sign(value), signature)
        return "hello" if signed else flask.redirect("/login")

    return app


def test_a_signed_session_is_replayed_with_its_signature() -> None:
    client = _signed_sessions().test_client()
    login = client.post("/login")  # the logout ends nothing: the cookie alone signs the session
    with pytest.raises(InsecureCookieError) as failed:
        assert_session_ended(client, login, "/account")
    assert str(failed.value).splitlines()[0].startswith(
        "the app still accepts session cookie 'session' from before the logout (SC021): "
        "GET http://localhost/account (flask) with only that cookie and 'session.sig' answered 200")


def _two_sessions() -> flask.Flask:
    """A login that renews the remember-me token but keeps the session id from before it."""
    app = flask.Flask(__name__)

    @app.get("/start")
    def start() -> flask.Response:
        response = flask.make_response("cart")
        for name in ("sessionid", "auth_token"):
            response.set_cookie(name, secrets.token_hex(16), secure=True, httponly=True)
        return response

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("in")
        response.set_cookie("auth_token", secrets.token_hex(16), secure=True, httponly=True)
        return response

    return app


def test_every_session_cookie_from_before_the_login_must_be_renewed() -> None:
    client = _two_sessions().test_client()
    before = client.get("/start")
    with pytest.raises(InsecureCookieError) as failed:
        assert_session_rotated(before, client.post("/login"))
    assert str(failed.value).splitlines()[0] == (
        "the login did not renew session cookie 'sessionid' (SC020): POST http://localhost/login "
        "(flask) does not set it anew: the session from before the login goes on")


def _chunked_sessions() -> Litestar:
    """Litestar's client-side session: over 4 KB it is split into ``session-0``, ``session-1``
    ...; the logout ends nothing (the cookies alone carry the session)."""
    config = CookieBackendConfig(secret=secrets.token_bytes(16), key="session", secure=True)

    @post("/login")
    async def login(request: Request[Any, Any, Any]) -> str:
        request.set_session({"user": "alice", "preferences": secrets.token_hex(3000)})
        return "in"

    @get("/account")
    async def account(request: Request[Any, Any, Any]) -> str | Redirect:
        return "hello" if request.session.get("user") else Redirect("/login")

    return Litestar([login, account], middleware=[config.middleware])


def test_a_chunked_session_is_replayed_whole() -> None:
    with TestClient(_chunked_sessions(), base_url="https://testserver.local") as client:
        login = client.post("/login")
        with pytest.raises(InsecureCookieError) as failed:
            assert_session_ended(client, login, "/account")
    assert fnmatch(str(failed.value).splitlines()[0], (
        "the app still accepts session cookie 'session-0' from before the logout (SC021): "
        "GET https://testserver.local/account (*) with only that cookie and 'session-1', "
        "'session-2' answered 200, *"))


def test_refused_can_say_that_a_404_refuses() -> None:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("in")
        response.set_cookie("sessionid", secrets.token_hex(16), secure=True, httponly=True)
        return response

    @app.get("/account")
    def account() -> object:
        return flask.abort(404)  # the app hides the page from whoever is not logged in

    client = app.test_client()
    logged_in = client.post("/login")
    assert_session_ended(client, logged_in, "/account", refused=lambda r: r.status_code == 404)
