# mypy: disable-error-code="import-untyped"
"""SC019's search of a response is that of the code before issue 14, on real responses.

``read_body`` probes only the attributes a response has, and ``_Needles.touches`` searches a
response's header fields (but Set-Cookie) in one text before going through them one by one
(issue 14).  The reference below is the code as it was (every attribute probed, every field
searched on its own); each response real clients kept (Flask read, unread and streamed,
requests on a live server, httpx, Django, WebTest, Tornado, Quart, Falcon, raw ASGI header
pairs) is searched for tokens cut from every response's fields and bodies, one at a time and
all at once (the regex path), and both must agree on each.
"""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Iterator
from typing import Any

import django
import flask
import pytest
from django.conf import settings
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.test import Client, override_settings
from django.urls import path

from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.judging import exposure
from pytest_securecookie.judging.exposure import _held, _Needles
from pytest_securecookie.parsing.contents import (
    SET_COOKIE_NAMES,
    header_pairs,
    header_text,
    read_body,
    wide_text,
)
from tests.recorder_apps import live_wsgi_server, wsgi_login_app

TOKEN = "eyJ1c2VyIjoiYW5uIn0.Zq9-77a0d3-5c1e"
ENCODED = "Zq9/Token+In%2Fa=URL-4f1c77a0"
HARDENED: dict[str, Any] = {"secure": True, "httponly": True, "samesite": "Lax"}

pytestmark = pytest.mark.usefixtures("originals")

# -- the reference: the code before issue 14 -------------------------------------------------

_REF_BODIES = (("_content", bytes), ("_body", bytes), ("_container", list),
               ("_app_iter", list), ("response", list),
               ("chunks", bytearray), ("chunks", list))  # fmt: skip
_REF_OF_CLASS: dict[type, tuple[str, type]] = {}


def ref_read_body(response: object) -> bytes | bytearray | None:
    try:
        kept = vars(response)
    except TypeError:
        return None
    where = _REF_OF_CLASS.get(type(response))
    if where is not None:
        held = kept.get(where[0])
        if type(held) is where[1]:
            return ref_as_body(held)
    for attribute, kind in _REF_BODIES:
        held = kept.get(attribute)
        if type(held) is kind:
            _REF_OF_CLASS[type(response)] = attribute, kind
            return ref_as_body(held)
    held = kept.get("response")
    data = getattr(held, "data", None) if type(held).__name__ == "DataBody" else None
    return data if type(data) is bytes else None


def ref_as_body(held: Any) -> bytes | bytearray | None:
    if not isinstance(held, list):
        return held  # type: ignore[no-any-return]
    if len(held) == 1 and type(held[0]) is bytes:
        return held[0]  # type: ignore[no-any-return]
    return b"".join(held) if all(type(piece) is bytes for piece in held) else None


def ref_in_headers(needles: _Needles, content: object) -> bool:
    try:
        for name, value in header_pairs(content):
            text = value if type(value) is str else header_text(value)
            if _held(text, needles._anchors, needles._text_pattern) and (
                    name.lower() not in SET_COOKIE_NAMES):  # fmt: skip
                return True
    except Exception:
        return False
    return False


def ref_touches(needles: _Needles, content: object) -> bool:
    if ref_in_headers(needles, content):
        return True
    body = ref_read_body(content)
    if not body:
        return False
    if _held(body, needles._bytes, needles._bytes_pattern):
        return True
    wide = wide_text(body, content)
    return wide is not None and _held(wide, needles._anchors, needles._text_pattern)


# -- real responses ----------------------------------------------------------------------------


def _flask_app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response({"access_token": TOKEN})
        response.set_cookie("session", TOKEN, **HARDENED)
        return response

    @app.get("/header")
    def header() -> flask.Response:
        response = flask.make_response("plain")
        response.headers["X-Token"] = f"Bearer {TOKEN}"
        response.headers["Location"] = f"/next?t={ENCODED}"
        return response

    @app.get("/quiet")
    def quiet() -> str:
        return "nothing to see"

    @app.get("/stream")
    def stream() -> flask.Response:
        return flask.Response(iter([b"start ", TOKEN.encode()]))

    @app.get("/wide")
    def wide() -> flask.Response:
        return flask.Response(f'{{"t": "{TOKEN}"}}'.encode("utf-16"), mimetype="text/plain")

    return app


def _flask_responses() -> list[object]:
    client = _flask_app().test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        for path in ("/header", "/quiet", "/stream", "/wide"):
            client.get(path)  # left unread
        client.post("/login")
        for path in ("/header", "/quiet", "/wide"):
            client.get(path).get_data()
    return [seen.content for seen in recorder.seen]


def _requests_responses() -> list[object]:
    import requests

    with live_wsgi_server(_flask_app()) as base, CookieRecorder(keep_responses=True) as recorder:
        session = requests.Session()
        session.post(base + "/login")
        session.get(base + "/header")
        session.get(base + "/stream", stream=True).close()  # never read
    with live_wsgi_server(wsgi_login_app) as base, CookieRecorder(keep_responses=True) as other:
        requests.post(base + "/login")
    return [seen.content for seen in [*recorder.seen, *other.seen]]


def _httpx_responses() -> list[object]:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    def login(request: Any) -> JSONResponse:
        response = JSONResponse({"access_token": TOKEN}, headers={"X-Token": TOKEN})
        response.set_cookie("session", TOKEN, httponly=True)
        return response

    routes = [Route("/login", login, methods=["POST"]),
              Route("/quiet", lambda request: PlainTextResponse("quiet"))]  # fmt: skip
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

        client = TestClient(Starlette(routes=routes))
    with CookieRecorder(keep_responses=True) as recorder:
        client.post("/login")
        client.get("/quiet")
        with client.stream("GET", "/quiet"):
            pass  # never read
    return [seen.content for seen in recorder.seen]


def _django_login(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(TOKEN)
    response["X-Token"] = TOKEN
    response.set_cookie("sessionid", TOKEN, httponly=True)
    return response


urlpatterns = [
    path("login", _django_login),
    path("quiet", lambda request: HttpResponse("quiet")),
    path("stream", lambda request: StreamingHttpResponse(iter([TOKEN.encode()]))),
]


def _django_responses() -> list[object]:
    if not settings.configured:
        settings.configure(SECRET_KEY="exposure-tests", INSTALLED_APPS=[], DATABASES={})
        django.setup()
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["testserver"], MIDDLEWARE=[]):
        client = Client()
        with CookieRecorder(keep_responses=True) as recorder:
            client.post("/login")
            client.get("/quiet")
            client.get("/stream")  # never read
    return [seen.content for seen in recorder.seen]


def _webtest_responses() -> list[object]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)  # WebOb imports cgi
        import webtest

    app = webtest.TestApp(_flask_app())
    with CookieRecorder(keep_responses=True) as recorder:
        app.post("/login")
        app.get("/header")
    return [seen.content for seen in recorder.seen]


def _tornado_responses() -> list[object]:
    import tornado.httpclient
    import tornado.httpserver
    import tornado.netutil
    import tornado.web

    class Login(tornado.web.RequestHandler):
        def post(self) -> None:
            self.set_cookie("session", TOKEN, secure=True, httponly=True)
            self.set_header("X-Token", TOKEN)
            self.write({"access_token": TOKEN})

    async def run() -> None:
        sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
        server = tornado.httpserver.HTTPServer(tornado.web.Application([("/login", Login)]))
        server.add_sockets(sockets)
        url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}/login"
        await tornado.httpclient.AsyncHTTPClient().fetch(url, method="POST", body=b"")
        server.stop()

    with CookieRecorder(keep_responses=True) as recorder:
        asyncio.run(run())
    return [seen.content for seen in recorder.seen]


def _quart_responses() -> list[object]:
    import quart

    app = quart.Quart(__name__)

    @app.post("/login")
    async def login() -> Any:
        response = await quart.make_response({"access_token": TOKEN})
        response.set_cookie("session", TOKEN, **HARDENED)
        return response

    async def run() -> None:
        await app.test_client().post("/login")

    with CookieRecorder(keep_responses=True) as recorder:
        asyncio.run(run())
    return [seen.content for seen in recorder.seen]


def _falcon_responses() -> list[object]:
    import falcon
    from falcon import testing

    class Login:
        def on_post(self, req: Any, resp: Any) -> None:
            resp.media = {"access_token": TOKEN}
            resp.set_header("X-Token", TOKEN)
            resp.set_cookie("session", TOKEN, secure=True)
            resp.set_cookie("other", "value", secure=True)  # Falcon keeps one line per name

    app = falcon.App()
    app.add_route("/login", Login())
    with CookieRecorder(keep_responses=True) as recorder:
        testing.TestClient(app).simulate_post("/login")
    return [seen.content for seen in recorder.seen]


def _header_pairs() -> list[object]:
    """What a wrapped app sent, and header objects no client has."""
    set_cookie = f"session={TOKEN}; HttpOnly"
    return [
        [(b"location", f"/next?t={ENCODED}".encode()), (b"Set-Cookie", set_cookie.encode())],
        [[b"x-token", TOKEN.encode()], (b"SET-COOKIE", set_cookie.encode())],
        [("Set-Cookie", set_cookie), ("X-Other", "plain")],
        [("Set-Cookie", set_cookie), ("X-Mixed", TOKEN.encode())],
        [("X-Token", TOKEN, "extra")],
        [("X-Token", TOKEN), ("X-Broken", "a", "b")],
        ["ab"],
        [("X-Count", 12345678901234567890)],
        {"X-Token": TOKEN},
        None,
        object(),
    ]


def _responses() -> list[object]:
    return [*_flask_responses(), *_requests_responses(), *_httpx_responses(),
            *_django_responses(), *_webtest_responses(), *_tornado_responses(),
            *_quart_responses(), *_falcon_responses(), *_header_pairs()]  # fmt: skip


def _tokens(responses: list[object]) -> list[str]:
    """Cut from every field and body: whole values, their middles, a body's ends."""
    tokens = {TOKEN, ENCODED, TOKEN.lower(), "absent-1234567890-token", "1234567890"}
    for response in responses:
        for name, value in exposure.header_fields(response):
            tokens |= {value, value[2:20], value[-16:], name}
        body = ref_read_body(response)
        if body:
            text = bytes(body).decode("latin-1")
            tokens |= {text[:16], text[-16:], text[3:40]}
    return sorted(token for token in tokens if token)


@pytest.fixture(scope="module")
def responses() -> Iterator[list[object]]:
    yield _responses()


def test_read_body_is_the_reference(responses: list[object]) -> None:
    bodies = [read_body(response) for response in responses]
    assert bodies == [ref_read_body(response) for response in responses]
    assert sum(body is not None for body in bodies) >= 10
    assert sum(body is None for body in bodies) >= 5


def test_touches_is_the_reference_for_each_token_and_all_at_once(
    responses: list[object],
) -> None:
    tokens = _tokens(responses)
    assert len(tokens) > exposure._FEW_FORMS
    sets = [(token,) for token in tokens] + [tuple(tokens), (TOKEN, ENCODED)]
    hits = 0
    for token_set in sets:
        needles = _Needles(token_set)
        for response in responses:
            touched = needles.touches(response)
            assert touched == ref_touches(needles, response), (token_set, response)
            hits += touched
    assert hits > len(responses)  # the tokens are found where they are
