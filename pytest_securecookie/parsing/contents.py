"""What a response shows besides its Set-Cookie lines: its other header fields, and the body
its client has already read.

A body is only ever taken from where the client keeps it once read, never read here: a
streamed body the test has not consumed stays unread (a generator is not advanced, a socket
not drained).  How each client keeps a read body:

- httpx / httpx2 (Starlette, FastAPI, Litestar, Sanic) and requests: ``_content`` is bytes
  once read (httpx has no ``_content`` before; requests holds ``False``);
- aiohttp and urllib3: ``_body`` is bytes once read (None before);
- Falcon's ``Result``: ``_content`` (always read);
- werkzeug / Flask: ``response.response`` is a list once read (``is_sequence``); before, an
  iterator that reading would advance;
- Django: ``_container``, a list of bytes (a ``StreamingHttpResponse`` has none);
- WebOb / WebTest: ``_app_iter`` is a list once read.

Tornado's recorder hook sees the headers only, and http.client keeps no body: their bodies
are not searched.  Duck-typed and defensive: nothing here imports a client or raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .clients import FALCON_HEADERS_ATTR
from .rawheaders import SET_COOKIE

# (attribute, what it holds once the body was read): probed in this order.
_READ_BODIES = (("_content", bytes), ("_body", bytes), ("_container", list),
                ("_app_iter", list), ("response", list))  # fmt: skip


def read_body(response: object) -> bytes | None:
    """The body the client already holds in memory (the same object, not a copy, when it is
    one piece), or None: not read yet, streamed, or a kind that keeps none."""
    try:
        kept = vars(response)
    except TypeError:  # header pairs, a slotted object: no body kept
        return None
    for attribute, kind in _READ_BODIES:
        held = kept.get(attribute)
        if type(held) is kind:
            return held if isinstance(held, bytes) else _joined(held)
    return None


def _joined(pieces: list[Any]) -> bytes | None:
    if len(pieces) == 1 and type(pieces[0]) is bytes:
        return pieces[0]  # the usual case: one piece, kept as it is
    if all(type(piece) is bytes for piece in pieces):
        return b"".join(pieces)
    return None


def header_fields(response: object) -> list[tuple[str, str]]:
    """Every ``(name, value)`` header field of ``response`` except Set-Cookie; values of one
    name may come joined (requests), which is as good for searching.  ``response`` may also
    be the header pairs themselves (what a wrapped WSGI/ASGI app sent)."""
    try:
        pairs = _pairs(response)
        return [(name, value) if type(name) is str and type(value) is str
                else (_text(name), _text(value))
                for name, value in pairs if name.lower() not in _SET_COOKIE]  # fmt: skip
    except Exception:  # an odd header object: there is nothing to search
        return []


_SET_COOKIE = (SET_COOKIE, SET_COOKIE.encode())


def _pairs(response: Any) -> Iterable[tuple[Any, Any]]:
    captured = getattr(response, FALCON_HEADERS_ATTR, None)  # Falcon's dict keeps one per name
    headers = captured if captured is not None else getattr(response, "headers", response)
    if isinstance(headers, (list, tuple)):
        return headers
    multi_items = getattr(headers, "multi_items", None)  # httpx: every field, in order
    return multi_items() if multi_items is not None else headers.items()  # type: ignore[no-any-return]


def _text(value: object) -> str:
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)
