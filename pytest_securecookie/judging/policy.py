"""CookiePolicy (its fields, their validation, its copies) and check_cookie.

Data in, data out: no pytest, no I/O, no client imports.  How the policy classifies a cookie
is ``judging.classification``; what its classification requires and which rules' findings
follow, ``judging.checking``.  The rules themselves live in ``judging.rules``, the
framework-specific fix texts in ``judging.fixes``, the recognition of credential-shaped values
in ``judging.shapes``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal, get_args

from ..parsing.appnames import AppName
from ..parsing.attributes import canonical_samesite
from ..parsing.misuse import hidden_for_misuse, misuse, raised_here
from ..parsing.parser import SetCookie
from .checking import checked_cookie
from .classification import (
    KINDS,
    Classification,
    Classifier,
    Kind,
    classified,
    companion_base,
)
from .deletion import check_deletion
from .names import (
    DEFAULT_AUTH_NAMES,
    DEFAULT_CSRF_NAMES,
    DEFAULT_IGNORE_NAMES,
    bare_name,
    split_names,
)
from .profiles import Profile, accepted, profile_named
from .rules import RULES, Finding, check_ignored_line

# The ``__init__`` dataclasses generate for CookiePolicy runs with these globals: pytest asks
# this whether to show its frame when __post_init__ refuses a value.
__tracebackhide__ = hidden_for_misuse

__all__ = [
    "DEFAULT_AUTH_NAMES", "DEFAULT_CSRF_NAMES", "DEFAULT_IGNORE_NAMES", "KINDS", "SCOPES",
    "AppName", "Classification", "Classifier", "CookiePolicy", "Finding", "Kind",
    "check_cookie", "check_deletion", "check_ignored_line", "split_names",
]

# Which cookies are judged: auth-like and CSRF ones, or every cookie that is not ignored.
Scope = Literal["auth", "all"]
SCOPES: tuple[Scope, ...] = get_args(Scope)


class PolicyValueError(ValueError):
    """A value a policy field refuses: ``field`` and the first bad ``value`` let an entry point
    (ini option, keyword) word the error its own way; the message says what is accepted."""

    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field, self.value = field, value
        misuse(self)


def samesite_tuple(values: str | Iterable[str] | None) -> tuple[str, ...]:
    """SameSite values in their one spelling; raises ``PolicyValueError`` for any other."""
    if values is not None and not isinstance(values, (str, Iterable)):
        raise PolicyValueError(
            "samesite", values, f"SameSite values must be Strict, Lax or None, got {values!r}"
        )
    names = [values] if isinstance(values, str) else list(values or ())
    canonical = [canonical_samesite(value) if isinstance(value, str) else None for value in names]
    unknown = [value for value, known in zip(names, canonical, strict=True) if known is None]
    if unknown:
        raise PolicyValueError(
            "samesite", unknown[0], f"SameSite values must be Strict, Lax or None, got {unknown!r}"
        )
    return tuple(value for value in canonical if value is not None)


@dataclass(frozen=True)
class CookiePolicy:
    """Which cookies are auth-like / CSRF / ignored, and what each must carry.

    ``auth_names``, ``csrf_names`` and ``ignore_names`` hold exact names and anchored globs
    (``*_session_id`` matches ``app_session_id``, never ``my_session_id_copy``), compared
    case-insensitively after a ``__Host-``/``__Secure-`` prefix is stripped.  They default
    to ``DEFAULT_AUTH_NAMES``, ``DEFAULT_CSRF_NAMES`` and ``DEFAULT_IGNORE_NAMES``; use
    :meth:`extended` to add names (ini "extend") and :meth:`with_names` to replace a list
    (ini "replace"); ``dataclasses.replace`` changes any other field.

    ``samesite`` lists the allowed SameSite values (``()``: not required); a single string
    is accepted.  A value stronger than the weakest allowed one passes too (Strict where
    Lax is allowed): SC006 reports only SameSite weaker than the policy requires.
    ``csrf_httponly`` requires HttpOnly of CSRF cookies too.  ``max_lifetime``
    is in seconds (a ``timedelta`` is converted).  ``host_only`` forbids ``Domain`` on auth
    cookies.  ``classifier`` is the conftest hook, asked after the ignore list.
    ``recognise_values=False`` stops classifying credential-shaped values as auth-like.
    ``ignore_rules`` lists rule ids to skip.  ``scope="all"`` judges every cookie that is
    not ignored as an auth-like one is (``"auth"``, the default: auth-like and CSRF cookies).
    ``app_names`` are the names the app under test gives its own session, CSRF and
    remember-me cookies (learned from its settings, see :meth:`with_app_names`): they decide
    those cookies' kind whatever the name lists say.  Name lists and rule ids may also be
    given as ini text ("a, b c").  Invalid values raise ``ValueError`` naming the field.
    ``profile`` is an OWASP ASVS floor over all of this (``judging.profiles``): "default",
    "asvs-l1", "asvs-l2" or "asvs-l3"; ``shared_names`` lists the auth cookies shared with
    subdomains on purpose, which asvs-l2 lets set Domain with ``__Secure-`` for ``__Host-``.
    ``token_entropy`` judges how guessable auth tokens are (SC022 under 128 bits, SC023
    sequential or repeated across logins: ASVS V7.2.3); off by default, since test fixtures
    often set placeholder values such as ``session=abc``.
    """

    auth_names: tuple[str, ...] = field(default=DEFAULT_AUTH_NAMES)
    csrf_names: tuple[str, ...] = field(default=DEFAULT_CSRF_NAMES)
    ignore_names: tuple[str, ...] = field(default=DEFAULT_IGNORE_NAMES)
    require_secure: bool = True
    require_httponly: bool = True
    samesite: tuple[str, ...] = ("Lax", "Strict")
    csrf_httponly: bool = False
    max_lifetime: int | None = None
    host_only: bool = False
    classifier: Classifier | None = field(default=None, compare=False)
    recognise_values: bool = True
    ignore_rules: tuple[str, ...] = ()
    scope: Scope = "auth"
    app_names: tuple[AppName, ...] = ()
    profile: Profile = "default"
    shared_names: tuple[str, ...] = ()
    token_entropy: bool = False

    @raised_here
    def __post_init__(self) -> None:
        for name in ("auth_names", "csrf_names", "ignore_names", "shared_names"):
            object.__setattr__(self, name, _name_tuple(name, getattr(self, name)))
        object.__setattr__(self, "samesite", samesite_tuple(self.samesite))
        object.__setattr__(self, "ignore_rules", _rule_ids(self.ignore_rules))
        object.__setattr__(self, "max_lifetime", _seconds(self.max_lifetime))
        object.__setattr__(self, "app_names", _app_names(self.app_names))
        object.__setattr__(self, "profile", _profile(self.profile))
        if self.scope not in SCOPES:
            raise PolicyValueError(
                "scope", self.scope, f"scope must be 'auth' or 'all', got {self.scope!r}"
            )

    @raised_here
    def extended(
        self, *, auth: Iterable[str] = (), csrf: Iterable[str] = (), ignore: Iterable[str] = ()
    ) -> CookiePolicy:
        """A copy with names added to the auth, CSRF and ignore lists (duplicates dropped)."""
        return dataclasses.replace(
            self,
            auth_names=_merged(self.auth_names, auth),
            csrf_names=_merged(self.csrf_names, csrf),
            ignore_names=_merged(self.ignore_names, ignore),
        )

    @raised_here
    def with_names(
        self,
        *,
        auth: Iterable[str] | None = None,
        csrf: Iterable[str] | None = None,
        ignore: Iterable[str] | None = None,
    ) -> CookiePolicy:
        """A copy whose lists are replaced by those given (None keeps a list as it is)."""
        return dataclasses.replace(
            self,
            auth_names=self.auth_names if auth is None else _name_tuple("auth", auth),
            csrf_names=self.csrf_names if csrf is None else _name_tuple("csrf", csrf),
            ignore_names=self.ignore_names if ignore is None else _name_tuple("ignore", ignore),
        )

    def with_app_names(self, names: Iterable[AppName]) -> CookiePolicy:
        """A copy that also knows the app's own cookie names (itself when they add nothing).

        The same object for the same policy and names, call after call: a policy validates its
        names when it is made, and the judgements cached for it are found again.
        """
        added = tuple(name for name in names if name not in self.app_names)
        if not added:
            return self
        key = (id(self), added)
        known = _WITH_APP_NAMES.get(key)
        if known is None or known[0] is not self:
            if len(_WITH_APP_NAMES) >= 64:  # marker keywords make a policy per variant
                _WITH_APP_NAMES.clear()
            copy = dataclasses.replace(self, app_names=(*self.app_names, *added))
            known = _WITH_APP_NAMES[key] = (self, copy)
        return known[1]

    def app_name(self, name: str) -> AppName | None:
        """The app's own name ``name`` is (compared as the name lists are), or None."""
        bare = bare_name(name)
        return next((entry for entry in self.app_names if bare_name(entry.name) == bare), None)

    @raised_here
    def classify(self, cookie: SetCookie, source: str | None = None) -> Classification:
        """Auth-like, CSRF, ignored or other, and why.

        Order: ignore list, the ``classifier`` hook, the app's own names, CSRF names, auth
        names, companions of an auth name (``<auth>.sig``, ``<auth>-0``), a framework's
        non-credential cookie (Django's signed ``messages``: other), then credential-shaped
        values.  A name only an auth *pattern* matches that is a known analytics cookie
        (``ai_session``) is other, with that reason.  With ``scope="all"`` a cookie that would
        be other is auth-like, its reason saying why.
        """
        return self.classify_noting_shape(cookie, source)[0]

    def classify_noting_shape(
        self, cookie: SetCookie, source: str | None = None
    ) -> tuple[Classification, bool]:
        """:meth:`classify`, and whether it read the value's credential shape: when it did
        not, the classification holds for every value of the cookie (the hook aside)."""
        classification, read_shape = classified(self, cookie, source)
        if self.scope == "all" and classification.kind == "other":
            reason = f"{classification.reason}; judged anyway: scope is 'all'"
            classification = Classification("auth", reason)
        return classification, read_shape

    def companion_of(self, name: str) -> str | None:
        """The auth-like cookie ``name`` signs or is a chunk of (``session`` for
        ``session.sig`` or ``session-0``); None when ``name`` is no companion."""
        found = companion_base(self, bare_name(name), name)
        return None if found is None else found[0]


# with_app_names' copies: (id of the policy, names) -> (that policy, kept alive; its copy).
_WITH_APP_NAMES: dict[tuple[int, tuple[AppName, ...]], tuple[CookiePolicy, CookiePolicy]] = {}


def _name_tuple(field_name: str, names: object) -> tuple[str, ...]:
    if isinstance(names, str):
        names = split_names(names)
    if not isinstance(names, Iterable):
        kind = type(names).__name__
        raise misuse(ValueError(f"{field_name} must be a tuple of names, got {kind}"))
    result = tuple(names)
    bad = [name for name in result if not isinstance(name, str) or not name.strip()]
    if bad:
        raise misuse(ValueError(f"{field_name} must hold non-empty names, got {bad!r}"))
    return result


def _rule_ids(ids: object) -> tuple[str, ...]:
    wanted = tuple(rule_id.upper() for rule_id in _name_tuple("ignore_rules", ids))
    unknown = [rule_id for rule_id in wanted if rule_id not in RULES]
    if unknown:
        raise PolicyValueError(
            "ignore_rules", unknown[0],
            f"ignore_rules: unknown rule ids {unknown}; known: {min(RULES)}-{max(RULES)}",
        )
    return wanted


def _seconds(lifetime: object) -> int | None:
    """``max_lifetime`` as whole seconds: an int or a ``timedelta``, never negative."""
    if isinstance(lifetime, timedelta):
        lifetime = int(lifetime.total_seconds())
    if lifetime is None:
        return None
    if not isinstance(lifetime, int) or isinstance(lifetime, bool) or lifetime < 0:
        accepted = "seconds >= 0 or a timedelta"
        raise misuse(ValueError(f"max_lifetime must be {accepted}, got {lifetime!r}"))
    return lifetime


def _app_names(names: object) -> tuple[AppName, ...]:
    if not isinstance(names, Iterable) or isinstance(names, (str, bytes)):
        raise ValueError(f"app_names must be a tuple of AppName, got {type(names).__name__}")
    result = tuple(names)
    bad = [name for name in result if not isinstance(name, AppName)]
    if bad:
        raise ValueError(f"app_names must hold AppName entries, got {bad!r}")
    return result


def _profile(value: object) -> Profile:
    known = profile_named(value)
    if known is None:
        raise PolicyValueError("profile", value, f"profile must be {accepted()}, got {value!r}")
    return known


def _merged(current: tuple[str, ...], added: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*current, *_name_tuple("names", added))))


@raised_here
def check_cookie(
    cookie: SetCookie,
    policy: CookiePolicy | None = None,
    *,
    framework: str | None = None,
    url: str | None = None,
    now: datetime | None = None,
    classification: Classification | None = None,
    source: str | None = None,
) -> list[Finding]:
    """Judge one cookie: the findings of every rule its classification calls for.

    The cookie is classified with ``policy.classify(cookie, source)`` unless the caller
    passes the ``classification`` it already made.  Auth cookies must meet every rule; CSRF
    cookies too, except HttpOnly unless ``policy.csrf_httponly``; other and ignored cookies
    only the rules browsers enforce (SC005, SC007-SC009, SC011, SC012, SC014, SC015).  A deletion
    (Max-Age <= 0, or Expires before ``now`` — pass the response's Date when known) is
    exempt from SC001-SC004, SC006, SC010 and SC013; a deletion a browser would reject is
    SC014.
    ``framework`` (the client or framework name) and ``url`` (plain http adds how to test
    over https) shape the fix texts.  No finding ever contains the cookie's value.
    """
    if not isinstance(cookie, SetCookie):
        raise misuse(TypeError(
            f"check_cookie() takes a SetCookie (from parse_set_cookie or set_cookies), "
            f"got {type(cookie).__name__}"
        ))
    if policy is not None and not isinstance(policy, CookiePolicy):
        kind = type(policy).__name__
        raise misuse(TypeError(f"policy= must be a CookiePolicy or None, got {kind}"))
    policy = policy or CookiePolicy()
    moment = now or datetime.now(timezone.utc)
    judged = classification or policy.classify(cookie, source)
    checked = checked_cookie(cookie, policy, judged, framework=framework, url=url, now=moment)
    return list(checked.findings)
