"""The session cookies from before a logout, replayed through the test client that logged out.

For the one request, the client's own cookie jar is set aside and only the old cookies are
sent; afterwards the jar is exactly as it was (the same object, the same cookies), whatever the
app answered.  How each kind of jar is set aside (``JarClient.jar`` of the client's spec):

- werkzeug: with ``_cookies`` None the client neither sends nor stores cookies, and the
  Cookie header given is sent as it is;
- Django: ``client.cookies`` (a ``SimpleCookie``) is swapped for one holding only the old
  cookies (its AsyncClient writes the jar's cookie header itself, beside any other);
- httpx (Starlette, FastAPI, Litestar), requests, WebTest: their ``http.cookiejar`` jar is
  emptied and refilled with the same cookie objects afterwards;
- aiohttp: the session's jar is swapped for a ``DummyCookieJar``, which neither sends nor
  stores cookies.

Values and the Cookie header are :class:`Secret` strings, so our frames show them redacted;
the client's and the app's frames copy them into plain strings (werkzeug's environ), so a
request that raises is re-raised as :class:`ReplayCrashed`, whose message holds the app's
traceback as text (no frame locals) with the values hidden, and no frame below ours.  An
async client's jar is set aside while the request is awaited: other tasks using the same
client meanwhile see the old cookies alone.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from http.cookies import Morsel, SimpleCookie
from typing import TYPE_CHECKING, Any

from ..parsing.clients import JarClient
from ..parsing.redaction import Secret, hide_value, value_placeholder

if TYPE_CHECKING:  # http.cookiejar imports urllib.request, and with it http.client
    from http.cookiejar import CookieJar

Headers = dict[str, str]
Pairs = Sequence[tuple[str, Secret]]
SetAside = Callable[[Any, Pairs], AbstractContextManager[Headers]]


def _header(cookies: Pairs, kind: type[str] = Secret) -> Headers:
    """The Cookie header; ``kind`` str where a client insists on the exact type (WebTest's
    lint rejects a subclass in the WSGI environ)."""
    return {"Cookie": kind("; ".join(f"{name}={value}" for name, value in cookies))}


@contextmanager
def _werkzeug(client: Any, cookies: Pairs) -> Iterator[Headers]:
    __tracebackhide__ = True
    saved = client._cookies
    client._cookies = None
    try:
        yield _header(cookies)
    finally:
        client._cookies = saved


class _SecretMorsel(Morsel[str]):
    """A Django jar's morsel whose ``repr`` hides its value."""

    def __repr__(self) -> str:
        return f"<Morsel: {self.key}={value_placeholder(self.value)}>"


@contextmanager
def _django(client: Any, cookies: Pairs) -> Iterator[Headers]:
    __tracebackhide__ = True
    only: SimpleCookie = SimpleCookie()
    for name, value in cookies:
        morsel = _SecretMorsel()
        morsel.set(name, value, value)  # sent as the app set it, never re-quoted
        dict.__setitem__(only, name, morsel)
    saved, client.cookies = client.cookies, only
    try:
        yield {}
    finally:
        client.cookies = saved


@contextmanager
def _emptied(jar: CookieJar, cookies: Pairs, kind: type[str] = Secret) -> Iterator[Headers]:
    __tracebackhide__ = True
    saved = list(jar)
    jar.clear()
    try:
        yield _header(cookies, kind)
    finally:
        jar.clear()
        for cookie in saved:
            jar.set_cookie(cookie)


@contextmanager
def _aiohttp(client: Any, cookies: Pairs) -> Iterator[Headers]:
    __tracebackhide__ = True
    from aiohttp import DummyCookieJar

    session = client.session
    saved, session._cookie_jar = session._cookie_jar, DummyCookieJar()
    try:
        yield _header(cookies)
    finally:
        session._cookie_jar = saved


_SET_ASIDE: dict[str, SetAside] = {
    "werkzeug": _werkzeug,
    "django": _django,
    "httpx": lambda client, cookies: _emptied(client.cookies.jar, cookies),
    "requests": lambda session, cookies: _emptied(session.cookies, cookies),
    "webtest": lambda app, cookies: _emptied(app.cookiejar, cookies, str),
    "aiohttp": _aiohttp,
}


class ReplayCrashed(RuntimeError):
    """The app (or the client) raised while an old session cookie was replayed."""


def _crashed(error: BaseException, url: str, cookies: Pairs) -> ReplayCrashed:
    """``error`` as text without its frames' locals (``--showlocals`` would print the Cookie
    header a client copied), every replayed value hidden."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    shown = hide_value(text, *(str.__str__(value) for _, value in cookies))
    return ReplayCrashed(f"replaying the old session cookie to {url} raised:\n{shown}")


def replay(client: Any, spec: JarClient, url: str, cookies: Sequence[tuple[str, str]]) -> Any:
    """GET ``url`` through ``client`` sending only ``cookies`` (name, value); the response
    (never a redirect followed), or for an async client a coroutine giving it."""
    __tracebackhide__ = True
    keywords = dict(spec.get_keywords)
    set_aside = _SET_ASIDE[spec.jar]
    hidden = [(name, Secret(value)) for name, value in cookies]
    del cookies
    if spec.awaits:
        return _replay_async(client, set_aside, url, hidden, keywords)
    with set_aside(client, hidden) as headers:
        try:
            return client.get(url, headers=headers, **keywords)
        except Exception as error:  # noqa: BLE001 - every crash is re-raised, without frames
            crashed = _crashed(error, url, hidden)
    raise crashed from None


async def _replay_async(
    client: Any, set_aside: SetAside, url: str, cookies: Pairs, keywords: dict[str, Any]
) -> Any:
    __tracebackhide__ = True
    with set_aside(client, cookies) as headers:
        try:
            return await client.get(url, headers=headers, **keywords)
        except Exception as error:  # noqa: BLE001 - every crash is re-raised, without frames
            crashed = _crashed(error, url, cookies)
    raise crashed from None
