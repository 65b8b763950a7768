"""Scrubbing a text of the values of many lines at once (``Scrubber``, behind ``scrub_all``
and the report's sources): the same forms as ``scrub``, each text searched once (issue 10,
item 8)."""

from __future__ import annotations

import pytest

from pytest_securecookie.parsing.redaction import Scrubber, scrub, scrub_all, value_forms

VALUE = "Tok en+/=Value"


@pytest.mark.parametrize("form", sorted(value_forms(VALUE)))
def test_every_form_of_every_value_is_replaced(form: str) -> None:
    raws = [f"c{number}=other-value-{number}" for number in range(50)] + [f"sid={VALUE}"]
    text = f"GET /magic/{form}/login?n=other-value-7"
    expected = "GET /magic/<redacted>/login?n=<redacted>"
    assert Scrubber(raws)(text) == scrub_all(text, raws) == expected


def test_one_line_is_scrubbed_as_scrub_does() -> None:
    text = "GET /a/abcd1234/Secure/x?Secure=1&v=abcd1234 (flask)"
    for raw in ("s=abcd1234", "s=Secure", "s=a", "s=", "s"):
        assert Scrubber([raw])(text) == scrub(text, raw)


def test_a_value_inside_a_longer_one_leaves_nothing_of_the_longer_one() -> None:
    # Line by line, the short value went first and left the long one's tail in the text.
    raws = ["short=abcd", "long=abcdefgh"]
    assert scrub_all("GET /x/abcdefgh/abcd", raws) == "GET /x/<redacted>/<redacted>"


def test_values_shorter_and_longer_than_the_index_window() -> None:
    long_value = "x" * 40 + "tail-of-a-long-value"
    raws = ["a=1234", "b=12345678901234567", f"c={long_value}"]
    text = f"/p/1234/12345678901234567/{long_value}/end"
    assert Scrubber(raws)(text) == "/p/<redacted>/<redacted>/<redacted>/end"
