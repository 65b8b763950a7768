"""CookiePolicy, classification with reasons, the rules SC001-SC014 and check_cookie.

Data in, data out: no pytest, no I/O, no client imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ._parse import SetCookie

Kind = Literal["auth", "csrf", "ignored", "other"]


@dataclass(frozen=True)
class Classification:
    """Whether a cookie is auth-like, a CSRF token, ignored or neither, and why (user's words)."""

    kind: Kind
    reason: str


@dataclass(frozen=True)
class Finding:
    """One problem with one cookie. ``rule`` is a stable id (SC001-SC014); never holds a value."""

    rule: str
    cookie: str
    problem: str
    why: str
    fix: str


# A conftest's pytest_securecookie_classify hook, adapted: (cookie, source) -> kind or None.
Classifier = Callable[[SetCookie, "str | None"], "Kind | None"]


@dataclass(frozen=True)
class CookiePolicy:
    """Which cookies are auth-like / CSRF / ignored, and what each must carry."""

    auth_names: tuple[str, ...] = ()  # exact names and anchored globs; filled with the defaults
    csrf_names: tuple[str, ...] = ()
    ignore_names: tuple[str, ...] = ()
    require_secure: bool = True
    require_httponly: bool = True
    samesite: tuple[str, ...] = ("Lax", "Strict")  # allowed values; () = not required
    csrf_httponly: bool = False
    max_lifetime: int | None = None  # seconds
    host_only: bool = False
    classifier: Classifier | None = None

    def classify(self, cookie: SetCookie, source: str | None = None) -> Classification:
        raise NotImplementedError


def check_cookie(
    cookie: SetCookie,
    policy: CookiePolicy | None = None,
    *,
    framework: str | None = None,
    url: str | None = None,
    now: datetime | None = None,
) -> list[Finding]:
    raise NotImplementedError
