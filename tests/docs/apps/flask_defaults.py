"""Support app of the docs' snippets (``<!-- snippet: pytest flask_defaults -->``): the same
Flask login app with Flask's default session settings, and Flask's plain http test client."""

from __future__ import annotations

import flask
import pytest
from docs_app_flask import make_app  # written next to it by the snippet test
from flask.testing import FlaskClient


@pytest.fixture
def app() -> flask.Flask:
    return make_app({})


@pytest.fixture
def client(app: flask.Flask) -> FlaskClient:
    return app.test_client()
