"""An aiohttp app whose session is an encrypted cookie (aiohttp-session's
``EncryptedCookieStorage``, which needs ``aiohttp-session[secure]``).

``create_app("hardened")`` passes ``secure=True, samesite="Lax"`` and a lifetime;
``create_app("defaults")`` keeps aiohttp-session's defaults, which send ``AIOHTTP_SESSION``
without ``Secure`` and without ``SameSite``.  ``EXAMPLE_CONFIG`` chooses when no name is given
(default: hardened).
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from aiohttp import web
from aiohttp_session import get_session, new_session, setup
from aiohttp_session.cookie_storage import EncryptedCookieStorage

USERS = {"alice": "correct horse battery staple"}
# The storage takes a 32-byte key (it encodes it for Fernet); derive one from the secret.
SECRET = os.environ.get("EXAMPLE_SECRET", "example-only-not-a-secret")
KEY = hashlib.sha256(SECRET.encode()).digest()

STORAGE_OPTIONS: dict[str, dict[str, Any]] = {
    "defaults": {},
    "hardened": {"secure": True, "httponly": True, "samesite": "Lax", "max_age": 8 * 3600},
}


async def login(request: web.Request) -> web.Response:
    credentials = await request.json()
    name = credentials.get("username", "")
    if USERS.get(name) != credentials.get("password"):
        raise web.HTTPUnauthorized(text="wrong user name or password")
    session = await new_session(request)  # a fresh session at login: no fixation
    session["user"] = name
    return web.json_response({"user": name})


async def me(request: web.Request) -> web.Response:
    session = await get_session(request)
    if "user" not in session:
        raise web.HTTPUnauthorized(text="log in first")
    return web.json_response({"user": session["user"]})


async def logout(request: web.Request) -> web.Response:
    session = await get_session(request)
    session.invalidate()  # the storage answers with a deletion of the cookie
    return web.json_response({"user": None})


def create_app(config_name: str | None = None) -> web.Application:
    config = config_name or os.environ.get("EXAMPLE_CONFIG", "hardened")
    app = web.Application()
    setup(app, EncryptedCookieStorage(KEY, **STORAGE_OPTIONS[config]))
    app.router.add_post("/login", login)
    app.router.add_get("/me", me)
    app.router.add_post("/logout", logout)
    return app
