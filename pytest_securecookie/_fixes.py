"""Fix texts that name the exact setting of the stack that set a cookie.

The stack is read from what the test reveals: the cookie's name (``sessionid`` is Django's,
``connect.sid`` express-session's), the framework or client that received it, and the shape
of its value (a Tornado or Bottle signature).  When nothing reveals it the fix is written for
the raw header.  Texts name settings and attributes only, never a cookie's value.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ._names import bare_name
from ._shapes import credential_shape

if TYPE_CHECKING:
    from ._parse import SetCookie

# Clients and frameworks the recorder names -> the framework family whose settings apply.
# Plain HTTP clients (requests, urllib3, httpx, webtest) reveal nothing.
_FAMILIES = {
    "flask": "flask", "werkzeug": "werkzeug", "quart": "quart", "django": "django",
    "starlette": "starlette", "fastapi": "starlette", "litestar": "litestar",
    "aiohttp": "aiohttp", "falcon": "falcon", "tornado": "tornado", "sanic": "sanic",
    "pyramid": "pyramid", "bottle": "bottle",
}

# Cookie names that belong to one stack: (glob, family, stack).
_NAMED_STACKS = (
    ("sessionid", "django", "django-session"),
    ("messages", "django", "django-session"),
    ("csrftoken", "django", "django-csrf"),
    ("remember_token", "flask", "flask-login"),
    ("auth_tkt", "pyramid", "pyramid-authtkt"),
    ("beaker.session.id", "beaker", "beaker"),
    ("aiohttp_session", "aiohttp", "aiohttp-session"),
    ("_xsrf", "tornado", "tornado-xsrf"),
    ("connect.sid", "express", "express-session"),
    ("express:sess", "express", "cookie-session"),
    ("session.sig", "express", "cookie-session"),
    ("jsessionid", "java", "java"),
    ("asp.net_sessionid", "aspnet", "aspnet"),
    (".aspxauth", "aspnet", "aspnet"),
    (".aspnetcore.*", "aspnetcore", "aspnetcore"),
    ("phpsessid", "php", "php"),
    ("laravel_session", "laravel", "laravel"),
    ("remember_web_*", "laravel", "laravel"),
    ("remember_user_token", "rails", "rails"),
    ("_*_session", "rails", "rails"),
)

# Value shapes that reveal the stack: shape -> (family, stack).
_SHAPE_STACKS = {
    "tornado": ("tornado", "tornado-cookie"),
    "bottle": ("bottle", "bottle"),
    "express": ("express", "express-session"),
    "laravel": ("laravel", "laravel"),
    "rails": ("rails", "rails"),
    "fernet": ("aiohttp", "aiohttp-session"),
    "dataprotection": ("aspnetcore", "aspnetcore"),
}

# The stack of a framework's own session cookie, by its default name.
_SESSION_STACKS = {
    ("flask", "session"): "flask-session",
    ("werkzeug", "session"): "flask-session",  # a werkzeug Client driving a Flask app
    ("quart", "session"): "quart-session",
    ("starlette", "session"): "starlette-session",
    ("litestar", "session"): "litestar-session",
    ("litestar", "csrftoken"): "litestar-csrf",
    ("pyramid", "session"): "pyramid-session",
}

_SETTINGS: dict[str, dict[str, str]] = {
    "flask-session": {
        "secure": 'app.config["SESSION_COOKIE_SECURE"] = True',
        "httponly": 'app.config["SESSION_COOKIE_HTTPONLY"] = True',
        "samesite": 'app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}"',
        "lifetime": 'app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...) (shorter)',
        "host_only": 'app.config["SESSION_COOKIE_DOMAIN"] = None',
    },
    "quart-session": {
        "secure": 'app.config["SESSION_COOKIE_SECURE"] = True (Quart)',
        "httponly": 'app.config["SESSION_COOKIE_HTTPONLY"] = True (Quart)',
        "samesite": 'app.config["SESSION_COOKIE_SAMESITE"] = "{SameSite}" (Quart)',
        "lifetime": 'app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(...) (Quart)',
        "host_only": 'app.config["SESSION_COOKIE_DOMAIN"] = None (Quart)',
    },
    "flask-login": {
        "secure": 'app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)',
        "httponly": 'app.config["REMEMBER_COOKIE_HTTPONLY"] = True (Flask-Login)',
        "samesite": 'app.config["REMEMBER_COOKIE_SAMESITE"] = "{SameSite}" (Flask-Login)',
        "lifetime": 'app.config["REMEMBER_COOKIE_DURATION"] = timedelta(...) (Flask-Login)',
        "host_only": 'app.config["REMEMBER_COOKIE_DOMAIN"] = None (Flask-Login)',
    },
    "django-session": {
        "secure": "SESSION_COOKIE_SECURE = True in settings.py",
        "httponly": "SESSION_COOKIE_HTTPONLY = True in settings.py",
        "samesite": 'SESSION_COOKIE_SAMESITE = "{SameSite}" in settings.py',
        "lifetime": "a shorter SESSION_COOKIE_AGE (seconds) in settings.py",
        "host_only": "SESSION_COOKIE_DOMAIN = None in settings.py",
    },
    "django-csrf": {
        "secure": "CSRF_COOKIE_SECURE = True in settings.py",
        "httponly": "CSRF_COOKIE_HTTPONLY = True in settings.py",
        "samesite": 'CSRF_COOKIE_SAMESITE = "{SameSite}" in settings.py',
        "lifetime": "a shorter CSRF_COOKIE_AGE (seconds) in settings.py",
        "host_only": "CSRF_COOKIE_DOMAIN = None in settings.py",
    },
    "starlette-session": {
        "secure": "SessionMiddleware(app, secret_key=..., https_only=True)",
        "samesite": 'SessionMiddleware(app, secret_key=..., same_site="{samesite}")',
        "lifetime": "SessionMiddleware(app, secret_key=..., max_age=<seconds>) (shorter)",
        "host_only": "SessionMiddleware(app, secret_key=..., domain=None)",
    },
    "litestar-session": {
        "secure": "CookieBackendConfig(secret=..., secure=True)",
        "httponly": "CookieBackendConfig(secret=..., httponly=True)",
        "samesite": 'CookieBackendConfig(secret=..., samesite="{samesite}")',
        "lifetime": "CookieBackendConfig(secret=..., max_age=<seconds>) (shorter)",
        "host_only": "CookieBackendConfig(secret=..., domain=None)",
    },
    "litestar-csrf": {
        "secure": "CSRFConfig(secret=..., cookie_secure=True)",
        "httponly": "CSRFConfig(secret=..., cookie_httponly=True)",
        "samesite": 'CSRFConfig(secret=..., cookie_samesite="{samesite}")',
        "host_only": "CSRFConfig(secret=..., cookie_domain=None)",
    },
    "aiohttp-session": {
        "secure": "EncryptedCookieStorage(secret_key, secure=True) (aiohttp-session)",
        "httponly": "EncryptedCookieStorage(secret_key, httponly=True) (aiohttp-session)",
        "samesite": 'EncryptedCookieStorage(secret_key, samesite="{SameSite}") (aiohttp-session)',
        "lifetime": "EncryptedCookieStorage(secret_key, max_age=<seconds>) (aiohttp-session)",
        "host_only": "EncryptedCookieStorage(secret_key, domain=None) (aiohttp-session)",
    },
    "tornado-xsrf": {
        "secure": 'Application(..., xsrf_cookie_kwargs={{"secure": True}})',
        "httponly": 'Application(..., xsrf_cookie_kwargs={{"httponly": True}})',
        "samesite": 'Application(..., xsrf_cookie_kwargs={{"samesite": "{SameSite}"}})',
    },
    "pyramid-authtkt": {
        "secure": "AuthTktCookieHelper(secret, secure=True) (or AuthTktAuthenticationPolicy)",
        "httponly": "AuthTktCookieHelper(secret, http_only=True)",
        "samesite": 'AuthTktCookieHelper(secret, samesite="{SameSite}")',
        "lifetime": "AuthTktCookieHelper(secret, max_age=<seconds>, timeout=<seconds>)",
        "host_only": "AuthTktCookieHelper(secret, domain=None, wild_domain=False)",
    },
    "pyramid-session": {
        "secure": "SignedCookieSessionFactory(secret, secure=True)",
        "httponly": "SignedCookieSessionFactory(secret, httponly=True)",
        "samesite": 'SignedCookieSessionFactory(secret, samesite="{SameSite}")',
        "lifetime": "SignedCookieSessionFactory(secret, max_age=<seconds>, timeout=<seconds>)",
        "host_only": "SignedCookieSessionFactory(secret, domain=None)",
    },
    "beaker": {
        "secure": "session.secure = true in the Beaker configuration",
        "httponly": "session.httponly = true in the Beaker configuration",
        "samesite": "session.samesite = {SameSite} in the Beaker configuration",
        "lifetime": "a shorter session.cookie_expires / session.timeout (Beaker)",
        "host_only": "remove session.cookie_domain from the Beaker configuration",
    },
    "express-session": {
        "secure": "session({{cookie: {{secure: true}}}}) (express-session), and "
                  "app.set('trust proxy', 1) behind a TLS-terminating proxy",
        "httponly": "session({{cookie: {{httpOnly: true}}}}) (express-session)",
        "samesite": "session({{cookie: {{sameSite: '{samesite}'}}}}) (express-session)",
        "lifetime": "session({{cookie: {{maxAge: <milliseconds>}}}}) (express-session)",
        "host_only": "leave cookie.domain unset in session({{cookie: ...}}) (express-session)",
    },
    "cookie-session": {
        "secure": "cookieSession({{secure: true}}) (cookie-session), and "
                  "app.set('trust proxy', 1) behind a TLS-terminating proxy",
        "httponly": "cookieSession({{httpOnly: true}}) (cookie-session)",
        "samesite": "cookieSession({{sameSite: '{samesite}'}}) (cookie-session)",
        "lifetime": "cookieSession({{maxAge: <milliseconds>}}) (cookie-session)",
        "host_only": "leave domain unset in cookieSession({{...}}) (cookie-session)",
    },
    "java": {
        "secure": "web.xml <session-config><cookie-config><secure>true</secure>"
                  "</cookie-config></session-config> (or cookie.setSecure(true))",
        "httponly": "web.xml <session-config><cookie-config><http-only>true</http-only>"
                    "</cookie-config></session-config> (or cookie.setHttpOnly(true))",
        "samesite": "web.xml <cookie-config><attribute><attribute-name>SameSite"
                    "</attribute-name><attribute-value>{SameSite}</attribute-value>"
                    "</attribute></cookie-config> (Servlet 6; Spring Boot: "
                    "server.servlet.session.cookie.same-site={samesite})",
        "lifetime": "web.xml <cookie-config><max-age>seconds</max-age></cookie-config>",
        "host_only": "remove <domain> from web.xml <cookie-config>",
    },
    "aspnet": {
        "secure": 'Web.config <system.web><httpCookies requireSSL="true"/></system.web>',
        "httponly": 'Web.config <system.web><httpCookies httpOnlyCookies="true"/></system.web>',
        "samesite": 'Web.config <httpCookies sameSite="{SameSite}"/> and '
                    '<sessionState cookieSameSite="{SameSite}"/>',
        "lifetime": 'a shorter timeout in Web.config <sessionState> / <forms>',
        "host_only": 'remove domain="..." from Web.config <httpCookies>',
    },
    "aspnetcore": {
        "secure": "CookieOptions {{ Secure = true }} (auth and session cookies: "
                  "options.Cookie.SecurePolicy = CookieSecurePolicy.Always)",
        "httponly": "CookieOptions {{ HttpOnly = true }} (options.Cookie.HttpOnly = true)",
        "samesite": "CookieOptions {{ SameSite = SameSiteMode.{SameSite} }} "
                    "(options.Cookie.SameSite = SameSiteMode.{SameSite})",
        "lifetime": "a shorter options.ExpireTimeSpan / CookieOptions.MaxAge",
        "host_only": "options.Cookie.Domain = null",
    },
    "rails": {
        "secure": "config.force_ssl = true (or secure: true on config.session_store)",
        "httponly": "config.session_store :cookie_store, httponly: true",
        "samesite": "config.session_store :cookie_store, same_site: :{samesite} "
                    "(or config.action_dispatch.cookies_same_site_protection = :{samesite})",
        "lifetime": "config.session_store :cookie_store, expire_after: <duration> (shorter)",
        "host_only": "drop domain: (e.g. domain: :all) from config.session_store",
    },
    "php": {
        "secure": "session.cookie_secure=1 in php.ini "
                  "(or session_set_cookie_params(['secure' => true]))",
        "httponly": "session.cookie_httponly=1 in php.ini",
        "samesite": "session.cookie_samesite={SameSite} in php.ini",
        "lifetime": "a shorter session.cookie_lifetime in php.ini",
        "host_only": "leave session.cookie_domain empty in php.ini",
    },
    "laravel": {
        "secure": "'secure' => true in config/session.php (SESSION_SECURE_COOKIE=true)",
        "httponly": "'http_only' => true in config/session.php",
        "samesite": "'same_site' => '{samesite}' in config/session.php",
        "lifetime": "a shorter 'lifetime' in config/session.php (SESSION_LIFETIME, minutes)",
        "host_only": "'domain' => null in config/session.php (SESSION_DOMAIN)",
    },
}

# How each framework sets one cookie by hand: {flags} is filled with the keyword needed.
_SET_COOKIE_CALLS = {
    "flask": 'response.set_cookie("{name}", ..., {flag})',
    "werkzeug": 'response.set_cookie("{name}", ..., {flag})',
    "quart": 'response.set_cookie("{name}", ..., {flag})',
    "django": 'response.set_cookie("{name}", ..., {flag})',
    "starlette": 'response.set_cookie("{name}", ..., {flag})',
    "litestar": 'response.set_cookie("{name}", ..., {flag})',
    "aiohttp": 'response.set_cookie("{name}", ..., {flag})',
    "falcon": 'resp.set_cookie("{name}", ..., {flag})',
    "tornado": 'self.set_signed_cookie("{name}", ..., {flag}) '
               '(set_secure_cookie before Tornado 6.3)',
    "sanic": 'response.add_cookie("{name}", ..., {flag})',
    "pyramid": 'response.set_cookie("{name}", ..., {flag})',
    "bottle": 'response.set_cookie("{name}", ..., secret=..., {flag})',
    "express": "res.cookie('{name}', value, {{{flag}}})",
}
_FLAGS = {
    "secure": {"express": "secure: true"},
    "httponly": {"falcon": "http_only=True", "express": "httpOnly: true"},
    "samesite": {"falcon": 'same_site="{SameSite}"', "express": "sameSite: '{samesite}'",
                 "flask": 'samesite="{SameSite}"', "werkzeug": 'samesite="{SameSite}"',
                 "django": 'samesite="{SameSite}"',
                 "quart": 'samesite="{SameSite}"', "aiohttp": 'samesite="{SameSite}"',
                 "tornado": 'samesite="{SameSite}"', "sanic": 'samesite="{SameSite}"',
                 "pyramid": 'samesite="{SameSite}"'},
    "lifetime": {"express": "maxAge: <milliseconds>", "tornado": "expires_days=<days>"},
    "host_only": {"express": "domain: undefined"},
}
_DEFAULT_FLAGS = {
    "secure": "secure=True", "httponly": "httponly=True", "samesite": 'samesite="{samesite}"',
    "lifetime": "max_age=<seconds>", "host_only": "domain=None",
}
_GENERIC = {
    "secure": "add `; Secure` to the Set-Cookie line of '{name}'",
    "httponly": "add `; HttpOnly` to the Set-Cookie line of '{name}'",
    "samesite": "add `; SameSite={SameSite}` to the Set-Cookie line of '{name}'",
    "lifetime": "give '{name}' a shorter Max-Age (or Expires)",
    "host_only": "drop `Domain=` from the Set-Cookie line of '{name}' (or name it __Host-...)",
}

# Testing over https instead of turning Secure off, per test client.
_HTTPS_CLIENTS = {
    "flask": 'client.get(..., base_url="https://localhost")',
    "werkzeug": 'client.get(..., base_url="https://localhost")',
    "quart": 'client.get(..., scheme="https")',
    "django": "client.get(..., secure=True)",
    "starlette": 'TestClient(app, base_url="https://testserver")',
    "litestar": 'TestClient(app, base_url="https://testserver.local")',
}


@dataclass(frozen=True)
class Fixer:
    """The fix texts for one cookie, written for the stack that set it."""

    name: str
    family: str | None = None
    stack: str | None = None
    samesite: str = "Lax"
    plain_http: bool = False

    @classmethod
    def for_cookie(
        cls,
        cookie: SetCookie,
        *,
        framework: str | None = None,
        url: str | None = None,
        samesite: tuple[str, ...] = (),
    ) -> Fixer:
        """Read the stack from the cookie's name, the framework/client and the value's shape."""
        family = _FAMILIES.get((framework or "").strip().lower())
        found_family, stack = detect_stack(cookie, family)
        return cls(
            name=cookie.name,
            family=found_family,
            stack=stack,
            samesite=_recommended(samesite),
            plain_http=(url or "").lower().startswith("http:"),
        )

    def fix(self, need: str) -> str:
        """The fix for ``need``: "secure", "httponly", "samesite", "lifetime" or "host_only"."""
        text = self._setting(need).format(
            name=self.name, SameSite=self.samesite, samesite=self.samesite.lower()
        )
        if need == "secure" and self.plain_http:
            text += "; " + self._https_hint()
        return text

    def _setting(self, need: str) -> str:
        settings = _SETTINGS.get(self.stack or "", {})
        if need in settings:
            return settings[need]
        call = _SET_COOKIE_CALLS.get(self.family or "")
        if call is None:
            return _GENERIC[need]
        flag = _FLAGS[need].get(self.family or "", _DEFAULT_FLAGS[need])
        return call.replace("{flag}", flag)

    def _https_hint(self) -> str:
        how = _HTTPS_CLIENTS.get(self.family or "", "point the test client at an https:// URL")
        return (
            "if Secure is off only so that the http test client keeps its session, "
            f"test over https instead: {how}"
        )


def _recommended(allowed: tuple[str, ...]) -> str:
    """The SameSite value to suggest: Lax if allowed (least breaking), else the strictest."""
    for value in ("Lax", "Strict", "None"):
        if value in allowed or not allowed and value == "Lax":
            return value
    return "Lax"


def detect_stack(cookie: SetCookie, family: str | None) -> tuple[str | None, str | None]:
    """(family, stack) that set the cookie; the name wins when it agrees with the client."""
    bare = bare_name(cookie.name)
    for pattern, named_family, stack in _NAMED_STACKS:
        if fnmatch.fnmatchcase(bare, pattern) and family in (None, named_family):
            return named_family, stack
    if family is not None:
        return family, _SESSION_STACKS.get((family, _chunk_base(bare)))
    shape = credential_shape(cookie.value)
    if shape in _SHAPE_STACKS:
        return _SHAPE_STACKS[shape]
    if shape in ("itsdangerous", "django") and bare == "session":
        return ("flask", "flask-session") if shape == "itsdangerous" else ("django", None)
    return None, None


def _chunk_base(bare: str) -> str:
    """Litestar splits a large session into session-0, session-1, ..."""
    base, dash, index = bare.rpartition("-")
    return base if dash and index.isdigit() else bare
