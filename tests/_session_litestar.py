"""The server-side session app of ``_session_apps`` in Litestar (no postponed annotations:
Litestar reads them at runtime)."""

from typing import Any

from litestar import Litestar, Request, Response, get, post
from litestar.datastructures import Cookie

from tests._session_apps import COOKIE, Sessions


def litestar_app(sessions: Sessions) -> Litestar:
    def with_session(sid: str) -> Response[str]:
        return Response("ok", cookies=[Cookie(key=COOKIE, value=sid, httponly=True)])

    @get("/start")
    async def start() -> Response[str]:
        return with_session(sessions.start())

    @post("/login", status_code=200)
    async def login(request: Request[Any, Any, Any]) -> Response[str]:
        return with_session(sessions.login(request.cookies.get(COOKIE)))

    @get("/private")
    async def private(request: Request[Any, Any, Any]) -> Response[str]:
        if sessions.user(request.cookies.get(COOKIE)):
            return Response("secret")
        return Response("no", status_code=403)

    @post("/logout", status_code=200)
    async def logout(request: Request[Any, Any, Any]) -> Response[str]:
        sessions.logout(request.cookies.get(COOKIE))
        response = Response("out")
        response.delete_cookie(COOKIE)
        return response

    return Litestar([start, login, private, logout])
