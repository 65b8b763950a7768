"""What kind a cookie is (auth-like, CSRF, ignored or other) and why, in the user's words.

``CookiePolicy.classify`` asks this module: the ignore list, the conftest's classify hook, the
app's own names, the CSRF and auth name lists, companions of an auth cookie (``<auth>.sig``,
``<auth>-0``), a framework's cookie that holds no credential, then credential-shaped values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from ..parsing.misuse import hidden_for_misuse, misuse
from ..parsing.parser import SetCookie
from .names import FRAMEWORK_COOKIE_NAMES, IGNORE_WHY, bare_name, compiled, not_credential
from .shapes import SHAPE_WORDS, credential_shape

if TYPE_CHECKING:
    from .policy import CookiePolicy

# pytest hides this module's frames when a classify hook's answer is refused (the caller's
# mistake), as it does the policy's.
__tracebackhide__ = hidden_for_misuse

Kind = Literal["auth", "csrf", "ignored", "other"]
KINDS: tuple[Kind, ...] = get_args(Kind)
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


def matched_words(entry: str, is_pattern: bool) -> str:
    if not is_pattern:
        return f"name matches '{entry}'"
    return f"name matches the pattern '{_HEX_RUN.sub('<32 hex digits>', entry)}'"


def classified(
    policy: CookiePolicy, cookie: SetCookie, source: str | None
) -> tuple[Classification, bool]:
    """``CookiePolicy.classify`` before its scope is applied, and whether it read the value's
    credential shape."""
    bare = bare_name(cookie.name)
    decided = (
        _ignored(policy, bare)
        or _hooked(policy, cookie, source)
        or _by_name(policy, bare)
        or _companion(policy, bare, cookie.name)
        or _known_other(bare)
    )
    if decided is not None:
        return decided, False
    by_value = _by_value(policy, cookie.value)
    other = Classification("other", "name and value look like no auth or CSRF cookie")
    return by_value or other, policy.recognise_values


def _ignored(policy: CookiePolicy, bare: str) -> Classification | None:
    matched = compiled(policy.ignore_names).match(bare)
    if matched is None:
        return None
    entry, is_pattern = matched
    why = IGNORE_WHY.get(entry.lower())
    if why is not None:
        return Classification("ignored", f"ignored: {why} ('{entry}')")
    return Classification("ignored", f"ignored: {matched_words(entry, is_pattern)}")


def _hooked(policy: CookiePolicy, cookie: SetCookie, source: str | None) -> Classification | None:
    if policy.classifier is None:
        return None
    return _hook_answer(policy.classifier, policy.classifier(cookie, source), cookie.name)


def _by_name(policy: CookiePolicy, bare: str) -> Classification | None:
    matched = compiled(policy.csrf_names).match(bare)
    if matched is not None:
        return _app_named(policy, bare, Classification("csrf", matched_words(*matched)))
    return _app_named(policy, bare, _auth_match(policy, bare))


def _app_named(
    policy: CookiePolicy, bare: str, listed: Classification | None
) -> Classification | None:
    """The app's own name decides the kind; the name lists' reason stays when they agree."""
    entry = policy.app_name(bare) if policy.app_names else None
    if entry is None or listed is not None and listed.kind == entry.kind:
        return listed
    kind: Kind = "csrf" if entry.kind == "csrf" else "auth"
    return Classification(kind, f"the app's {entry.role} cookie ({entry.setting})")


def _auth_match(policy: CookiePolicy, bare: str) -> Classification | None:
    """Auth by name; other when only a pattern claims a known analytics cookie."""
    matched = compiled(policy.auth_names).match(bare)
    if matched is None:
        return None
    known = not_credential(bare) if matched[1] else None
    if known is not None:
        return Classification("other", known)
    return Classification("auth", matched_words(*matched))


def _companion(policy: CookiePolicy, bare: str, name: str) -> Classification | None:
    found = companion_base(policy, bare, name)
    if found is None:
        return None
    base, signs = found
    if signs:
        return Classification("auth", f"'{name}' signs the auth-like cookie '{base}'")
    reason = f"'{name}' is a chunk of the auth-like cookie '{base}'"
    return Classification("auth", reason, chunk=True)


def companion_base(policy: CookiePolicy, bare: str, name: str) -> tuple[str, bool] | None:
    """The auth-like cookie a companion name belongs to, and whether it signs it."""
    signature = _SIGNATURE.fullmatch(bare)
    if signature and _auth_by_name(policy, signature.group("base")):
        return name[: len(name) - 4], True
    chunk = _CHUNK.fullmatch(bare)
    chunk_of = chunk and (chunk.group("base") or chunk.group("aspnet"))
    if chunk_of and _auth_by_name(policy, chunk_of):
        return name[: len(name) - len(bare) + len(chunk_of)], False
    return None


def _auth_by_name(policy: CookiePolicy, bare: str) -> bool:
    found = _app_named(policy, bare, _auth_match(policy, bare))
    return found is not None and found.kind == "auth"


def _by_value(policy: CookiePolicy, value: str) -> Classification | None:
    shape = credential_shape(value) if policy.recognise_values else None
    if shape is None:
        return None
    return Classification("auth", f"value is {SHAPE_WORDS[shape]}")


def _known_other(bare: str) -> Classification | None:
    """A framework's cookie that holds no credential, whatever its value looks like."""
    known = not_credential(bare, FRAMEWORK_COOKIE_NAMES)
    return None if known is None else Classification("other", known)


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
