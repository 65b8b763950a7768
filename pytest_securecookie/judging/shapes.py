"""Recognise cookie values shaped like credentials, whatever the cookie is called.

Each recogniser looks at the *shape* of a value (the framing a signing or token library
writes), never judges its content, and never lets the value leave this module: the answer is
the name of a shape.  Shapes are checked from the most to the least specific, so a JSON Web
Token is never mistaken for an itsdangerous session, whose framing is also three dotted parts.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

# The shape ids and how a user reads them ("value is ...").
SHAPE_WORDS = {
    "jwt": "a JSON Web Token",
    "jwe": "an encrypted JSON Web Token (JWE)",
    "itsdangerous": "a Flask/itsdangerous signed session",
    "django": "a Django signed value (django.core.signing)",
    "tornado": "a Tornado signed value",
    "express": "an Express signed session id",
    "bottle": "a Bottle signed cookie",
    "rails": "a Rails/Rack signed or encrypted cookie",
    "laravel": "a Laravel encrypted cookie",
    "fernet": "a Fernet token (aiohttp-session encrypted storage)",
    "dataprotection": "an ASP.NET Core Data Protection ticket",
    "phoenix": "a Phoenix/Plug signed or encrypted cookie",
    "gorilla": "a Go gorilla/securecookie value",
    "flask_login": "a Flask-Login remember-me token",
}

class _Lazy:
    """A regular expression compiled on first use: most runs classify no value this long, and
    compiling all of them would cost every import of the policy."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args: Any) -> None:
        self._args = args
        self._compiled: re.Pattern[Any] | None = None

    def _pattern(self) -> re.Pattern[Any]:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def fullmatch(self, text: Any) -> re.Match[Any] | None:
        return (self._compiled or self._pattern()).fullmatch(text)

    def match(self, text: Any) -> re.Match[Any] | None:
        return (self._compiled or self._pattern()).match(text)


_B64URL = "A-Za-z0-9_-"
_JWT = _Lazy(rf"[{_B64URL}]{{8,}}(?:\.[{_B64URL}]*){{2}}")
_JWE = _Lazy(rf"[{_B64URL}]{{8,}}(?:\.[{_B64URL}]*){{4}}")
# itsdangerous TimestampSigner: payload "." timestamp (a 4-5 byte int, 6-7 chars) "." HMAC
# (sha1 27 chars by default, up to sha512's 86).  Flask writes base64url JSON, compressed
# payloads start with "." and zlib's "eJ"; Starlette writes standard base64 JSON.
_ITSDANGEROUS = _Lazy(r"(\.?[A-Za-z0-9_+/=-]{2,})\.([A-Za-z0-9_-]{5,8})\.[A-Za-z0-9_-]{27,86}")
# django.core.signing: value [":" base62 timestamp] ":" HMAC (sha256 43 chars, sha1 27).
_DJANGO_SIGNATURE = _Lazy(r"[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{27}")
# Tornado signed values: version 2 "2|1:key|len:timestamp|len:name|len:value|hex-hmac",
# version 1 "base64|timestamp|hex-hmac".
_TORNADO_V2 = _Lazy(r"2\|1:\d+\|\d+:\d+\|\d+:[^|]*\|\d+:[^|]*\|[0-9a-f]{64}")
_TORNADO_V1 = _Lazy(r"[A-Za-z0-9+/=]+\|\d{9,11}\|[0-9a-f]{40}")
# cookie-signature (express-session, cookie-parser): "s:" id "." base64 sha256 HMAC.
_EXPRESS = _Lazy(r"s(?::|%3[Aa]).+\.(?:[A-Za-z0-9+/]|%2[BbFf]){40,}")
# Bottle: "!" base64 HMAC "?" base64 pickle.
_BOTTLE = _Lazy(r"![A-Za-z0-9+/_-]{20,}={0,2}\?[A-Za-z0-9+/_=-]+")
# Rails/Rack: base64 data "--" digest, or (Rails >= 5.2) data "--" iv "--" auth tag.
_B64_CHAR = r"(?:[A-Za-z0-9+/]|%2[BbFf])"
_B64_PAD = r"(?:=|%3[Dd]){0,2}"
_RAILS = _Lazy(rf"{_B64_CHAR}{{8,}}{_B64_PAD}(?:--{_B64_CHAR}{{16,}}{_B64_PAD}){{1,2}}")
# Fernet: version byte 0x80 and an 8-byte timestamp, so it starts "gAAAAA"; at least 73 bytes.
_FERNET = _Lazy(r"gAAAAA[A-Za-z0-9_-]{94,}={0,2}")
# ASP.NET Core Data Protection: magic header 09 F0 C9 F0 in base64url is "CfDJ8".
_DATA_PROTECTION = _Lazy(r"CfDJ8[A-Za-z0-9_-]{40,}")
# Phoenix/Plug.Crypto: base64url("HS256"/"HS384"/"HS512") "." payload "." signature, or
# base64url("A128GCM") and four more parts when encrypted.
_PHOENIX = _Lazy(
    rf"(?:SFMyNTY|SFMzODQ|SFM1MTI)\.[{_B64URL}]+\.[{_B64URL}]+|QTEyOEdDTQ(?:\.[{_B64URL}]*){{4}}"
)
# Flask-Login's remember-me cookie: "<user id>|" and the HMAC-SHA512 of the id in hex.
_FLASK_LOGIN = _Lazy(r"[^|\s;]{1,256}\|[0-9a-f]{128}")
# gorilla/securecookie: base64url of "<unix time>|<base64 value>|<mac>".
_GORILLA_DECODED = _Lazy(rb"\d{9,11}\|[A-Za-z0-9_=-]+\|", re.ASCII)


def credential_shape(value: str) -> str | None:
    """The id of the credential shape ``value`` has (a key of ``SHAPE_WORDS``), or None."""
    text = unwrap_value(value)
    if len(text) < 16:  # every shape below is longer than this; keeps "theme=dark" cheap
        return None
    dots = min(text.count("."), _MANY_DOTS)
    marks = (text[0], dots, "|" in text, ":" in text, "?" in text, "--" in text)
    for shape, recognise in _recognisers_for(marks):
        if recognise(text):
            return shape
    return None


def unwrap_value(value: str) -> str:
    """The value without the double quotes some servers add, nor a "Bearer " scheme."""
    if value[:1] in _PLAIN_FIRST and value[-1:] in _PLAIN_LAST:
        return value  # most values: no space around, no quote or scheme to take off
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not text.startswith(("Bearer", "bearer")):
        return text
    for scheme in ("Bearer ", "Bearer%20", "bearer ", "bearer%20"):
        if text.startswith(scheme):
            return text[len(scheme):]
    return text


# A value that starts with one of these and ends with printable ASCII (no space) has nothing
# to strip and no quote or scheme at its start: ``unwrap_value`` leaves it as it is.
_PLAIN_LAST = frozenset(map(chr, range(0x21, 0x7F)))
_PLAIN_FIRST = _PLAIN_LAST - {'"', "B", "b"}


# What base64.b64decode(validate=True) checks, checked on the str (no bytes copy first).
_BASE64 = _Lazy(r"[A-Za-z0-9+/]*(=*)")


def b64decode_loose(text: str) -> bytes | None:
    """Decode base64 or base64url with or without padding; None if it is not base64."""
    cleaned = text.replace("-", "+").replace("_", "/")
    cleaned += "=" * (-len(cleaned) % 4)
    match = _BASE64.fullmatch(cleaned)
    if match is None:
        return None
    try:  # up to two "=" every Python's base64.b64decode(validate=True) decodes so, faster
        if len(match.group(1)) <= 2:
            return binascii.a2b_base64(cleaned)
        return base64.b64decode(cleaned, validate=True)  # more: as this Python's says
    except binascii.Error:
        return None


def json_object(text: str) -> dict[str, object] | None:
    """The JSON object ``text`` encodes in base64(url), or None."""
    decoded = base64_json(text)
    return decoded if isinstance(decoded, dict) else None


@lru_cache(maxsize=16)  # a value's payload is read by its shape, then by its decoder
def base64_json(text: str) -> object:
    """The JSON ``text`` encodes in base64(url), or None; callers only read what it returns
    (it is shared with the next caller of the same text)."""
    data = b64decode_loose(text)
    return json_value(data) if data else None


_DECODER = json.JSONDecoder()
_JSON_SPACE = " \t\n\r"
_JSON_STARTS = frozenset(b'{["-0123456789tfnNI')  # the first byte of any JSON value
# The first bytes json.loads(bytes) may find a value after: those, white space, a byte-order
# mark or a NUL byte (UTF-16 and UTF-32).
_MAY_START = _JSON_STARTS | frozenset(b" \t\n\r\x00\xef\xfe\xff")


def json_value(data: bytes) -> object:
    """``json.loads(data)``, or None where that raises.  Bytes that start as a JSON value (and
    that ``json.loads`` reads as UTF-8: no NUL after) are read from str, faster; bytes no JSON
    text starts with (binary: an opaque token's) are not read."""
    first = data[0] if data else None
    if first in _JSON_STARTS and data[1:2] != b"\x00":
        try:
            text = data.decode("utf-8", "surrogatepass")
            found, end = _DECODER.raw_decode(text)
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        # A JSON value never ends in white space: one that ends the text is all of it.
        return found if end == len(text) or end == len(text.rstrip(_JSON_SPACE)) else None
    return _loaded(data) if first in _MAY_START else None


def _loaded(data: bytes) -> object:
    try:
        return json.loads(data)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _is_jwt(text: str) -> bool:
    if text.count(".") != 2:
        return False
    header = json_object(text.partition(".")[0])  # shared with an itsdangerous payload's
    return header is not None and "alg" in header and _JWT.fullmatch(text) is not None


def _is_jwe(text: str) -> bool:
    if text.count(".") != 4 or _JWE.fullmatch(text) is None:
        return False
    header = json_object(text.partition(".")[0])
    return header is not None and "alg" in header and "enc" in header


def _is_itsdangerous(text: str) -> bool:
    if text.count(".") != 2 + text.startswith("."):
        return False
    match = _ITSDANGEROUS.fullmatch(text)
    if match is None:
        return False
    payload: str = match.group(1)
    if payload.startswith("."):  # compressed: base64 of a zlib stream, header 78 9C -> "eJ"
        return payload.startswith(".eJ")
    return json_object(payload) is not None


def _is_laravel(text: str) -> bool:
    if not text.startswith("eyJ") or "." in text:  # base64, even URL-encoded, has no "."
        return False
    payload = json_object(unquote(text))
    return payload is not None and {"iv", "value", "mac"} <= payload.keys()


def _is_gorilla(text: str) -> bool:
    if not text.startswith("MT"):  # base64 of a 10-digit time starting with "1"
        return False
    data = b64decode_loose(text)
    return data is not None and _GORILLA_DECODED.match(data) is not None


def _is_django(text: str) -> bool:
    value, colon, signature = text.rpartition(":")
    return bool(colon and value) and _DJANGO_SIGNATURE.fullmatch(signature) is not None


def _is_tornado(text: str) -> bool:
    return "|" in text and bool(_TORNADO_V2.fullmatch(text) or _TORNADO_V1.fullmatch(text))


def _is_rails(text: str) -> bool:
    return "--" in text and _RAILS.fullmatch(text) is not None


@lru_cache(maxsize=256)  # a suite's values start with few characters
def _recognisers_for(marks: tuple[str, int, bool, bool, bool, bool]) -> tuple[_Recogniser, ...]:
    """The recognisers of the shapes a value may have, by its ``marks``: its first character,
    how many "." it holds (up to ``_MANY_DOTS``) and whether it holds each other separator of
    ``_SEPARATORS``."""
    first, held = marks[0], dict(zip(_SEPARATORS, marks[1:], strict=True))
    return tuple((shape, recognise) for shape, recognise in _RECOGNISERS
                 if _framed(_FRAMING[shape], first, held)
                 and held["."] in _DOTS.get(shape, _ANY_DOTS))  # fmt: skip


def _framed(framing: tuple[str, str], first: str, held: dict[str, int]) -> bool:
    starts, separator = framing
    return (not starts or first in starts) and (not separator or bool(held[separator]))


# What each shape's framing holds for sure: the characters it may start with ("" for any),
# and a separator (one of ``_SEPARATORS``, the order of ``credential_shape``'s marks) or "".
_SEPARATORS = (".", "|", ":", "?", "--")
_FRAMING = {
    "jwt": ("", "."), "jwe": ("", "."), "tornado": ("", "|"), "flask_login": ("", "|"),
    "express": ("s", "."), "bottle": ("!", "?"), "fernet": ("g", ""),
    "dataprotection": ("C", ""), "phoenix": ("SQ", "."), "gorilla": ("M", ""),
    "laravel": ("e", ""), "itsdangerous": ("", "."), "rails": ("", "--"), "django": ("", ":"),
}
# How many "." the shapes whose recognisers count them hold (a compressed itsdangerous
# payload starts with one more); the others, any number.
_DOTS = {"jwt": (2,), "jwe": (4,), "itsdangerous": (2, 3), "laravel": (0,)}
_MANY_DOTS = 5  # counted up to: more tells no shape apart
_ANY_DOTS = range(_MANY_DOTS + 1)


_Recogniser = tuple[str, Callable[[str], bool]]  # a shape and whether a value has it


def _matches(pattern: _Lazy) -> Callable[[str], bool]:
    return lambda text: pattern.fullmatch(text) is not None


_RECOGNISERS: tuple[_Recogniser, ...] = (
    ("jwt", _is_jwt),
    ("jwe", _is_jwe),
    ("tornado", _is_tornado),
    ("flask_login", _matches(_FLASK_LOGIN)),
    ("express", _matches(_EXPRESS)),
    ("bottle", _matches(_BOTTLE)),
    ("fernet", _matches(_FERNET)),
    ("dataprotection", _matches(_DATA_PROTECTION)),
    ("phoenix", _matches(_PHOENIX)),
    ("gorilla", _is_gorilla),
    ("laravel", _is_laravel),
    ("itsdangerous", _is_itsdangerous),
    ("rails", _is_rails),
    ("django", _is_django),
)
