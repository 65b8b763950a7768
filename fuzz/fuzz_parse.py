"""Coverage-guided fuzzing of the Set-Cookie parser and the policy behind it (atheris).

Run: ``python fuzz/fuzz_parse.py -max_total_time=300 fuzz/corpus_parse`` (see README.md).

Each input is parsed both as bytes and as text; the harness checks the promises the parser
makes, and fails (atheris reports a crash and keeps the input) when one is broken:

- ``parse_set_cookie`` never raises on ``str`` or ``bytes``;
- it returns None exactly when ``ignore_reason`` gives a reason;
- a parsed cookie's ``repr`` depends on the value's length only, never on the value;
- classification, ``check_cookie`` and ``redact_line`` never raise, and neither the
  findings nor the redacted line contain a value long enough to be a secret.
"""

from __future__ import annotations

import dataclasses
import sys
from datetime import datetime, timezone

import atheris

with atheris.instrument_imports(include=["pytest_securecookie"]):
    from pytest_securecookie._parse import SetCookie, ignore_reason, parse_set_cookie
    from pytest_securecookie._policy import CookiePolicy, check_cookie
    from pytest_securecookie._report import redact_line

NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)
POLICY = CookiePolicy()
STRICT = CookiePolicy(host_only=True, max_lifetime=3600, samesite=("Strict",))
# Long enough that finding it in a text is a leak, not a coincidence with rule words.
SECRET_CHARS = 12


def check_line(line: str | bytes) -> None:
    cookie = parse_set_cookie(line)
    if (cookie is None) != (ignore_reason(line) is not None):
        raise AssertionError("parse_set_cookie and ignore_reason disagree")
    if cookie is not None:
        check_cookie_promises(cookie)


def check_cookie_promises(cookie: SetCookie) -> None:
    stand_in = dataclasses.replace(cookie, value="*" * len(cookie.value), raw="")
    if repr(cookie) != repr(stand_in):
        raise AssertionError("repr depends on the value")
    cookie.is_deletion_at(NOW)
    texts = [redact_line(cookie.raw)]
    for policy in (POLICY, STRICT):
        policy.classify(cookie)
        texts += map(repr, check_cookie(cookie, policy, url="http://x/", now=NOW))
    secret = cookie.value
    if len(secret) >= SECRET_CHARS and secret not in cookie.name and secret not in _attrs(cookie):
        leaked = [text for text in texts if secret in text]
        if leaked:
            raise AssertionError(f"the value leaked into {len(leaked)} text(s)")


def _attrs(cookie: SetCookie) -> str:
    # A value that also appears in the attributes as written (Path=/<value>) may be shown
    # there by design only if it is scrubbed; compare against the tail to stay exact.
    return cookie.raw.partition(";")[2]


def test_one_input(data: bytes) -> None:
    check_line(data)
    provider = atheris.FuzzedDataProvider(data)
    check_line(provider.ConsumeUnicodeNoSurrogates(len(data)))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
