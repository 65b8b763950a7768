"""assert_cookie_deleted compares the deletion with the cookie as it was set (issue 10, item 14).

A logout that deletes ``session`` with another Path or Domain leaves the session in the
browser.  The cookie as set comes from ``set_with=``, else from what an active recorder saw
earlier, else it is Flask's (and every framework's) default: Path=/, no Domain.
"""

from __future__ import annotations

from typing import Any

import flask
import pytest

from pytest_securecookie import (
    CookieRecorder,
    InsecureCookieError,
    assert_cookie_deleted,
    assert_secure_cookie,
)
from pytest_securecookie.parsing.parser import parse_set_cookie

HTTPS = {"base_url": "https://localhost"}


def make_app(**config: Any) -> flask.Flask:
    app = flask.Flask(__name__)
    app.config.update(SECRET_KEY="k", SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax",
                      **config)

    @app.post("/login")
    def login() -> str:
        flask.session["user"] = "ann"
        return "in"

    @app.post("/logout")
    def logout() -> str:
        flask.session.clear()  # Flask deletes the cookie with the Path and Domain it set
        return "out"

    @app.post("/logout-wrong-path")
    def logout_wrong_path() -> flask.Response:
        response = flask.make_response("out")
        response.delete_cookie("session", path="/account")
        return response

    @app.post("/logout-wrong-domain")
    def logout_wrong_domain() -> flask.Response:
        response = flask.make_response("out")
        response.delete_cookie("session", domain="example.com")
        return response

    @app.post("/logout-legacy-first")
    def logout_legacy_first() -> flask.Response:
        response = flask.make_response("out")
        response.delete_cookie("session", path="/legacy")
        response.delete_cookie("session", path="/")
        return response

    @app.post("/logout-legacy-last")
    def logout_legacy_last() -> flask.Response:
        response = flask.make_response("out")
        response.delete_cookie("session", path="/")
        response.delete_cookie("session", path="/legacy")
        return response

    return app


def failure(response: object, **kwargs: Any) -> str:
    with pytest.raises(InsecureCookieError) as caught:
        assert_cookie_deleted(response, "session", **kwargs)
    assert {f.rule for f in caught.value.findings} == {"SC014"}
    return str(caught.value)


# -- nothing recorded, no set_with=: the framework default (Path=/, no Domain) -----------------


def test_a_logout_deleting_with_another_path_fails() -> None:
    client = make_app().test_client()
    client.post("/login", **HTTPS)
    message = failure(client.post("/logout-wrong-path", **HTTPS))
    assert "'session' is deleted with Path=/account but was set with Path=/" in message
    assert message.endswith(
        "  (compared with 'session' set with Path=/ and no Domain, the framework default: no "
        "earlier response that set it was recorded; pass set_with=<the response that set it>)\n"
        "docs: https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc014")


def test_a_logout_deleting_with_a_domain_the_session_lacked_fails() -> None:
    client = make_app().test_client()
    client.post("/login", **HTTPS)
    message = failure(client.post("/logout-wrong-domain", **HTTPS))
    assert ("'session' is deleted with Domain=example.com but was set with no Domain "
            "(host-only)") in message


def test_the_framework_logout_passes() -> None:
    client = make_app().test_client()
    client.post("/login", **HTTPS)
    assert_cookie_deleted(client.post("/logout", **HTTPS), "session")


# -- set_with=: the login response, or the SetCookie ------------------------------------------


def test_set_with_the_login_response_compares_with_its_path() -> None:
    client = make_app(SESSION_COOKIE_PATH="/app").test_client()
    login = client.post("/login", **HTTPS)
    assert_cookie_deleted(client.post("/logout", **HTTPS), "session", set_with=login)
    message = failure(client.post("/logout-wrong-path", **HTTPS), set_with=login)
    assert "'session' is deleted with Path=/account but was set with Path=/app" in message
    assert "framework default" not in message


def test_set_with_the_setcookie_assert_secure_cookie_returned() -> None:
    client = make_app(SESSION_COOKIE_PATH="/app").test_client()
    cookie = assert_secure_cookie(client.post("/login", **HTTPS), "session")
    assert_cookie_deleted(client.post("/logout", **HTTPS), "session", set_with=cookie)
    failure(client.post("/logout-wrong-domain", **HTTPS), set_with=cookie)


def test_without_set_with_a_cookie_set_elsewhere_than_the_default_is_assumed_at_path_root() -> None:
    client = make_app(SESSION_COOKIE_PATH="/app").test_client()
    client.post("/login", **HTTPS)
    message = failure(client.post("/logout", **HTTPS))
    assert "'session' is deleted with Path=/app but was set with Path=/" in message
    assert "pass set_with=<the response that set it>" in message


def test_set_with_a_response_that_does_not_set_the_cookie_is_refused() -> None:
    client = make_app().test_client()
    logout = client.post("/logout-wrong-path", **HTTPS)
    with pytest.raises(ValueError, match="set_with= sets no cookie 'session'"):
        assert_cookie_deleted(logout, "session", set_with=client.post("/logout", **HTTPS))
    with pytest.raises(ValueError, match="set_with= sets no cookie 'session'"):
        assert_cookie_deleted(logout, "session", set_with=parse_set_cookie("other=1"))


# -- recorded: the earlier responses an active recorder saw ------------------------------------


def test_a_recorder_tells_how_the_cookie_was_set() -> None:
    client = make_app(SESSION_COOKIE_PATH="/app").test_client()
    with CookieRecorder():
        client.post("/login", **HTTPS)
        assert_cookie_deleted(client.post("/logout", **HTTPS), "session")
        message = failure(client.post("/logout-wrong-path", **HTTPS))
    assert "'session' is deleted with Path=/account but was set with Path=/app" in message
    assert "framework default" not in message


def test_a_recorded_deletion_before_the_asserted_logout_is_not_the_cookie_as_set() -> None:
    client = make_app(SESSION_COOKIE_PATH="/app").test_client()
    with CookieRecorder():
        client.post("/login", **HTTPS)
        logout = client.post("/logout", **HTTPS)
        client.post("/login", **HTTPS)  # a later response: not before the asserted logout
    # The recorder was exited: nothing recorded is consulted, the default is assumed.
    failure(logout)
    with CookieRecorder():
        client.post("/login", **HTTPS)
        logout = client.post("/logout", **HTTPS)
        client.post("/login", **HTTPS)
        assert_cookie_deleted(logout, "session")


@pytest.mark.parametrize("logout", ["/logout-legacy-first", "/logout-legacy-last"])
def test_a_logout_clearing_an_old_path_too_passes_in_either_order(logout: str) -> None:
    client = make_app().test_client()
    with CookieRecorder():
        client.post("/login", **HTTPS)
        assert_cookie_deleted(client.post(logout, **HTTPS), "session")
    client.post("/login", **HTTPS)
    assert_cookie_deleted(client.post(logout, **HTTPS), "session")  # the default: Path=/
