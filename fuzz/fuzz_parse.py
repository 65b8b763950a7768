"""Coverage-guided fuzzing of the Set-Cookie parser and the policy behind it (atheris).

Run: ``python fuzz/fuzz_parse.py -max_total_time=300 fuzz/corpus_parse`` (see README.md).

Each input is parsed both as bytes and as text; the harness checks the promises the parser
makes, and fails (atheris reports a crash and keeps the input) when one is broken:

- ``parse_set_cookie`` never raises on ``str`` or ``bytes``;
- it returns None exactly when ``ignore_reason`` gives a reason;
- classification, ``check_cookie`` and ``redact_line`` never raise, and neither a
  cookie's ``repr``, nor the findings, nor the redacted line contain a value long enough
  to be a secret (12+ characters, not part of the cookie's name).
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import atheris

with atheris.instrument_imports(include=["pytest_securecookie"]):
    from pytest_securecookie.judging.policy import CookiePolicy, check_cookie
    from pytest_securecookie.parsing.parser import SetCookie, ignore_reason, parse_set_cookie
    from pytest_securecookie.parsing.redaction import redact_line

NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)
POLICY = CookiePolicy()
STRICT = CookiePolicy(host_only=True, max_lifetime=3600, samesite=("Strict",))
# Long enough that finding it in a text is a leak, not a coincidence with rule words.
SECRET_CHARS = 12
SKELETON = repr(SetCookie(name="", value=""))


def check_line(line: str | bytes) -> None:
    cookie = parse_set_cookie(line)
    if (cookie is None) != (ignore_reason(line) is not None):
        raise AssertionError("parse_set_cookie and ignore_reason disagree")
    if cookie is not None:
        check_cookie_promises(cookie)


def check_cookie_promises(cookie: SetCookie) -> None:
    secret = cookie.value
    if _is_secret(secret, cookie) and secret in repr(cookie):
        raise AssertionError("repr shows the value")
    cookie.is_deletion_at(NOW)
    texts = [redact_line(cookie.raw)]
    for policy in (POLICY, STRICT):
        policy.classify(cookie)
        texts += map(repr, check_cookie(cookie, policy, url="http://x/", now=NOW))
    if _is_secret(secret, cookie):
        leaked = [text for text in texts if secret in text]
        if leaked:
            raise AssertionError(f"the value leaked into {len(leaked)} text(s)")


def _is_secret(value: str, cookie: SetCookie) -> bool:
    """Long enough that finding it in a text is a leak: not part of the cookie's name
    (which is shown) nor of the fixed words of a repr ("oversized_attributes", ...)."""
    return len(value) >= SECRET_CHARS and value not in cookie.name and value not in SKELETON


def test_one_input(data: bytes) -> None:
    check_line(data)
    provider = atheris.FuzzedDataProvider(data)
    check_line(provider.ConsumeUnicodeNoSurrogates(len(data)))


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
