"""A logout judged against the cookie each deletion can match (issue 10, item 13).

A logout that first clears the cookie under an old path and then deletes the live one leaves
the browser without the session: no SC014, whatever the order of its lines.
"""

from __future__ import annotations

import flask

from pytest_securecookie import CookiePolicy, CookieRecorder
from pytest_securecookie.judging.recorded import Verdict, judge

HARDENED = {"secure": True, "httponly": True, "samesite": "Lax"}


def make_app(*paths: str) -> flask.Flask:
    """Login sets ``session`` at Path=/; logout deletes it at each of ``paths``, in order."""
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("in")
        response.set_cookie("session", "s3cr3t-v4lue", **HARDENED)  # type: ignore[arg-type]
        return response

    @app.post("/logout")
    def logout() -> flask.Response:
        response = flask.make_response("out")
        for path in paths:
            response.delete_cookie("session", path=path)
        return response

    return app


def logged_out(*paths: str) -> Verdict:
    client = make_app(*paths).test_client()
    with CookieRecorder() as recorder:
        client.post("/login", base_url="https://localhost")
        client.post("/logout", base_url="https://localhost")
    return judge(recorder.lines, CookiePolicy())


def rules(verdict: Verdict) -> list[str]:
    return [f.rule for o in verdict.offenders for f in o.findings]


def test_a_logout_clearing_an_old_path_before_the_live_one_is_no_finding() -> None:
    assert rules(logged_out("/legacy", "/")) == []


def test_the_same_logout_in_the_other_order_is_no_finding_either() -> None:
    assert rules(logged_out("/", "/legacy")) == []


def test_a_logout_that_only_clears_the_old_path_leaves_the_session() -> None:
    assert rules(logged_out("/legacy")) == ["SC014"]


def test_a_miss_in_an_earlier_response_is_not_undone_by_a_later_logout() -> None:
    client = make_app("/legacy").test_client()
    fixed = make_app("/").test_client()
    with CookieRecorder() as recorder:
        client.post("/login", base_url="https://localhost")
        client.post("/logout", base_url="https://localhost")  # the session survives this one
        fixed.post("/logout", base_url="https://localhost")
    assert rules(judge(recorder.lines, CookiePolicy())) == ["SC014"]

