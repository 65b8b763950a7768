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
- Quart's test response: ``response.response`` is a ``DataBody`` holding the whole body as
  ``.data`` (the test client gathers it before the response exists);
- Django: ``_container``, a list of bytes (a ``StreamingHttpResponse`` has none);
- WebOb / WebTest: ``_app_iter`` is a list once read;
- Tornado: the recorder keeps the hop's connection, whose ``chunks`` (a bytearray from Tornado
  6.6, a list of bytes before) hold the body received so far (empty for a redirect it follows
  or a ``streaming_callback``).

http.client keeps no body once ``read()`` returned it: its bodies are not searched.  A body in
UTF-16 or UTF-32 (a BOM, a declared charset, or the NUL pattern of an ASCII start) is decoded,
so an ASCII token in it is found as text.  Duck-typed and defensive: nothing here imports a
client or raises.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from typing import Any

from .clients import FALCON_HEADERS_ATTR, django_store
from .rawheaders import SET_COOKIE

Body = bytes | bytearray

# (attribute, what it holds once the body was read): probed in this order.
_READ_BODIES = (("_content", bytes), ("_body", bytes), ("_container", list),
                ("_app_iter", list), ("response", list),
                ("chunks", bytearray), ("chunks", list))  # fmt: skip
_DATA_BODY = "DataBody"  # Quart's in-memory body: ``response.response.data``


def read_body(response: object) -> Body | None:
    """The body the client already holds in memory (the same object, not a copy, when it is
    one piece), or None: not read yet, streamed, or a kind that keeps none."""
    try:
        kept = vars(response)
    except TypeError:  # header pairs, a slotted object: no body kept
        return None
    where = _BODY_OF_CLASS.get(type(response))
    if where is not None:  # where its class keeps it, if it holds a read body now
        held = kept.get(where[0])
        if type(held) is where[1]:
            return _as_body(held)  # type: ignore[arg-type]  # of the kind just checked
    for attribute, kind in _READ_BODIES:
        held = kept.get(attribute)
        if type(held) is kind:
            _BODY_OF_CLASS[type(response)] = attribute, kind
            return _as_body(held)
    return _data_body(kept.get("response"))


# Where the last response of each class held its body, probed first: response classes are
# few, and probing every attribute was the larger part of a small response's search.
_BODY_OF_CLASS: dict[type, tuple[str, type]] = {}


def _as_body(held: Body | list[Any]) -> Body | None:
    if not isinstance(held, list):
        return held
    if len(held) == 1 and type(held[0]) is bytes:
        return held[0]  # the usual case: one piece, kept as it is
    return _joined(held)


def _joined(pieces: list[Any]) -> bytes | None:
    if all(type(piece) is bytes for piece in pieces):
        return b"".join(pieces)
    return None


def _data_body(held: object) -> bytes | None:
    if type(held).__name__ != _DATA_BODY:
        return None
    data = getattr(held, "data", None)
    return data if type(data) is bytes else None


def header_fields(response: object) -> list[tuple[str, str]]:
    """Every ``(name, value)`` header field of ``response`` except Set-Cookie; values of one
    name may come joined (requests), which is as good for searching.  ``response`` may also
    be the header pairs themselves (what a wrapped WSGI/ASGI app sent)."""
    try:
        pairs = header_pairs(response)
        return [(name, value) if type(name) is str and type(value) is str
                else (header_text(name), header_text(value))
                for name, value in pairs if name.lower() not in SET_COOKIE_NAMES]  # fmt: skip
    except Exception:  # an odd header object: there is nothing to search
        return []


def header_pairs(response: Any) -> Iterable[tuple[Any, Any]]:
    """Every ``(name, value)`` of ``response`` as its headers hold it (str or bytes), Set-Cookie
    included: for a pass over them that builds nothing.  Raises on an odd header object."""
    # Falcon's dict keeps one line per name: its adapter puts the list on the instance.
    captured = getattr(response, "__dict__", _NOTHING).get(FALCON_HEADERS_ATTR)
    headers = captured if captured is not None else getattr(response, "headers", response)
    if isinstance(headers, (list, tuple)):
        return headers
    if hasattr(headers, "to_wsgi_list"):  # werkzeug, Quart: iterating yields the pairs
        return headers  # type: ignore[no-any-return]
    multi_items = getattr(headers, "multi_items", None)  # httpx: every field, in order
    if multi_items is not None:
        return multi_items()  # type: ignore[no-any-return]
    store = django_store(headers)  # Django: its items() read at C speed
    return store.values() if store is not None else headers.items()


def header_text(value: object) -> str:
    """A header name or value as text (bytes as Latin-1, as HTTP/1.1 reads them)."""
    return value.decode("latin-1") if isinstance(value, (bytes, bytearray)) else str(value)


SET_COOKIE_NAMES = (SET_COOKIE, SET_COOKIE.encode())  # a header name, lowered, is one of these
_NOTHING: dict[str, Any] = {}


def wide_text(body: Body, response: object) -> str | None:
    """``body`` decoded when it is UTF-16 or UTF-32 (which no ASCII token is found in as
    bytes), else None.  Only a body with NUL bytes may be one: told by its BOM, by the NULs
    of an ASCII first character (RFC 4627 §3), or by the charset ``response`` declares."""
    if 0 not in body and not body.startswith(_WIDE_BOMS):
        return None  # the usual body: found at C speed
    head = body[:4]
    codec = _bom_codec(head) or _nul_codec(head) or _declared_codec(response)
    return body.decode(codec, "replace") if codec else None


_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # and UTF-32's, which start with NUL
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip
# Which of the first four bytes are NUL when the first character is ASCII.
_NUL_PATTERNS = {(True, True, True, False): "utf-32-be", (True, False, True, False): "utf-16-be",
                 (False, True, True, True): "utf-32-le", (False, True, False, True): "utf-16-le"}
_WIDE_CHARSET = re.compile(r"charset=[\"']?utf-?(16|32)-?([bl]e)?\b", re.IGNORECASE)


def _bom_codec(head: Body) -> str | None:
    return next((codec for bom, codec in _BOMS if head.startswith(bom)), None)


def _nul_codec(head: Body) -> str | None:
    if len(head) < 4:
        return None
    return _NUL_PATTERNS.get(tuple(byte == 0 for byte in head))  # type: ignore[arg-type]


def _declared_codec(response: object) -> str | None:
    content_type = next((value for name, value in header_fields(response)
                         if name.lower() == "content-type"), "")  # fmt: skip
    declared = _WIDE_CHARSET.search(content_type)
    if declared is None:
        return None
    bits, order = declared.groups()
    return f"utf-{bits}-{order.lower()}" if order else f"utf-{bits}"
