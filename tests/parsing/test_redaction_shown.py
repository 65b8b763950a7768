"""parsing.redaction: the URL every report shows, the attribute values browsers ignore, and
RawLine, the str whose repr is redacted."""

from __future__ import annotations

import pickle

import pytest

from pytest_securecookie.parsing.redaction import RawLine, redact_line, shown_url

VALUE = "Secr3t-Value-0123"


@pytest.mark.parametrize(("url", "shown"), [
    ("http://localhost/login", "http://localhost/login"),
    ("http://localhost/login?token=abc&next=/", "http://localhost/login"),
    ("https://ann:pw@example.com:8443/cb?code=x#state", "https://example.com:8443/cb"),
    ("https://a:b@c@example.com/", "https://example.com/"),
    ("http://example.com#frag?not-a-query", "http://example.com"),
    ("/login?next=/home", "/login"),
    ("", ""),
    (None, None),
])
def test_a_url_is_shown_without_query_fragment_and_userinfo(
    url: str | None, shown: str | None
) -> None:
    assert shown_url(url) == shown


@pytest.mark.parametrize(("line", "shown"), [
    (f"session=x; refresh_token={VALUE}; Path=/",
     "session=<redacted 1 chars>; refresh_token=<redacted 17 chars>; Path=/"),
    (f"; session={VALUE}; Path=/", "<redacted 0 chars>; session=<redacted 17 chars>; Path=/"),
    (f"sid=x; Secure={VALUE}; HttpOnly; SameSite=Lax; Priority=High",
     "sid=<redacted 1 chars>; Secure=<redacted 17 chars>; HttpOnly; SameSite=Lax; Priority=High"),
    ("sid=x; Expires=Thu, 01 Jan 2037 00:00:00 GMT; Max-Age=60; Domain=a.test; Path=/p",
     "sid=<redacted 1 chars>; Expires=Thu, 01 Jan 2037 00:00:00 GMT; Max-Age=60; "
     "Domain=a.test; Path=/p"),
    (f"sid=x; Path=/{'p' * 1100}", "sid=<redacted 1 chars>; Path=<redacted 1101 chars>"),
    (f"a=x; Path=/, b={VALUE}; Path=/",
     "a=<redacted 1 chars>; Path=/, b=<redacted 17 chars>; Path=/"),
])
def test_values_browsers_ignore_are_redacted_too(line: str, shown: str) -> None:
    assert redact_line(line) == shown


def test_a_raw_line_is_a_str_whose_repr_is_redacted() -> None:
    line = RawLine(f"sid={VALUE}; Path=/")
    assert repr(line) == "'sid=<redacted 17 chars>; Path=/'"
    assert repr((line, [line])) == ("('sid=<redacted 17 chars>; Path=/', "
                                    "['sid=<redacted 17 chars>; Path=/'])")
    assert str(line) == line == f"sid={VALUE}; Path=/" and f"{line}" == line
    assert hash(line) == hash(str(line))
    assert pickle.loads(pickle.dumps(line)) == line
