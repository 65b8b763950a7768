"""How many bits of randomness an opaque token can hold at most, from its length and alphabet.

An upper bound, never a measurement: a value is credited with the smallest standard alphabet
that covers it (a 32-character hex id holds at most 128 bits, whatever produced it), so a
token under the bound is certainly guessable and one over it is given the benefit of the
doubt.  The answer says what it was read from (``"12 decimal digits"``), never the value.
"""

from __future__ import annotations

import math
import re
import string
from typing import NamedTuple

ENOUGH_BITS = 128  # OWASP ASVS 5.0 V7.2.3

_DIGITS = string.digits
_LOWER, _UPPER = string.ascii_lowercase, string.ascii_uppercase
# Smallest first: the first that covers the value is its alphabet.  Base32 is PHP's
# session.sid_bits_per_character=5 ("0-9a-v") and RFC 4648's; the ",-" base64 is PHP's =6.
_ALPHABETS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (words, frozenset(chars)) for words, chars in (
        ("decimal digits", _DIGITS),
        ("hex digits", _DIGITS + "abcdef"),
        ("hex digits", _DIGITS + "ABCDEF"),
        ("base32 characters", _DIGITS + _LOWER[:22]),
        ("base32 characters", _UPPER + "234567"),
        ("lowercase letters and digits", _DIGITS + _LOWER),
        ("uppercase letters and digits", _DIGITS + _UPPER),
        ("letters and digits", _DIGITS + _LOWER + _UPPER),
        ("base64 characters", _DIGITS + _LOWER + _UPPER + "-_"),
        ("base64 characters", _DIGITS + _LOWER + _UPPER + "+/"),
        ("base64 characters", _DIGITS + _LOWER + _UPPER + ",-"),
    )
)
_PRINTABLE_BITS = math.log2(95)  # any other character: printable ASCII is the bound
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
# The random bits of a UUID by version: 4 is random but for 6 bits, 7 has 74 random bits after
# its timestamp, 1 and 6 only a 14-bit clock sequence, 3 and 5 are hashes of a name.
_UUID_RANDOM_BITS = {"4": 122, "7": 74, "1": 14, "6": 14, "3": 0, "5": 0}
# Longer values hold at least 128 bits whatever their alphabet (decimal: 3.32 bits each).
_ALWAYS_ENOUGH = math.ceil(ENOUGH_BITS / math.log2(10))
_ENOUGH_HEX = ENOUGH_BITS // 4
_UUID_LENGTH = 36


class Estimate(NamedTuple):
    """At most ``bits`` of randomness, and what that was read from (``"12 decimal digits"``)."""

    bits: int
    read_from: str


def estimate(value: str) -> Estimate:
    """The most randomness ``value`` can hold (base64 padding and quotes aside)."""
    text = value.strip('"').rstrip("=")
    uuid = _UUID.fullmatch(text)
    if uuid is not None and uuid.group(1) in _UUID_RANDOM_BITS:
        return Estimate(_UUID_RANDOM_BITS[uuid.group(1)], f"a version-{uuid.group(1)} UUID")
    characters = set(text)
    words, size = next(
        ((words, len(chars)) for words, chars in _ALPHABETS if characters <= chars),
        ("characters", 95),
    )
    per_character = _PRINTABLE_BITS if size == 95 else math.log2(size)
    count = len(text)
    return Estimate(int(count * per_character), f"{count} {_plural(words, count)}")


def guessable(value: str) -> Estimate | None:
    """The estimate of a value under 128 bits, None for one that may hold enough."""
    if len(value) > _ALWAYS_ENOUGH + 2:  # quotes aside: holds enough, whatever its alphabet
        return None  # cheap: most session ids are longer than any guessable value
    if _enough_by_length(value.strip('"').rstrip("=")):
        return None
    found = estimate(value)
    return found if found.bits < ENOUGH_BITS else None


def _enough_by_length(text: str) -> bool:
    """Whether ``text`` holds enough without a look at its alphabet: every alphabet but
    decimal digits has at least hex's 4 bits a character (a UUID holds less: not this)."""
    return (len(text) >= _ENOUGH_HEX and len(text) != _UUID_LENGTH
            and not (text.isascii() and text.isdigit()))


def _plural(words: str, count: int) -> str:
    if count != 1:
        return words
    return words.replace("digits", "digit").replace("characters", "character")
