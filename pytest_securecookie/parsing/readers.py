"""Read the raw Set-Cookie lines out of any test client's response (no parsing, no judging).

One small reader per kind of response.  A reader takes the response and a lower-case header
name and returns that field's values, exact and in order; ``read_lines`` asks for
``set-cookie`` and ``response_date`` for ``date``.  Client classes are found through
``sys.modules`` only: a client the user has not imported is never imported here, and a response
of its type cannot exist anyway.

Where the lines come from, per kind (see /work/shared/design/clients.md for why the obvious
accessors are wrong: most of them join lines with ", " or keep only the first or last one):

- requests: ``r.raw.headers.getlist`` (urllib3's multi-dict), hops in ``r.history``;
- werkzeug/Flask/Quart: ``r.headers.getlist``, hops in ``r.history`` (werkzeug only);
- Django: ``Set-Cookie`` values in ``r.items()``, then ``OutputString()`` of each Morsel;
- httpx (Starlette, FastAPI, Litestar, Sanic), Tornado: ``headers.get_list``;
- aiohttp, WebOb/WebTest: ``headers.getall``; urllib3: ``headers.getlist``;
- http.client: ``headers.get_all``; Falcon: the header list the recorder's Falcon adapter keeps
  on each result simulated while the patches are installed (``capturing.clients``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple

from .misuse import misuse, raised_here
from .parser import SetCookie, parse_set_cookie
from .rawheaders import (
    SET_COOKIE,
    multi_value_getter,
    read_bytes,
    read_header_container,
    read_iterable,
    read_mapping,
    read_text,
)

Reader = Callable[[Any, str], list[str]]

# Where the recorder's Falcon adapter (``_clients.FALCON_HEADERS_ATTR``) keeps the WSGI/ASGI
# header list on a Falcon result; not imported from there, which would load the patching code.
_FALCON_HEADERS_ATTR = "_securecookie_headers"


def read_lines(response: object, *, history: bool = True) -> list[str]:
    """The raw Set-Cookie lines of ``response`` in order, never merged or split on commas.

    With ``history`` the lines of the redirect hops the client kept come first, earliest
    first; ``history=False`` gives only this response's own lines.  Raises ``TypeError``
    for a kind it cannot read, naming the type and the kinds accepted, and ``ValueError``
    when the object has Set-Cookie lines but no longer holds them apart (a Falcon result
    simulated while no patch kept its header list, a ``requests.Response`` without ``raw``,
    a one-value header dict): it never guesses.
    """
    if type(response) is str:  # the hot path: one line, as the recorder passes it
        return read_text(response, SET_COOKIE)
    read, has_hops = _kind_of(response)
    own = read(response, SET_COOKIE)
    if not (history and has_hops):
        return own
    hops = getattr(response, "history", None)
    if not hops or not isinstance(hops, (list, tuple)):
        return own
    return [line for hop in hops for line in read(hop, SET_COOKIE)] + own


@raised_here
def set_cookie_headers(response: object) -> list[str]:
    """The raw Set-Cookie lines of ``response``, redirect hops first (see ``read_lines``)."""
    return read_lines(response)


@raised_here
def set_cookies(response: object) -> list[SetCookie]:
    """The Set-Cookie lines of ``response`` parsed; lines a browser ignores are dropped."""
    parsed = (parse_set_cookie(line) for line in read_lines(response))
    return [cookie for cookie in parsed if cookie is not None]


def read_again(response: object) -> object:
    """``response`` in a form that can be read more than once: an iterator of lines or of
    ``(name, value)`` pairs (a generator) as a list of its items, anything else as it is.

    A caller that reads the Date and then the lines reads a generator once, not twice (the
    second read would find it exhausted: no cookies at all).
    """
    if isinstance(response, Iterator) and _kind_of(response).read is read_iterable:
        return list(response)
    return response


def response_date(response: object) -> datetime | None:
    """The response's ``Date`` header as an aware UTC datetime; None if absent or unreadable."""
    values = _kind_of(response).read(response, "date")
    if not values:
        return None
    try:
        moment = parsedate_to_datetime(values[0])
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000" means UTC without a claim of locality (RFC 5322)
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


# ---------------------------------------------------------------------------------------------
# Dispatch


class _Kind(NamedTuple):
    read: Reader
    has_hops: bool  # a response object that may keep redirect hops in ``.history``


_kind_cache: dict[type, _Kind] = {}


def _kind_of(response: object) -> _Kind:
    kind = _kind_cache.get(type(response))
    if kind is None:
        kind = _kind_cache[type(response)] = _find_kind(response)
    return kind


def _find_kind(response: object) -> _Kind:
    # Order matters: str/bytes are iterable, and header containers (werkzeug Headers, httpx
    # Headers) are iterable or mappings too.
    if isinstance(response, str):
        return _Kind(read_text, False)
    if isinstance(response, (bytes, bytearray)):
        return _Kind(read_bytes, False)
    for module, qualname, reader, has_hops in _CLIENT_KINDS:
        cls = _loaded_class(module, qualname)
        if cls is not None and isinstance(response, cls):
            return _Kind(reader, has_hops)
    if multi_value_getter(response) is not None:
        return _Kind(read_header_container, False)
    if multi_value_getter(getattr(response, "headers", None)) is not None:
        return _Kind(_read_headers_duck, True)  # httpx2, Sanic, any httpx-like response
    if isinstance(response, Mapping):
        return _Kind(read_mapping, False)
    if isinstance(response, Iterable):
        return _Kind(read_iterable, False)
    raise misuse(TypeError(_unsupported_message(response)))


def _loaded_class(module: str, qualname: str) -> type | None:
    loaded = sys.modules.get(module)
    cls = getattr(loaded, qualname, None) if loaded is not None else None
    return cls if isinstance(cls, type) else None


ACCEPTED_KINDS = (
    "requests.Response",
    "werkzeug Response / TestResponse (Flask, Quart)",
    "django HttpResponse",
    "httpx.Response / httpx2.Response (Starlette, FastAPI, Litestar, Sanic)",
    "aiohttp.ClientResponse",
    "webtest.TestResponse (WebOb Response)",
    "falcon.testing.Result",
    "tornado.httpclient.HTTPResponse",
    "urllib3.HTTPResponse",
    "http.client.HTTPResponse",
    "a headers object with getlist/get_list/getall/get_all",
    "an ASGI 'http.response.start' message",
    "a WSGI header list, a mapping or an iterable of (name, value) pairs",
    "str or bytes (one Set-Cookie line, or a raw header block)",
    "a list of str",
)


def _unsupported_message(response: object) -> str:
    kind = type(response)
    accepted = "".join(f"\n  - {name}" for name in ACCEPTED_KINDS)
    return (
        f"cannot read Set-Cookie lines from a {kind.__module__}.{kind.__qualname__}; "
        f"accepted kinds:{accepted}"
    )


# ---------------------------------------------------------------------------------------------
# Client responses


# Each multi-value accessor returns every value of a field, in order, never joined.


def _read_getlist(response: Any, name: str) -> list[str]:
    return response.headers.getlist(name)  # type: ignore[no-any-return]  # werkzeug, urllib3


def _read_get_list(response: Any, name: str) -> list[str]:
    return response.headers.get_list(name)  # type: ignore[no-any-return]  # httpx, Tornado


def _read_multidict(response: Any, name: str) -> list[str]:
    return list(response.headers.getall(name, ()))  # aiohttp


def _read_webob(response: Any, name: str) -> list[str]:
    return response.headers.getall(name)  # type: ignore[no-any-return]  # WebOb


def _read_http_client(response: Any, name: str) -> list[str]:
    # ``.headers``, not ``.msg``: urllib.request overwrites ``msg`` with the reason phrase.
    return response.headers.get_all(name) or []


def _read_headers_duck(response: Any, name: str) -> list[str]:
    return read_header_container(response.headers, name)


def _read_requests(response: Any, name: str) -> list[str]:
    raw_headers = getattr(response.raw, "headers", None)
    if multi_value_getter(raw_headers) is not None:
        return read_header_container(raw_headers, name)
    what = "requests.Response without its raw response"
    return _one_value_or_refuse(response.headers, name, what)


def _read_one_value_dict(headers: Any, name: str) -> list[str]:
    kind = type(headers)
    return _one_value_or_refuse(headers, name, f"a {kind.__module__}.{kind.__qualname__}")


def _one_value_or_refuse(headers: Any, name: str, what: str) -> list[str]:
    """Read a one-value-per-name header view: fine for Date, never for Set-Cookie."""
    value = headers.get(name)
    if value is None:
        return []
    if name != SET_COOKIE:
        return [value]
    raise misuse(ValueError(
        f"{what}: its headers keep the Set-Cookie lines joined or only one of them, so the "
        "raw lines cannot be recovered"
    ))


def _read_django(response: Any, name: str) -> list[str]:
    # Django keeps cookies in ``response.cookies`` (a SimpleCookie: one Morsel per name) and
    # its handlers send the ``Set-Cookie`` header values first, then the Morsels.
    values = [value for key, value in response.items() if key.lower() == name]
    if name == SET_COOKIE:
        values.extend(morsel.OutputString() for morsel in response.cookies.values())
    return values


def _read_falcon(result: Any, name: str) -> list[str]:
    captured = getattr(result, _FALCON_HEADERS_ATTR, None)
    if captured is not None:
        return read_iterable(captured, name)
    if name == SET_COOKIE and result.headers.get(name) is not None:
        raise misuse(ValueError(_FALCON_UNCAPTURED))
    return _one_value_or_refuse(result.headers, name, "a falcon.testing.Result")


_FALCON_UNCAPTURED = (
    "a falcon.testing.Result keeps one Set-Cookie line per response, so the raw lines of this "
    "one cannot be recovered. Falcon results keep every line when they are simulated inside "
    "a test using the assert_secure_cookie fixture, in a run with --secure-cookies or a test "
    "marked secure_cookies, or inside 'with CookieRecorder():' around the simulate call"
)


_CLIENT_KINDS: tuple[tuple[str, str, Reader, bool], ...] = (
    # (module, class, reader, keeps redirect hops in ``.history``)
    ("werkzeug.sansio.response", "Response", _read_getlist, True),  # Flask, Quart too
    ("requests.models", "Response", _read_requests, True),
    ("django.http.response", "HttpResponseBase", _read_django, False),
    ("httpx", "Response", _read_get_list, True),  # Starlette, FastAPI, Litestar, Sanic
    ("httpx2", "Response", _read_get_list, True),
    ("aiohttp.client_reqrep", "ClientResponse", _read_multidict, True),
    ("webob.response", "Response", _read_webob, False),  # WebTest
    ("falcon.testing.client", "_ResultBase", _read_falcon, False),
    ("tornado.httpclient", "HTTPResponse", _read_get_list, False),
    ("urllib3.response", "BaseHTTPResponse", _read_getlist, False),
    ("http.client", "HTTPResponse", _read_http_client, False),
    # Header dicts that keep one value per name: ", "-joined (requests) or the last (Falcon).
    ("requests.structures", "CaseInsensitiveDict", _read_one_value_dict, False),
    ("falcon.util.structures", "CaseInsensitiveDict", _read_one_value_dict, False),
)
