from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_example import create_app
from werkzeug.test import TestResponse


class HttpsClient(FlaskClient):
    """Talks https, as browsers do in production, so the app never turns Secure off for tests."""

    def open(self, *args: Any, **kwargs: Any) -> TestResponse:
        kwargs.setdefault("base_url", "https://localhost")
        return super().open(*args, **kwargs)


@pytest.fixture
def app() -> Flask:
    app = create_app()  # EXAMPLE_CONFIG=defaults selects Flask's and Flask-Login's defaults
    app.test_client_class = HttpsClient
    return app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
