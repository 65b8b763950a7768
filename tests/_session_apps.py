"""Real apps with server-side sessions, each in a safe and an unsafe version.

Every app keeps its sessions in a :class:`Sessions` store (an id in the cookie, the data on
the server, as Flask-Session and aiohttp-session's server-side storages do) and answers:
``/start`` starts an anonymous session (a cart), ``/login`` logs in (``rotate``: with a new
id, else on the same one; Flask's ``/login-redirect`` too, then redirects), ``/private``
needs a login (refused without), ``/logout`` logs out (``invalidate``: the id is removed from
the store, else only the cookie is deleted).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

COOKIE = "session_id"


@dataclass
class Sessions:
    """The server-side store and what the app does with it at login and logout."""

    rotate: bool = True
    invalidate: bool = True
    data: dict[str, dict[str, str]] = field(default_factory=dict)

    def start(self) -> str:
        sid = secrets.token_urlsafe(24)
        self.data[sid] = {"cart": "1"}
        return sid

    def login(self, sid: str | None) -> str:
        if self.rotate or sid not in self.data:
            self.data.pop(sid or "", None)
            sid = secrets.token_urlsafe(24)
            self.data[sid] = {}
        assert sid is not None
        self.data[sid]["user"] = "alice"
        return sid

    def user(self, sid: str | None) -> str | None:
        return self.data.get(sid or "", {}).get("user")

    def logout(self, sid: str | None) -> None:
        if self.invalidate:
            self.data.pop(sid or "", None)


# --- Flask: the session id under the app's SESSION_COOKIE_NAME, the data in the store ----------


def flask_app(sessions: Sessions, cookie: str = COOKIE) -> Any:
    from flask import Flask, Response, redirect, request

    app = Flask(__name__)
    app.config["SESSION_COOKIE_NAME"] = cookie

    @app.get("/start")
    def start() -> Response:
        response = Response("cart")
        response.set_cookie(cookie, sessions.start(), httponly=True, samesite="Lax")
        return response

    @app.post("/login")
    def login() -> Response:
        response = Response("in")
        sid = sessions.login(request.cookies.get(cookie))
        response.set_cookie(cookie, sid, httponly=True, samesite="Lax")
        return response

    @app.post("/login-redirect")
    def login_redirect() -> Response:
        response = redirect("/private")
        sid = sessions.login(request.cookies.get(cookie))
        response.set_cookie(cookie, sid, httponly=True, samesite="Lax")
        return response

    @app.get("/private")
    def private() -> tuple[str, int]:
        return ("secret", 200) if sessions.user(request.cookies.get(cookie)) else ("no", 401)

    @app.get("/private-linked")
    def private_linked() -> Response:  # a 201 whose Location carries the session id
        sid = request.cookies.get(cookie, "")
        if not sessions.user(sid):
            return Response("no", 401)
        return Response("made", 201, headers={"Location": f"/sid/{sid}?session={sid}"})

    @app.post("/logout")
    def logout() -> Response:
        sessions.logout(request.cookies.get(cookie))
        response = Response("out")
        response.delete_cookie(cookie)
        return response

    return app


# --- Starlette and FastAPI --------------------------------------------------------------------


def _starlette_routes(sessions: Sessions) -> list[Any]:
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    def set_session(response: Response, sid: str) -> Response:
        response.set_cookie(COOKIE, sid, httponly=True, samesite="lax")
        return response

    async def start(request: Request) -> Response:
        return set_session(PlainTextResponse("cart"), sessions.start())

    async def login(request: Request) -> Response:
        return set_session(PlainTextResponse("in"), sessions.login(request.cookies.get(COOKIE)))

    async def private(request: Request) -> Response:
        if sessions.user(request.cookies.get(COOKIE)):
            return PlainTextResponse("secret")
        return RedirectResponse("/login-page", status_code=303)

    async def logout(request: Request) -> Response:
        sessions.logout(request.cookies.get(COOKIE))
        response = PlainTextResponse("out")
        response.delete_cookie(COOKIE)
        return response

    return [Route("/start", start), Route("/login", login, methods=["POST"]),
            Route("/private", private), Route("/logout", logout, methods=["POST"])]


def starlette_app(sessions: Sessions) -> Any:
    from starlette.applications import Starlette

    return Starlette(routes=_starlette_routes(sessions))


def fastapi_app(sessions: Sessions) -> Any:
    from fastapi import FastAPI

    app = FastAPI()
    app.router.routes.extend(_starlette_routes(sessions))
    return app


# --- aiohttp with aiohttp-session: a server-side storage keeping the data in a dict -------------


def aiohttp_app(rotate: bool = True, invalidate: bool = True) -> Any:
    from aiohttp import web
    from aiohttp_session import AbstractStorage, Session, get_session, new_session, setup

    class DictStorage(AbstractStorage):
        def __init__(self) -> None:
            super().__init__(cookie_name=COOKIE, httponly=True, samesite="Lax")
            self.data: dict[str, dict[str, Any]] = {}

        async def load_session(self, request: web.Request) -> Session:
            key = self.load_cookie(request)
            if not isinstance(key, str) or key not in self.data:
                return Session(None, data=None, new=True, max_age=self.max_age)
            return Session(key, data={"session": self.data[key]}, new=False, max_age=None)

        async def save_session(
            self, request: web.Request, response: web.StreamResponse, session: Session
        ) -> None:
            if session.empty:
                self.data.pop(session.identity or "", None)
                self.save_cookie(response, "", max_age=session.max_age)
                return
            key = session.identity or secrets.token_urlsafe(24)
            self.data[key] = dict(session)
            self.save_cookie(response, key, max_age=session.max_age)

    async def start(request: web.Request) -> web.Response:
        (await get_session(request))["cart"] = "1"
        return web.Response(text="cart")

    async def login(request: web.Request) -> web.Response:
        session = await (new_session(request) if rotate else get_session(request))
        session["user"] = "alice"
        return web.Response(text="in")

    async def private(request: web.Request) -> web.Response:
        user = (await get_session(request)).get("user")
        return web.Response(text="secret") if user else web.Response(text="no", status=401)

    async def logout(request: web.Request) -> web.Response:
        response = web.Response(text="out")
        if invalidate:
            (await get_session(request)).invalidate()
        else:
            response.del_cookie(COOKIE)
        return response

    app = web.Application()
    setup(app, DictStorage())
    app.router.add_get("/start", start)
    app.router.add_post("/login", login)
    app.router.add_get("/private", private)
    app.router.add_post("/logout", logout)
    return app
