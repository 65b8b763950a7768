"""A replay the app crashes on shows no cookie value in the long traceback, ``--showlocals`` or
the JUnit XML: the value and the Cookie header are redacted in our frames and the client's."""

from __future__ import annotations

import pytest

SECRET = "SUPER" + "SECRETVALUE123"  # split: the test file's own source never holds it whole

CRASHING = f'''
import flask

from pytest_securecookie import assert_session_ended
from pytest_securecookie.parsing.parser import parse_set_cookie

app = flask.Flask(__name__)
app.testing = True  # the exception reaches the test, through the client's frames


@app.get("/account")
def account():
    raise RuntimeError("the account page crashed")


def test_replay_raises():
    old = parse_set_cookie("sessionid=" + "{SECRET[:5]}" + "{SECRET[5:]}; Secure; HttpOnly")
    assert_session_ended(app.test_client(), old, "/account")
'''


def test_a_crashing_replay_shows_no_value(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_crash=CRASHING)
    result = pytester.runpytest(
        "-p", "no:hypothesispytest", "--showlocals", "--tb=long", "--junitxml=junit.xml")
    result.assert_outcomes(failed=1)
    # The app's crash is told as text, with no frame below ours to show a copied Cookie header.
    result.stdout.fnmatch_lines([
        "E       pytest_securecookie.capturing.jars.ReplayCrashed: replaying the old session "
        "cookie to /account raised:",
        "E       Traceback (most recent call last):",
    ])
    result.stdout.fnmatch_lines(['E           raise RuntimeError("the account page crashed")',
                                 "E       RuntimeError: the account page crashed"])
    assert SECRET not in result.stdout.str()
    assert SECRET not in (pytester.path / "junit.xml").read_text()
