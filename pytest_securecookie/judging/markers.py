"""The ``secure_cookies`` marker's keywords: its signature, and a policy with them applied.

Pure: no pytest.  The keywords are the fields of ``CookiePolicy``, so the marker can never
drift from the policy; a typo fails through ``inspect.Signature.bind`` at the user's marker.
"""

from __future__ import annotations

import dataclasses
import inspect
from datetime import timedelta
from functools import lru_cache
from typing import Any

from .policy import CookiePolicy

# The classification hook decides auth-likeness; a marker keyword cannot carry a conftest hook.
_NOT_MARKER_KEYWORDS = frozenset({"classifier"})


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
