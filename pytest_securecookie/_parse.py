"""Parse one Set-Cookie line exactly as a browser does (RFC 6265bis §5.6, dates §5.1.1).

Standard library only: no I/O, no pytest, no HTTP client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

SameSite = Literal["Strict", "Lax", "None"]


@dataclass(frozen=True, repr=False)
class SetCookie:
    """One parsed Set-Cookie line: what a browser derives from it.

    ``repr`` never shows the value (nor the raw line, which contains it).
    """

    name: str
    value: str
    secure: bool = False
    httponly: bool = False
    samesite: SameSite | None = None
    samesite_raw: str | None = None
    path: str | None = None
    domain: str | None = None
    max_age: int | None = None
    expires: datetime | None = None
    partitioned: bool = False
    raw: str = ""
    # Names (as written) of attributes a browser ignores because it does not know them:
    # the evidence for SC012 ("did you mean ...").  Never their values.
    unknown_attributes: tuple[str, ...] = field(default=())
    # Names (canonical) of attributes whose value was over 1024 octets and so ignored (SC011).
    oversized_attributes: tuple[str, ...] = field(default=())


def parse_set_cookie(line: str | bytes) -> SetCookie | None:
    raise NotImplementedError
