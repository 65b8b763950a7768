"""Read the raw Set-Cookie lines out of any test client's response (no parsing, no judging)."""

from __future__ import annotations

from datetime import datetime

from ._parse import SetCookie


def read_lines(response: object, *, history: bool = True) -> list[str]:
    """The raw Set-Cookie lines of ``response`` in order; with ``history``, redirect hops first."""
    raise NotImplementedError


def set_cookie_headers(response: object) -> list[str]:
    return read_lines(response)


def set_cookies(response: object) -> list[SetCookie]:
    raise NotImplementedError


def response_date(response: object) -> datetime | None:
    """The response's ``Date`` header as an aware UTC datetime, when the kind exposes it."""
    raise NotImplementedError
