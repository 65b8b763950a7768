"""The token facts of a broad table of values are those of a slow, straightforward reference.

``token_facts`` decodes each part of a value once, rejects cheaply and lets values differing
only in their signature share their facts (issue 14); the reference below is the code as it
was before (every recogniser tried in turn, every part decoded where read, each value's facts
worked out on its own), and every fast path must agree with it.  The table holds each value
with its middle and last parts changed too (JWT payloads as long as an itsdangerous
timestamp among them), so a sharing that merges values with different facts fails here.
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import secrets
import uuid
import zlib
from pathlib import Path
from urllib.parse import unquote

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from pytest_securecookie.judging import decoding, shapes, tokens
from pytest_securecookie.judging.decoding import MAX_DECODED, secret_keys
from pytest_securecookie.judging.entropy import guessable
from pytest_securecookie.judging.shapes import SHAPE_WORDS
from pytest_securecookie.judging.tokens import TokenFacts, token_facts
from pytest_securecookie.judging.value_facts import SHAPE, TOKEN, facts_of
from tests.judging.test_policy_classify import BY_VALUE, LEFT_ALONE, real_values
from tests.judging.test_tokens import signed_values

# -- the reference: the code before issue 14, one recogniser after another -----------------


def ref_b64(text: str) -> bytes | None:
    cleaned = text.replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


def ref_json_object(text: str) -> dict[str, object] | None:
    data = ref_b64(text)
    try:
        decoded = json.loads(data) if data is not None else None
    except (UnicodeDecodeError, ValueError):
        return None
    return decoded if isinstance(decoded, dict) else None


def ref_shape(value: str) -> str | None:
    text = shapes.unwrap_value(value)
    if len(text) < 16:
        return None
    dots = text.count(".")
    checks = {
        "jwt": dots == 2 and shapes._JWT.fullmatch(text) is not None
        and "alg" in (ref_json_object(text.partition(".")[0]) or {}),
        "jwe": dots == 4 and shapes._JWE.fullmatch(text) is not None
        and {"alg", "enc"} <= (ref_json_object(text.partition(".")[0]) or {}).keys(),
        "tornado": bool(shapes._TORNADO_V2.fullmatch(text) or shapes._TORNADO_V1.fullmatch(text)),
        "flask_login": shapes._FLASK_LOGIN.fullmatch(text) is not None,
        "express": shapes._EXPRESS.fullmatch(text) is not None,
        "bottle": shapes._BOTTLE.fullmatch(text) is not None,
        "fernet": shapes._FERNET.fullmatch(text) is not None,
        "dataprotection": shapes._DATA_PROTECTION.fullmatch(text) is not None,
        "phoenix": shapes._PHOENIX.fullmatch(text) is not None,
        "gorilla": text.startswith("MT") and shapes._GORILLA_DECODED.match(
            ref_b64(text) or b"") is not None,
        "laravel": text.startswith("eyJ")
        and {"iv", "value", "mac"} <= (ref_json_object(unquote(text)) or {}).keys(),
        "itsdangerous": ref_itsdangerous(text),
        "rails": shapes._RAILS.fullmatch(text) is not None,
        "django": ref_django(text),
    }
    return next((shape for shape, found in checks.items() if found), None)


def ref_itsdangerous(text: str) -> bool:
    match = shapes._ITSDANGEROUS.fullmatch(text)
    if text.count(".") != 2 + text.startswith(".") or match is None:
        return False
    payload = match.group(1)
    return payload.startswith(".eJ") or (
        not payload.startswith(".") and ref_json_object(payload) is not None)


def ref_django(text: str) -> bool:
    value, colon, signature = text.rpartition(":")
    return bool(colon and value) and shapes._DJANGO_SIGNATURE.fullmatch(signature) is not None


REF_PAYLOAD = {
    "jwt": lambda text: text.split(".")[1],
    "itsdangerous": lambda text: text.rsplit(".", 2)[0],
    "django": lambda text: text.partition(":")[0],
    None: lambda text: text,
}


def ref_decoded(payload: str) -> object:
    data = ref_b64(payload[1:] if payload.startswith(".") else payload)
    if data is not None and payload.startswith("."):
        data = decoding._inflated(data)[0]
    try:
        return json.loads(data) if data else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def ref_cut_prefix(payload: str) -> str | None:
    data = ref_b64(payload[1:])
    inflated, cut = decoding._inflated(data) if data is not None else (None, False)
    text = inflated.decode("utf-8", "replace") if cut and inflated is not None else ""
    return text if text.lstrip().startswith(("{", "[")) else None


def ref_session(value: str, shape: str | None) -> decoding.ClientSession | None:
    if len(value) > MAX_DECODED or shape not in REF_PAYLOAD:
        return None
    payload = REF_PAYLOAD[shape](shapes.unwrap_value(value))
    words = SHAPE_WORDS[shape] if shape else decoding._BASE64_JSON
    if payload.startswith("."):
        cut = ref_cut_prefix(payload)
        if cut is not None:
            return decoding.ClientSession(words, cut, cut=True)
    data = ref_decoded(payload)
    if data is None or (shape is None and not isinstance(data, dict)):
        return None
    return decoding.ClientSession(words, data)


def ref_facts(value: str) -> TokenFacts:
    shape = ref_shape(value)
    session = ref_session(value, shape)
    secrets_held = secret_keys(session.data, cut=session.cut) if session is not None else ()
    cut = session is not None and session.cut
    guess = None
    if shape is None and session is None and value.strip().lower() not in tokens._PLACEHOLDERS:
        guess = guessable(value)
    segment = shapes.unwrap_value(value).partition(".")[0]
    header = ref_decoded(segment) if len(segment) <= MAX_DECODED else None
    alg = header.get("alg") if isinstance(header, dict) else None
    unsigned = shape == "jwt" and isinstance(alg, str) and alg.strip().lower() == "none"
    readable = session.words if session and (secrets_held or cut) else None
    return TokenFacts(shape, guess, session is not None, readable, secrets_held, unsigned, cut)


# -- the table -----------------------------------------------------------------------------


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64json(data: object) -> str:
    return b64(json.dumps(data).encode())


def django_values() -> list[str]:
    from django.conf import settings  # type: ignore[import-untyped]
    from django.contrib.sessions.serializers import (  # type: ignore[import-untyped]
        JSONSerializer,
    )
    from django.core import signing  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(SECRET_KEY="facts-tests", INSTALLED_APPS=[], DATABASES={})
    salt = "django.contrib.sessions.backends.signed_cookies"
    sessions = [{"_auth_user_id": str(n), "_auth_user_hash": secrets.token_hex(32)}
                for n in range(3)] + [{"password": "p", "note": "x" * 300}, {}]
    return [
        *(signing.dumps(data, compress=True, salt=salt, serializer=JSONSerializer)
          for data in sessions),
        signing.dumps([1, 2, 3]), signing.dumps("text"), signing.dumps({"cvv": "123"}),
        signing.get_cookie_signer(salt="user").sign(secrets.token_hex(4)),
        signing.Signer(key="k" * 50).sign("alice"),
        signing.TimestampSigner(key="k" * 50).sign("alice"),
    ]


def jwt_values() -> list[str]:
    import jwt

    key = "k" * 32
    claims = [{"sub": secrets.token_hex(3)}, {"password": "p"}, {"a": [{"cvv": "1"}]}, {}]
    return [
        *(jwt.encode(data, key, "HS256") for data in claims),
        *(jwt.encode(data, None, "none") for data in claims),
        jwt.encode({"sub": "1"}, key * 2, "HS512", headers={"kid": secrets.token_hex(4)}),
        # payloads of 5-8 characters, as long as an itsdangerous timestamp: read, not merged
        *(f"{b64json({'alg': alg})}.{payload}.{'s' * 43}"
          for alg in ("HS256", "none") for payload in ("WzEsMl0", "MTIzNDU", "AAAAAAA", "e30x")),
    ]


def itsdangerous_values() -> list[str]:
    flask = URLSafeTimedSerializer("k", salt="cookie-session")
    data: list[object] = [{"user": secrets.token_hex(4)}, {"password": "p"}, [1, 2], "s", 5,
                          {"note": "x" * 300, "ssn": "078-05-1120"}, {"a": {"b": [{"otp": 1}]}}]
    starlette = [TimestampSigner("k").sign(base64.b64encode(json.dumps(item).encode())).decode()
                 for item in data]
    bomb = "." + b64(zlib.compress(b'{"apiKey": "' + b"x" * (MAX_DECODED * 4) + b'"}'))
    return [*(flask.dumps(item) for item in data), *starlette, f"{bomb}.ZTk9xA.{'s' * 27}",
            f".{b64(zlib.compress(b'[1]'))}.ZTk9xA.{'s' * 27}",
            f".eJzzSM3JyVcIzy/KSQEA.aB.{'s' * 27}"]


def opaque_values() -> list[str]:
    return [*(secrets.token_hex(n) for n in (4, 8, 15, 16, 32)),
            *(secrets.token_urlsafe(n) for n in (8, 16, 24, 32)),
            str(uuid.uuid4()), str(uuid.uuid1()), "0123456789", "1", "deleted", '""', " ",
            base64.b64encode(b'{"user":"bob","apiKey":"k-123"}').decode(), b64json([1]),
            b64json({"a": 1}), " " + b64json({"a": 1}), b64(b" {}"), b64(b"\xef\xbb\xbf{}"),
            b64("{}".encode("utf-16")), b64("{}".encode("utf-16-le")), b64(b"{\x00}\x00"),
            b64(b"\xff\xfe"), "e30", "e30=", "e3=0", "e30==", "e30===", "eyJ",
            "eyJhIjoxfQ%3D%3D", *("7" * n for n in (31, 32, 38, 39, 41)), "x" * 36, "a" * 31,
            "ab-" * 12, "\u0661" * 33, "f" * 32 + "==", f'"{secrets.token_hex(16)}"']


def framed_values() -> list[str]:
    """A value of each remaining shape, and near misses of their framing."""
    gorilla = b64(f"1795306592|{b64(b'alice')}|".encode() + secrets.token_bytes(32))
    phoenix = "QTEyOEdDTQ." + ".".join(secrets.token_urlsafe(n) for n in (8, 12, 16, 16))
    return [gorilla, gorilla.replace("MT", "NT", 1), b64(b"1795306592|x"), phoenix,
            f"1|{secrets.token_hex(64)}", f"1|{secrets.token_hex(63)}", "gAAAAA" + "B" * 93,
            "CfDJ8" + "x" * 39, "!" + "a" * 20 + "?b", "s:" + "a" * 30, "a:" + "b" * 43,
            "x--" + "y" * 16, "MT" + "A" * 30, "eyJ" + "A" * 30, "eyJ.eyJ.eyJ" + "A" * 10]


def conformance_values() -> list[str]:
    cases = json.loads(CORPUS.read_text(encoding="utf-8"))
    return sorted({case["expect"]["value"] for case in cases
                   if isinstance(case.get("expect"), dict) and "value" in case["expect"]})


CORPUS = Path(__file__).parent.parent / "conformance" / "set-cookie-cases.json"


def variants(value: str) -> list[str]:
    """``value`` with its middle or last dotted part changed (same length, other letters),
    quoted and with a Bearer scheme: what a wrong sharing of facts would merge."""
    parts = value.split(".")
    changed = []
    for index in range(1, len(parts)):
        for fill in ("A", "e", "-"):
            part = parts[index]
            changed.append(".".join([*parts[:index], fill * len(part), *parts[index + 1:]]))
    return [value, *changed, f'"{value}"', f"Bearer {value}", value + "."]


def table() -> list[str]:
    values = [*(value for value, _ in BY_VALUE), *(line.partition("=")[2].partition(";")[0]
                                                  for line in LEFT_ALONE),
              *(value for value, _ in real_values()), *signed_values(), *django_values(),
              *jwt_values(), *itsdangerous_values(), *opaque_values(), *framed_values(),
              *conformance_values()]
    return list(dict.fromkeys(itertools.chain.from_iterable(variants(v) for v in values)))


def clear_caches() -> None:
    for module in (shapes, decoding, tokens):
        for function in vars(module).values():
            if hasattr(function, "cache_clear"):
                function.cache_clear()


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_token_facts_are_those_of_the_reference(order: str) -> None:
    values = table()
    assert len(values) > 600
    clear_caches()
    for value in values if order == "forward" else reversed(values):
        assert token_facts(value) == ref_facts(value), value
        assert shapes.credential_shape(value) == ref_shape(value), value
        shape = ref_shape(value)
        assert decoding.readable_session(value, shape) == ref_session(value, shape), value


def test_b64decode_loose_and_json_object_are_those_of_the_reference() -> None:
    pieces = ["", "e30", "e30=", "e30==", "e30===", "e3=0", "=", "ab=", "a===", "a", "ab",
              "abc", "abcd", "abcd=", "-_-_", "+/+/", "eyJhIjoxfQ", "eyJhIjoxfQ==", "é30",
              "e30\n", " e30", "W10", "bnVsbA", "IHt9", "77u/e30", "//79AA", "ewB9AA"]
    for text in pieces + [part for value in table() for part in re.split("[.:]", value)]:
        assert shapes.b64decode_loose(text) == ref_b64(text), text
        assert shapes.json_object(text) == ref_json_object(text), text


def test_a_base64url_signature_never_shares_facts_with_an_express_one() -> None:
    # cookie-signature signs in standard base64: a "-" or "_" in the last part is no Express
    # signature, and a value with one must not be judged by an all-letters signature's facts.
    head = "s:J7sRk3w2Vt1Qy0hNq0gZx8sYk1kP2m3n."
    express, urlsafe = head + "A" * 43, head + "a-" * 21 + "b"
    assert (token_facts(express).shape, token_facts(urlsafe).shape) == ("express", None)


def test_short_texts_decode_as_base64_b64decode_and_json_loads_say() -> None:
    # Every text of up to 6 characters of base64 letters, both alphabets' specials and "=",
    # and byte strings made of JSON's pieces, byte-order marks, NUL and non-UTF-8 bytes.
    for length in range(7):
        for text in map("".join, itertools.product("Ab/-=", repeat=length)):
            assert shapes.b64decode_loose(text) == ref_b64(text), text
    pieces = [b"{", b"}", b"[", b'"', b":", b"1", b" ", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe",
              b"a", b"null", b"\xc3\xa9", b"\xed\xa0\x80", b"\xa0", b'"a"', b"{}", b"[]"]
    for count in range(4):
        for data in map(b"".join, itertools.product(pieces, repeat=count)):
            assert shapes.json_value(data) == ref_json(data), data


def ref_json(data: bytes) -> object:
    try:
        return json.loads(data) if data else None
    except (UnicodeDecodeError, ValueError):
        return None


def test_the_shape_the_token_facts_name_is_the_values_credential_shape() -> None:
    # A judgement reading both facts takes the shape from the token facts (value_facts.facts_of).
    clear_caches()
    for value in table():
        assert token_facts(value).shape == shapes.credential_shape(value), value
        assert facts_of((SHAPE, TOKEN), value) == (shapes.credential_shape(value),
                                                   token_facts(value)), value
