"""Which stack set a cookie: the framework family whose call syntax a fix uses, and the stack
whose settings (``judging.stack_settings``) name the exact option.

Read from what the test reveals: the cookie's name (``sessionid`` is Django's, ``connect.sid``
express-session's), the framework or client that received it, and the shape of its value (a
Tornado or Bottle signature, which aiohttp-session storage wrote it).  Either part may stay
unknown; ``judging.fixes`` then writes for the family alone or for the raw header.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import json
import re
from typing import TYPE_CHECKING

from .names import bare_name
from .shapes import credential_shape

if TYPE_CHECKING:
    from ..parsing.parser import SetCookie

# (family, stack): the framework family whose call syntax applies, and the stack whose
# settings (``STACK_SETTINGS``) name the exact option; either may be unknown.
Stack = tuple[str | None, str | None]

# Clients and frameworks the recorder names -> the framework family whose settings apply.
# Plain HTTP clients (requests, urllib3, httpx, webtest) reveal nothing.
FAMILIES = {
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
    "flask_login": ("flask", "flask-login"),
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

def stack_by_name(cookie: SetCookie, family: str | None) -> Stack | None:
    """(family, stack) the name and the framework tell (the name wins when it agrees with the
    framework), or None when only the value can."""
    bare = bare_name(cookie.name)
    for pattern, named_family, stack in _NAMED_STACKS:
        if fnmatch.fnmatchcase(bare, pattern) and family in (None, named_family):
            return named_family, stack
    if family is not None:
        return family, _SESSION_STACKS.get((family, _chunk_base(bare)))
    return None


def stack_by_value(cookie: SetCookie, client: str | None) -> Stack:
    """(family, stack) the value's shape tells.  ``client`` is the recorder's label when it
    names no framework: "wsgi" or "asgi" (an app wrapped by the recorder) still tells a Python
    server, which rules out Express."""
    shape = credential_shape(cookie.value)
    if shape in _SHAPE_STACKS:
        return _SHAPE_STACKS[shape]
    if bare_name(cookie.name) == "session":
        return _session_stack(cookie.value, shape, client)
    return None, None


def _session_stack(value: str, shape: str | None, client: str | None) -> Stack:
    """Whose ``session`` cookie it is, from its value, when no framework is known.

    An itsdangerous-signed value is Flask's or Starlette's (both sign with itsdangerous), or
    Quart's: only the server kind the recorder saw tells them apart.  A plain base64 JSON
    value with no signature of its own is Express cookie-session's (its signature travels
    in ``session.sig``), unless a Python server sent it.
    """
    if shape == "itsdangerous":
        stacks = {"wsgi": ("flask", "flask-session"), "asgi": (None, "itsdangerous-asgi")}
        return stacks.get(client or "", (None, "itsdangerous-session"))
    if shape == "django":
        return "django", None
    if client not in ("wsgi", "asgi") and _is_base64_json(value):
        return "express", "cookie-session"
    return None, None


def aiohttp_storage(value: str) -> str:
    """Which aiohttp-session storage wrote the value (all name the cookie AIOHTTP_SESSION):
    EncryptedCookieStorage a Fernet token, SimpleCookieStorage the JSON itself,
    NaClCookieStorage base64 of a nonce, a MAC and the ciphertext; else a server-side storage
    (Redis, Memcached) whose cookie holds a key."""
    if credential_shape(value) == "fernet":
        return "aiohttp-session"
    unquoted = value.strip('"')
    if unquoted.startswith("{"):
        return "aiohttp-session-simple"
    if _NACL.fullmatch(unquoted):
        return "aiohttp-session-nacl"
    return "aiohttp-session-storage"


# Standard base64 of at least a 24-byte nonce and a 16-byte MAC (PyNaCl's SecretBox).
_NACL = re.compile(r"[A-Za-z0-9+/]{54,}={0,2}")


def _is_base64_json(value: str) -> bool:
    """True for base64 of a JSON object ("eyJ..."), as Express cookie-session writes it."""
    if not value.startswith("eyJ") or "." in value:
        return False
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=True)
        return isinstance(json.loads(decoded), dict)
    except (ValueError, binascii.Error):  # json.JSONDecodeError and UnicodeDecodeError too
        return False


def _chunk_base(bare: str) -> str:
    """Litestar splits a large session into session-0, session-1, ..."""
    base, dash, index = bare.rpartition("-")
    return base if dash and index.isdigit() else bare
