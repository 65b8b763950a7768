"""The markers of a test: what ``secure_cookies`` and ``allow_insecure_cookies`` make of the
policy, for the ``assert_secure_cookie`` fixture and for enforcement alike.

Pure: no pytest.  The keywords are the fields of ``CookiePolicy``, so the marker can never
drift from the policy; a typo fails through ``inspect.Signature.bind`` at the user's marker.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterable, Mapping
from datetime import timedelta
from functools import lru_cache
from typing import Any, NamedTuple, Protocol

from .policy import CookiePolicy

SECURE_COOKIES = "secure_cookies"
ALLOW_INSECURE_COOKIES = "allow_insecure_cookies"
_OURS = frozenset({SECURE_COOKIES, ALLOW_INSECURE_COOKIES})


class Mark(Protocol):
    """A marker as pytest gives it (``pytest.Mark`` fits)."""

    @property
    def name(self) -> str: ...
    @property
    def args(self) -> tuple[Any, ...]: ...
    @property
    def kwargs(self) -> Mapping[str, Any]: ...


class MarkerError(ValueError):
    """A bad marker: the message names it, what is wrong and what it accepts."""


class Marked(NamedTuple):
    """What a test's markers amount to."""

    policy: CookiePolicy  # the base policy with every secure_cookies mark's keywords
    enforced: bool  # its responses are recorded and it fails on an insecure cookie


def resolve_marks(
    marks: Iterable[Mark], base: CookiePolicy, *, everywhere: bool = False
) -> Marked:
    """The policy and enforcement a test's marks (closest first, as pytest lists them) give.

    The keywords of every ``secure_cookies`` mark apply, module, then class, then function:
    the closest wins per keyword.  Of ``secure_cookies`` and ``allow_insecure_cookies`` the
    closest decides whether the test is enforced; with neither, ``everywhere`` does.  Every
    mark is checked, so a bad one is a ``MarkerError`` whoever asks.
    """
    ours = [mark for mark in marks if mark.name in _OURS]
    if not ours:  # most tests: asked before each one, so answered without more work
        return Marked(base, everywhere)
    policy = base
    for mark in reversed(ours):
        if mark.name == SECURE_COOKIES:
            policy = _applied(mark, policy)
        else:
            _check_reason(mark)
    return Marked(policy, enforced=ours[0].name == SECURE_COOKIES)


def _applied(mark: Mark, policy: CookiePolicy) -> CookiePolicy:
    try:
        return policy_with(policy, *mark.args, **mark.kwargs)
    except (TypeError, ValueError) as exc:
        keywords = (f"{key}={value!r}" for key, value in mark.kwargs.items())
        written = ", ".join([*map(repr, mark.args), *keywords])
        raise MarkerError(f"bad @pytest.mark.{SECURE_COOKIES}({written}): {exc}") from None


def _check_reason(mark: Mark) -> None:
    reason = mark.kwargs.get("reason", mark.args[0] if mark.args else None)
    if not isinstance(reason, str) or not reason.strip() or len(mark.args) + len(mark.kwargs) > 1:
        raise MarkerError(
            f"@pytest.mark.{ALLOW_INSECURE_COOKIES} needs a reason: "
            f'@pytest.mark.{ALLOW_INSECURE_COOKIES}(reason="why this test may receive insecure '
            'cookies")'
        )

# The classification hook decides auth-likeness, and the app's own names are learned from the
# app: a marker keyword carries neither.
_NOT_MARKER_KEYWORDS = frozenset({"classifier", "app_names"})


@lru_cache(maxsize=1)
def marker_signature() -> inspect.Signature:
    """``secure_cookies(*, auth_names=..., samesite=..., ...)``: one keyword per policy field."""
    return inspect.Signature(
        [
            inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=_default(f))
            for f in dataclasses.fields(CookiePolicy)
            if f.name not in _NOT_MARKER_KEYWORDS
        ]
    )


def marker_signature_text() -> str:
    """The signature as ``pytest --markers`` shows it: the long name lists shown as ``...``."""
    shown = [
        p.replace(default=_Elided()) if isinstance(p.default, tuple) and len(p.default) > 3 else p
        for p in marker_signature().parameters.values()
    ]
    return str(inspect.Signature(shown))


class _Elided:
    def __repr__(self) -> str:
        return "..."


def _default(f: dataclasses.Field[Any]) -> Any:
    return inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default


def policy_with(policy: CookiePolicy, *args: Any, **kwargs: Any) -> CookiePolicy:
    """``policy`` with a ``secure_cookies`` marker's keywords applied (they replace the field).

    Raises ``TypeError``/``ValueError`` naming the bad keyword or value and what is accepted.
    """
    if not args and not kwargs:
        return policy  # a bare marker: the session's policy itself, with its cached judgements
    signature = marker_signature()
    try:
        bound = signature.bind_partial(*args, **kwargs)
    except TypeError as exc:
        accepted = ", ".join(signature.parameters)
        raise TypeError(f"{exc}; it accepts only the keywords {accepted}") from None
    changes = {
        name: _coerce(name, value, getattr(policy, name)) for name, value in bound.arguments.items()
    }
    return dataclasses.replace(policy, **changes)


def _coerce(name: str, value: Any, current: Any) -> Any:
    """Type checks the policy does not make itself; it validates names, SameSite, rule ids."""
    if isinstance(current, bool) and not isinstance(value, bool):
        raise TypeError(f"{name}= takes True or False, not {value!r}")
    if name == "max_lifetime":
        return _seconds(value)
    return value


def _seconds(value: Any) -> int | None:
    if isinstance(value, timedelta):
        value = int(value.total_seconds())
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise TypeError(f"max_lifetime= takes seconds (an int), a timedelta or None, not {value!r}")
