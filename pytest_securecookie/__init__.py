"""pytest-securecookie: prove that your login, session and CSRF cookies are safe.

Importing this package imports neither pytest nor any HTTP client.
"""

from __future__ import annotations

from ._assert import AssertSecureCookie, assert_cookie_deleted, assert_secure_cookie
from ._extract import set_cookie_headers, set_cookies
from ._parse import SetCookie, parse_set_cookie
from ._policy import Classification, CookiePolicy, Finding, check_cookie
from ._recorder import CookieRecorder
from ._report import InsecureCookieError

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
    "check_cookie",
    "parse_set_cookie",
    "set_cookie_headers",
    "set_cookies",
]
