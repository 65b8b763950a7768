"""What enforcement keeps of a test's responses for SC019: nothing when the test ignores SC019,
at most ``MAX_KEPT_RESPONSES``, and a test with more is told that the rest went unsearched."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

CONFTEST = '''
import flask
import pytest

from pytest_securecookie.capturing import recorder



@pytest.fixture(autouse=True)
def few_kept(monkeypatch):  # undone: this run shares the module with the outer one
    monkeypatch.setattr(recorder, "MAX_KEPT_RESPONSES", 3)

app = flask.Flask("shop")


@app.get("/")
def index():
    response = flask.make_response("page")
    response.set_cookie("sessionid", "Zq8Kp2Lm9Xv4Rt7Wn3Bc6Hd1Jf5Gs0Ya", secure=True,
                        httponly=True, samesite="Lax")
    return response


@app.get("/plain")
def plain():
    return "no cookie"


@pytest.fixture
def client():
    return app.test_client()
'''

TESTS = '''
import gc
import weakref

import pytest


@pytest.mark.secure_cookies(ignore_rules=["SC019"])
def test_ignoring_sc019_keeps_no_response(client):
    response = client.get("/", base_url="https://localhost")
    assert response.data == b"page"
    held = weakref.ref(response)
    del response
    gc.collect()
    assert held() is None


def test_a_response_is_kept_for_sc019(client):
    response = client.get("/", base_url="https://localhost")
    held = weakref.ref(response)
    del response
    gc.collect()
    assert held() is not None


def test_polling(client):
    for _ in range(5):
        client.get("/", base_url="https://localhost")


def test_polling_what_sets_no_cookie(client):  # no token to search for: nothing to say
    for _ in range(5):
        client.get("/plain", base_url="https://localhost")
'''


def test_enforcement_keeps_responses_only_for_sc019_and_says_when_it_drops_some(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_kept=TESTS)
    # This project's own runs turn warnings into errors (then such a test fails).
    # (the later filter wins: pytest 7.4's rewrite warning, a PytestWarning too, stays quiet)
    result = run_plugin(pytester, "--secure-cookies", "-W", "default::pytest.PytestWarning",
                        "-W", "ignore::pytest.PytestAssertRewriteWarning")
    result.assert_outcomes(passed=4, warnings=1)
    result.stdout.fnmatch_lines([
        "test_kept.py::test_polling",
        "  *PytestWarning: secure cookies: 2 responses of this test were not searched for "
        "tokens sent outside Set-Cookie (SC019): only its first 3 are kept",
    ], consecutive=True)
