"""judging.exposure (SC019) on what a recorder kept of a real Flask app's responses: which
tokens are searched, in which forms, and what the finding says (never the value)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import flask
import pytest

from pytest_securecookie import CookiePolicy
from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.judging.exposure import MIN_TOKEN_CHARS
from pytest_securecookie.judging.recorded import Verdict, judge

TOKEN = "Zq9/exposed+token=4f1c-77a0"  # percent-encoding changes it: "/", "+", "="
HARDENED: dict[str, Any] = {"secure": True, "httponly": True, "samesite": "Lax"}
NAMES = ("sessionid", "sid", "auth_token", "access_token", "refresh_token", "jwt")


def _app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.redirect(f"/next?sid={quote(TOKEN, safe='')}")
        response.set_cookie("session", TOKEN, **HARDENED)
        return response

    @app.get("/form")
    def form() -> flask.Response:  # a CSRF token belongs in the page
        csrf = "csrf-" + "x" * 30
        response = flask.make_response(f'<input name="csrf" value="{csrf}">')
        response.set_cookie("csrftoken", csrf, secure=True, samesite="Lax")
        return response

    @app.get("/users/<path:user>/me")
    def me(user: str) -> str:
        return f"token {TOKEN}"

    @app.get("/short")
    def short() -> flask.Response:
        value = "s" * (MIN_TOKEN_CHARS - 1)
        response = flask.make_response(value)
        response.set_cookie("session", value, **HARDENED)
        return response

    @app.get("/many")
    def many() -> flask.Response:  # more forms than ``in`` handles: one regex
        response = flask.make_response(" ".join(f"{name}/{TOKEN}" for name in NAMES))
        for name in NAMES:
            response.set_cookie(name, f"{name}/{TOKEN}", **HARDENED)
        return response

    return app


def verdict(*paths: str, policy: CookiePolicy | None = None, read: bool = True) -> Verdict:
    client = _app().test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        for path in paths:
            response = client.post(path) if path == "/login" else client.get(path)
            if read:
                response.get_data()
    return judge(recorder.lines, policy or CookiePolicy(), seen=recorder.seen)


def sc019(judged: Verdict) -> list[str]:
    return [f.problem for line in judged.lines for f in line.findings if f.rule == "SC019"]


def test_the_percent_encoded_token_in_a_location_url_is_found() -> None:
    assert sc019(verdict("/login", read=False)) == [
        "'session' is sent outside Set-Cookie: in the Location header of "
        "POST http://localhost/login (flask)"
    ]


def test_a_body_read_by_the_test_counts_too() -> None:
    # werkzeug's redirect page links to the URL: the body repeats the token, HTML-escaped.
    assert sc019(verdict("/login")) == [
        "'session' is sent outside Set-Cookie: in the Location header of "
        "POST http://localhost/login (flask); in the body of POST http://localhost/login (flask)"
    ]


def test_csrf_tokens_short_values_and_ignored_rules_are_not_searched() -> None:
    assert sc019(verdict("/form", "/short")) == []
    assert sc019(verdict("/login", policy=CookiePolicy(ignore_rules=("SC019",)))) == []


def test_the_request_is_shown_without_any_value_of_the_test() -> None:
    csrf = "csrf-" + "x" * 30
    problems = sc019(verdict("/form", "/login", f"/users/{csrf}/me"))
    assert problems[0].endswith(
        "in the body of GET http://localhost/users/<redacted>/me (flask)"
    )


def test_without_kept_responses_nothing_is_searched() -> None:
    client = _app().test_client()
    with CookieRecorder() as recorder:
        client.post("/login")
    assert recorder.seen == []
    assert sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen)) == []


def test_many_tokens_are_searched_in_one_pass_and_each_is_named() -> None:
    problems = sc019(verdict("/many"))
    assert problems == [
        f"'{name}' is sent outside Set-Cookie: in the body of GET http://localhost/many (flask)"
        for name in NAMES
    ]
    assert all(TOKEN not in problem for problem in problems)


def test_a_kept_response_never_shows_its_content() -> None:
    client = _app().test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        client.post("/login")
    assert repr(recorder.seen) == "[SeenResponse(response=0, content=WrapperTestResponse)]"


@pytest.mark.parametrize("places", [4, 5])
def test_more_places_than_shown_are_counted(places: int) -> None:
    client = _app().test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        for _ in range(places):
            client.post("/login")
    problems = sc019(judge(recorder.lines, CookiePolicy(), seen=recorder.seen))
    more = places - 3
    assert problems[0].endswith(f"; and {more} more place{'s' if more > 1 else ''}")
    assert problems[0].count("in the Location header") == 3
