"""CookiePolicy, classification with reasons, and check_cookie.

Data in, data out: no pytest, no I/O, no client imports.  The rules themselves live in
``judging.rules``, the framework-specific fix texts in ``judging.fixes``, the recognition of
credential-shaped values in ``judging.shapes``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Literal, NamedTuple, get_args

from ..parsing.appnames import AppName
from ..parsing.attributes import canonical_samesite
from ..parsing.misuse import hidden_for_misuse, misuse, raised_here
from ..parsing.parser import SetCookie
from .deletion import check_deletion
from .fixes import Fixer
from .names import (
    DEFAULT_AUTH_NAMES,
    DEFAULT_CSRF_NAMES,
    DEFAULT_IGNORE_NAMES,
    FRAMEWORK_COOKIE_NAMES,
    IGNORE_WHY,
    bare_name,
    compiled,
    not_credential,
    split_names,
)
from .profiles import Profile, accepted, cited, floor, profile_named
from .rules import RULES, Context, Finding, Requirements, check_ignored_line, run_rules
from .shapes import SHAPE_WORDS, credential_shape
from .value_facts import TOKEN

# The ``__init__`` dataclasses generate for CookiePolicy runs with these globals: pytest asks
# this whether to show its frame when __post_init__ refuses a value.
__tracebackhide__ = hidden_for_misuse

__all__ = [
    "DEFAULT_AUTH_NAMES", "DEFAULT_CSRF_NAMES", "DEFAULT_IGNORE_NAMES", "KINDS", "SCOPES",
    "AppName", "Classification", "Classifier", "CookiePolicy", "Finding", "Kind",
    "check_cookie", "check_deletion", "check_ignored_line", "split_names",
]

Kind = Literal["auth", "csrf", "ignored", "other"]
KINDS: tuple[Kind, ...] = get_args(Kind)
# Which cookies are judged: auth-like and CSRF ones, or every cookie that is not ignored.
Scope = Literal["auth", "all"]
SCOPES: tuple[Scope, ...] = get_args(Scope)

# Shown as "<32 hex digits>" in reasons (WordPress, Drupal and Joomla name cookies by a hash).
_HEX_RUN = re.compile(r"(?:\[0-9a-f\]){32}")
# Companions: "<auth>.sig" (Keygrip/cookie-session), "<auth>-0" (Litestar chunks),
# "<auth>.0" (Auth.js chunks), "<auth>C1" (ASP.NET Core's ChunkingCookieManager).
_SIGNATURE = re.compile(r"(?P<base>.+)\.sig")
_CHUNK = re.compile(r"(?P<base>.+?)[-.](?P<index>\d{1,3})|(?P<aspnet>\.aspnetcore\..+?)c\d{1,3}")


@dataclass(frozen=True)
class Classification:
    """Whether a cookie is auth-like, a CSRF token, ignored or neither, and why (user's words)."""

    kind: Kind
    reason: str
    # A piece of a larger auth cookie (Litestar, Auth.js, ASP.NET Core chunks): its value is
    # no token by itself, so the token rules (SC022-SC025) skip it.
    chunk: bool = False


# A conftest's pytest_securecookie_classify hook, adapted by the plugin: (cookie, source) ->
# a kind, True (auth) / False (other), a Classification (kind with its own reason), or None.
Classifier = Callable[[SetCookie, str | None], Kind | Classification | bool | None]
_ANSWERS = (
    "return one of 'auth', 'csrf', 'ignored', 'other', True (auth), False (other), "
    "a Classification, or None (no opinion)"
)


class PolicyValueError(ValueError):
    """A value a policy field refuses: ``field`` and the first bad ``value`` let an entry point
    (ini option, keyword) word the error its own way; the message says what is accepted."""

    def __init__(self, field: str, value: object, message: str) -> None:
        super().__init__(message)
        self.field, self.value = field, value
        misuse(self)


def _matched_words(entry: str, is_pattern: bool) -> str:
    if not is_pattern:
        return f"name matches '{entry}'"
    return f"name matches the pattern '{_HEX_RUN.sub('<32 hex digits>', entry)}'"


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
        classification, read_shape = self._classified(cookie, source)
        if self.scope == "all" and classification.kind == "other":
            reason = f"{classification.reason}; judged anyway: scope is 'all'"
            classification = Classification("auth", reason)
        return classification, read_shape

    def _classified(
        self, cookie: SetCookie, source: str | None
    ) -> tuple[Classification, bool]:
        bare = bare_name(cookie.name)
        decided = (
            self._ignored(bare)
            or self._hooked(cookie, source)
            or self._by_name(bare)
            or self._companion(bare, cookie.name)
            or _known_other(bare)
        )
        if decided is not None:
            return decided, False
        by_value = self._by_value(cookie.value)
        other = Classification("other", "name and value look like no auth or CSRF cookie")
        return by_value or other, self.recognise_values

    def _ignored(self, bare: str) -> Classification | None:
        matched = compiled(self.ignore_names).match(bare)
        if matched is None:
            return None
        entry, is_pattern = matched
        why = IGNORE_WHY.get(entry.lower())
        if why is not None:
            return Classification("ignored", f"ignored: {why} ('{entry}')")
        return Classification("ignored", f"ignored: {_matched_words(entry, is_pattern)}")

    def _hooked(self, cookie: SetCookie, source: str | None) -> Classification | None:
        if self.classifier is None:
            return None
        return _hook_answer(self.classifier, self.classifier(cookie, source), cookie.name)

    def _by_name(self, bare: str) -> Classification | None:
        matched = compiled(self.csrf_names).match(bare)
        if matched is not None:
            return self._app_named(bare, Classification("csrf", _matched_words(*matched)))
        return self._app_named(bare, self._auth_match(bare))

    def _app_named(self, bare: str, listed: Classification | None) -> Classification | None:
        """The app's own name decides the kind; the name lists' reason stays when they agree."""
        entry = self.app_name(bare) if self.app_names else None
        if entry is None or listed is not None and listed.kind == entry.kind:
            return listed
        kind: Kind = "csrf" if entry.kind == "csrf" else "auth"
        return Classification(kind, f"the app's {entry.role} cookie ({entry.setting})")

    def _auth_match(self, bare: str) -> Classification | None:
        """Auth by name; other when only a pattern claims a known analytics cookie."""
        matched = compiled(self.auth_names).match(bare)
        if matched is None:
            return None
        known = not_credential(bare) if matched[1] else None
        if known is not None:
            return Classification("other", known)
        return Classification("auth", _matched_words(*matched))

    def _companion(self, bare: str, name: str) -> Classification | None:
        found = self._companion_base(bare, name)
        if found is None:
            return None
        base, signs = found
        if signs:
            return Classification("auth", f"'{name}' signs the auth-like cookie '{base}'")
        reason = f"'{name}' is a chunk of the auth-like cookie '{base}'"
        return Classification("auth", reason, chunk=True)

    def companion_of(self, name: str) -> str | None:
        """The auth-like cookie ``name`` signs or is a chunk of (``session`` for
        ``session.sig`` or ``session-0``); None when ``name`` is no companion."""
        found = self._companion_base(bare_name(name), name)
        return None if found is None else found[0]

    def _companion_base(self, bare: str, name: str) -> tuple[str, bool] | None:
        """The auth-like cookie a companion name belongs to, and whether it signs it."""
        signature = _SIGNATURE.fullmatch(bare)
        if signature and self._auth_by_name(signature.group("base")):
            return name[: len(name) - 4], True
        chunk = _CHUNK.fullmatch(bare)
        chunk_of = chunk and (chunk.group("base") or chunk.group("aspnet"))
        if chunk_of and self._auth_by_name(chunk_of):
            return name[: len(name) - len(bare) + len(chunk_of)], False
        return None

    def _auth_by_name(self, bare: str) -> bool:
        found = self._app_named(bare, self._auth_match(bare))
        return found is not None and found.kind == "auth"

    def _by_value(self, value: str) -> Classification | None:
        shape = credential_shape(value) if self.recognise_values else None
        if shape is None:
            return None
        return Classification("auth", f"value is {SHAPE_WORDS[shape]}")


def _known_other(bare: str) -> Classification | None:
    """A framework's cookie that holds no credential, whatever its value looks like."""
    known = not_credential(bare, FRAMEWORK_COOKIE_NAMES)
    return None if known is None else Classification("other", known)


# with_app_names' copies: (id of the policy, names) -> (that policy, kept alive; its copy).
_WITH_APP_NAMES: dict[tuple[int, tuple[AppName, ...]], tuple[CookiePolicy, CookiePolicy]] = {}


def _hook_answer(classifier: Classifier, answer: object, cookie_name: str) -> Classification | None:
    """The classifier's answer as a classification (None: no opinion), or a ValueError naming
    the classifier (the plugin's is named after the hook) and what it may return."""
    if isinstance(answer, bool):
        answer = "auth" if answer else "other"
    if answer is None or (isinstance(answer, Classification) and answer.kind in KINDS):
        return answer
    if isinstance(answer, str) and answer in KINDS:
        return Classification(answer, f"the classify hook says {answer}")
    asker = getattr(classifier, "__name__", "")
    asker = asker if asker.isidentifier() else "the cookie classifier"
    refused = f"{asker} returned {answer!r} for cookie '{cookie_name}'; {_ANSWERS}"
    raise misuse(ValueError(refused))


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


def requirements(policy: CookiePolicy, classification: Classification) -> Requirements:
    """What a cookie of this kind must carry, the profile's floor included; other/ignored:
    only what browsers enforce."""
    kind = classification.kind
    judged = kind in ("auth", "csrf")
    session = kind == "auth" and not classification.chunk
    need = Requirements(
        judged=judged,
        secure=judged and policy.require_secure,
        httponly=policy.require_httponly if kind == "auth" else judged and policy.csrf_httponly,
        samesite=policy.samesite if judged else (),
        max_lifetime=policy.max_lifetime if judged else None,
        host_only=judged and policy.host_only,
        session=session,
        entropy=session and policy.token_entropy,
    )
    return floor(need, kind, policy.profile, policy.shared_names)


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


class Checked(NamedTuple):
    """The findings for one cookie, and what of its value they depend on."""

    findings: tuple[Finding, ...]
    deletion: bool  # at ``now``
    read_shape: bool  # the fix texts were chosen by the value's credential shape
    # A finding depends on the value itself: it shows attribute text with the value hidden in
    # it, or its fix names what the value tells (the aiohttp-session storage that wrote it).
    showed_attributes: bool
    # The value facts a rule read (``Context.value_fact``; ``Context.read_token``: TOKEN).
    facts_read: tuple[str, ...]


def checked_cookie(
    cookie: SetCookie,
    policy: CookiePolicy,
    classification: Classification,
    *,
    framework: str | None,
    url: str | None,
    now: datetime,
) -> Checked:
    """:func:`check_cookie` at the moment ``now`` (the response's Date), its deletion judged
    at that same moment for the rules and the fix texts alike."""
    deletion = cookie.is_deletion_at(now)
    app_name = policy.app_name(cookie.name) if policy.app_names else None
    fixer = Fixer.for_cookie(
        cookie, deletion=deletion, framework=framework, url=url, samesite=policy.samesite,
        app_stack=(app_name.family, app_name.stack) if app_name else None,
    )
    ctx = Context(cookie, requirements(policy, classification), fixer, now)
    findings = cited(run_rules(ctx, deletion=deletion), policy.profile)
    kept = tuple(finding for finding in findings if finding.rule not in policy.ignore_rules)
    showed = ctx.showed_attributes or fixer.read_value
    facts = (*ctx.facts_read, TOKEN) if ctx.read_token else ctx.facts_read
    return Checked(kept, deletion, fixer.read_shape, showed, facts)
