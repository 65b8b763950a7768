"""The token rules' pieces: the entropy bound, the decoders, the secret keys, SC023's memory,
and the session-wide cache keeping judgements that read a value apart by its token facts."""

from __future__ import annotations

import base64
import json
import secrets
import zlib
from datetime import datetime, timezone
from typing import NamedTuple

import pytest
from itsdangerous import URLSafeTimedSerializer

from pytest_securecookie import CookiePolicy
from pytest_securecookie.judging.decoding import (
    MAX_DECODED,
    luhn_valid,
    readable_session,
    secret_keys,
    unsigned_jwt,
)
from pytest_securecookie.judging.entropy import estimate, guessable
from pytest_securecookie.judging.logins import Logins
from pytest_securecookie.judging.recorded import judge
from pytest_securecookie.judging.shapes import credential_shape
from pytest_securecookie.judging.tokens import token_facts

NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)
HARDENED = "; Secure; HttpOnly; SameSite=Lax"


@pytest.mark.parametrize(("value", "bits", "read_from"), [
    ("1", 3, "1 decimal digit"),
    ("abc", 12, "3 hex digits"),
    ("0123456789", 33, "10 decimal digits"),
    ("9f86d081884c7d65", 64, "16 hex digits"),
    ("z" * 32, 165, "32 lowercase letters and digits"),  # Django's sessionid alphabet
    ("v" * 26, 130, "26 base32 characters"),  # PHPSESSID, sid_bits_per_character=5
    ("Zz" * 8, 95, "16 letters and digits"),
    ("a-_" * 5, 90, "15 base64 characters"),
    ('"abc="', 12, "3 hex digits"),  # quotes and base64 padding hold nothing
    ("a.b|c", 32, "5 characters"),
    ("123e4567-e89b-42d3-a456-426614174000", 122, "a version-4 UUID"),
    ("123e4567-e89b-12d3-a456-426614174000", 14, "a version-1 UUID"),
])
def test_the_estimate_credits_the_smallest_alphabet_covering_the_value(
    value: str, bits: int, read_from: str
) -> None:
    assert tuple(estimate(value)) == (bits, read_from)


def test_128_bits_or_more_is_not_guessable() -> None:
    assert guessable(secrets.token_hex(16)) is None  # exactly 128
    assert guessable(secrets.token_urlsafe(32)) is None
    assert guessable(secrets.token_hex(15)) is not None
    assert guessable("7" * 5000) is None  # long values are not even looked at


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_an_itsdangerous_session_and_its_compressed_form_decode() -> None:
    plain = URLSafeTimedSerializer("k", salt="s").dumps({"password": "p"})
    assert readable_session(plain, "itsdangerous") is not None
    payload = "." + b64(zlib.compress(json.dumps({"ssn": "078-05-1120", "x": "y" * 300}).encode()))
    compressed = f"{payload}.ZTk9xA.{'s' * 27}"
    assert credential_shape(compressed) == "itsdangerous"
    session = readable_session(compressed, "itsdangerous")
    assert session is not None and secret_keys(session.data) == ("'ssn'",)


def test_decoding_is_bounded_and_never_raises() -> None:
    bomb = "." + b64(zlib.compress(b'{"a": "' + b"x" * (MAX_DECODED * 4) + b'"}'))
    cut = readable_session(f"{bomb}.ZTk9xA.{'s' * 27}", "itsdangerous")
    assert cut is not None and cut.cut and len(str(cut.data)) == MAX_DECODED
    assert readable_session("x" * (MAX_DECODED + 1), None) is None
    for junk in (".!!!", "eyJ", ".eJxLTEwEAAJ3AUU", "W10", "bnVsbA", "e30.e30.", "%%%"):
        assert readable_session(junk, None) is None or junk == "W10"
        readable_session(f"{junk}.ZTk9xA.{'s' * 27}", "itsdangerous")
        readable_session(f"{junk}:1tVbcN:{'s' * 43}", "django")
    assert not unsigned_jwt("not.a.jwt")


def test_an_express_cookie_session_is_base64_json() -> None:
    value = base64.b64encode(b'{"user":"bob","apiKey":"k-123"}').decode()
    facts = token_facts(value)
    assert (facts.shape, facts.decoded, facts.secrets, facts.guessable) == (
        None, True, ("'apiKey'",), None)


@pytest.mark.parametrize(("data", "keys"), [
    ({"password": "x"}, ("'password'",)),
    ({"user": {"db_passwd": "x", "name": "n"}}, ("'db_passwd' (2 levels deep)",)),
    ({"cards": [{"number": "4111-1111-1111-1111"}]}, ("'number' (2 levels deep, a card number)",)),
    ({"key": "-----BEGIN RSA PRIVATE KEY-----\nMII\n"}, ("'key' (a private key)",)),
    ({"Stripe-API-Key": "sk"}, ("'Stripe-API-Key'",)),
    ({"a8f9c0d1e2b3a4f5": {"cvv": "123"}}, ("'cvv' (2 levels deep)",)),  # keys on the way: never
    ({"p1": "x", "password": "x", "cvv": "1", "ssn": "1", "secret": "s"},
     ("'password'", "'cvv'", "'ssn'", "1 more")),
])
def test_secret_keys_are_named_never_their_values(data: object, keys: tuple[str, ...]) -> None:
    assert secret_keys(data) == keys


@pytest.mark.parametrize("data", [
    {"_user_id": "1", "_fresh": True, "_id": "f" * 128, "csrf_token": "t", "_csrf": "t"},
    {"csrf_secret": "s", "has_password": True, "password": "", "secret": None},
    {"user_id": 1234567890123456},  # Luhn or not: no card issuer starts with 1
    {"password_changed_at": "2026-01-01", "japan": "x"},
])
def test_ordinary_session_keys_are_no_secret(data: object) -> None:
    assert secret_keys(data) == ()


def test_luhn() -> None:
    assert luhn_valid([4] + [1] * 15)
    assert not luhn_valid([4] + [1] * 14 + [2])


class Line(NamedTuple):
    line: str
    source: str = "GET /login"
    framework: str | None = "flask"
    url: str | None = "https://app.test/login"
    date: datetime | None = NOW
    response: int = 0


def findings(lines: list[str], policy: CookiePolicy, logins: Logins | None = None) -> list[str]:
    verdict = judge([Line(line, response=n) for n, line in enumerate(lines)], policy,
                    hook_free=True)
    if logins is not None:
        verdict = logins.judged(verdict)
    return [f"{line.cookie.value or '-'} {f.rule}" for line in verdict.lines for f in line.findings]


def test_the_session_cache_keeps_judgements_of_different_token_facts_apart() -> None:
    # One cached judgement per line text without the value: a guessable value judged after a
    # random one (and the other way round) gets its own judgement, by its token facts.
    policy = CookiePolicy(token_entropy=True)
    strong = [secrets.token_hex(16) for _ in range(3)]
    lines = [f"sid={value}{HARDENED}" for value in (strong[0], "17", strong[1], "18", strong[2])]
    assert findings(lines, policy) == ["17 SC022", "18 SC022"]
    unsigned = b64(b'{"alg":"none"}') + "." + b64(b"{}") + "."
    assert findings([f"sid={unsigned}{HARDENED}", lines[0]], policy) == [f"{unsigned} SC025"]


def test_sc023_a_counter_across_tests_and_a_token_back_after_logout() -> None:
    policy, logins = CookiePolicy(token_entropy=True, ignore_rules=("SC022",)), Logins()
    assert findings([f"sid=abc41{HARDENED}"], policy, logins) == []
    assert findings([f"sid=abc42{HARDENED}"], policy, logins) == ["abc42 SC023"]
    assert findings([f"sid=abc42{HARDENED}"], policy, logins) == []  # the same session again
    token = secrets.token_hex(16)
    logout = f"sid=; Max-Age=0{HARDENED}"
    assert findings([f"sid={token}{HARDENED}", logout], policy, logins) == []
    assert findings([f"sid={token}{HARDENED}"], policy, logins) == [f"{token} SC023"]


def test_sc023_leaves_random_tokens_and_signed_sessions_alone() -> None:
    policy, logins = CookiePolicy(token_entropy=True), Logins()
    signed = URLSafeTimedSerializer("k").dumps({"user": 1})
    for _ in range(3):  # the same signed session in the same second: its content repeats
        tokens = [secrets.token_urlsafe(32), f"sid=; Max-Age=0{HARDENED}"]
        lines = [f"sid={tokens[0]}{HARDENED}", tokens[1], f"session={signed}{HARDENED}",
                 f"session=; Max-Age=0{HARDENED}"]
        assert findings(lines, policy, logins) == []


def test_sc023_memory_is_bounded() -> None:
    policy, logins = CookiePolicy(token_entropy=True, scope="all"), Logins()
    for n in range(300):
        findings([f"c{n}={secrets.token_hex(16)}{HARDENED}", f"c{n}=; Max-Age=0"], policy, logins)
    assert len(logins._seen) == 64
    logins = Logins()
    for _ in range(300):
        findings([f"sid={secrets.token_hex(16)}{HARDENED}", "sid=; Max-Age=0"], policy, logins)
    assert len(logins._seen["sid"].ended) == 256


def signed_values() -> list[str]:
    import jwt

    serializer = URLSafeTimedSerializer("k")
    return [
        serializer.dumps({"password": "p"}), serializer.dumps({"note": "x" * 300}),
        jwt.encode({"sub": "1"}, "k" * 32, "HS256"), jwt.encode({"sub": "1"}, None, "none"),
        b64(b'{"cvv":"123"}') + ":1tVbcN:" + "s" * 43, "." + b64(b"x") + ":1tVbcN:" + "s" * 43,
        "s:abc.Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHh4eHh4",
        "SFMyNTY.g2gDbQ.YWJjZGVmZ2hpamtsbW5vcA", "x.0123456789abcdef0123",
        "eyJhIjoxfQ.1234567890123456", "a.b.c", "abc.def",
    ]


def test_values_differing_only_in_their_signature_share_their_facts() -> None:
    # token_facts reads a signature only for its length: the facts must be those of the value.
    from pytest_securecookie.judging import tokens

    for value in signed_values():
        assert token_facts(value) == tokens._facts.__wrapped__(value), value
