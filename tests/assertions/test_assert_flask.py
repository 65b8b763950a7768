"""assert_secure_cookie / assert_cookie_deleted against a real Flask app and its test client."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import flask
import pytest
from flask.testing import FlaskClient

from pytest_securecookie import (
    CookiePolicy,
    InsecureCookieError,
    SetCookie,
    assert_cookie_deleted,
    assert_secure_cookie,
)

SECRET = "planted-Secret-4f1c9a"


def make_app(**config: object) -> flask.Flask:
    app = flask.Flask(__name__)
    app.secret_key = "test-only"
    app.config.update(config)

    @app.get("/login")
    def login() -> str:
        flask.session["user"] = "alice"
        return "ok"

    @app.get("/logout")
    def logout() -> str:
        flask.session.clear()
        return "bye"

    @app.get("/set/<name>")
    def set_cookie(name: str) -> flask.Response:
        response = flask.make_response("x")
        args = flask.request.args
        response.set_cookie(
            name, SECRET, secure=args.get("secure") == "1", httponly=args.get("httponly") == "1",
            samesite=args.get("samesite"),
        )
        return response

    @app.get("/raw")
    def raw() -> flask.Response:
        response = flask.make_response("x")
        for line in flask.request.args.getlist("line"):
            response.headers.add("Set-Cookie", line)
        return response

    return app


@pytest.fixture
def client() -> FlaskClient:
    return make_app().test_client()


def raw_response(client: FlaskClient, *lines: str) -> object:
    return client.get("/raw", query_string=[("line", line) for line in lines])


def failure(response: object, *args: object, **kwargs: object) -> InsecureCookieError:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(response, *args, **kwargs)  # type: ignore[call-overload]
    return caught.value


def test_flask_default_session_cookie_lacks_secure_and_samesite(client: FlaskClient) -> None:
    error = failure(client.get("/login"))
    assert [f.rule for f in error.findings] == ["SC001", "SC003"]
    assert error.cookie_name == "session"
    lines = str(error).splitlines()
    assert lines[0] == (
        "cookie 'session' set by GET http://localhost/login (flask) is insecure: 2 problems"
    )
    assert lines[1].startswith("  Set-Cookie: session=<redacted ")
    assert lines[1].endswith(" chars>; HttpOnly; Path=/")
    assert lines[2].startswith("  SC001 'session' has no Secure attribute: ")
    assert lines[3].startswith('    fix: app.config["SESSION_COOKIE_SECURE"] = True')
    assert 'client.get(..., url_scheme="https")' in lines[3]
    assert lines[4].startswith("  SC003 'session' has no SameSite attribute: ")
    assert lines[5] == '    fix: app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'


def test_hardened_flask_session_passes_and_is_returned() -> None:
    client = make_app(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax").test_client()
    response = client.get("/login")
    cookie = assert_secure_cookie(response, "session")
    assert isinstance(cookie, SetCookie)
    assert (cookie.name, cookie.secure, cookie.httponly, cookie.samesite) == (
        "session", True, True, "Lax"
    )
    assert [c.name for c in assert_secure_cookie(response)] == ["session"]


def test_strict_asks_for_exactly_strict() -> None:
    client = make_app(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax").test_client()
    error = failure(client.get("/login"), "session", samesite="Strict")
    assert [f.rule for f in error.findings] == ["SC006"]
    assert '    fix: app.config["SESSION_COOKIE_SAMESITE"] = "Strict"' in str(error).splitlines()


def test_keywords_waive_requirements(client: FlaskClient) -> None:
    response = client.get("/login")
    cookie = assert_secure_cookie(response, "session", secure=False, samesite=None)
    assert cookie.httponly
    assert [f.rule for f in failure(response, "session", secure=False).findings] == ["SC003"]


def test_a_policy_passed_in_applies_where_keywords_keep_their_defaults(client: FlaskClient) -> None:
    lenient = CookiePolicy(require_secure=False, samesite=())
    assert assert_secure_cookie(client.get("/login"), policy=lenient)[0].name == "session"
    strict = CookiePolicy(samesite=("Strict",), ignore_rules=("SC001",))
    response = client.get("/set/sid", query_string={"secure": "0", "httponly": "1",
                                                      "samesite": "Lax"})
    assert [f.rule for f in failure(response, policy=strict).findings] == ["SC006"]


def test_named_cookie_absent_lists_the_names_set_and_no_values(client: FlaskClient) -> None:
    error = failure(client.get("/set/theme", query_string={"secure": "1"}), "session")
    assert str(error) == "response sets no cookie 'session'; it sets: 'theme'"
    assert error.findings == ()
    nothing = failure(client.get("/logout"), "session")
    assert "response deletes cookie 'session' instead of setting it:" in str(nothing)


def test_a_near_miss_name_is_suggested(client: FlaskClient) -> None:
    response = raw_response(client, f"session_id={SECRET}; Secure", f"theme={SECRET}")
    error = failure(response, "sessionid")
    assert str(error) == (
        "response sets no cookie 'sessionid'; it sets: 'session_id', 'theme'; "
        "did you mean 'session_id'?"
    )
    assert str(failure(response, "Theme")).endswith("; did you mean 'theme'?")


def test_a_named_cookie_is_judged_whatever_its_classification(client: FlaskClient) -> None:
    error = failure(client.get("/set/theme"), "theme")
    assert [f.rule for f in error.findings] == ["SC001", "SC002", "SC003"]
    assert SECRET not in str(error)


def test_without_name_no_auth_cookie_fails_listing_classifications(client: FlaskClient) -> None:
    error = failure(client.get("/set/theme"))
    assert str(error).splitlines() == [
        "response sets no auth-like or CSRF cookie to check; it sets:",
        "  - 'theme': name and value look like no auth or CSRF cookie",
        "  to check one anyway, pass its name: assert_secure_cookie(response, '<name>')",
    ]


def test_csrf_cookies_are_checked_with_httponly_waived(client: FlaskClient) -> None:
    response = client.get("/set/csrftoken", query_string={"secure": "1", "samesite": "Lax"})
    assert [c.name for c in assert_secure_cookie(response)] == ["csrftoken"]
    insecure = client.get("/set/csrftoken", query_string={"samesite": "Strict"})
    assert [f.rule for f in failure(insecure).findings] == ["SC001"]


def test_every_line_setting_the_name_is_judged(client: FlaskClient) -> None:
    good = f"session={SECRET}; Secure; HttpOnly; SameSite=Lax; Path=/"
    bad = f"session={SECRET}; Path=/api"
    error = failure(raw_response(client, good, bad), "session")
    assert [f.rule for f in error.findings] == ["SC001", "SC002", "SC003"]
    assert "  Set-Cookie: session=<redacted 21 chars>; Path=/api" in str(error).splitlines()
    both_bad = failure(raw_response(client, bad, bad), "session")
    assert str(both_bad).splitlines()[0] == (
        "cookie 'session' is set 2 times and is insecure:"
    )


def test_a_line_browsers_ignore_is_reported_as_sc011(client: FlaskClient) -> None:
    huge = "session=" + "x" * 5000 + "; Secure; HttpOnly; SameSite=Lax"
    error = failure(raw_response(client, huge), "session")
    assert [f.rule for f in error.findings] == ["SC011"]
    assert str(error).splitlines()[2] == (
        "  SC011 browsers ignore this Set-Cookie line: name and value together are 5007 "
        "octets, over the 4096 browsers accept; browsers drop the whole line, so the cookie "
        "is never set"
    )


def test_deletions_do_not_count_as_auth_cookies(client: FlaskClient) -> None:
    error = failure(client.get("/logout"))
    assert "  - 'session': name matches 'session' (a deletion: not checked)" in str(error)


def test_flask_logout_deletes_the_session(client: FlaskClient) -> None:
    client.get("/login")
    assert_cookie_deleted(client.get("/logout"), "session")


def test_a_cookie_that_is_set_is_not_deleted(client: FlaskClient) -> None:
    with pytest.raises(InsecureCookieError) as caught:
        assert_cookie_deleted(client.get("/login"), "session")
    lines = str(caught.value).splitlines()
    assert lines[0] == "response sets cookie 'session' but does not delete it:"
    assert lines[2].startswith("  a deletion needs Max-Age=0 or an Expires date in the past")
    with pytest.raises(InsecureCookieError, match="it sets no cookie of that name; it sets: "
                       "'session'"):
        assert_cookie_deleted(client.get("/login"), "remember_token")


def test_a_host_prefixed_deletion_without_secure_is_not_honoured(client: FlaskClient) -> None:
    response = raw_response(client, "__Host-sid=; Max-Age=0; Path=/")
    with pytest.raises(InsecureCookieError) as caught:
        assert_cookie_deleted(response, "__Host-sid")
    assert [f.rule for f in caught.value.findings] == ["SC014"]
    assert str(caught.value).splitlines()[0] == (
        "cookie '__Host-sid' set by GET http://localhost/raw (flask) is a deletion browsers "
        "will not honour: 1 problem"
    )
    honoured = raw_response(client, "__Host-sid=; Max-Age=0; Path=/; Secure")
    assert_cookie_deleted(honoured, "__Host-sid")


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"samesite": "Strictt"}, ValueError, "samesite='Strictt' is not a SameSite value; use "
         "'Strict', 'Lax', 'None', a tuple of them, or None to waive it"),
        ({"samesite": 1}, TypeError, "samesite= accepts"),
        ({"secure": "yes"}, TypeError, "secure= must be True or False, got str 'yes'"),
        ({"httponly": None}, TypeError, "httponly= must be True or False"),
        ({"policy": {"samesite": "Lax"}}, TypeError, "policy= must be a CookiePolicy or None"),
        ({"name": 3}, TypeError, "name= must be a cookie name (str), got int"),
        ({"name": ""}, ValueError, "name= must not be empty"),
    ],
)
def test_bad_arguments_say_what_is_accepted(
    client: FlaskClient, kwargs: dict[str, object], error: type[Exception], text: str
) -> None:
    with pytest.raises(error) as caught:
        assert_secure_cookie(client.get("/login"), **kwargs)  # type: ignore[call-overload]
    assert text in str(caught.value)


def test_an_unreadable_response_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        assert_secure_cookie(42)


def test_redirect_hops_are_judged_with_their_own_source() -> None:
    app = make_app()

    @app.get("/go")
    def go() -> flask.Response:
        response = flask.make_response(flask.redirect("/set/theme"))
        response.set_cookie("sid", SECRET)
        return response

    error = failure(app.test_client().get("/go", follow_redirects=True), "sid")
    assert str(error).splitlines()[0].startswith(
        "cookie 'sid' set by GET http://localhost/go (flask) is insecure"
    )


def test_lines_joined_with_commas_are_refused_rather_than_half_judged(client: FlaskClient) -> None:
    good = f"session={SECRET}; Secure; HttpOnly; SameSite=Lax; Path=/"
    joined = f"{good}, remember_token={SECRET}; Path=/"  # what headers["Set-Cookie"] gives
    with pytest.raises(ValueError) as caught:
        assert_secure_cookie(joined)
    assert str(caught.value).splitlines() == [
        "this looks like several Set-Cookie lines joined with ', ': session=<redacted 21 chars>;"
        " Secure; HttpOnly; SameSite=Lax; Path=/, remember_token=<redacted 21 chars>; Path=/",
        "  pass the response itself (or set_cookie_headers(response)) so each line is judged",
    ]
    with pytest.raises(ValueError, match="joined with"):
        assert_cookie_deleted([joined], "session")
    in_a_month = format_datetime(datetime.now(timezone.utc) + timedelta(days=30), usegmt=True)
    expires = f"sid=v; Expires={in_a_month}; Secure; HttpOnly; SameSite=Lax"  # has ", "
    assert assert_secure_cookie(expires, "sid").expires is not None


def test_a_deletion_undone_by_a_later_line_is_no_deletion(client: FlaskClient) -> None:
    # Browsers apply Set-Cookie lines in order: the cookie set after its deletion stays.
    response = raw_response(client, "remember_token=; Max-Age=0; Path=/",
                            f"remember_token={SECRET}; Path=/; HttpOnly")
    with pytest.raises(InsecureCookieError) as caught:
        assert_cookie_deleted(response, "remember_token")
    assert str(caught.value).splitlines()[0] == (
        "response deletes cookie 'remember_token' and then sets it again:"
    )
    assert SECRET not in str(caught.value)
    elsewhere = raw_response(client, "remember_token=; Max-Age=0; Path=/",
                             f"remember_token={SECRET}; Path=/app")
    assert_cookie_deleted(elsewhere, "remember_token")  # another cookie: the path differs
    # No Path: the default-path of /raw is "/", the same cookie as Path=/.
    implicit = raw_response(client, "remember_token=; Max-Age=0",
                            f"remember_token={SECRET}; Path=/")
    with pytest.raises(InsecureCookieError, match="and then sets it again"):
        assert_cookie_deleted(implicit, "remember_token")


def test_a_flask_logout_whose_session_is_saved_after_the_deletion_is_caught() -> None:
    # The view deletes the cookie but flash() modified the session, so Flask saves it
    # afterwards: a second line re-sets the cookie, still holding the user.
    app = make_app()

    @app.get("/logout-flash")
    def logout_flash() -> flask.Response:
        flask.flash("logged out")
        response = flask.make_response("bye")
        response.delete_cookie("session")
        return response

    client = app.test_client()
    client.get("/login")
    with pytest.raises(InsecureCookieError, match="deletes cookie 'session' and then sets it"):
        assert_cookie_deleted(client.get("/logout-flash"), "session")


def test_samesite_passed_explicitly_overrides_the_policy_even_when_it_equals_the_default(
    client: FlaskClient,
) -> None:
    # The fixture binds the ini policy (say Strict only); a call's samesite=("Lax", "Strict")
    # must apply to that call, like any other value.
    response = raw_response(client, f"sessionid={SECRET}; Secure; HttpOnly; SameSite=Lax")
    strict = CookiePolicy(samesite=("Strict",))
    with pytest.raises(InsecureCookieError, match="SC006"):
        assert_secure_cookie(response, "sessionid", policy=strict)
    assert_secure_cookie(response, "sessionid", samesite=("Lax", "Strict"), policy=strict)
    assert_secure_cookie(response, "sessionid", samesite=["Strict", "Lax"], policy=strict)


def test_httponly_false_waives_httponly_for_csrf_cookies_too(client: FlaskClient) -> None:
    response = raw_response(client, f"csrftoken={SECRET}; Secure; SameSite=Lax")
    strict_csrf = CookiePolicy(csrf_httponly=True)
    with pytest.raises(InsecureCookieError, match="SC002"):
        assert_secure_cookie(response, "csrftoken", policy=strict_csrf)
    assert_secure_cookie(response, "csrftoken", httponly=False, policy=strict_csrf)
