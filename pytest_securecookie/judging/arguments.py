"""What the keywords of ``assert_secure_cookie`` accept, and the policy they make.

Bad arguments are a ``TypeError`` or ``ValueError`` naming what was wrong and what is
accepted, raised from frames hidden from pytest's tracebacks.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from typing import Union

from ..parsing.attributes import SAMESITE_VALUES
from ..parsing.misuse import misuse
from .policy import CookiePolicy, PolicyValueError, samesite_tuple
from .profiles import accepted

SameSiteArg = Union[str, Iterable[str], None]  # noqa: UP007 -- a runtime alias on 3.10


class _DefaultSameSite(tuple[str, ...]):
    """The default of ``samesite=``: shown as ``('Lax', 'Strict')``, but told apart by
    identity from the same values passed explicitly, which override the policy's."""

    __slots__ = ()


DEFAULT_SAMESITE: tuple[str, ...] = _DefaultSameSite(("Lax", "Strict"))
_SAMESITE_ACCEPTED = "'Strict', 'Lax', 'None', a tuple of them, or None to waive it"


def _check_bool(argument: str, value: object) -> bool:
    __tracebackhide__ = True
    if not isinstance(value, bool):
        raise misuse(TypeError(
            f"{argument}= must be True or False, got {type(value).__name__} {value!r}"
        ))
    return value


def check_name(name: object) -> str:
    __tracebackhide__ = True
    if not isinstance(name, str):
        raise misuse(TypeError(f"name= must be a cookie name (str), got {type(name).__name__}"))
    if not name:
        raise misuse(ValueError("name= must not be empty: pass the name of the cookie to check"))
    return name


def allowed_samesite(samesite: object) -> tuple[str, ...]:
    """``samesite=`` as the policy's tuple of allowed values (``()`` = not required)."""
    __tracebackhide__ = True
    if samesite is None:
        return ()
    values = [samesite] if isinstance(samesite, str) else samesite
    if not isinstance(values, Iterable) or isinstance(values, (bytes, dict)):
        kind = type(samesite).__name__
        raise misuse(TypeError(f"samesite= accepts {_SAMESITE_ACCEPTED}; got {kind}"))
    try:
        allowed = samesite_tuple(values)
    except PolicyValueError as error:
        raise misuse(ValueError(
            f"samesite={error.value!r} is not a SameSite value; use {_SAMESITE_ACCEPTED}"
        )) from None
    return tuple(v for v in SAMESITE_VALUES if v in allowed)


def effective_policy(
    policy: object, secure: object, httponly: object, samesite: object, profile: object = None
) -> CookiePolicy:
    """``policy`` (or the defaults) with the call's non-default requirements on top.

    A keyword left at its default defers to the policy; any other value overrides it (a
    ``profile`` stays a floor under them, see ``judging.profiles``).
    """
    __tracebackhide__ = True
    if policy is not None and not isinstance(policy, CookiePolicy):
        kind = type(policy).__name__
        raise misuse(TypeError(f"policy= must be a CookiePolicy or None, got {kind}"))
    base = policy if policy is not None else _default_policy()
    changes: dict[str, object] = {}
    if not _check_bool("secure", secure):
        changes["require_secure"] = False
    if not _check_bool("httponly", httponly):  # waived for CSRF cookies too
        changes["require_httponly"] = False
        changes["csrf_httponly"] = False
    if samesite is not DEFAULT_SAMESITE:
        allowed = allowed_samesite(samesite)
        if set(allowed) != set(base.samesite):
            changes["samesite"] = allowed
    if profile is not None:
        changes["profile"] = profile
    try:
        return replace(base, **changes) if changes else base  # type: ignore[arg-type]
    except PolicyValueError as error:  # only the profile is left unchecked here
        raise misuse(ValueError(
            f"profile={error.value!r} is not an ASVS profile; use {accepted()}"
        )) from None


@functools.lru_cache(maxsize=1)
def _default_policy() -> CookiePolicy:
    # Built once: a CookiePolicy validates its ~60 default names when it is made.
    return CookiePolicy()
