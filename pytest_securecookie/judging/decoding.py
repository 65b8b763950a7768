"""Decode client-side sessions anyone can read without the key, and name the secrets they hold.

Signing keeps a client-side session from being changed, not from being read: Flask and
itsdangerous (the compressed ``.`` form too), Starlette's ``SessionMiddleware``, Django's
``signed_cookies`` backend, Express ``cookie-session`` and JSON Web Tokens all carry base64
JSON.  Decoding is bounded (``MAX_DECODED`` characters in and out) and never raises: what does
not decode is no finding, but a compressed session inflating past the bound is said to be read
only in part (its prefix is still searched for secret keys).  What leaves this module names a
secret key and its depth, never what it holds nor the keys on the way (they may be data).
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain
from typing import NamedTuple, TypeGuard

from .shapes import SHAPE_WORDS, b64decode_loose, base64_json, json_value, unwrap_value

MAX_DECODED = 8192  # characters of a value decoded, and bytes of a zlib stream inflated
_MAX_NODES = 1000  # dict entries and list items looked at in one session
_MAX_SHOWN = 3  # keys named in one finding

# Keys that hold a secret, compared lowered and without "_"/"-"/" ", whole or as the end of a
# key ("user_password", "stripe_api_key"), a plural too ("passwords").  OAuth tokens (as
# Flask-Dance keeps them) and one-time-password seeds are secrets; CSRF tokens belong in a
# session: never a secret.
_SECRET_KEYS = (
    "password", "passwd", "pwd", "passphrase", "ssn", "socialsecuritynumber", "cvv", "cvv2",
    "cvc", "cardnumber", "creditcard", "ccnumber", "privatekey", "secret", "apikey",
    "apisecret", "accesskey", "secretkey", "accesskeyid", "accesstoken", "refreshtoken",
    "idtoken", "oauthtoken", "authtoken", "bearertoken", "apitoken", "otp", "totp", "hotp",
    "otpseed", "totpseed", "otpkey", "totpkey", "mfaseed", "recoverycode",
)
_NOT_SECRET = ("csrf", "xsrf")
# Keys a card number or private key is expected under, shown by name; any other key holding
# one may be data (a user name): shown as "a key".
_HOLDER_KEYS = ("number", "card", "billing", "payment", "pan", "key", "pem", "cert")
_SEPARATORS = re.compile(r"[\s_.-]+")
_CARD = re.compile(r"\d(?:[ -]?\d){12,18}")
# Issuer prefixes of the card brands (Visa, Mastercard, Amex, Discover, JCB, Diners): a
# Luhn-valid id of 13-19 digits is one in ten, a card number also starts like one.
_CARD_ISSUER = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9])")
_SHOWN_KEY = re.compile(r"[A-Za-z_][A-Za-z_ -]{0,31}\d{0,3}")  # a word, not data
# A JSON string, aligned by consuming whole strings; a key when a ":" follows, holding
# nothing when null, false, true, "", 0, {} or [] follows that.
_JSON_STRING = re.compile(
    r'"((?:[^"\\]|\\.)*)"(?:\s*(:)\s*(null|false|true|""|0\b|\{\}|\[\])?)?'
)


_BASE64_JSON = "a base64 JSON session (such as Express cookie-session)"


class ClientSession(NamedTuple):
    """What a readable session is (user's words) and what it decodes to: its JSON, or for a
    session inflating past ``MAX_DECODED`` (``cut``) the text of its first bytes."""

    words: str
    data: object
    cut: bool = False


def readable_session(value: str, shape: str | None) -> ClientSession | None:
    """The session ``value`` carries in the clear (``shape``: its ``credential_shape``), or
    None when it is no client-side session anyone can decode."""
    if len(value) > MAX_DECODED:
        return None
    payload_of = _PAYLOAD_OF.get(shape)
    if payload_of is None:
        return None
    payload = payload_of(unwrap_value(value))
    if shape is None and not payload.startswith(_OBJECT_STARTS):
        return None  # cheap: an opaque id rarely starts like base64 JSON
    words = SHAPE_WORDS[shape] if shape else _BASE64_JSON
    data, cut = _session_data(payload)
    if cut:
        return ClientSession(words, data, cut=True)
    if data is None or (shape is None and not isinstance(data, dict)):
        return None
    return ClientSession(words, data)


# How base64 (either alphabet) of a JSON object starts: "{", JSON's white space, a byte-order
# mark or a NUL (UTF-16, UTF-32); or "." before a zlib stream.
_OBJECT_STARTS = (".", *sorted({
    encode(bytes([first]))[:1].decode()
    for first in b"{ \t\n\r\x00\xef\xfe\xff"
    for encode in (base64.b64encode, base64.urlsafe_b64encode)
}))


# The one decision of which shapes carry data anyone can decode, and where it is.
_PAYLOAD_OF: dict[str | None, Callable[[str], str]] = {
    "jwt": lambda text: text.split(".")[1],
    "itsdangerous": lambda text: text.rsplit(".", 2)[0],
    "django": lambda text: text.partition(":")[0],
    None: lambda text: text,
}


def decodable(shape: str | None) -> bool:
    """Whether a value of credential shape ``shape`` may carry a session anyone can decode."""
    return shape in _PAYLOAD_OF


def _session_data(payload: str) -> tuple[object, bool]:
    """The JSON in base64 ``payload`` (zlib-compressed after a leading "."), or None; and
    whether it inflates past ``MAX_DECODED`` bytes: then the text of its first bytes (read no
    further: a zip bomb costs nothing), if that starts as JSON cut short."""
    if not payload.startswith("."):
        return base64_json(payload), False
    data = b64decode_loose(payload[1:])
    inflated, cut = _inflated(data) if data is not None else (None, False)
    if cut and inflated is not None:
        text = inflated.decode("utf-8", "replace")
        if text.lstrip().startswith(("{", "[")):
            return text, True
    return (json_value(inflated) if inflated else None), False


def _inflated(data: bytes) -> tuple[bytes | None, bool]:
    """At most ``MAX_DECODED`` bytes inflated from ``data``, and whether more were left."""
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, MAX_DECODED)
    except zlib.error:
        return None, False
    return inflated, bool(inflater.unconsumed_tail)


def unsigned_jwt(value: str) -> bool:
    """Whether JSON Web Token ``value`` says ``alg: none`` (any case): it carries no signature."""
    return _unsigned_header(unwrap_value(value).partition(".")[0])


@lru_cache(maxsize=64)  # an app's tokens share their header
def _unsigned_header(segment: str) -> bool:
    header = base64_json(segment) if len(segment) <= MAX_DECODED else None
    alg = header.get("alg") if isinstance(header, dict) else None
    return isinstance(alg, str) and alg.strip().lower() == "none"


def secret_keys(data: object, *, cut: bool = False) -> tuple[str, ...]:
    """The keys of ``data`` that hold a secret, as a finding shows them (never what they hold
    nor the keys on the way): ``'password'``, ``'number' (2 levels deep, a card number)``; at
    most ``_MAX_SHOWN`` and a count.  ``cut``: ``data`` is the text of a session's first bytes,
    searched for secret keys by name."""
    if not cut and _names_only(data) and not any(map(_secret_name, data)):
        return ()  # most sessions: a few short strings under keys that name no secret
    found = list(dict.fromkeys(_keys_in_text(str(data)) if cut else _secrets(data)))
    if not found:
        return ()
    shown = found[:_MAX_SHOWN]
    if len(found) > len(shown):
        shown.append(f"{len(found) - len(shown)} more")
    return tuple(shown)


def _names_only(data: object) -> TypeGuard[dict[str, str]]:
    """Whether ``data`` is a dict of strings too short for a card number or a private key
    (``_secret``) under string keys: then only a key's name makes a secret of what it holds."""
    if type(data) is not dict:
        return False
    held = data.values()
    return (_STR.issuperset(map(type, chain(data, held)))
            and max(map(len, held), default=0) < _SHORTEST_CARD)  # fmt: skip


_STR = {str}
_SHORTEST_CARD = 13  # digits


def _secrets(data: object) -> Iterator[str]:
    # (name of the nearest key, how many dicts deep, node): a list's items are held under its
    # key, at its depth.
    stack: list[tuple[str, int, object]] = [("", 0, data)]
    nodes = 0
    while stack and nodes < _MAX_NODES:
        name, depth, node = stack.pop()
        nodes += 1
        level = depth + isinstance(node, dict)  # a list's items sit at its key's level
        children = node.items() if isinstance(node, dict) else (
            ((name, item) for item in node) if isinstance(node, list) else ()
        )
        for key, child in children:
            key_name = key if isinstance(key, str) else ""
            why = _secret(key_name, child)
            if why is not None:
                yield _shown(key_name, level, why)
            elif isinstance(child, (dict, list)):
                stack.append((key_name, level, child))


def _shown(key: str, depth: int, why: str) -> str:
    """``'password'``, ``'password' (3 levels deep)``, ``a key (a card number)``."""
    notes = [f"{depth} levels deep"] if depth > 1 else []
    notes += [why] if why else []
    named = _SHOWN_KEY.fullmatch(key) and (_secret_name(key) or _holder_name(key))
    shown = f"'{key}'" if named else "a key"
    return f"{shown} ({', '.join(notes)})" if notes else shown


def _keys_in_text(text: str) -> Iterator[str]:
    """The secret keys named in the text of a session's first bytes (JSON cut short), each
    holding something (not null, false, "" or empty)."""
    for match in _JSON_STRING.finditer(text):
        key, colon, empty = match.groups()
        if colon and not empty and _secret_name(key):
            yield _shown(key, 1, "")


def _secret(key: str, held: object) -> str | None:
    """Why ``held`` under ``key`` is a secret ("" for a secret key, "a card number"...)."""
    if isinstance(held, bool) or not held or isinstance(held, (dict, list, float)):
        return None
    text = held if isinstance(held, str) else str(held)
    if len(text) > 30 and "PRIVATE KEY" in text and "-----BEGIN" in text:
        return "a private key"
    if _SHORTEST_CARD <= len(text) <= 23 and _card_number(text):
        return "a card number"
    return "" if _secret_name(key) else None


def _holder_name(key: str) -> bool:
    return _SEPARATORS.sub("", key.lower()).endswith(_HOLDER_KEYS)


@lru_cache(maxsize=256)  # a suite's sessions hold the same few keys
def _secret_name(key: str) -> bool:
    name = _SEPARATORS.sub("", key.lower())
    stem = name[:-1] if name.endswith("s") else name  # "passwords", "api_keys"
    secret = name.endswith(_SECRET_KEYS) or stem.endswith(_SECRET_KEYS)
    return secret and not any(word in name for word in _NOT_SECRET)


def _card_number(text: str) -> bool:
    if len(text) > 23 or _CARD.fullmatch(text.strip()) is None:
        return False
    digits = [int(c) for c in text if c.isdigit()]
    return _CARD_ISSUER.match(text.strip()) is not None and luhn_valid(digits)


def luhn_valid(digits: list[int]) -> bool:
    """The Luhn checksum card numbers carry (ISO/IEC 7812)."""
    total = 0
    for position, digit in enumerate(reversed(digits)):
        doubled = digit * 2 if position % 2 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return total % 10 == 0
