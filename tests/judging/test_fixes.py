"""Fix texts: the exact setting of the stack the cookie name, client or value reveals."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from pytest_securecookie.judging.policy import CookiePolicy, Finding, check_cookie, check_deletion
from tests._apps import flask_session_line
from tests._helpers import NOW, cookie

with warnings.catch_warnings():  # Starlette 1.10 asks for httpx2; httpx is what is installed
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient


FERNET = "gAAAAA" + "B" * 120  # an EncryptedCookieStorage value's shape


def fixes(line: str, framework: str | None = None, **kwargs: object) -> dict[str, str]:
    found = check_cookie(cookie(line), framework=framework, now=NOW, **kwargs)  # type: ignore[arg-type]
    return {finding.rule: finding.fix for finding in found}


@pytest.mark.parametrize(
    ("line", "framework", "secure", "httponly", "samesite"),
    [
        ("session=x", "flask", 'app.config["SESSION_COOKIE_SECURE"] = True',
         'app.config["SESSION_COOKIE_HTTPONLY"] = True',
         'app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'),
        ("remember_token=x", None, 'app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)',
         'app.config["REMEMBER_COOKIE_HTTPONLY"] = True (Flask-Login)',
         'app.config["REMEMBER_COOKIE_SAMESITE"] = "Lax" (Flask-Login)'),
        ("session=x", "quart", 'app.config["SESSION_COOKIE_SECURE"] = True (Quart)',
         'app.config["SESSION_COOKIE_HTTPONLY"] = True (Quart)',
         'app.config["SESSION_COOKIE_SAMESITE"] = "Lax" (Quart)'),
        ("QUART_AUTH=x", "quart", 'app.config["QUART_AUTH_COOKIE_SECURE"] = True (Quart-Auth)',
         'app.config["QUART_AUTH_COOKIE_HTTP_ONLY"] = True (Quart-Auth)',
         'app.config["QUART_AUTH_COOKIE_SAMESITE"] = "Lax" (Quart-Auth)'),
        ("sessionid=x", None, "SESSION_COOKIE_SECURE = True in settings.py",
         "SESSION_COOKIE_HTTPONLY = True in settings.py",
         'SESSION_COOKIE_SAMESITE = "Lax" in settings.py'),
        ("csrftoken=x", "django", "CSRF_COOKIE_SECURE = True in settings.py", None,
         'CSRF_COOKIE_SAMESITE = "Lax" in settings.py'),
        ("session=x", "fastapi", "SessionMiddleware(app, secret_key=..., https_only=True)",
         'response.set_cookie("session", ..., httponly=True)',
         'SessionMiddleware(app, secret_key=..., same_site="lax")'),
        ("token=x", "starlette", 'response.set_cookie("token", ..., secure=True)',
         'response.set_cookie("token", ..., httponly=True)',
         'response.set_cookie("token", ..., samesite="lax")'),
        ("session-0=x", "litestar", "CookieBackendConfig(secret=..., secure=True)",
         "CookieBackendConfig(secret=..., httponly=True)",
         'CookieBackendConfig(secret=..., samesite="lax")'),
        (f"AIOHTTP_SESSION={FERNET}", None,
         "EncryptedCookieStorage(secret_key, secure=True) (aiohttp-session)",
         "EncryptedCookieStorage(secret_key, httponly=True) (aiohttp-session)",
         'EncryptedCookieStorage(secret_key, samesite="Lax") (aiohttp-session)'),
        ("token=x", "falcon", 'resp.set_cookie("token", ..., secure=True)',
         'resp.set_cookie("token", ..., http_only=True)',
         'resp.set_cookie("token", ..., same_site="Lax")'),
        ("auth_tkt=x", None, "AuthTktCookieHelper(secret, secure=True) (or "
         "AuthTktAuthenticationPolicy)", "AuthTktCookieHelper(secret, http_only=True)",
         'AuthTktCookieHelper(secret, samesite="Lax")'),
        ("session=x", "pyramid", "SignedCookieSessionFactory(secret, secure=True)",
         "SignedCookieSessionFactory(secret, httponly=True)",
         'SignedCookieSessionFactory(secret, samesite="Lax")'),
        ("account=x", "bottle", 'response.set_cookie("account", ..., secure=True)',
         'response.set_cookie("account", ..., httponly=True)',
         'response.set_cookie("account", ..., samesite="lax")'),
        ("user=x", "tornado", 'self.set_signed_cookie("user", ..., secure=True) '
         "(set_secure_cookie before Tornado 6.3)",
         'self.set_signed_cookie("user", ..., httponly=True) '
         "(set_secure_cookie before Tornado 6.3)",
         'self.set_signed_cookie("user", ..., samesite="Lax") '
         "(set_secure_cookie before Tornado 6.3)"),
        ("token=x", "sanic", 'response.add_cookie("token", ..., secure=True)',
         'response.add_cookie("token", ..., httponly=True)',
         'response.add_cookie("token", ..., samesite="Lax")'),
        ("beaker.session.id=x", None, "session.secure = true in the Beaker configuration",
         "session.httponly = true in the Beaker configuration",
         "session.samesite = Lax in the Beaker configuration"),
        ("connect.sid=x", None, "session({cookie: {secure: true}}) (express-session), and "
         "app.set('trust proxy', 1) behind a TLS-terminating proxy",
         "session({cookie: {httpOnly: true}}) (express-session)",
         "session({cookie: {sameSite: 'lax'}}) (express-session)"),
        ("session.sig=x", None, "cookieSession({secure: true}) (cookie-session), and "
         "app.set('trust proxy', 1) behind a TLS-terminating proxy",
         "cookieSession({httpOnly: true}) (cookie-session)",
         "cookieSession({sameSite: 'lax'}) (cookie-session)"),
        ("JSESSIONID=x", "requests", "web.xml <session-config><cookie-config><secure>true"
         "</secure></cookie-config></session-config> (or cookie.setSecure(true))",
         "web.xml <session-config><cookie-config><http-only>true</http-only></cookie-config>"
         "</session-config> (or cookie.setHttpOnly(true))", None),
        ("ASP.NET_SessionId=x", None,
         'Web.config <system.web><httpCookies requireSSL="true"/></system.web>',
         'Web.config <system.web><httpCookies httpOnlyCookies="true"/></system.web>', None),
        (".AspNetCore.Cookies=x", None, "CookieOptions { Secure = true } (auth and session "
         "cookies: options.Cookie.SecurePolicy = CookieSecurePolicy.Always)",
         "CookieOptions { HttpOnly = true } (options.Cookie.HttpOnly = true)",
         "CookieOptions { SameSite = SameSiteMode.Lax } "
         "(options.Cookie.SameSite = SameSiteMode.Lax)"),
        ("_shop_session=x", None,
         "config.force_ssl = true (or secure: true on config.session_store)",
         "config.session_store :cookie_store, httponly: true", None),
        ("PHPSESSID=x", "urllib3", "session.cookie_secure=1 in php.ini "
         "(or session_set_cookie_params(['secure' => true]))",
         "session.cookie_httponly=1 in php.ini", "session.cookie_samesite=Lax in php.ini"),
        ("laravel_session=x", None,
         "'secure' => true in config/session.php (SESSION_SECURE_COOKIE=true)",
         "'http_only' => true in config/session.php",
         "'same_site' => 'lax' in config/session.php"),
        ("token=x", None, "add `; Secure` to the Set-Cookie line of 'token'",
         "add `; HttpOnly` to the Set-Cookie line of 'token'",
         "add `; SameSite=Lax` to the Set-Cookie line of 'token'"),
    ],
)
def test_fix_names_the_setting_of_the_stack(
    line: str, framework: str | None, secure: str, httponly: str | None, samesite: str | None
) -> None:
    found = fixes(line, framework)
    assert found["SC001"] == secure
    if httponly is not None:
        assert found["SC002"] == httponly
    if samesite is not None:
        assert found["SC003"] == samesite


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"2|1:0|10:1795306592|4:user|8:YWxpY2U=|'
         'e2d2c5965cfeae087b954999958962aa754455c34653bab5a2c50230decde9dc"',
         'self.set_signed_cookie("prefs", ..., secure=True)'),
        ('"!gCeT1Oe+0zrqUpXqZeKzaHaZE93X3fAUF3oEENf5jwQ=?gAWVFwAAAAAAAABdlCiMB2FjY291bnSUjAVh"',
         'response.set_cookie("prefs", ..., secure=True)'),
        ("s%3AJ7sRk3w2Vt1Qy0hNq0gZx8sYk1kP2m3n.4%2BgL0dM8Z%2FkN7s4XoQm1bVyC9e7hT2jR5pWqLsUaA0c",
         "session({cookie: {secure: true}}) (express-session)"),
    ],
)
def test_the_value_shape_reveals_the_stack(value: str, expected: str) -> None:
    assert fixes(f"prefs={value}")["SC001"].startswith(expected)


def test_the_cookie_name_wins_only_when_the_client_agrees() -> None:
    assert fixes("sessionid=x", "flask")["SC001"] == (
        'response.set_cookie("sessionid", ..., secure=True)')
    assert fixes("sessionid=x", "requests")["SC001"] == (
        "SESSION_COOKIE_SECURE = True in settings.py")


def test_the_samesite_fix_follows_the_policy() -> None:
    strict = CookiePolicy(samesite=("Strict",))
    found = check_cookie(cookie("sessionid=x; Secure; HttpOnly; SameSite=Lax"), strict, now=NOW)
    assert found[0].fix == 'SESSION_COOKIE_SAMESITE = "Strict" in settings.py'


@pytest.mark.parametrize(
    ("framework", "how"),
    [
        ("flask", 'client.get(..., url_scheme="https") (or, where the test passes '
                  "base_url=, its https:// form)"),
        ("werkzeug", 'client.get(..., environ_overrides={"wsgi.url_scheme": "https"})'),
        ("django", "client.get(..., secure=True)"),
        ("starlette", 'TestClient(app, base_url="https://testserver")'),
        ("fastapi", 'TestClient(app, base_url="https://testserver")'),
        ("webtest", 'TestApp(app, extra_environ={"wsgi.url_scheme": "https"})'),
        ("falcon", 'client.simulate_get(..., protocol="https")'),
        ("tornado", "AsyncHTTPSTestCase (it serves the app over https)"),
        ("httpx", 'give the httpx client base_url="https://..." (ASGITransport/WSGITransport)'),
        (None, "point the test client at an https:// URL"),
    ],
)
def test_plain_http_tests_are_told_how_to_test_over_https(framework: str | None, how: str) -> None:
    fix = fixes("session=x", framework, url="http://testserver/login")["SC001"]
    assert fix.endswith(
        "; if Secure is off only so that the http test client keeps its session, "
        f"test over https instead: {how}")
    assert "https instead" not in fixes("session=x", framework, url="https://x/")["SC001"]


LIVE_HINT = (
    "; if Secure is off only because the test server speaks plain http, serve it over https "
    "for the test (or, behind a TLS-terminating proxy the app trusts, send "
    "X-Forwarded-Proto: https)"
)


@pytest.mark.parametrize(
    "client", ["requests", "urllib3", "http.client", "aiohttp", "wsgi", "asgi"])
def test_a_live_server_or_a_browser_is_not_told_about_test_client_arguments(client: str) -> None:
    # A Django live server queried with requests: the name says Django, yet no
    # client.get(..., secure=True) exists on that path.
    for line in ("session=x", "sessionid=x"):
        fix = fixes(line, client, url="http://127.0.0.1:8000/login")["SC001"]
        assert fix.endswith(LIVE_HINT)
        assert "base_url" not in fix and "client.get" not in fix


def test_other_fixes_name_lifetime_and_domain_settings() -> None:
    policy = CookiePolicy(max_lifetime=3600, host_only=True)
    line = "sessionid=x; Secure; HttpOnly; SameSite=Lax; Max-Age=7200; Domain=example.com"
    found = {f.rule: f.fix for f in check_cookie(cookie(line), policy, now=NOW)}
    assert found == {
        "SC010": "a shorter SESSION_COOKIE_AGE (seconds) in settings.py",
        "SC013": "SESSION_COOKIE_DOMAIN = None in settings.py",
    }


# -- real frameworks, end to end ------------------------------------------------------------


def test_flask_login_over_http_gets_flask_fixes() -> None:
    line = flask_session_line()
    [secure, samesite] = check_cookie(
        cookie(line), framework="flask", url="http://localhost/login", now=NOW)
    assert secure.fix.startswith('app.config["SESSION_COOKIE_SECURE"] = True; ')
    assert secure.fix.endswith('client.get(..., url_scheme="https") (or, where the test '
                               "passes base_url=, its https:// form)")
    assert samesite.fix == 'app.config["SESSION_COOKIE_SAMESITE"] = "Lax"'


def test_starlette_session_middleware_gets_its_arguments_named() -> None:
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.sessions import SessionMiddleware
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    def login(request: Request) -> PlainTextResponse:
        request.session["user"] = "alice"
        return PlainTextResponse("ok")

    def build(**options: Any) -> list[Finding]:
        app = Starlette(routes=[Route("/login", login)],
                        middleware=[Middleware(SessionMiddleware, secret_key="k", **options)])
        with TestClient(app) as client:
            [line] = client.get("/login").headers.get_list("set-cookie")
        assert cookie(line).name == "session"
        return check_cookie(cookie(line), framework="starlette", now=NOW)

    [finding] = build()
    assert finding.rule == "SC001"
    assert finding.fix == "SessionMiddleware(app, secret_key=..., https_only=True)"
    assert build(https_only=True) == []
    [strict] = check_cookie(cookie("session=x; Secure; HttpOnly; SameSite=None"),
                            framework="starlette", now=NOW)
    assert strict.fix == 'SessionMiddleware(app, secret_key=..., same_site="lax")'


# -- no finding ever contains the cookie's value --------------------------------------------

SECRET = "s3cr3tV4lu3-do-not-leak"


def every_finding() -> Iterator[Finding]:
    lines = [
        f"sessionid={SECRET}", f"__Host-sid={SECRET}; Domain=x.com; SameSite=Strictt",
        f"__Secure-sid={SECRET}; Max-Age=0", f"__Secure-sid={SECRET}",
        f"theme={SECRET}; SameSite=None; Partitioned",
        f"sessionid={SECRET}; Secrue; Max-Age=999999999; Path=/{'p' * 1100}",
        f"remember_token={SECRET}; Domain=example.com; SameSite=Lax",
        f"prefs=eyJhbGciOiJIUzI1NiJ9.{SECRET}.{SECRET}",
        f"sid={SECRET}; refresh_token={SECRET}; {SECRET}={SECRET}",
    ]
    policy = CookiePolicy(host_only=True, max_lifetime=60, samesite=("Strict",))
    for framework in (None, "flask", "django", "starlette", "tornado", "express"):
        for line in lines:
            yield from check_cookie(cookie(line), policy, framework=framework,
                                    url="http://localhost/", now=NOW)
    yield from check_deletion(cookie(f"__Host-sid={SECRET}; Max-Age=60"),
                              cookie(f"__Host-sid={SECRET}; Secure; Path=/x"),
                              url="http://x/", now=NOW)


def test_no_finding_text_contains_the_cookie_value() -> None:
    found = list(every_finding())
    assert {f.rule for f in found} == {f"SC{n:03d}" for n in range(1, 16)}
    for finding in found:
        assert SECRET not in repr(finding)
        assert "do-not-leak" not in repr(finding)


def test_a_werkzeug_client_session_is_flasks_other_cookies_use_set_cookie() -> None:
    assert fixes("session=x", "werkzeug")["SC001"] == 'app.config["SESSION_COOKIE_SECURE"] = True'
    assert fixes("token=x", "werkzeug")["SC003"] == (
        'response.set_cookie("token", ..., samesite="Lax")')
