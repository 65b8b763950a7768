"""assert_secure_cookie against Starlette's and FastAPI's SessionMiddleware through their
TestClient: the default (no Secure) and the hardened https_only=True."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 and warns when its TestClient falls back to httpx.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from fastapi import FastAPI, Request
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from pytest_securecookie import InsecureCookieError, assert_cookie_deleted, assert_secure_cookie

pytestmark = pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")

STARLETTE_FIX = (
    "    fix: SessionMiddleware(app, secret_key=..., https_only=True); if Secure is off only "
    "so that the http test client keeps its session, test over https instead: "
    'TestClient(app, base_url="https://testserver")'
)


async def login(request: Request) -> PlainTextResponse:
    request.session["user"] = "alice"
    return PlainTextResponse("ok")


async def logout(request: Request) -> PlainTextResponse:
    request.session.clear()
    return PlainTextResponse("bye")


def starlette_app(**session_options: Any) -> Starlette:
    middleware = Middleware(SessionMiddleware, secret_key="test-only", **session_options)
    routes = [Route("/login", login), Route("/logout", logout)]
    return Starlette(routes=routes, middleware=[middleware])


def fastapi_app(**session_options: Any) -> FastAPI:
    app = FastAPI()
    app.add_middleware(SessionMiddleware, secret_key="test-only", **session_options)
    app.get("/login")(login)
    return app


def test_starlette_default_session_lacks_secure() -> None:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(TestClient(starlette_app()).get("/login"))
    lines = str(caught.value).splitlines()
    assert lines[0] == (
        "cookie 'session' set by GET http://testserver/login (starlette) is insecure: 1 problem"
    )
    assert lines[1].startswith("  Set-Cookie: session=<redacted ")
    assert lines[1].endswith(" chars>; path=/; Max-Age=1209600; httponly; samesite=lax")
    assert lines[2].startswith("  SC001 'session' has no Secure attribute: ")
    assert lines[3] == STARLETTE_FIX
    assert [f.rule for f in caught.value.findings] == ["SC001"]


def test_starlette_https_only_session_passes_over_https() -> None:
    client = TestClient(starlette_app(https_only=True), base_url="https://testserver")
    cookie = assert_secure_cookie(client.get("/login"), "session", samesite="Lax")
    assert (cookie.secure, cookie.httponly, cookie.samesite_raw) == (True, True, "lax")


def test_starlette_same_site_strict_is_honoured() -> None:
    client = TestClient(starlette_app(https_only=True, same_site="strict"))
    assert assert_secure_cookie(client.get("/login"), samesite="Strict")[0].samesite == "Strict"
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(TestClient(starlette_app(https_only=True)).get("/login"),
                             samesite="Strict")
    assert [f.rule for f in caught.value.findings] == ["SC006"]


def test_starlette_logout_deletes_the_session() -> None:
    client = TestClient(starlette_app())
    client.get("/login")
    assert_cookie_deleted(client.get("/logout"), "session")


def test_fastapi_default_and_hardened_session() -> None:
    with pytest.raises(InsecureCookieError) as caught:
        assert_secure_cookie(TestClient(fastapi_app()).get("/login"), "session")
    assert str(caught.value).splitlines()[3] == STARLETTE_FIX
    hardened = TestClient(fastapi_app(https_only=True)).get("/login")
    assert assert_secure_cookie(hardened, "session").secure


def test_fixture_message_for_fastapi_in_a_pytester_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_fastapi="""
        import warnings
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
        from fastapi import FastAPI, Request
        from starlette.middleware.sessions import SessionMiddleware
        from starlette.testclient import TestClient

        app = FastAPI()
        app.add_middleware(SessionMiddleware, secret_key="test-only")

        @app.post("/login")
        async def login(request: Request):
            request.session["user"] = "alice"
            return {"ok": True}

        def test_login(assert_secure_cookie):
            assert_secure_cookie(TestClient(app).post("/login"))
    """)
    result = pytester.runpytest("-p", "no:hypothesispytest", "-W",
                                "ignore::pytest.PytestAssertRewriteWarning")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "E       pytest_securecookie.InsecureCookieError: cookie 'session' set by "
            "POST http://testserver/login (starlette) is insecure: 1 problem",
            "E         Set-Cookie: session=<redacted * chars>; path=/; Max-Age=1209600; "
            "httponly; samesite=lax",
            "E         SC001 'session' has no Secure attribute: *",
            "E       " + STARLETTE_FIX,
        ],
        consecutive=True,
    )
