"""The rules SC020 and SC021: the session itself, proven across requests rather than per line.

No single Set-Cookie line shows that a login renewed the session or that a logout ended it:
``assert_session_rotated`` compares the cookie before and after a login, and
``assert_session_ended`` replays the cookie from before a logout.  So both rules register a
check yielding nothing (like SC014), and their findings are made here, for those helpers.
Which of a response's cookies is the session is decided here too, by the policy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from ..parsing.parser import SetCookie
from .rules import RULES, Context, Finding, rule

if TYPE_CHECKING:  # the policy imports the rules, which import this module
    from .policy import CookiePolicy


@rule("SC020", "session not renewed on login",
      "whoever planted or learned the session id before the login (a link, a shared computer, "
      "a subdomain) is logged in as the user: session fixation",
      cwe=384, severity="high", asvs="7.2.4")
def _renewed_on_login(ctx: Context) -> Iterator[Finding]:
    return iter(())  # compares two responses: see assert_session_rotated


@rule("SC021", "session still accepted after logout",
      "whoever holds a copy of the token (a stolen cookie, a shared computer, a log) stays "
      "logged in although the user logged out",
      cwe=613, severity="medium", asvs="7.4.1")
def _ended_on_logout(ctx: Context) -> Iterator[Finding]:
    return iter(())  # replays the old cookie: see assert_session_ended


ROTATE_FIX = (
    "give the session a new id when the user logs in: Django's login() does (cycle_key()); "
    "Flask-Session: app.session_interface.regenerate(session); aiohttp-session: new_session(); "
    "a store of your own: move the data to a new id and delete the old one"
)
END_FIX = (
    "delete the session on the server at logout (Django: logout() flushes it; a server-side "
    "store: remove the id), not only the cookie in the browser"
)


def not_rotated(name: str, problem: str) -> Finding:
    """The SC020 finding for cookie ``name``; ``problem`` never holds a value."""
    return Finding("SC020", name, problem, RULES["SC020"].why, ROTATE_FIX)


def not_ended(name: str, problem: str) -> Finding:
    """The SC021 finding for cookie ``name``; ``problem`` never holds a value."""
    return Finding("SC021", name, problem, RULES["SC021"].why, END_FIX)


def session_names(cookies: Iterable[SetCookie], policy: CookiePolicy) -> list[str]:
    """The sessions among ``cookies``, in order, each once: the names of the auth-like cookies,
    a companion (``session.sig``, ``session-0``) counted as the cookie it belongs to."""
    return list(session_groups(cookies, policy))


def session_groups(cookies: Iterable[SetCookie], policy: CookiePolicy) -> dict[str, list[str]]:
    """The auth-like cookies among ``cookies`` by the session they belong to: a cookie's own
    name, or the cookie a companion signs or is a chunk of (Express cookie-session's
    ``session.sig``, Litestar's ``session-0``): the app reads them together."""
    groups: dict[str, list[str]] = {}
    for cookie in cookies:
        if policy.classify(cookie).kind == "auth":
            members = groups.setdefault(policy.companion_of(cookie.name) or cookie.name, [])
            members.extend([] if cookie.name in members else [cookie.name])
    return groups
