"""Decode client-side sessions anyone can read without the key, and name the secrets they hold.

Signing keeps a client-side session from being changed, not from being read: Flask and
itsdangerous (the compressed ``.`` form too), Starlette's ``SessionMiddleware``, Django's
``signed_cookies`` backend, Express ``cookie-session`` and JSON Web Tokens all carry base64
JSON.  Decoding is bounded (``MAX_DECODED`` characters in and out) and never raises: what does
not decode is no finding.  What leaves this module names keys, never what they hold.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .shapes import SHAPE_WORDS, b64decode_loose, unwrap_value

MAX_DECODED = 8192  # characters of a value decoded, and bytes of a zlib stream inflated
_MAX_NODES = 1000  # dict entries and list items looked at in one session
_MAX_SHOWN = 3  # keys named in one finding

# Keys that hold a secret, compared lowered and without "_"/"-"/" ", whole or as the end of a
# key ("user_password", "stripe_api_key").  CSRF tokens belong in a session: never a secret.
_SECRET_KEYS = (
    "password", "passwd", "pwd", "passphrase", "ssn", "socialsecuritynumber", "cvv", "cvv2",
    "cvc", "cardnumber", "creditcard", "ccnumber", "privatekey", "secret", "apikey",
    "apisecret", "accesskey", "secretkey", "accesskeyid",
)
_NOT_SECRET = ("csrf", "xsrf")
_SEPARATORS = re.compile(r"[\s_.-]+")
_CARD = re.compile(r"\d(?:[ -]?\d){12,18}")
# Issuer prefixes of the card brands (Visa, Mastercard, Amex, Discover, JCB, Diners): a
# Luhn-valid id of 13-19 digits is one in ten, a card number also starts like one.
_CARD_ISSUER = re.compile(r"4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9])")
_SHOWN_KEY = re.compile(r"[A-Za-z_][A-Za-z_ -]{0,31}\d{0,3}")  # a word, not data


_BASE64_JSON = "a base64 JSON session (such as Express cookie-session)"


class ClientSession(NamedTuple):
    """What a readable session is (user's words) and what it decodes to."""

    words: str
    data: object


def readable_session(value: str, shape: str | None) -> ClientSession | None:
    """The session ``value`` carries in the clear (``shape``: its ``credential_shape``), or
    None when it is no client-side session anyone can decode."""
    if len(value) > MAX_DECODED:
        return None
    text = unwrap_value(value)
    payload = _payload(text, shape)
    if payload is None:
        return None
    data = _decoded_json(payload)
    if data is None or (shape is None and not isinstance(data, dict)):
        return None
    words = SHAPE_WORDS[shape] if shape else _BASE64_JSON
    return ClientSession(words, data)


def _payload(text: str, shape: str | None) -> str | None:
    """The base64 part of a value that carries data, by its shape."""
    if shape == "jwt":
        return text.split(".")[1]
    if shape == "itsdangerous":
        return text.rsplit(".", 2)[0]
    if shape == "django":
        return text.partition(":")[0]
    return text if shape is None else None


def _decoded_json(payload: str) -> object:
    """The JSON in base64 ``payload`` (zlib-compressed after a leading "."), or None."""
    data = b64decode_loose(payload[1:] if payload.startswith(".") else payload)
    if data is None:
        return None
    if payload.startswith("."):
        data = _inflated(data)
    try:
        return json.loads(data) if data else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _inflated(data: bytes) -> bytes | None:
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(data, MAX_DECODED)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else inflated  # larger than we read: not judged


def unsigned_jwt(value: str) -> bool:
    """Whether JSON Web Token ``value`` says ``alg: none`` (any case): it carries no signature."""
    return _unsigned_header(unwrap_value(value).partition(".")[0])


@lru_cache(maxsize=64)  # an app's tokens share their header
def _unsigned_header(segment: str) -> bool:
    header = _decoded_json(segment) if len(segment) <= MAX_DECODED else None
    alg = header.get("alg") if isinstance(header, dict) else None
    return isinstance(alg, str) and alg.strip().lower() == "none"


def secret_keys(data: object) -> tuple[str, ...]:
    """The keys of ``data`` that hold a secret, as a finding shows them (never what they hold):
    ``'password'``, ``'billing.number' (a card number)``; at most ``_MAX_SHOWN`` and a count."""
    found = list(dict.fromkeys(_secrets(data)))
    shown = found[:_MAX_SHOWN]
    if len(found) > len(shown):
        shown.append(f"{len(found) - len(shown)} more")
    return tuple(shown)


def _secrets(data: object) -> Iterator[str]:
    stack: list[tuple[str | None, object]] = [("", data)]
    nodes = 0
    while stack and nodes < _MAX_NODES:
        path, node = stack.pop()
        nodes += 1
        children = node.items() if isinstance(node, dict) else (
            enumerate(node) if isinstance(node, list) else ()
        )
        for key, child in children:
            child_path = _joined(path, key)
            why = _secret(key if isinstance(key, str) else "", child)
            if why is not None:
                yield f"'{child_path}'{why}" if child_path else f"a key{why}"
            elif isinstance(child, (dict, list)):
                stack.append((child_path, child))


def _joined(path: str | None, key: object) -> str | None:
    """The dotted path to ``key``; None once a key on the way looks like data, not a name."""
    if path is None:
        return None
    if isinstance(key, int):
        joined = f"{path}[{key}]"
    elif isinstance(key, str) and _SHOWN_KEY.fullmatch(key):
        joined = f"{path}.{key}" if path else key
    else:
        return None
    return joined if len(joined) <= 60 else None


def _secret(key: str, held: object) -> str | None:
    """Why ``held`` under ``key`` is a secret ("" for a secret key, " (a card number)"...)."""
    if isinstance(held, bool) or not held or isinstance(held, (dict, list, float)):
        return None
    text = held if isinstance(held, str) else str(held)
    if len(text) > 30 and "PRIVATE KEY" in text and "-----BEGIN" in text:
        return " (a private key)"
    if 13 <= len(text) <= 23 and _card_number(text):
        return " (a card number)"
    return "" if _secret_name(key) else None


@lru_cache(maxsize=256)  # a suite's sessions hold the same few keys
def _secret_name(key: str) -> bool:
    name = _SEPARATORS.sub("", key.lower())
    return name.endswith(_SECRET_KEYS) and not any(word in name for word in _NOT_SECRET)


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
