"""The apps a real browser logs in to: a login form, a session and a preference cookie.

``create_app`` is a Flask (WSGI) app, ``create_asgi_app`` the same pages in Starlette (ASGI).
``EXAMPLE_CONFIG=defaults`` keeps each framework's defaults (Flask: no Secure, no SameSite on
``session``; Starlette's SessionMiddleware: no Secure); the default, ``hardened``, fixes them.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs

from flask import Flask, redirect, request, session
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse
from starlette.responses import Response as StarletteResponse
from starlette.routing import Route
from werkzeug.wrappers import Response

USERS = {"alice": "correct horse battery staple"}
SECRET = "example-only-not-a-secret"
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


def _hardened(config_name: str | None) -> bool:
    return (config_name or os.environ.get("EXAMPLE_CONFIG", "hardened")) == "hardened"


def create_app(config_name: str | None = None) -> Flask:
    app = Flask(__name__)
    app.secret_key = SECRET
    if _hardened(config_name):
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


async def _login(request: Request) -> StarletteResponse:
    if request.method == "GET":
        response: StarletteResponse = HTMLResponse(LOGIN_PAGE)
        response.set_cookie("theme", "dark", samesite="lax")
        return response
    form = parse_qs((await request.body()).decode())  # no python-multipart needed
    name = form.get("username", [""])[0]
    if USERS.get(name) != form.get("password", [""])[0]:
        return PlainTextResponse("wrong user name or password", status_code=401)
    request.session["user"] = name
    return RedirectResponse("/account", status_code=303)


async def _account(request: Request) -> StarletteResponse:
    if "user" not in request.session:
        return RedirectResponse("/login", status_code=303)
    return HTMLResponse(ACCOUNT_PAGE.format(user=request.session["user"]))


async def _logout(request: Request) -> StarletteResponse:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


def create_asgi_app(config_name: str | None = None) -> Starlette:
    session = Middleware(
        SessionMiddleware, secret_key=SECRET, same_site="lax", https_only=_hardened(config_name)
    )
    routes = [
        Route("/login", _login, methods=["GET", "POST"]),
        Route("/account", _account),
        Route("/logout", _logout, methods=["POST"]),
    ]
    return Starlette(routes=routes, middleware=[session])
