"""A small Flask app: a signed-cookie session and Flask-Login's remember-me cookie.

``create_app("hardened")`` is configured for production; ``create_app("defaults")`` keeps
Flask's and Flask-Login's defaults, which send both cookies without ``Secure`` and without
``SameSite``.  ``EXAMPLE_CONFIG`` chooses when no name is given (default: hardened).
"""

from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, login_required, login_user, logout_user
from werkzeug.wrappers import Response

USERS = {"alice": "correct horse battery staple"}


class DefaultConfig:
    SECRET_KEY = "example-only-not-a-secret"


class HardenedConfig(DefaultConfig):
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=14)


CONFIGS = {"defaults": DefaultConfig, "hardened": HardenedConfig}


class User(UserMixin):
    def __init__(self, name: str) -> None:
        self.id = name


def create_app(config_name: str | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_object(CONFIGS[config_name or os.environ.get("EXAMPLE_CONFIG", "hardened")])
    login_manager = LoginManager(app)
    login_manager.login_view = "login"
    login_manager.user_loader(lambda name: User(name) if name in USERS else None)
    _add_routes(app)
    return app


def _add_routes(app: Flask) -> None:
    @app.get("/login")
    def login_form() -> str:
        return (
            '<form method="post" action="/login">'
            '<input name="username"> <input name="password" type="password">'
            '<label><input name="remember" type="checkbox" value="1"> remember me</label>'
            '<button type="submit">Log in</button></form>'
        )

    @app.post("/login")
    def login() -> Response | tuple[str, int]:
        name = request.form.get("username", "")
        if USERS.get(name) != request.form.get("password"):
            return "wrong user name or password", 401
        login_user(User(name), remember=request.form.get("remember") == "1")
        session["greeting"] = f"Hello, {name}"
        return redirect(url_for("account"))

    @app.get("/account")
    @login_required
    def account() -> str:
        return str(session.get("greeting", "Hello"))

    @app.post("/logout")
    def logout() -> Response:
        # Clear first: logout_user() leaves a note in the session that tells Flask-Login to
        # delete the remember-me cookie, and clearing after it would keep that cookie alive
        # (tests/test_flask_example.py::test_logout_deletes_both_cookies catches it).
        session.clear()
        logout_user()
        return redirect(url_for("login_form"))

    @app.get("/theme/<name>")
    def theme(name: str) -> Response:
        # A preference cookie: not auth-like, so the plugin does not judge it.
        response = redirect(url_for("login_form"))
        response.set_cookie("theme", name)
        return response
