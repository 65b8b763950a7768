"""Plain helpers shared by the test modules: ``from tests._helpers import cookie, NOW``."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Any

from pytest_securecookie.capturing import clients as _clients
from pytest_securecookie.parsing.parser import SetCookie, ignore_reason, parse_set_cookie

# The fixed moment the rules judge at, so lifetimes and Expires dates give the same findings.
NOW = datetime(2026, 11, 22, 1, 0, tzinfo=timezone.utc)

_MISSING = object()


def cookie(line: str | bytes) -> SetCookie:
    """The parsed cookie of ``line``; fails the test if browsers would ignore the line."""
    parsed = parse_set_cookie(line)
    assert parsed is not None, (line, ignore_reason(line))
    return parsed


def patched_attributes() -> dict[tuple[str, str, str], object]:
    """Every attribute the adapters target in an imported module, as held by its owner now."""
    found: dict[tuple[str, str, str], object] = {}
    for target in _clients.TARGETS:
        owner: Any = sys.modules.get(target.module)
        for part in filter(None, target.owner.split(".")):
            owner = getattr(owner, part, None)
        if owner is not None:
            key = (target.module, target.owner, target.name)
            found[key] = vars(owner).get(target.name, _MISSING)
    return found


def is_our_wrapper(value: object) -> bool:
    """Whether ``value`` is a recording wrapper of ours (by the file its code lives in)."""
    code = getattr(value, "__code__", None)
    filename = getattr(code, "co_filename", "")
    return filename.endswith(("capturing/wrapping.py", "capturing/clients.py"))
