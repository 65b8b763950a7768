"""The login flow as a Litestar app (no postponed annotations: Litestar reads them at runtime)."""

from litestar import Litestar, Response, get, post
from litestar.datastructures import Cookie
from litestar.response import Redirect

from tests.recorder_apps import SECRET


@post("/login", status_code=302)
async def login() -> Redirect:
    return Redirect("/home", cookies=[Cookie(key="session", value=SECRET, httponly=True)])


@get("/home")
async def home() -> Response[str]:
    return Response("home", cookies=[Cookie(key="seen", value="1")])


def litestar_app() -> Litestar:
    return Litestar([login, home])
