"""pytest-securecookie: prove that your login, session and CSRF cookies are safe.

Importing this package imports neither pytest nor any HTTP client.
"""

from __future__ import annotations

from ._extract import set_cookie_headers, set_cookies
from ._parse import SetCookie, parse_set_cookie
from ._recorder import CookieRecorder

__all__ = [
    "CookieRecorder",
    "SetCookie",
    "parse_set_cookie",
    "set_cookie_headers",
    "set_cookies",
]
