"""Name globs with several ``*`` in one list: before Python 3.11 ``fnmatch.translate`` names
its own regex groups g0, g1, ..., which the alternation of all globs must not name again
(CI runs this on every Python the package claims)."""

from __future__ import annotations

import pytest

from pytest_securecookie import CookiePolicy, parse_set_cookie
from pytest_securecookie.judging.names import NameList

GLOBS = ("*sess*id*", "*auth*tok*", "x?y*z*", "[ab]*c*d")


@pytest.mark.parametrize(("name", "entry"), [
    ("my_session_id_v2", "*sess*id*"),
    ("oauth_token", "*auth*tok*"),
    ("xqy_1z2", "x?y*z*"),
    ("b_c_d", "[ab]*c*d"),
])
def test_each_name_is_matched_by_its_own_glob(name: str, entry: str) -> None:
    assert NameList(GLOBS).match(name) == (entry, True)


def test_a_name_no_glob_matches_is_not_matched() -> None:
    assert NameList(GLOBS).match("theme") is None


def test_a_policy_with_several_such_globs_classifies_by_them() -> None:
    policy = CookiePolicy(auth_names=("*my*sess*", "*other*tok*"))
    classification = policy.classify(parse_set_cookie("app_other_token=v"))
    assert classification.kind == "auth"
    assert "*other*tok*" in classification.reason
