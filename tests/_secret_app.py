"""A Flask app for pytester projects that answers with the Set-Cookie lines a test asks for,
and the values planted in them: no test's source holds a value (pytest prints the source of
a failing test, whatever the plugin does), so any value in the output came from the plugin.
"""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

SECRET = "PLANTED-s3cret-4e9d1"  # a cookie value: "SECRET" in a line or URL becomes it
TOKEN = "OAUTH-code-91c4e7"  # a secret of the URL alone: "TOKEN" in a URL becomes it
PASSWORD = "pw-77a0d3"  # "PASSWORD" in a URL becomes it

APP = f'''
import flask

SECRET, TOKEN, PASSWORD = "{SECRET}", "{TOKEN}", "{PASSWORD}"
app = flask.Flask("app")
PENDING = []


@app.route("/<path:anything>")
def serve(anything):
    response = flask.make_response("ok")
    for line in PENDING:
        response.headers.add("Set-Cookie", line)
    return response


def lines(*texts):
    """The Set-Cookie ``texts`` with the value planted."""
    return [text.replace("SECRET", SECRET) for text in texts]


def get(url, *texts, client=None):
    """GET ``url`` (secrets planted) from the app, which answers with the lines ``texts``."""
    PENDING[:] = lines(*texts)
    for word, planted in (("SECRET", SECRET), ("TOKEN", TOKEN), ("PASSWORD", PASSWORD)):
        url = url.replace(word, planted)
    return (client or app.test_client()).get(url)
'''


def run_with_app(pytester: pytest.Pytester, test_source: str, *args: str) -> pytest.RunResult:
    """Write ``app.py`` and ``test_app.py`` into the pytester project and run it."""
    pytester.makepyfile(app=APP, test_app=test_source)
    return run_plugin(pytester, *args)


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text and TOKEN not in text and PASSWORD not in text
