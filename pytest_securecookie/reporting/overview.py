"""What a run says about what is (and is not) judged: the header lines, and the summary lines
for a run that judged nothing.

A security check that passes without a word when it judged nothing is worse than none, so the
header states what is enforced, the policy and where the auth-like names come from, and the
summary speaks up when the cookies seen were all left unjudged or the report stayed empty.
Names only, never values.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..judging.checking import requirements
from ..judging.names import DEFAULT_AUTH_NAMES
from ..judging.policy import Classification, CookiePolicy
from ..judging.profiles import LEVEL
from ..judging.rules import ASVS_VERSION
from ..parsing.redaction import escape_controls

_WHAT = {"auth": "an insecure auth-like or CSRF cookie", "all": "an insecure cookie"}
_AUTH = Classification("auth", "an auth-like cookie")
_NAMES_SHOWN = 8  # of the cookies seen in a run that judged none
_UNITS = (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60))
_APP_NAMES = (
    "each app's own session, CSRF and remember-me names (Django settings, Flask/Quart config, "
    "Flask-Login, Starlette/Litestar/aiohttp-session middleware)"
)


def enforced_everywhere(origin: str, policy: CookiePolicy) -> str:
    """``origin`` (``--secure-cookies`` or the ini line) and what it does."""
    return f"secure cookies: {origin}: every test fails on {_WHAT[policy.scope]} it receives"


def audited_everywhere(origin: str, policy: CookiePolicy) -> str:
    """Audit mode: every test is judged as under ``--secure-cookies``, and only the tests a
    ``secure_cookies`` marker enforces fail."""
    return (
        f"secure cookies: {origin}: audit mode: every test's cookies are judged and reported, "
        f"no test fails on {_WHAT[policy.scope]} (except tests marked secure_cookies)"
    )


def enforced_by_markers(tests: int, policy: CookiePolicy) -> str:
    noun = "test marked secure_cookies fails" if tests == 1 else "tests marked secure_cookies fail"
    return f"secure cookies: {tests} {noun} on {_WHAT[policy.scope]} received"


def policy_lines(policy: CookiePolicy, *, hook: bool) -> list[str]:
    """The session's policy in one line, and where its auth-like names come from."""
    return [
        escape_controls(
            f"secure cookies policy: {profile_text(policy.profile)}; {_judged(policy)}; "
            f"{_required(policy)}"
        ),
        f"secure cookies auth-like names: {_names_sources(policy, hook=hook)}",
    ]


def profile_text(profile: str) -> str:
    """``profile default``, or ``profile asvs-l2 (OWASP ASVS 5.0.0 level 2, a floor)``."""
    level = LEVEL[profile]
    if not level:
        return "profile default"
    return f"profile {profile} (OWASP ASVS {ASVS_VERSION} level {level}, a floor)"


def _judged(policy: CookiePolicy) -> str:
    if policy.scope == "all":
        return "scope all (every cookie not ignored)"
    return "scope auth (auth-like and CSRF cookies)"


def _required(policy: CookiePolicy) -> str:
    need = requirements(policy, _AUTH)  # the profile's floor included
    parts = []
    if need.secure:
        parts.append("Secure")
    if need.httponly:
        parts.append("HttpOnly" + ("" if policy.csrf_httponly else " (not on CSRF cookies)"))
    parts.append(f"SameSite {' or '.join(need.samesite)}" if need.samesite else "any SameSite")
    parts += _prefixes(policy, need.prefix)
    lifetime = policy.max_lifetime
    parts.append(f"lifetime at most {_duration(lifetime)}" if lifetime is not None
                 else "lifetime at most 400 days (the browsers' cap)")  # fmt: skip
    if policy.host_only:
        parts.append("no Domain")
    if policy.token_entropy:
        parts.append("auth tokens of 128 bits, never sequential or repeated")
    if policy.ignore_rules:
        parts.append(f"rules ignored: {', '.join(policy.ignore_rules)}")
    return ", ".join(parts)


def _prefixes(policy: CookiePolicy, prefix: str | None) -> list[str]:
    """What an ASVS profile asks of auth-like names and sizes."""
    if prefix is None:
        return []
    wanted = "__Host-" if prefix == "__Host-" else "__Secure- or __Host-"
    shared = ", ".join(policy.shared_names)
    parts = [f"a {wanted} name on auth-like cookies" + (
        f" (__Secure- with Domain for {shared})" if shared and prefix == "__Host-" else "")]
    if LEVEL[policy.profile] >= 3:
        parts.append("name and value at most 4096 octets")
    return parts


def _duration(seconds: int) -> str:
    for unit, size in _UNITS:
        if seconds and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _names_sources(policy: CookiePolicy, *, hook: bool) -> str:
    added = [name for name in policy.auth_names if name not in DEFAULT_AUTH_NAMES]
    replaced = not set(DEFAULT_AUTH_NAMES) <= set(policy.auth_names)
    sources = [] if replaced else ["built-in"]
    if added or replaced:
        only = " only" if replaced else ""
        sources.append(f"secure_cookies_auth_names{only} ({', '.join(added) or 'none'})")
    sources.append(_APP_NAMES)
    if policy.recognise_values:
        sources.append("credential-shaped values")
    if hook:
        sources.append("the pytest_securecookie_classify hook")
    return escape_controls(" + ".join(sources))


def nothing_judged(names: Sequence[str]) -> str:
    """The run set cookies and judged none of them: which ones, and how to judge one."""
    shown = ", ".join(names[:_NAMES_SHOWN]) + (", ..." if len(names) > _NAMES_SHOWN else "")
    return escape_controls(
        f"secure cookies: nothing judged: none of the cookies set was auth-like (seen: {shown}); "
        "to judge a login cookie, add its name to secure_cookies_auth_names, or judge every "
        "cookie with --secure-cookies-scope=all"
    )


def empty_report(path: Path) -> str:
    """``--secure-cookies-report`` in a run that recorded no test."""
    return (
        f"secure cookies: the report {path} is empty: no test was recorded (recording needs "
        "--secure-cookies, secure_cookies = true, or @pytest.mark.secure_cookies)"
    )
