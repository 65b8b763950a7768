"""The session cookie from before a logout, replayed through the test client that logged out.

For the one request, the client's own cookie jar is set aside and only the old cookie is sent;
afterwards the jar is exactly as it was (the same object, the same cookies), whatever the
app answered.  How each kind of jar is set aside (``JarClient.jar`` of the client's spec):

- werkzeug: with ``_cookies`` None the client neither sends nor stores cookies, and the
  Cookie header given is sent as it is;
- Django: ``client.cookies`` (a ``SimpleCookie``) is swapped for one holding only the old
  cookie (its AsyncClient writes the jar's cookie header itself, beside any other);
- httpx (Starlette, FastAPI, Litestar), requests, WebTest: their ``http.cookiejar`` jar is
  emptied and refilled with the same cookie objects afterwards;
- aiohttp: the session's jar is swapped for a ``DummyCookieJar``, which neither sends nor
  stores cookies.

An async client's jar is set aside while the request is awaited: other tasks using the same
client meanwhile see the old cookie alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from http.cookies import Morsel, SimpleCookie
from typing import TYPE_CHECKING, Any

from ..parsing.clients import JarClient

if TYPE_CHECKING:  # http.cookiejar imports urllib.request, and with it http.client
    from http.cookiejar import CookieJar

Headers = dict[str, str]
SetAside = Callable[[Any, str, str], AbstractContextManager[Headers]]


@contextmanager
def _werkzeug(client: Any, name: str, value: str) -> Iterator[Headers]:
    saved = client._cookies
    client._cookies = None
    try:
        yield {"Cookie": f"{name}={value}"}
    finally:
        client._cookies = saved


@contextmanager
def _django(client: Any, name: str, value: str) -> Iterator[Headers]:
    morsel: Morsel[str] = Morsel()
    morsel.set(name, value, value)  # sent as the app set it, never re-quoted
    only: SimpleCookie = SimpleCookie()
    dict.__setitem__(only, name, morsel)
    saved, client.cookies = client.cookies, only
    try:
        yield {}
    finally:
        client.cookies = saved


@contextmanager
def _emptied(jar: CookieJar, name: str, value: str) -> Iterator[Headers]:
    saved = list(jar)
    jar.clear()
    try:
        yield {"Cookie": f"{name}={value}"}
    finally:
        jar.clear()
        for cookie in saved:
            jar.set_cookie(cookie)


@contextmanager
def _aiohttp(client: Any, name: str, value: str) -> Iterator[Headers]:
    from aiohttp import DummyCookieJar

    session = client.session
    saved, session._cookie_jar = session._cookie_jar, DummyCookieJar()
    try:
        yield {"Cookie": f"{name}={value}"}
    finally:
        session._cookie_jar = saved


_SET_ASIDE: dict[str, SetAside] = {
    "werkzeug": _werkzeug,
    "django": _django,
    "httpx": lambda client, name, value: _emptied(client.cookies.jar, name, value),
    "requests": lambda session, name, value: _emptied(session.cookies, name, value),
    "webtest": lambda app, name, value: _emptied(app.cookiejar, name, value),
    "aiohttp": _aiohttp,
}


def replay(client: Any, spec: JarClient, url: str, name: str, value: str) -> Any:
    """GET ``url`` through ``client`` sending only cookie ``name``; the response (never a
    redirect followed), or for an async client a coroutine giving it."""
    keywords = dict(spec.get_keywords)
    set_aside = _SET_ASIDE[spec.jar]
    if spec.awaits:
        return _replay_async(client, set_aside, url, (name, value), keywords)
    with set_aside(client, name, value) as headers:
        return client.get(url, headers=headers, **keywords)


async def _replay_async(
    client: Any, set_aside: SetAside, url: str, cookie: tuple[str, str], keywords: dict[str, Any]
) -> Any:
    with set_aside(client, *cookie) as headers:
        return await client.get(url, headers=headers, **keywords)

