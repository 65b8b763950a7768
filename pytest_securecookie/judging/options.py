"""The ``secure_cookies_*`` options (ini and command line) as text → ``CookiePolicy``.

Pure: no pytest.  Each value is read through ``read(option)``, which gives the command-line
value if one was given, else the ini value, and raises ``ValueError`` for an ini value its type
refuses.  A bad value is a ``ValueError`` whose message names the option, the value and what
is accepted; what the policy itself validates (SameSite, rule ids) is validated there, once.
Every pytest run reads the option table; the policy loads only when one is built.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from .names import split_names

if TYPE_CHECKING:
    from .policy import Classifier, CookiePolicy

Read = Callable[[str], object]


# (ini name, ini type, help, the default as the help shows it).  Name lists extend the
# defaults unless the matching *_replace option is true: adding one app cookie should not mean
# copying the 60 defaults.
POLICY_OPTIONS: tuple[tuple[str, str, str, str], ...] = (
    ("secure_cookies_auth_names", "linelist",
     "auth-like cookie names and anchored globs (case-insensitive, e.g. 'myapp_sess "
     "*_login'), added to the built-in ones", "none added"),
    ("secure_cookies_auth_names_replace", "bool",
     "use only secure_cookies_auth_names, not the built-in auth-like names", "false"),
    ("secure_cookies_csrf_names", "linelist",
     "CSRF-token cookie names and globs, added to the built-in ones (csrftoken, *xsrf*, ...)",
     "none added"),
    ("secure_cookies_csrf_names_replace", "bool",
     "use only secure_cookies_csrf_names, not the built-in CSRF names", "false"),
    ("secure_cookies_ignore_names", "linelist",
     "cookie names and globs never judged, added to the built-in ones (load-balancer "
     "affinity cookies)", "none added"),
    ("secure_cookies_ignore_names_replace", "bool",
     "use only secure_cookies_ignore_names, not the built-in ignored names", "false"),
    ("secure_cookies_samesite", "string",
     "SameSite values allowed on auth-like cookies: Strict, Lax and/or None, or 'off' to "
     "not require SameSite", "Lax Strict"),
    ("secure_cookies_csrf_httponly", "bool",
     "require HttpOnly on CSRF cookies too", "false: double-submit reads them in JavaScript"),
    ("secure_cookies_max_lifetime", "string",
     "longest lifetime allowed for auth-like cookies: seconds, or 30d / 12h / 90m / 2w, "
     "or 'off'", "off; over 400 days is always reported"),
    ("secure_cookies_host_only", "bool",
     "forbid the Domain attribute on auth-like cookies", "false"),
    ("secure_cookies_ignore_rules", "linelist",
     "rule ids never reported, e.g. 'SC003 SC010'", "none"),
    ("secure_cookies_token_entropy", "bool",
     "judge how guessable auth tokens are: SC022 (under 128 bits) and SC023 (sequential or "
     "repeated across logins)", "false"),
    ("secure_cookies_scope", "string",
     "which cookies are judged: 'auth' (auth-like and CSRF cookies) or 'all' (every cookie "
     "not ignored, as an auth-like one is)", "auth"),
    ("secure_cookies_profile", "string",
     "OWASP ASVS 5.0 profile, a floor under the options above: 'default' (them alone), "
     "'asvs-l1' (Secure and a __Secure-/__Host- name: V3.3.1), 'asvs-l2' (also SameSite, "
     "HttpOnly, __Host-: V3.3.2-V3.3.4) or 'asvs-l3' (also name+value <= 4096 octets: V3.3.5)",
     "default"),
    ("secure_cookies_shared_names", "linelist",
     "auth-like cookies shared with subdomains on purpose: set with Domain, asvs-l2 lets them "
     "be __Secure- rather than __Host-", "none"),
)

# Patterns compiled on first use (``re`` caches them): every pytest run imports this module.
_LIFETIME = r"(\d+)\s*([smhdw]?)"
_LIFETIME_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_OFF = frozenset({"off", "none", "no", "false"})
# Characters a cookie name (RFC 6265 token) cannot hold, beyond the separators split on.
_NOT_IN_NAME = r'[;="\\\x00-\x1f\x7f]'
_ACCEPTED_NAMES = ("give cookie names or globs (* ? [..]), separated by spaces, commas or "
                   "newlines")
# The policy field a value was refused for -> the option that gave it, and what it accepts.
_REFUSED_BY_FIELD = {
    "samesite": ("secure_cookies_samesite",
                 "use one or more of Strict, Lax, None, or 'off' to not require SameSite"),
    "ignore_rules": ("secure_cookies_ignore_rules", "use rule ids {first}-{last}"),
    "scope": ("secure_cookies_scope",
              "use 'auth' (auth-like and CSRF cookies) or 'all' (every cookie not ignored)"),
    "profile": ("secure_cookies_profile", "use default, asvs-l1, asvs-l2 or asvs-l3"),
}


def _refused(option: str, value: object, accepted: str) -> ValueError:
    return ValueError(f"{option}: {value!r} is not accepted; {accepted}")


def options_given(read: Read) -> bool:
    """Whether any policy option has a value (a value that cannot be read counts as given)."""
    try:
        return any(read(name) for name, *_ in POLICY_OPTIONS)
    except ValueError:
        return True


def option_bool(read: Read, option: str) -> bool:
    try:
        return bool(read(option))
    except ValueError as error:
        raise ValueError(f"{option}: {error}; use true or false") from None


def policy_from_options(read: Read, classifier: Classifier | None = None) -> CookiePolicy:
    """The policy the options describe, with ``classifier`` (the conftest hook) to ask."""
    from .policy import CookiePolicy, PolicyValueError
    from .rules import RULES

    try:
        policy = CookiePolicy(
            samesite=_samesite(read),
            csrf_httponly=option_bool(read, "secure_cookies_csrf_httponly"),
            max_lifetime=_lifetime(read),
            host_only=option_bool(read, "secure_cookies_host_only"),
            token_entropy=option_bool(read, "secure_cookies_token_entropy"),
            ignore_rules=_words(read, "secure_cookies_ignore_rules"),
            scope=str(read("secure_cookies_scope")).strip().lower() or "auth",  # type: ignore[arg-type]
            profile=str(read("secure_cookies_profile")).strip() or "default",  # type: ignore[arg-type]
            shared_names=_names(read, "secure_cookies_shared_names"),
            classifier=classifier,
        )
    except PolicyValueError as error:
        default = (f"secure_cookies_{error.field}", str(error))
        option, accepted = _REFUSED_BY_FIELD.get(error.field, default)
        accepted = accepted.format(first=min(RULES), last=max(RULES))
        raise _refused(option, error.value, accepted) from None
    return _named_lists(read, policy)


def _words(read: Read, option: str) -> tuple[str, ...]:
    return split_names(cast("str | list[str]", read(option)))


def _names(read: Read, option: str) -> tuple[str, ...]:
    names = _words(read, option)
    for name in names:
        if re.search(_NOT_IN_NAME, name):
            raise _refused(option, name, _ACCEPTED_NAMES)
    return names


def _samesite(read: Read) -> tuple[str, ...]:
    words = _words(read, "secure_cookies_samesite") or ("Lax", "Strict")
    return () if len(words) == 1 and words[0].lower() == "off" else words


def _lifetime(read: Read) -> int | None:
    text = str(read("secure_cookies_max_lifetime")).strip()
    if not text or text.lower() in _OFF:
        return None
    match = re.fullmatch(_LIFETIME, text, re.IGNORECASE)
    if match is None:
        raise _refused("secure_cookies_max_lifetime", text, "use seconds (86400) or a number "
                      "with a unit: 30d, 12h, 90m, 45s, 2w; or 'off'")
    return int(match.group(1)) * _LIFETIME_UNITS[match.group(2).lower()]


def _named_lists(read: Read, policy: CookiePolicy) -> CookiePolicy:
    """Each name list added to the defaults, or replacing them (``*_replace``)."""
    added = {}
    for kind in ("auth", "csrf", "ignore"):
        option = f"secure_cookies_{kind}_names"
        names = _names(read, option)
        if option_bool(read, f"{option}_replace"):
            policy = policy.with_names(**{kind: names})
        else:
            added[kind] = names
    return policy.extended(**added)
