"""One spec per client: the recorder patches what the specs name, and the recorder and
``assert_secure_cookie`` tell a response's request, label and Date the same way."""

from __future__ import annotations

from typing import Any

import flask
import pytest

from pytest_securecookie.capturing import clients as _clients
from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.judging.fixes import Fixer
from pytest_securecookie.parsing.clients import CLIENTS, FALCON, client_named
from pytest_securecookie.parsing.origin import origin_of
from pytest_securecookie.parsing.parser import parse_set_cookie
from pytest_securecookie.parsing.readers import response_date
from tests.recorder_apps import starlette_app

pytestmark = [
    pytest.mark.usefixtures("originals"),
    pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`"),
]


def test_the_recorder_patches_exactly_what_the_specs_name() -> None:
    named = [path for client in CLIENTS for path in client.patches]
    patched = [f"{t.module}:{t.owner}.{t.name}" for t in _clients.TARGETS]
    assert sorted(patched) == sorted(named)
    assert len(set(named)) == len(named)


def test_an_adapter_must_wrap_every_function_its_spec_names() -> None:
    with pytest.raises(LookupError, match="falcon"):
        _clients.adapt(FALCON)
    with pytest.raises(LookupError, match="falcon"):
        _clients.adapt(FALCON, __init__=lambda original, patch: original, send=lambda o, p: o)


def test_every_label_the_recorder_writes_has_a_spec() -> None:
    for label in ("flask", "fastapi", "sanic", "wsgi", "asgi", "http.client", "httpx2"):
        spec = client_named(label)
        assert spec is not None and spec.label == label
    assert client_named("pyramid") is None and client_named(None) is None


def test_the_https_hint_of_a_fix_is_the_specs() -> None:
    cookie = parse_set_cookie("session=v; Path=/")
    assert cookie is not None
    fixer = Fixer.for_cookie(
        cookie, framework="falcon", url="http://localhost/login", deletion=False
    )
    assert fixer.fix("secure").endswith(f"test over https instead: {FALCON.https_hint}")


def test_django_request_line_agrees_for_a_host_outside_allowed_hosts() -> None:
    from django.test import Client

    from tests.recorder_django import django_project

    with django_project(), CookieRecorder() as recorder:
        response = Client(HTTP_HOST="app.example").post("/login")
    source = "POST http://app.example/login (django)"
    assert recorder.lines[0].source == source
    assert origin_of(response).source == source  # was "POST /login (django)": DisallowedHost


def test_fastapi_behind_starlette_middleware_is_labelled_alike() -> None:
    from starlette.middleware.gzip import GZipMiddleware
    from starlette.testclient import TestClient

    app = GZipMiddleware(starlette_app(fastapi=True))
    with CookieRecorder() as recorder, TestClient(app) as client:
        response = client.post("/login", follow_redirects=False)
        origin = origin_of(response)  # looks for the test client in this frame
    assert recorder.lines[0].source == "POST http://testserver/login (fastapi)"
    assert origin.source == recorder.lines[0].source  # was "(starlette)"


def test_the_recorder_and_the_reader_parse_one_date_alike() -> None:
    app = flask.Flask(__name__)

    @app.get("/")
    def view() -> Any:
        response = flask.make_response("ok")
        response.set_cookie("a", "1")
        response.headers["Date"] = "Sun, 06 Nov 1994 10:49:37 +0200"
        return response

    with CookieRecorder() as recorder:
        response = app.test_client().get("/")
    assert recorder.lines[0].date == response_date(response)
    assert str(response_date(response)) == "1994-11-06 08:49:37+00:00"
