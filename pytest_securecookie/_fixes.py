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
from ._stack_settings import STACK_SETTINGS

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
    ("quart_auth", "quart", "quart-auth"),
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
    "bottle": 'response.set_cookie("{name}", ..., {flag})',
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
        settings = STACK_SETTINGS.get(self.stack or "", {})
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
