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
- http.client: ``headers.get_all``; Falcon: the header list captured by ``capture_falcon_results``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from ._parse import SetCookie, parse_set_cookie

Reader = Callable[[Any, str], list[str]]

SET_COOKIE = "set-cookie"

# Where capture_falcon_results() keeps the WSGI/ASGI header list on a Falcon result.
_FALCON_HEADERS_ATTR = "_securecookie_headers"


def read_lines(response: object, *, history: bool = True) -> list[str]:
    """The raw Set-Cookie lines of ``response`` in order, never merged or split on commas.

    With ``history`` the lines of the redirect hops the client kept come first, earliest
    first; ``history=False`` gives only this response's own lines.  Raises ``TypeError``
    for a kind it cannot read, naming the type and the kinds accepted.
    """
    if type(response) is str:  # the hot path: one line, as the recorder passes it
        return _read_text(response, SET_COOKIE)
    reader = _reader_for(response)
    own = reader(response, SET_COOKIE)
    if not history or reader not in _READERS_WITH_HISTORY:
        return own
    hops = _history_of(response)
    if not hops:
        return own
    return [line for hop in hops for line in reader(hop, SET_COOKIE)] + own


def set_cookie_headers(response: object) -> list[str]:
    """The raw Set-Cookie lines of ``response``, redirect hops first (see ``read_lines``)."""
    return read_lines(response)


def set_cookies(response: object) -> list[SetCookie]:
    """The Set-Cookie lines of ``response`` parsed; lines a browser ignores are dropped."""
    parsed = (parse_set_cookie(line) for line in read_lines(response))
    return [cookie for cookie in parsed if cookie is not None]


def response_date(response: object) -> datetime | None:
    """The response's ``Date`` header as an aware UTC datetime; None if absent or unreadable."""
    values = _reader_for(response)(response, "date")
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


_reader_cache: dict[type, Reader] = {}


def _reader_for(response: object) -> Reader:
    kind = type(response)
    reader = _reader_cache.get(kind)
    if reader is None:
        reader = _find_reader(response)
        _reader_cache[kind] = reader
    return reader


def _find_reader(response: object) -> Reader:
    # Order matters: str/bytes are iterable, response classes may be iterable or mappings,
    # and header containers (werkzeug Headers, httpx Headers) are iterable or mappings too.
    if isinstance(response, str):
        return _read_text
    if isinstance(response, (bytes, bytearray)):
        return _read_bytes
    for module, qualname, reader in _CLIENT_KINDS:
        cls = _loaded_class(module, qualname)
        if cls is not None and isinstance(response, cls):
            return reader
    if _multi_value_getter(response) is not None:
        return _read_header_container
    if _multi_value_getter(getattr(response, "headers", None)) is not None:
        return _read_headers_attr  # httpx2, Sanic and other httpx-like responses
    if isinstance(response, Mapping):
        return _read_mapping
    if isinstance(response, Iterable):
        return _read_iterable
    raise TypeError(_unsupported_message(response))


def _loaded_class(module: str, qualname: str) -> type | None:
    loaded = sys.modules.get(module)
    cls = getattr(loaded, qualname, None) if loaded is not None else None
    return cls if isinstance(cls, type) else None


def _history_of(response: object) -> list[Any]:
    # requests, httpx, aiohttp, werkzeug's TestResponse and Sanic keep hops in ``.history``;
    # Django's ``redirect_chain`` holds URLs only, and urllib3, Tornado and Quart keep nothing.
    hops = getattr(response, "history", None)
    return list(hops) if isinstance(hops, (list, tuple)) else []


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
# Text: one line, or a raw header block


def _read_bytes(data: bytes | bytearray, name: str) -> list[str]:
    return _read_text(_decode(bytes(data)), name)


def _decode(data: bytes) -> str:
    # UTF-8 when it is valid (what browsers assume for cookie octets), else latin-1 (which
    # maps every octet, as WSGI does).
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _read_text(text: str, name: str) -> list[str]:
    """A text without a line break is one Set-Cookie line (``Set-Cookie:`` prefix allowed);
    a text with one is a header block (see ``_read_block``)."""
    if "\n" not in text and "\r" not in text:
        field = _split_field(text)
        if field is not None and field[0] == SET_COOKIE:
            return [field[1]] if name == SET_COOKIE else []
        return [text] if name == SET_COOKIE else []
    return _read_block(text, name)


def _read_block(text: str, name: str) -> list[str]:
    """The ``name`` fields of a raw header block, in order.

    An optional status line first (``HTTP/1.1 200 OK``), then ``Name: value`` fields;
    continuation lines (obsolete line folding, RFC 9112 §5.2) join the previous field with one
    space; the block ends at the first empty line (the body is not read).  Any other line is
    a ``ValueError``: a block of bare cookie lines is ambiguous, pass a list instead.
    """
    lines = text.lstrip("\r\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[0].startswith("HTTP/"):
        lines = lines[1:]
    fields: list[list[str]] = []
    for number, line in enumerate(lines, start=1):
        if not line:
            break
        if line[0] in " \t" and fields:
            fields[-1][1] += " " + line.strip(" \t")
            continue
        field = _split_field(line)
        if field is None:
            raise ValueError(
                f"line {number} of the header block is not a 'Name: value' field; "
                "pass Set-Cookie lines as a list of str"
            )
        fields.append(list(field))
    return [value for field_name, value in fields if field_name == name]


_TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz")


def _split_field(line: str) -> tuple[str, str] | None:
    """``("set-cookie", value)`` for ``"Set-Cookie: value"``; None unless the part before the
    first colon is an HTTP token (a cookie line's ``Expires=Thu, 01 Jan 2037 00:00`` is not)."""
    head, colon, value = line.partition(":")
    field_name = head.lower()
    if not colon or not field_name or not _TOKEN_CHARS.issuperset(field_name):
        return None
    return field_name, value.strip(" \t")


# ---------------------------------------------------------------------------------------------
# Pairs, mappings, ASGI messages, header containers


def _read_iterable(items: Iterable[Any], name: str) -> list[str]:
    """A list of lines (str or bytes) or of ``(name, value)`` pairs (WSGI, ASGI)."""
    values: list[str] = []
    for item in items:
        if isinstance(item, (str, bytes)):
            if name == SET_COOKIE:
                values.append(item if isinstance(item, str) else _decode(item))
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            if _text(item[0]).lower() == name:
                values.append(_pair_value(item[1]))
        else:
            raise TypeError(
                f"expected Set-Cookie lines or (name, value) pairs, got an item of type "
                f"{type(item).__module__}.{type(item).__qualname__}"
            )
    return values


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else _decode(value)


def _pair_value(value: str | bytes) -> str:
    # Django's WSGIHandler and Beaker send ' sessionid=...': one leading space, not a line's.
    text = _text(value)
    return text[1:] if text.startswith(" ") else text


def _read_mapping(mapping: Mapping[Any, Any], name: str) -> list[str]:
    """An ASGI ``http.response.start`` message, or a mapping of header name to value(s)."""
    if "type" in mapping and "headers" in mapping:
        if mapping["type"] != "http.response.start":
            raise TypeError(
                f"an ASGI {mapping['type']!r} message carries no response headers; "
                "pass the 'http.response.start' message"
            )
        return _read_iterable(mapping["headers"], name)
    values: list[str] = []
    for key, value in mapping.items():
        if _text(key).lower() != name:
            continue
        many = value if isinstance(value, (list, tuple)) else [value]
        values.extend(_pair_value(one) for one in many)
    return values


_MULTI_VALUE_METHODS = ("getlist", "get_list", "getall", "get_all")


def _multi_value_getter(headers: object) -> Callable[[str], Any] | None:
    """The accessor that returns every value of a field, never the joined or first one."""
    if headers is None or isinstance(headers, (str, bytes)):
        return None
    for method in _MULTI_VALUE_METHODS:
        getter = getattr(headers, method, None)
        if callable(getter):
            return getter  # type: ignore[no-any-return]
    return None


def _read_header_container(headers: Any, name: str) -> list[str]:
    getter = _multi_value_getter(headers)
    assert getter is not None
    try:
        values = getter(name)
    except KeyError:  # multidict's getall without a default
        return []
    return [_text(value) for value in values or ()]


# ---------------------------------------------------------------------------------------------
# Client responses


def _read_headers_attr(response: Any, name: str) -> list[str]:
    # werkzeug/Quart/urllib3 getlist, httpx/Tornado get_list, aiohttp/WebOb getall,
    # http.client get_all.
    return _read_header_container(response.headers, name)


def _read_requests(response: Any, name: str) -> list[str]:
    raw_headers = getattr(response.raw, "headers", None)
    if _multi_value_getter(raw_headers) is not None:
        return _read_header_container(raw_headers, name)
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
    raise ValueError(
        f"{what}: its headers keep the Set-Cookie lines joined or only one of them, so the "
        "raw lines cannot be recovered"
    )


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
        return _read_iterable(captured, name)
    what = "falcon.testing.Result simulated before capture_falcon_results() was called"
    return _one_value_or_refuse(result.headers, name, what)


_CLIENT_KINDS: tuple[tuple[str, str, Reader], ...] = (
    ("werkzeug.sansio.response", "Response", _read_headers_attr),
    ("requests.models", "Response", _read_requests),
    ("django.http.response", "HttpResponseBase", _read_django),
    ("httpx", "Response", _read_headers_attr),
    ("httpx2", "Response", _read_headers_attr),
    ("aiohttp.client_reqrep", "ClientResponse", _read_headers_attr),
    ("webob.response", "Response", _read_headers_attr),
    ("falcon.testing.client", "_ResultBase", _read_falcon),
    ("tornado.httpclient", "HTTPResponse", _read_headers_attr),
    ("urllib3.response", "BaseHTTPResponse", _read_headers_attr),
    # http.client: ``.headers`` (get_all), not ``.msg``, which urllib.request overwrites.
    ("http.client", "HTTPResponse", _read_headers_attr),
    # Header dicts that keep one value per name: ", "-joined (requests) or the last (Falcon).
    ("requests.structures", "CaseInsensitiveDict", _read_one_value_dict),
    ("falcon.util.structures", "CaseInsensitiveDict", _read_one_value_dict),
)


# Kinds that are response objects, so may keep redirect hops in ``.history``.
_READERS_WITH_HISTORY = frozenset({_read_headers_attr, _read_requests})


# ---------------------------------------------------------------------------------------------
# Falcon: its Result keeps a dict of headers (one Set-Cookie survives), so capture the list


def capture_falcon_results() -> bool:
    """Make every Falcon test result simulated from now on keep its raw header list.

    ``falcon.testing.Result.headers`` is a dict, so only one Set-Cookie line survives; the
    list exists only while ``_ResultBase.__init__`` runs.  This wraps it (once, for the rest
    of the process) to keep that list on the result.  Returns False when Falcon's testing
    module is not imported (nothing to do yet), True when the capture is in place.
    """
    module = sys.modules.get("falcon.testing.client")
    base = getattr(module, "_ResultBase", None)
    if base is None:
        return False
    original = base.__init__
    if getattr(original, "_securecookie_capture", False):
        return True

    @functools.wraps(original)
    def __init__(self: Any, status: str, headers: Iterable[Any], *args: Any, **kw: Any) -> None:
        kept = list(headers)
        original(self, status, kept, *args, **kw)
        setattr(self, _FALCON_HEADERS_ATTR, kept)

    __init__._securecookie_capture = True  # type: ignore[attr-defined]
    base.__init__ = __init__
    return True
