"""A base64 token is hidden and found in every encoding it commonly takes elsewhere: a URL path
built with ``quote`` (keeping ``/``), ``quote(safe='')``, ``quote_plus``, lower-case hex, JSON
that escapes ``/`` as ``\\/`` (PHP's json_encode)."""

from __future__ import annotations

import json
from urllib.parse import quote, quote_plus

import pytest

from pytest_securecookie.parsing.redaction import Scrubber, hide_value, scrub, value_forms

TOKEN = "Ab3/Kx9+Qm7Lp2Zr8Wv5Tn1Yh6Gd4S=="
RAW = f"sessionid={TOKEN}; Secure; HttpOnly; Path=/"
ENCODINGS = {
    "as written": TOKEN,
    "quote": quote(TOKEN),
    "quote(safe='')": quote(TOKEN, safe=""),
    "quote_plus": quote_plus(TOKEN),
    "lower-case hex": quote(TOKEN, safe="").replace("%2B", "%2b").replace("%3D", "%3d")
    .replace("%2F", "%2f"),
    "quote, lower-case hex": quote(TOKEN).replace("%2B", "%2b").replace("%3D", "%3d"),
    "JSON escaping /": json.dumps(TOKEN).replace("/", "\\/").strip('"'),
}


@pytest.mark.parametrize("encoded", ENCODINGS.values(), ids=ENCODINGS.keys())
def test_every_encoding_of_a_token_is_hidden(encoded: str) -> None:
    text = f"GET https://x/sessions/{encoded}?next=1"
    expected = "GET https://x/sessions/<redacted>?next=1"
    assert encoded in value_forms(TOKEN)
    assert Scrubber([RAW])(text) == expected
    assert scrub(text, RAW) == expected
    assert hide_value(text, TOKEN) == expected


def test_escapes_of_mixed_hex_case_are_hidden() -> None:
    # One encoder's %2F beside another's %2b and %3d: every occurrence, whatever its case.
    mixed = quote(TOKEN, safe="").replace("%2B", "%2b").replace("%3D", "%3d")
    text = f"GET https://x/sessions/{mixed}?next=1"
    expected = "GET https://x/sessions/<redacted>?next=1"
    assert Scrubber([RAW])(text) == expected
    assert scrub(text, RAW) == expected
    assert hide_value(text, TOKEN) == expected


LOWER_HEX_RAW = "sessionid=Zq9Kx%2fExposedTokenValue%2b4f1c77a0; Secure; HttpOnly; Path=/"
SHOWN_UPPER = {
    # A value written with lower-case escapes, shown by a client that upper-cases them (urllib3).
    "value with %2f, shown as %2F": (LOWER_HEX_RAW, "Zq9Kx%2FExposedTokenValue%2B4f1c77a0"),
    # The lowered form (quote(value).lower()), shown with upper-case escapes.
    "lowered form, shown as %2F": (f"sessionid={TOKEN}; Secure",
                                   quote(TOKEN.lower(), safe="")),  # fmt: skip
}


@pytest.mark.parametrize("raw, shown", SHOWN_UPPER.values(), ids=SHOWN_UPPER.keys())
def test_forms_with_lower_case_escapes_are_hidden_where_shown_in_upper_case(
    raw: str, shown: str
) -> None:
    text = f"GET https://x/u/{shown} (requests)"
    expected = "GET https://x/u/<redacted> (requests)"
    assert scrub(text, raw) == expected
    assert Scrubber([raw])(text) == expected
