"""The rules that read an auth cookie's value as a token: SC022-SC025 (OWASP ASVS V7.2.3).

SC022: an opaque token (no signed or JWT shape, no readable session) holds under 128 bits.
SC023: tokens sequential or repeated across logins, judged across lines (``judging.logins``).
Both only when the policy asks (``token_entropy``): placeholder values are common in tests.
SC024: a client-side session anyone can decode holds a secret (named by its key).
SC025: a JSON Web Token with ``alg: none``.

What a value tells as a token is worked out once per distinct value (``token_facts``) and
is all these rules read of it: a judgement that read it holds for every value with the same
facts, which is how the judgements cached across a session stay correct (``judging.recorded``).
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator
from functools import lru_cache
from typing import NamedTuple, cast

from .decoding import MAX_DECODED, decodable, readable_session, secret_keys, unsigned_jwt
from .entropy import ENOUGH_BITS, Estimate, guessable
from .rules import RULES, Context, Finding, rule
from .shapes import credential_shape
from .value_facts import SHAPE, TOKEN, register_value_fact

# Values a logout writes rather than a token: not judged as one.
_PLACEHOLDERS = frozenset({"", '""', "deleted", "null", "none", "undefined", "invalid", "expired"})


class TokenFacts(NamedTuple):
    """Everything the token rules read of a value; never the value or a piece of it."""

    shape: str | None  # its credential shape (``judging.shapes``)
    guessable: Estimate | None  # an opaque token under 128 bits: how little it holds
    decoded: bool  # a client-side session (or token payload) anyone can decode
    readable: str | None  # what anyone can decode it as, when that holds secrets or is cut
    secrets: tuple[str, ...]  # the keys holding secrets, as shown
    unsigned_jwt: bool  # a JSON Web Token with alg none
    cut: bool  # a session inflating past MAX_DECODED bytes: judged by its first bytes only


def _shape_of(facts: Hashable) -> Hashable:
    """The credential shape token facts name: ``credential_shape`` of the same value."""
    return cast(TokenFacts, facts).shape


def token_facts(value: str) -> TokenFacts:
    """What ``value`` tells as a token: decoded at most once, bounded, never raising.

    A signed value (``payload.timestamp.signature``, a JSON Web Token) is fresh at every login
    while what it carries repeats: its signature is read only for its length and whether it
    is alphanumeric, since no shape or estimate reads more of a base64url run after the last
    "." (a "." already makes the estimate printable ASCII; an Express signature is base64),
    so values differing only in that signature share their facts.
    """
    head, dot, signature = value.rpartition(".")
    if dot and len(signature) >= _SIGNATURE_MIN and _SIGNATURE.fullmatch(signature):
        filled = "A" if signature.isalnum() else "-"
        return _facts(f"{head}.{filled * len(signature)}")
    return _facts(value)


_SIGNATURE_MIN = 16
_SIGNATURE = re.compile(r"[A-Za-z0-9_-]+")
# A judgement that read them (``Context.read_token``) is cached per value of these facts.
register_value_fact(TOKEN, token_facts, holds={SHAPE: _shape_of})


@lru_cache(maxsize=256)  # once per distinct value: a session's value is set again and again
def _facts(value: str) -> TokenFacts:
    shape = credential_shape(value)
    session = readable_session(value, shape) if decodable(shape) else None
    secrets = secret_keys(session.data, cut=session.cut) if session is not None else ()
    cut = session is not None and session.cut
    guess = None
    if shape is None and session is None and value.strip().lower() not in _PLACEHOLDERS:
        guess = guessable(value)
    unsigned = shape == "jwt" and unsigned_jwt(value)
    readable = session.words if session and (secrets or cut) else None
    return TokenFacts(shape, guess, session is not None, readable, secrets, unsigned, cut)


def opaque(facts: TokenFacts) -> bool:
    """A reference token: no signed or token shape, no session anyone can decode."""
    return facts.shape is None and not facts.decoded


def _read(ctx: Context) -> TokenFacts | None:
    """The value's facts, for an auth cookie that is set (a deletion carries no token)."""
    if not ctx.need.session or ctx.fixer.deletion:
        return None
    ctx.read_token = True
    return token_facts(ctx.cookie.value)


@rule("SC022", "guessable session token: under 128 bits of randomness",
      "an attacker who can guess or enumerate valid session tokens takes over sessions "
      "without ever seeing one",
      cwe=331, severity="high", asvs="7.2.3")
def _guessable(ctx: Context) -> Iterator[Finding]:
    facts = _read(ctx) if ctx.need.entropy else None
    if facts is not None and facts.guessable is not None:
        bits, read_from = facts.guessable
        yield Finding(
            "SC022", ctx.cookie.name,
            f"'{ctx.cookie.name}' is guessable: at most {bits} bits of randomness "
            f"({read_from}), under the {ENOUGH_BITS} bits a session token needs",
            _why("SC022"),
            "issue session tokens from a cryptographic random source, at least 128 bits "
            "(Python: secrets.token_urlsafe(32)), or use the framework's own sessions",
        )


@rule("SC023", "session tokens sequential or repeated across logins",
      "from one token an attacker predicts the next login's (or a logged-out token comes "
      "back to life) and takes over that session",
      cwe=340, severity="high", asvs="7.2.3")
def _sequential(ctx: Context) -> Iterator[Finding]:
    return iter(())  # SC023 compares the values of many lines: see judging.logins


@rule("SC024", "secret readable in a client-side session",
      "signing keeps a client-side session from being changed, not from being read: whoever "
      "holds the cookie (the user, a log, a proxy, a script if it lacks HttpOnly) decodes it "
      "without the key",
      cwe=315, severity="high", asvs="14.3.3")
def _readable_secret(ctx: Context) -> Iterator[Finding]:
    facts = _read(ctx)
    if facts is not None and facts.readable is not None:
        yield Finding(
            "SC024", ctx.cookie.name,
            f"'{ctx.cookie.name}' is {facts.readable} anyone can decode without the key, "
            f"and {_held(facts)}",
            _why("SC024"),
            "keep secrets on the server (a database or cache session backend) and put only "
            "an id in the cookie: signing does not hide what a session holds",
        )


def _held(facts: TokenFacts) -> str:
    """What the session holds; a cut one fails too: what was not read may hold secrets."""
    if not facts.cut:
        return f"it holds {_listed(facts.secrets)}"
    found = _listed(facts.secrets) if facts.secrets else "no secret key"
    return (f"it inflates past {MAX_DECODED} bytes: the first {MAX_DECODED} hold {found}, "
            "the rest was not judged")


@rule("SC025", "JSON Web Token with alg none",
      "anyone can forge such a token with any claims, and a server that accepts alg none "
      "trusts them",
      cwe=347, severity="high", asvs="9.1.2")
def _unsigned(ctx: Context) -> Iterator[Finding]:
    facts = _read(ctx)
    if facts is not None and facts.unsigned_jwt:
        yield Finding(
            "SC025", ctx.cookie.name,
            f"'{ctx.cookie.name}' is a JSON Web Token with alg 'none': it carries no signature",
            _why("SC025"),
            "sign the token (HS256, RS256 or EdDSA) and accept only the algorithms the server "
            "issues, never 'none'",
        )


def _why(rule_id: str) -> str:
    return RULES[rule_id].why


def _listed(keys: tuple[str, ...]) -> str:
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} and {keys[-1]}"
