"""With enforcement on and the ``cookie_recorder`` fixture requested, each test's recorders,
with the lines, client and app they saw, are freed after the test (issue 10, item 7)."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

TESTS = """
import gc
import weakref

import flask
import pytest

from pytest_securecookie import CookieRecorder

SEEN = []  # weak references to every earlier test's recorder and app


def make_app():
    app = flask.Flask("shop")
    app.ballast = bytearray(1 << 20)  # what a real app holds: 1 MiB

    @app.get("/login")
    def login():
        response = flask.make_response("welcome")
        response.set_cookie("session", "s3cr3t-value", secure=True, httponly=True,
                            samesite="Lax")
        return response

    return app


@pytest.mark.parametrize("n", range(5))
def test_visit(n, cookie_recorder):
    app = make_app()
    app.test_client().get("/login")
    assert len(cookie_recorder) == 1
    SEEN.extend([weakref.ref(cookie_recorder), weakref.ref(app)])


def test_earlier_tests_left_nothing_alive(cookie_recorder):
    gc.collect()
    assert [ref for ref in SEEN if ref() is not None] == []
    alive = [o for o in gc.get_objects() if isinstance(o, CookieRecorder)]
    assert len(alive) == 2  # this test's: the fixture's and the plugin's
"""


@pytest.mark.parametrize("enforce", [["--secure-cookies"], []], ids=["enforced", "fixture"])
def test_each_tests_recorders_are_freed_after_it(
    pytester: pytest.Pytester, enforce: list[str]
) -> None:
    pytester.makepyfile(test_app=TESTS.replace("== 2", "== 2" if enforce else "== 1"))
    result = run_plugin(pytester, *enforce)
    result.assert_outcomes(passed=6)
