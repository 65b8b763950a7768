"""Read the raw Set-Cookie lines out of any test client's response (no parsing, no judging).

A reader takes the response and a lower-case header name and returns that field's values,
exact and in order; ``read_lines`` asks for ``set-cookie`` and ``response_date`` for ``date``.
Each client's reader is part of its spec (``parsing.clients``); plain data (lines, header
blocks, pairs, mappings, ASGI messages, header objects) is read by ``parsing.rawheaders``.
Client classes are found through ``sys.modules`` only: a client the user has not imported is
never imported here, and a response of its type cannot exist anyway.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, NamedTuple

from .clients import CLIENTS, Client, Reader
from .dates import parse_http_date
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
    read, has_hops, _client = _kind_of(response)
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
    return parse_http_date(values[0]) if values else None


def client_of(response: object) -> Client | None:
    """The spec of the client whose reader reads ``response`` (None for plain data, or a kind
    no reader accepts)."""
    try:
        return _kind_of(response).client
    except TypeError:
        return None


# ---------------------------------------------------------------------------------------------
# Dispatch


class _Kind(NamedTuple):
    read: Reader
    has_hops: bool  # a response object that may keep redirect hops in ``.history``
    client: Client | None = None


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
    for client in CLIENTS:
        for kind in client.reads:
            cls = _loaded_class(kind.cls)
            if cls is not None and isinstance(response, cls):
                return _Kind(kind.read, kind.keeps_hops, client)
    if multi_value_getter(response) is not None:
        return _Kind(read_header_container, False)
    if multi_value_getter(getattr(response, "headers", None)) is not None:
        return _Kind(_read_headers_duck, True)  # httpx2, Sanic, any httpx-like response
    if isinstance(response, Mapping):
        return _Kind(read_mapping, False)
    if isinstance(response, Iterable):
        return _Kind(read_iterable, False)
    raise misuse(TypeError(_unsupported_message(response)))


def _loaded_class(path: str) -> type | None:
    module, _, qualname = path.partition(":")
    loaded = sys.modules.get(module)
    cls = getattr(loaded, qualname, None) if loaded is not None else None
    return cls if isinstance(cls, type) else None


ACCEPTED_KINDS = (
    *(client.kind_name for client in CLIENTS if client.kind_name),
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


def _read_headers_duck(response: Any, name: str) -> list[str]:
    return read_header_container(response.headers, name)
