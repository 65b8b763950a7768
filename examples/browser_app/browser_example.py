"""The app a real browser logs in to: a login form, a Flask session and a preference cookie.

``EXAMPLE_CONFIG=defaults`` keeps Flask's defaults (no Secure, no SameSite on ``session``);
the default, ``hardened``, sets both.
"""

from __future__ import annotations

import os

from flask import Flask, redirect, request, session
from werkzeug.wrappers import Response

USERS = {"alice": "correct horse battery staple"}
HARDENED = {"SESSION_COOKIE_SECURE": True, "SESSION_COOKIE_SAMESITE": "Lax"}

LOGIN_PAGE = """<!doctype html><title>Log in</title>
<form method="post" action="/login">
  <input name="username" aria-label="user name">
  <input name="password" type="password" aria-label="password">
  <button type="submit">Log in</button>
</form>"""
ACCOUNT_PAGE = """<!doctype html><title>Account</title>
<p id="greeting">Hello, {user}</p>
<form method="post" action="/logout"><button type="submit">Log out</button></form>"""


def create_app(config_name: str | None = None) -> Flask:
    app = Flask(__name__)
    app.secret_key = "example-only-not-a-secret"
    if (config_name or os.environ.get("EXAMPLE_CONFIG", "hardened")) == "hardened":
        app.config.update(HARDENED)

    @app.get("/login")
    def login_form() -> Response:
        response = Response(LOGIN_PAGE, mimetype="text/html")
        response.set_cookie("theme", "dark", samesite="Lax")  # for the page's JavaScript
        return response

    @app.post("/login")
    def login() -> Response | tuple[str, int]:
        name = request.form.get("username", "")
        if USERS.get(name) != request.form.get("password"):
            return "wrong user name or password", 401
        session["user"] = name
        return redirect("/account")

    @app.get("/account")
    def account() -> Response | str:
        if "user" not in session:
            return redirect("/login")
        return ACCOUNT_PAGE.format(user=session["user"])

    @app.post("/logout")
    def logout() -> Response:
        session.clear()
        return redirect("/login")

    return app
