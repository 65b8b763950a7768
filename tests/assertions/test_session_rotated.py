"""assert_session_rotated against real apps with server-side sessions (Flask with a session-id
store, Starlette with the same store): a login that gives the session a new id passes, one that
logs in on the id from before fails (session fixation); the session cookie is found by the
policy and the app's own names, and a ``before`` without one is an error, not a pass."""

from __future__ import annotations

import pytest

from pytest_securecookie import (
    CookiePolicy,
    InsecureCookieError,
    SetCookie,
    assert_session_rotated,
    set_cookies,
)
from tests._session_apps import COOKIE, Sessions, flask_app, starlette_app

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

WHY_AND_FIX = [
    "  SC020: whoever planted or learned the session id before the login (a link, a shared "
    "computer, a subdomain) is logged in as the user: session fixation",
    "  fix: give the session a new id when the user logs in: Django's login() does "
    "(cycle_key()); Flask-Session: app.session_interface.regenerate(session); aiohttp-session: "
    "new_session(); a store of your own: move the data to a new id and delete the old one",
    "docs: https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc020",
]


def _value(response: object, name: str = COOKIE) -> str:
    return [c.value for c in set_cookies(response) if c.name == name][-1]


def test_a_flask_login_with_a_new_session_id_passes() -> None:
    client = flask_app(Sessions(rotate=True)).test_client()
    before = client.get("/start")
    after = client.post("/login")
    new = assert_session_rotated(before, after)
    assert (new.name, new.value) == (COOKIE, _value(after))
    assert new.value != _value(before)


def test_a_flask_login_on_the_session_id_from_before_fails() -> None:
    client = flask_app(Sessions(rotate=False)).test_client()
    before = client.get("/start")
    with pytest.raises(InsecureCookieError) as failed:
        assert_session_rotated(before, client.post("/login"))
    assert str(failed.value).splitlines() == [
        f"the login did not renew session cookie '{COOKIE}' (SC020): POST "
        "http://localhost/login (flask) sets it to the same value as before the login",
        *WHY_AND_FIX,
    ]
    assert [f.rule for f in failed.value.findings] == ["SC020"]
    assert _value(before) not in str(failed.value)


@pytest.mark.parametrize(("rotate", "passes"), [(True, True), (False, False)])
def test_the_redirect_hops_of_the_login_count(rotate: bool, passes: bool) -> None:
    client = flask_app(Sessions(rotate=rotate)).test_client()
    before = client.get("/start")
    after = client.post("/login-redirect", follow_redirects=True)
    assert after.history  # the hop that set the cookie
    if passes:
        assert assert_session_rotated(before, after).value == _value(after)
    else:
        with pytest.raises(InsecureCookieError, match="POST http://localhost/login-redirect"):
            assert_session_rotated(before, after)


def test_the_apps_own_session_cookie_name_is_found() -> None:
    app = flask_app(Sessions(rotate=False), cookie="mysite")  # no built-in name matches it
    client = app.test_client()
    before = client.get("/start")
    with pytest.raises(InsecureCookieError, match="session cookie 'mysite'"):
        assert_session_rotated(before, client.post("/login"))


@pytest.mark.parametrize(("rotate", "passes"), [(True, True), (False, False)])
def test_starlette(rotate: bool, passes: bool) -> None:
    from starlette.testclient import TestClient

    with TestClient(starlette_app(Sessions(rotate=rotate))) as client:
        before = client.get("/start")
        [held] = set_cookies(before)  # a SetCookie is a `before` too
        after = client.post("/login")
        if passes:
            assert assert_session_rotated(held, after).name == COOKIE
        else:
            with pytest.raises(InsecureCookieError, match=r"\(starlette\) sets it to the same"):
                assert_session_rotated(held, after)


def test_a_login_that_sets_no_session_cookie_fails() -> None:
    before = "session_id=4f9a0c1e6b2d8a7f3c5e9b1d0a2f4c6e; Path=/; HttpOnly"
    with pytest.raises(InsecureCookieError) as failed:
        assert_session_rotated(before, ["csrftoken=abc; Path=/"])
    assert str(failed.value).splitlines()[0] == (
        "the login did not renew session cookie 'session_id' (SC020): the login response does "
        "not set it anew: the session from before the login goes on")


def test_a_login_that_deletes_the_session_cookie_fails() -> None:
    before = SetCookie("session_id", "4f9a0c1e6b2d8a7f3c5e9b1d0a2f4c6e")
    with pytest.raises(InsecureCookieError, match="deletes it and sets no new one"):
        assert_session_rotated(before, ["session_id=; Max-Age=0; Path=/"])


PLANT = (
    "  rotation can only be proven for a session the client held before logging in: pass the "
    "response of a request that starts one (a page that writes to the session, as a cart or a "
    "language choice does), or its SetCookie; if the app starts no session before the login, "
    "there is none to fix"
)


def test_a_before_without_a_session_cookie_is_an_error_not_a_pass() -> None:
    client = flask_app(Sessions()).test_client()
    before = client.get("/private")  # sets nothing: there is nothing to compare
    with pytest.raises(ValueError) as failed:
        assert_session_rotated(before, client.post("/login"))
    assert str(failed.value).splitlines() == [
        "`before` holds no auth-like cookie: nothing to compare; it sets no cookies at all", PLANT]
    with pytest.raises(ValueError) as failed:
        assert_session_rotated(["lang=en"], ["session_id=x"], "session_id")
    assert str(failed.value).splitlines() == [
        "`before` holds no cookie 'session_id'; it sets: 'lang'", PLANT]
    with pytest.raises(ValueError) as failed:
        assert_session_rotated(["lang=en"], ["session_id=x"])
    assert str(failed.value).splitlines()[0] == (
        "`before` holds no auth-like cookie: nothing to compare; it sets: 'lang'; to check one "
        "of them anyway, pass name='<cookie>'")


def test_several_session_cookies_must_all_be_renewed_unless_one_is_named() -> None:
    before = ["session_id=old1", "remember_token=old2"]
    renewed = assert_session_rotated(before, ["session_id=new1", "remember_token=new2"])
    assert renewed.name == "session_id"
    with pytest.raises(InsecureCookieError) as failed:
        assert_session_rotated(before, ["lang=en"])
    assert str(failed.value).splitlines()[0] == (
        "the login did not renew session cookies 'session_id', 'remember_token' (SC020): "
        "'session_id': the login response does not set it anew: the session from before the "
        "login goes on; 'remember_token': the login response does not set it anew: the session "
        "from before the login goes on")
    assert assert_session_rotated(before, ["remember_token=new"], "remember_token").value == "new"


def test_the_policy_decides_what_is_a_session_cookie() -> None:
    policy = CookiePolicy(auth_names=("mysite",))
    assert assert_session_rotated(["mysite=a"], ["mysite=b"], policy=policy).value == "b"
