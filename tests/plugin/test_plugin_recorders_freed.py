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

from pytest_securecookie.capturing.recorder import active_recorders

SEEN = []  # weak references to every earlier test's recorders and app


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
    recorders = active_recorders()  # the plugin's (when enforced) and the fixture's
    assert len(recorders) == RECORDERS and recorders[-1] is cookie_recorder
    SEEN.extend([weakref.ref(app), *map(weakref.ref, recorders)])


def test_earlier_tests_left_nothing_alive():
    gc.collect()
    assert len(SEEN) == 5 * (1 + RECORDERS)
    assert [ref for ref in SEEN if ref() is not None] == []
"""


@pytest.mark.parametrize("enforce", [["--secure-cookies"], []], ids=["enforced", "fixture"])
def test_each_tests_recorders_are_freed_after_it(
    pytester: pytest.Pytester, enforce: list[str]
) -> None:
    recorders = 2 if enforce else 1
    pytester.makepyfile(test_app=f"RECORDERS = {recorders}\n{TESTS}")
    result = run_plugin(pytester, *enforce)
    result.assert_outcomes(passed=6)
