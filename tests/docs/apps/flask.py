"""Support app of the docs' snippets (``<!-- snippet: pytest flask -->``): a Flask login app
configured for production, and an https test client, as the Flask quickstart sets them up."""

from __future__ import annotations

from typing import Any

import flask
import pytest
from flask.testing import FlaskClient

HARDENED = {"SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "Lax"}


def make_app(settings: dict[str, Any]) -> flask.Flask:
    app = flask.Flask("docs_app")
    app.config.update(SECRET_KEY="docs-only", **settings)

    @app.post("/login")
    def login() -> Any:
        flask.session["user"] = flask.request.form.get("user", "ann")
        return flask.redirect("/")

    @app.post("/logout")
    def logout() -> Any:
        flask.session.clear()
        return flask.redirect("/")

    @app.get("/")
    def home() -> str:
        return "home"

    @app.get("/account")
    def account() -> Any:
        return ("hello", 200) if "user" in flask.session else ("log in first", 401)

    return app


class HttpsClient(FlaskClient):
    def open(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("base_url", "https://localhost")
        return super().open(*args, **kwargs)


@pytest.fixture
def app() -> flask.Flask:
    app = make_app(HARDENED)
    app.test_client_class = HttpsClient
    return app


@pytest.fixture
def client(app: flask.Flask) -> FlaskClient:
    return app.test_client()
