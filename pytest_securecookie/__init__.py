"""pytest-securecookie: prove that your login, session and CSRF cookies are safe.

Importing this package imports neither pytest nor any HTTP client, and loads each public name
on first use (PEP 562): pytest imports the plugin in every run, most of which never need the
parser, the policy or the recorder.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .assertions import AssertSecureCookie, assert_cookie_deleted, assert_secure_cookie
    from .capturing.recorder import CookieRecorder
    from .judging.policy import Classification, CookiePolicy, Finding, check_cookie
    from .parsing.parser import SetCookie, parse_set_cookie
    from .parsing.readers import set_cookie_headers, set_cookies
    from .reporting.messages import InsecureCookieError
    from .sessions import assert_session_ended, assert_session_ended_async, assert_session_rotated

# The one place the version is written: pyproject.toml reads it from here when building.
__version__ = "0.1.0"

__all__ = [
    "AssertSecureCookie",
    "Classification",
    "CookiePolicy",
    "CookieRecorder",
    "Finding",
    "InsecureCookieError",
    "SetCookie",
    "assert_cookie_deleted",
    "assert_secure_cookie",
    "assert_session_ended",
    "assert_session_ended_async",
    "assert_session_rotated",
    "check_cookie",
    "parse_set_cookie",
    "set_cookie_headers",
    "set_cookies",
]

# Public name -> the module defining it.
_HOMES = {
    "AssertSecureCookie": ".assertions",
    "assert_cookie_deleted": ".assertions",
    "assert_secure_cookie": ".assertions",
    "assert_session_ended": ".sessions",
    "assert_session_ended_async": ".sessions",
    "assert_session_rotated": ".sessions",
    "set_cookie_headers": ".parsing.readers",
    "set_cookies": ".parsing.readers",
    "SetCookie": ".parsing.parser",
    "parse_set_cookie": ".parsing.parser",
    "Classification": ".judging.policy",
    "CookiePolicy": ".judging.policy",
    "Finding": ".judging.policy",
    "check_cookie": ".judging.policy",
    "CookieRecorder": ".capturing.recorder",
    "InsecureCookieError": ".reporting.messages",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # Not cached here: a name must always be the one its module defines now.  pytester's
    # in-process runs drop the submodules a run imported, and a cached class would then differ
    # from the one the next run raises (``pytest.raises(InsecureCookieError)`` missing it).
    return getattr(importlib.import_module(home, __name__), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
