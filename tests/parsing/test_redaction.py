"""parsing.redaction: one set of forms for a value, one vocabulary of the rules' words."""

from __future__ import annotations

import re

import pytest

from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.parsing.redaction import _VOCABULARY, hide_value, scrub, value_forms

VALUE = "Tok en+/=Value"


def test_the_vocabulary_holds_every_word_of_the_rules_texts() -> None:
    texts = " ".join(f"{rule.what} {rule.why}" for rule in RULES.values())
    words = {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", texts)}
    assert sorted(words - _VOCABULARY) == []


@pytest.mark.parametrize("form", sorted(value_forms(VALUE)))
def test_attribute_text_and_messages_hide_the_same_forms_of_a_value(form: str) -> None:
    text = f"GET /magic/{form}/login"
    assert hide_value(text, VALUE) == scrub(text, f"sid={VALUE}") == "GET /magic/<redacted>/login"


def test_the_forms_of_a_value_longest_first() -> None:
    forms = value_forms(VALUE)
    assert set(forms) == {
        "Tok%20en%2B%2F%3DValue", "Tok+en%2B%2F%3DValue", "Tok en+/=Value", "tok en+/=value"}
    assert [len(form) for form in forms] == sorted(map(len, forms), reverse=True)


@pytest.mark.parametrize("value", [
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.Zq9-77a0_d3~", "abcDEF012", "a" * 40,
])
def test_a_value_no_encoding_changes_has_the_same_forms_by_the_short_path(value: str) -> None:
    from urllib.parse import quote, quote_plus, unquote

    every = {value, value.strip('"'), unquote(value), quote(value, safe=""), quote_plus(value),
             value.lower()}
    assert set(value_forms(value)) == every
