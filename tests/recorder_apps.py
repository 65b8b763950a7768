"""Real apps and live servers shared by the recorder and client tests.

Every app answers the same login flow: ``POST /login`` is a 302 to ``/home`` that sets the
session cookie (the hop that matters), ``/home`` sets a second cookie.
"""

from __future__ import annotations

import socket
import threading
import wsgiref.simple_server
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

SESSION_LINE = "session=s3cr3t-v4lue; Path=/; HttpOnly"
HOME_LINE = "seen=1; Path=/"
SECRET = "s3cr3t-v4lue"


def flask_app() -> Any:
    import flask

    app = flask.Flask("recorder_flask")

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        response = flask.redirect("/home")
        response.headers.add("Set-Cookie", SESSION_LINE)
        return response

    @app.route("/home", methods=["GET", "POST"])
    def home() -> Any:
        response = flask.make_response("home")
        response.headers.add("Set-Cookie", HOME_LINE)
        return response

    @app.route("/plain")
    def plain() -> str:
        return "no cookies"

    return app


def wsgi_login_app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """A bare WSGI app: the same flow, with a leading space in one value as Django sends it."""
    path = environ.get("PATH_INFO", "/")
    if path == "/login":
        start_response("302 Found", [("Location", "/home"), ("Set-Cookie", " " + SESSION_LINE)])
    elif path == "/home":
        start_response("200 OK", [("Content-Type", "text/plain"), ("set-cookie", HOME_LINE)])
    else:
        start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


async def asgi_login_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A bare ASGI app: mixed-case header names (as Django) and list items (allowed by ASGI)."""
    assert scope["type"] == "http"
    if scope["path"] == "/login":
        headers: list[Any] = [[b"location", b"/home"], (b"Set-Cookie", SESSION_LINE.encode())]
        status = 302
    else:
        headers, status = [(b"SET-COOKIE", HOME_LINE.encode())], 200
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


class _QuietHandler(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def live_wsgi_server(app: Callable[..., Any]) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 in a thread; yields the base URL."""
    server = wsgiref.simple_server.make_server("127.0.0.1", 0, app, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def sources(recorder: Any) -> list[tuple[str, str]]:
    """(source, line) of every recorded line: what the tests compare."""
    return [(line.source, line.line) for line in recorder.lines]


def names(recorder: Any) -> list[tuple[str, str]]:
    """(source, cookie name) of every recorded line, for apps that format lines themselves."""
    return [(line.source, line.line.partition("=")[0]) for line in recorder.lines]


def login_flow(base: str, framework: str, login_method: str = "POST") -> list[tuple[str, str]]:
    """What a recorder must hold after a followed login redirect: the 302 hop, then home."""
    return [
        (f"{login_method} {base}/login ({framework})", "session"),
        (f"GET {base}/home ({framework})", "seen"),
    ]


def starlette_app(fastapi: bool = False) -> Any:
    from starlette.responses import PlainTextResponse, RedirectResponse

    def login() -> Any:
        response = RedirectResponse("/home", status_code=302)
        response.set_cookie("session", SECRET, httponly=True)
        return response

    def home() -> Any:
        response = PlainTextResponse("home")
        response.set_cookie("seen", "1")
        return response

    if fastapi:
        from fastapi import FastAPI

        api = FastAPI()
        api.post("/login")(login)
        api.get("/home")(home)
        return api
    from starlette.applications import Starlette
    from starlette.routing import Route

    routes = [Route("/login", lambda r: login(), methods=["POST"])]
    return Starlette(routes=[*routes, Route("/home", lambda r: home())])


def quart_app() -> Any:
    import quart

    app = quart.Quart("recorder_quart")

    @app.route("/login", methods=["POST"])
    async def login() -> Any:
        response = quart.redirect("/home")
        response.set_cookie("session", SECRET, httponly=True)
        return response

    @app.route("/home")
    async def home() -> Any:
        response = await quart.make_response("home")
        response.set_cookie("seen", "1")
        return response

    return app


def falcon_app(asgi: bool = False) -> Any:
    import falcon
    import falcon.asgi

    class Login:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.status, resp.location = falcon.HTTP_302, "/home"
            resp.set_cookie("session", SECRET, secure=False)

    class Home:
        def on_get(self, req: Any, resp: Any) -> None:
            resp.set_cookie("seen", "1", secure=False)

    class AsyncLogin:
        async def on_post(self, req: Any, resp: Any) -> None:
            Login().on_post(req, resp)

    app = falcon.asgi.App() if asgi else falcon.App()
    app.add_route("/login", AsyncLogin() if asgi else Login())
    app.add_route("/home", _async_home(Home) if asgi else Home())
    return app


def _async_home(home: Any) -> Any:
    class AsyncHome:
        async def on_get(self, req: Any, resp: Any) -> None:
            home().on_get(req, resp)

    return AsyncHome()


def aiohttp_app() -> Any:
    from aiohttp import web

    async def login(request: Any) -> Any:
        response = web.Response(status=302, headers={"Location": "/home"})
        response.set_cookie("session", SECRET, httponly=True)
        return response

    async def home(request: Any) -> Any:
        response = web.Response(text="home")
        response.set_cookie("seen", "1")
        return response

    async def denied(request: Any) -> Any:
        response = web.Response(status=401)
        response.del_cookie("session")
        return response

    app = web.Application()
    app.router.add_get("/denied", denied)
    app.router.add_post("/login", login)
    app.router.add_get("/home", home)
    return app


def tornado_app() -> Any:
    import tornado.web

    class Login(tornado.web.RequestHandler):
        def post(self) -> None:
            self.set_cookie("session", SECRET, httponly=True)
            self.redirect("/home")

    class Home(tornado.web.RequestHandler):
        def get(self) -> None:
            self.set_cookie("seen", "1")
            self.write("home")

    return tornado.web.Application([("/login", Login), ("/home", Home)])


_sanic_apps = iter(range(1_000_000))


def sanic_app() -> Any:
    from sanic import Sanic, response

    app = Sanic(f"recorder_sanic_{next(_sanic_apps)}")

    @app.post("/login")
    async def login(request: Any) -> Any:
        redirect = response.redirect("/home")
        redirect.add_cookie("session", SECRET, httponly=True, secure=False)
        return redirect

    @app.get("/home")
    async def home(request: Any) -> Any:
        page = response.text("home")
        page.add_cookie("seen", "1", secure=False)
        return page

    return app
