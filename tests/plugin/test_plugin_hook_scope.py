"""A ``pytest_securecookie_classify`` hook applies to the tests under its conftest only, as
pytest users expect of conftest hooks: for enforcement and for the fixture alike."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

APP = '''
import flask
import pytest


def make_app():
    app = flask.Flask("shop")

    @app.post("/login")
    def login():  # a hardened session, and a preference cookie without any flag
        response = flask.make_response("ok")
        response.set_cookie("session", "s3cr3t-v4lu3", secure=True, httponly=True, samesite="Lax")
        response.set_cookie("web_prefs", "dark")
        return response

    return app


@pytest.fixture
def client():
    return make_app().test_client()
'''

LEGACY_CONFTEST = """
def pytest_securecookie_classify(cookie):
    return "auth" if cookie.name == "web_prefs" else None
"""

TESTS = """
import pytest

@pytest.mark.secure_cookies
def test_enforced(client):
    client.post("/login")

def test_fixture(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login"))
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(APP)
    legacy, web = pytester.mkpydir("legacy"), pytester.mkpydir("web")
    (legacy / "conftest.py").write_text(LEGACY_CONFTEST)
    (legacy / "test_legacy.py").write_text(TESTS)
    (web / "test_web.py").write_text(TESTS)
    return pytester


def test_the_web_tests_pass_alone(project: pytest.Pytester) -> None:
    run_plugin(project, "web").assert_outcomes(passed=2)


def test_a_legacy_hook_does_not_reach_the_web_tests_in_the_full_run(
    project: pytest.Pytester,
) -> None:
    result = run_plugin(project, "-rA")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        [
            "PASSED web/test_web.py::test_enforced",
            "PASSED web/test_web.py::test_fixture",
            "FAILED legacy/test_legacy.py::test_enforced - *",
            "FAILED legacy/test_legacy.py::test_fixture - *",
        ]
    )
    result.stdout.fnmatch_lines(["*SC001 'web_prefs' has no Secure attribute*"])
