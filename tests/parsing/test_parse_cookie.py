"""SetCookie behaviour: .prefix, .is_deletion, is_deletion_at, and dataclass sanity."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from datetime import datetime, timedelta, timezone

import pytest

from pytest_securecookie import SetCookie
from tests._helpers import cookie as parse

UTC = timezone.utc
PAST = "Thu, 01 Jan 1970 00:00:00 GMT"
FUTURE = "Fri, 31 Dec 9999 23:59:59 GMT"


@pytest.mark.parametrize(
    ("name", "prefix"),
    [
        ("__Secure-sid", "__Secure-"),
        ("__SECURE-sid", "__Secure-"),
        ("__secure-", "__Secure-"),
        ("__Host-sid", "__Host-"),
        ("__hOsT-sid", "__Host-"),
        ("__Host", None),
        ("__Secure_sid", None),
        ("x__Host-sid", None),
        ("sid", None),
        ("", None),
    ],
)
def test_prefix_is_matched_case_insensitively_and_canonical(name: str, prefix: str | None) -> None:
    assert SetCookie(name=name, value="v").prefix == prefix


@pytest.mark.parametrize(
    ("attributes", "deletion"),
    [
        ("Max-Age=0", True),
        ("Max-Age=-1", True),
        ("Max-Age=1", False),
        (f"Expires={PAST}", True),
        (f"Expires={FUTURE}", False),
        (f"Expires={PAST}; Max-Age=1209600", False),  # Max-Age beats Expires
        (f"Expires={FUTURE}; Max-Age=0", True),
        ("Expires=not a date", False),
        ("Path=/", False),
    ],
)
def test_is_deletion(attributes: str, deletion: bool) -> None:
    assert parse(f"sid=x; {attributes}").is_deletion is deletion


def test_is_deletion_at_uses_the_time_given() -> None:
    cookie = parse("sid=; Expires=Wed, 02 Jan 2030 03:04:05 GMT")
    expiry = datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert cookie.is_deletion_at(expiry + timedelta(seconds=1))
    assert cookie.is_deletion_at(expiry)
    assert not cookie.is_deletion_at(expiry - timedelta(seconds=1))
    later_elsewhere = (expiry + timedelta(hours=1)).astimezone(timezone(timedelta(hours=5)))
    assert cookie.is_deletion_at(later_elsewhere)


def test_is_deletion_at_takes_a_naive_time_as_utc() -> None:
    cookie = parse("sid=; Expires=Wed, 02 Jan 2030 03:04:05 GMT")
    assert cookie.is_deletion_at(datetime(2030, 1, 2, 3, 4, 6))
    assert not cookie.is_deletion_at(datetime(2030, 1, 2, 3, 4, 4))


def test_session_cookie_is_never_a_deletion() -> None:
    assert not parse("sid=x").is_deletion_at(datetime(9999, 1, 1, tzinfo=UTC))


def test_expires_is_an_aware_utc_datetime() -> None:
    expires = parse("a=b; Expires=Sun, 06 Nov 1994 08:49:37 GMT").expires
    assert expires == datetime(1994, 11, 6, 8, 49, 37, tzinfo=UTC)
    assert expires is not None and expires.utcoffset() == timedelta(0)


FULL = (
    "__Host-sid=abc; Secure; HttpOnly; SameSite=Strict; Path=/; Max-Age=60; Partitioned;"
    " Expires=Wed, 02 Jan 2030 03:04:05 GMT; Domain=.Site.Example; Secrue"
)


def test_parsed_cookie_equals_one_built_with_the_same_fields() -> None:
    built = SetCookie(
        name="__Host-sid", value="abc", secure=True, httponly=True, samesite="Strict",
        samesite_raw="Strict", path="/", domain="site.example", max_age=60,
        expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC), partitioned=True, raw=FULL,
        unknown_attributes=("Secrue",),
    )
    parsed = parse(FULL)
    assert parsed == built and built == parsed
    assert hash(parsed) == hash(built)
    assert parse("a=b") == SetCookie(name="a", value="b", raw="a=b")
    assert parse("a=b") != parse("a=c")


def test_parsed_cookie_is_frozen() -> None:
    cookie = parse("a=b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cookie.value = "c"  # type: ignore[misc]


def test_replace_copy_pickle_and_asdict_keep_every_field() -> None:
    parsed = parse(FULL)
    renamed = dataclasses.replace(parsed, name="__Host-other")
    assert renamed.name == "__Host-other"
    assert dataclasses.replace(renamed, name=parsed.name) == parsed
    assert renamed.expires == parsed.expires
    assert pickle.loads(pickle.dumps(parse(FULL))) == parsed
    assert copy.deepcopy(parse(FULL)) == parsed
    fields = dataclasses.asdict(parse(FULL))
    assert fields["expires"] == datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert fields["secure"] is True and fields["oversized_attributes"] == ()


def test_defaults_of_a_bare_line() -> None:
    cookie = parse("a=b")
    assert dataclasses.astuple(cookie) == (
        "a", "b", False, False, None, None, None, None, None, None, False, "a=b", (), (),
    )
