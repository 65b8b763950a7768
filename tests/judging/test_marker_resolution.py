"""``resolve_marks``: what a test's markers, closest first, make of the policy, without pytest
running.  The fixture and enforcement both ask it; the pytester tests are in
tests/plugin/test_plugin_markers_agree.py."""

from __future__ import annotations

from typing import Any, NamedTuple

import pytest

from pytest_securecookie import CookiePolicy
from pytest_securecookie.judging.markers import Marked, MarkerError, resolve_marks

BASE = CookiePolicy()


class Mark(NamedTuple):
    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = {}  # never mutated


def secure(**kwargs: Any) -> Mark:
    return Mark("secure_cookies", (), kwargs)


def allow(reason: str = "legacy login, #12") -> Mark:
    return Mark("allow_insecure_cookies", (), {"reason": reason})


def test_no_marks() -> None:
    assert resolve_marks([], BASE) == Marked(BASE, False)
    assert resolve_marks([Mark("parametrize")], BASE, everywhere=True) == Marked(BASE, True)


def test_every_secure_cookies_mark_applies_and_the_closest_wins_per_keyword() -> None:
    function, klass, module = secure(samesite="Lax"), secure(host_only=True), secure(
        samesite="Strict", require_httponly=False
    )
    marked = resolve_marks([function, klass, module], BASE)
    assert marked.enforced
    assert marked.policy == CookiePolicy(samesite="Lax", host_only=True, require_httponly=False)


def test_a_bare_mark_keeps_the_base_policy_object() -> None:
    assert resolve_marks([secure()], BASE).policy is BASE


@pytest.mark.parametrize(
    ("marks", "enforced"),
    [
        ([allow(), secure()], False),  # the allow is closer
        ([secure(), allow()], True),  # the secure_cookies mark is closer
        ([allow()], False),
    ],
)
@pytest.mark.parametrize("everywhere", [False, True])
def test_the_closest_of_the_two_markers_decides(
    marks: list[Mark], enforced: bool, everywhere: bool
) -> None:
    assert resolve_marks(marks, BASE, everywhere=everywhere).enforced is enforced


def test_an_exempt_test_still_gets_the_keywords() -> None:
    marked = resolve_marks([allow(), secure(samesite="Strict")], BASE)
    assert marked == Marked(CookiePolicy(samesite="Strict"), False)


@pytest.mark.parametrize(
    ("marks", "message"),
    [
        ([allow(), secure(samsite="Strict")],
         "bad @pytest.mark.secure_cookies(samsite='Strict'): got an unexpected keyword argument "
         "'samsite'; it accepts only the keywords auth_names, "),
        ([secure(), allow("  ")],
         '@pytest.mark.allow_insecure_cookies needs a reason: @pytest.mark.allow_insecure_cookies('
         'reason="why this test may receive insecure cookies")'),
        ([Mark("allow_insecure_cookies")], "@pytest.mark.allow_insecure_cookies needs a reason"),
        ([secure(samesite="Strong")], "bad @pytest.mark.secure_cookies(samesite='Strong'): "),
    ],
)
def test_a_bad_mark_anywhere_is_an_error(marks: list[Mark], message: str) -> None:
    with pytest.raises(MarkerError) as raised:
        resolve_marks(marks, BASE)
    assert str(raised.value).startswith(message)
