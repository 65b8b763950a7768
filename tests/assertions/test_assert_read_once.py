"""An input that can be read only once (a generator of (name, value) pairs) is read once:
its Date and its Set-Cookie lines come from the same pass (issue 10, item 12)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_securecookie import InsecureCookieError, assert_cookie_deleted, assert_secure_cookie

HARDENED = "session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax"


def pairs(*items: tuple[str, str]) -> Iterator[tuple[str, str]]:
    yield from items


def test_a_generator_of_pairs_is_checked() -> None:
    response = pairs(("Date", "Wed, 01 Jan 2031 00:00:00 GMT"), ("Set-Cookie", HARDENED))
    assert [cookie.name for cookie in assert_secure_cookie(response)] == ["session"]


def test_a_generator_of_pairs_fails_for_its_own_cookie() -> None:
    response = pairs(("Date", "Wed, 01 Jan 2031 00:00:00 GMT"), ("Set-Cookie", "session=abc123"))
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(response, "session")
    assert "SC001 'session' has no Secure attribute" in str(raised.value)


def test_a_generator_of_lines_is_checked_by_name() -> None:
    assert assert_secure_cookie(line for line in [HARDENED]).__class__ is list
    assert assert_secure_cookie((line for line in [HARDENED]), "session").name == "session"


def test_a_generators_date_and_deletion_come_from_one_pass() -> None:
    # Expires is before the response's Date (2031) but after today's clock: only a deletion
    # when the Date was read from the same pass as the line.
    deletion = "session=; Expires=Tue, 31 Dec 2030 00:00:00 GMT; Path=/"
    response = pairs(("Date", "Wed, 01 Jan 2031 00:00:00 GMT"), ("Set-Cookie", deletion))
    assert_cookie_deleted(response, "session")
