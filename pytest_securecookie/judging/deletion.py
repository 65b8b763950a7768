"""SC014 for a line meant to delete a cookie: why a browser would keep the cookie.

A deletion must be one at the response's time (Max-Age <= 0 or Expires past), pass the
rejection rules (prefixes, SameSite=None, oversized attributes), and carry the Domain and path
of the line that set the cookie: a browser deletes only the cookie with the same name, domain,
host-only flag and path.  No finding holds the cookie's value.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import urlsplit

from ..parsing.parser import SetCookie
from ..parsing.redaction import hide_value
from .fixes import Fixer
from .rules import REJECTING, RULES, Context, Finding, Requirements, duration, lifetime, refused


def check_deletion(
    deletion: SetCookie,
    original: SetCookie | None = None,
    *,
    framework: str | None = None,
    url: str | None = None,
    original_url: str | None = None,
    now: datetime | None = None,
) -> list[Finding]:
    """SC014 findings for a line meant to delete a cookie: [] when browsers will honour it.

    It must be a deletion at ``now`` (Max-Age <= 0 or Expires past), meet the prefix rules,
    and — when the ``original`` line that set the cookie is known — carry the same Domain
    and path (a browser deletes only the cookie with the same name, domain, host-only flag
    and path).  A line without Path has its URL's default-path: pass ``url`` (the deletion's
    request) and ``original_url`` to compare those; an unknown path is not compared.  Secure
    is not asked of a deletion, even of a Secure cookie over plain ``http://``: the app served
    over https has such a line honoured (RFC 6265bis ignores it only over http).
    """
    now = now or datetime.now(timezone.utc)
    deleting = deletion.is_deletion_at(now)  # the fix texts' moment is the findings' moment
    fixer = Fixer.for_cookie(deletion, deletion=deleting, framework=framework, url=url)
    ctx = Context(deletion, Requirements(False, False, False, (), None, False), fixer, now)
    found = [refused(f) for rule_id in REJECTING for f in RULES[rule_id].check(ctx)]
    problems = list(_not_a_deletion(deletion, now))
    if original is not None:
        problems += _unlike_original(deletion, original, url, original_url)
    why = RULES["SC014"].why
    return [*(Finding("SC014", deletion.name, text, why, fix) for text, fix in problems), *found]


def _not_a_deletion(deletion: SetCookie, now: datetime) -> Iterator[tuple[str, str]]:
    if deletion.is_deletion_at(now):
        return
    seconds = lifetime(deletion, now)
    keeps = "keeps it for the browser session" if seconds is None else (
        f"keeps it for {duration(seconds)}")
    yield (f"'{deletion.name}' is set again, not deleted: the line {keeps}",
           "delete with Max-Age=0 (or an Expires date in the past) and an empty value")


def _unlike_original(
    deletion: SetCookie, original: SetCookie, url: str | None, original_url: str | None
) -> Iterator[tuple[str, str]]:
    """A browser deletes only the cookie with the same name, domain, host-only flag and path."""
    name, values = deletion.name, (deletion.value, original.value)
    deleted_path, set_path = _path(deletion, url), _path(original, original_url)
    if deleted_path and set_path and deleted_path != set_path:
        deleted, was = (_path_words(cookie, hide_value(path, *values))
                        for cookie, path in ((deletion, deleted_path), (original, set_path)))
        yield (f"'{name}' is deleted with {deleted} but was set with {was}",
               f"delete it with Path={hide_value(set_path, *values)}")
    if deletion.domain != original.domain:
        domain = hide_value(original.domain or "", *values)
        deleted, was = (_domain_words(cookie, hide_value(cookie.domain or "", *values))
                        for cookie in (deletion, original))
        yield (f"'{name}' is deleted with {deleted} but was set with {was}",
               f"delete it with Domain={domain}" if original.domain
               else "delete it without a Domain attribute")
    # No Secure on the deletion of a Secure cookie is no finding.  RFC 6265bis's storage
    # model ignores such a line only "If the cookie's secure-only-flag is false, and the
    # scheme component of request-uri does not denote a 'secure' protocol": the app served
    # over https has it honoured; a test over http got the original over http too, which a
    # browser would not have stored (localhost aside).  Flagging it failed every Django
    # logout tested over http and protected no one.


def _path(cookie: SetCookie, url: str | None) -> str | None:
    """The cookie's path: its Path, else the default-path of its URL; None when unknown."""
    if cookie.path:
        return cookie.path
    return default_path(url) if url else None


def _path_words(cookie: SetCookie, path: str) -> str:
    return f"Path={path}" if cookie.path else f"no Path (so the default path {path})"


def default_path(request_url: str) -> str:
    """RFC 6265bis §5.1.4: the default-path of a request (its absolute URL, or its path alone):
    the path up to, not including, its right-most "/"."""
    uri_path = request_url if request_url.startswith("/") else urlsplit(request_url).path
    if not uri_path.startswith("/") or uri_path.count("/") == 1:
        return "/"
    return uri_path[: uri_path.rindex("/")]


def _domain_words(cookie: SetCookie, shown: str) -> str:
    return f"Domain={shown}" if cookie.domain else "no Domain (host-only)"
