"""assert_cookie_deleted reads how the cookie was set from the test's recording (issue 10,
item 14): under ``--secure-cookies`` and with the ``cookie_recorder`` fixture, a logout is
compared with the cookie the test's login set, not with the framework default."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

# Flask-Login style app whose session cookie lives under the app's root, /app.
CONFTEST = """
import flask
import pytest

def make_app():
    app = flask.Flask("shop")
    app.config.update(SECRET_KEY="k", SESSION_COOKIE_PATH="/app",
                      SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")

    @app.post("/login")
    def login():
        flask.session["user"] = "ann"
        return "in"

    @app.post("/logout")
    def logout():
        flask.session.clear()
        return "out"

    @app.post("/logout-wrong-path")
    def logout_wrong_path():
        response = flask.make_response("out")
        response.delete_cookie("session", path="/")
        return response

    return app

@pytest.fixture
def client():
    return make_app().test_client()
"""

TESTS = """
from pytest_securecookie import assert_cookie_deleted

HTTPS = {"base_url": "https://localhost"}

def test_logout(client):
    client.post("/login", **HTTPS)
    assert_cookie_deleted(client.post("/logout", **HTTPS), "session")

def test_logout_wrong_path(client):
    client.post("/login", **HTTPS)
    assert_cookie_deleted(client.post("/logout-wrong-path", **HTTPS), "session")
"""


@pytest.fixture
def project_conftest() -> str:
    return CONFTEST


def test_under_enforcement_the_logout_is_compared_with_the_login_cookie(
    project: pytest.Pytester,
) -> None:
    project.makepyfile(test_logout=TESTS)
    result = run_plugin(project, "--secure-cookies")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "E * cookie 'session' set by POST https://localhost/logout-wrong-path (flask) is a "
        "deletion browsers will not honour: 1 problem",
        "E * SC014 'session' is deleted with Path=/ but was set with Path=/app: *",
        "E *   fix: delete it with Path=/app",
        "*FAILED test_logout.py::test_logout_wrong_path - *",
    ], consecutive=False)
    result.stdout.no_fnmatch_line("*framework default*")


def test_with_the_cookie_recorder_fixture_too(project: pytest.Pytester) -> None:
    project.makepyfile(test_logout=TESTS.replace("(client):", "(client, cookie_recorder):"))
    result = run_plugin(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["E * SC014 'session' is deleted with Path=/ but was set with "
                                 "Path=/app: *"])


def test_without_a_recording_the_default_is_assumed_and_said(project: pytest.Pytester) -> None:
    # Nothing tells that the cookie lives under /app: the right logout fails, and says why.
    project.makepyfile(test_logout=TESTS)
    result = run_plugin(project)
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["E * (compared with 'session' set with Path=/ and no Domain, the "
                                 "framework default: *; pass set_with=<the response that set it>)"])
