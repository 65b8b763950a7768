"""The ``secure_cookies_*`` option strings → ``CookiePolicy``, without pytest running: each value
read through a plain function, each refusal naming the option, the value and what is accepted."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pytest_securecookie import Classification, CookiePolicy, parse_set_cookie
from pytest_securecookie.judging.options import (
    POLICY_OPTIONS,
    option_bool,
    options_given,
    policy_from_options,
)
from pytest_securecookie.judging.rules import RULES

DEFAULTS: dict[str, object] = {
    name: False if kind == "bool" else ([] if kind == "linelist" else "")
    for name, kind, *_ in POLICY_OPTIONS
}


def reader(**given: object) -> Callable[[str], object]:
    """Options as pytest gives them: the unset ones at their ini defaults."""
    values = {**DEFAULTS, **{f"secure_cookies_{name}": value for name, value in given.items()}}
    return values.__getitem__


def policy(**given: object) -> CookiePolicy:
    return policy_from_options(reader(**given))


def test_no_option_gives_the_default_policy() -> None:
    assert policy() == CookiePolicy()
    assert not options_given(reader())
    assert options_given(reader(host_only=True))


@pytest.mark.parametrize(
    ("text", "allowed"),
    [("", ("Lax", "Strict")), ("strict", ("Strict",)), ("Lax, NONE", ("Lax", "None")),
     ("off", ()), ("OFF", ())],
)
def test_samesite_words(text: str, allowed: tuple[str, ...]) -> None:
    assert policy(samesite=text).samesite == allowed


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("", None), ("off", None), ("none", None), ("86400", 86400), ("30d", 30 * 86400),
     ("12h", 12 * 3600), ("90 m", 90 * 60), ("2W", 14 * 86400), ("45s", 45)],
)
def test_lifetimes(text: str, seconds: int | None) -> None:
    assert policy(max_lifetime=text).max_lifetime == seconds


def test_rule_ids_in_any_case() -> None:
    assert policy(ignore_rules=["sc003 SC010,sc013"]).ignore_rules == ("SC003", "SC010", "SC013")


def test_name_lists_extend_the_defaults_or_replace_them() -> None:
    extended = policy(auth_names=["myapp_sess *_login"])
    assert extended.auth_names[-2:] == ("myapp_sess", "*_login")
    assert "session" in extended.auth_names
    replaced = policy(csrf_names=["form_token"], csrf_names_replace=True)
    assert replaced.csrf_names == ("form_token",)
    assert replaced.auth_names == CookiePolicy().auth_names


def test_bools() -> None:
    assert policy(csrf_httponly=True, host_only=True) == CookiePolicy(
        csrf_httponly=True, host_only=True
    )


NAMES = "give cookie names or globs (* ? [..]), separated by spaces, commas or newlines"
LIFETIMES = ("is not accepted; use seconds (86400) or a number with a unit: 30d, 12h, 90m, 45s, "
             "2w; or 'off'")


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ({"samesite": "Lax Strictt"},
         "secure_cookies_samesite: 'Strictt' is not accepted; use one or more of Strict, Lax, "
         "None, or 'off' to not require SameSite"),
        ({"samesite": "off Lax"},
         "secure_cookies_samesite: 'off' is not accepted; use one or more of Strict, Lax, "
         "None, or 'off' to not require SameSite"),
        ({"max_lifetime": "30 days"}, f"secure_cookies_max_lifetime: '30 days' {LIFETIMES}"),
        ({"max_lifetime": "-5"}, f"secure_cookies_max_lifetime: '-5' {LIFETIMES}"),
        ({"ignore_rules": ["SC003 sc099"]},
         "secure_cookies_ignore_rules: 'SC099' is not accepted; use rule ids "
         f"SC001-{max(RULES)}"),
        ({"auth_names": ["session=abc"]},
         f"secure_cookies_auth_names: 'session=abc' is not accepted; {NAMES}"),
        ({"ignore_names": ['x"y']},
         f"secure_cookies_ignore_names: 'x\"y' is not accepted; {NAMES}"),
    ],
)
def test_a_refused_value_names_the_option_the_value_and_what_is_accepted(
    given: dict[str, object], error: str
) -> None:
    with pytest.raises(ValueError) as raised:
        policy(**given)
    assert str(raised.value) == error


def test_a_bool_the_ini_cannot_read_names_the_option() -> None:
    def read(name: str) -> object:
        if name == "secure_cookies_host_only":
            raise ValueError("invalid truth value 'maybe'")
        return DEFAULTS[name]

    with pytest.raises(ValueError, match=r"^secure_cookies_host_only: invalid truth value "
                       r"'maybe'; use true or false$"):
        policy_from_options(read)
    assert options_given(read)  # a value is there, only unreadable
    with pytest.raises(ValueError, match="^secure_cookies_host_only: "):
        option_bool(read, "secure_cookies_host_only")


def test_the_classifier_is_the_policys_and_its_answers_are_checked_there() -> None:
    def pytest_securecookie_classify(cookie: object, source: str | None) -> object:
        return {"prefs": True, "theme": "yes"}.get(getattr(cookie, "name", ""))

    classified = policy_from_options(reader(), pytest_securecookie_classify)  # type: ignore[arg-type]
    prefs = parse_set_cookie("prefs=1")
    assert prefs is not None
    assert classified.classify(prefs) == Classification("auth", "the classify hook says auth")
    theme = parse_set_cookie("theme=1")
    assert theme is not None
    with pytest.raises(ValueError) as raised:
        classified.classify(theme)
    assert str(raised.value) == (
        "pytest_securecookie_classify returned 'yes' for cookie 'theme'; return one of 'auth', "
        "'csrf', 'ignored', 'other', True (auth), False (other), a Classification, "
        "or None (no opinion)"
    )
