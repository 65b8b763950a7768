"""The hook a conftest implements to decide which cookies are auth-like.

Registered by ``plugin.py`` (``pytest_addhooks``).  The marker is pluggy's, the same object
as ``pytest.hookspec``, so this module does not import pytest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pluggy import HookspecMarker

if TYPE_CHECKING:
    from .judging.policy import Classification
    from .parsing.parser import SetCookie

hookspec = HookspecMarker("pytest")


@hookspec(firstresult=True)
def pytest_securecookie_classify(
    cookie: SetCookie, source: str | None
) -> str | bool | Classification | None:
    """Say whether ``cookie`` is auth-like, before the name lists and value shapes are asked.

    ``cookie`` is the parsed :class:`pytest_securecookie.SetCookie`; ``source`` is where it
    came from (``"POST http://localhost/login (flask)"``, the URL without query, fragment and
``user:password@``) or None.  Return ``"auth"``,
    ``"csrf"``, ``"ignored"`` or ``"other"`` (or ``True`` for ``"auth"``, ``False`` for
    ``"other"``, or a :class:`pytest_securecookie.Classification` with your own reason), or
    ``None`` to leave the decision to the policy.  The first non-None answer wins.  The
    ``secure_cookies_ignore_names`` list is applied before this hook.  Like any conftest hook,
    it is asked for the tests in its conftest's directory and below.
    """
