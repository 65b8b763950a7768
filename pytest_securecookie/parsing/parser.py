"""Parse one Set-Cookie line exactly as a browser does (RFC 6265bis §5.6; the attribute
loop is in ``parsing.attributes``, the cookie-date algorithm in ``parsing.dates``).

Standard library only: no I/O, no pytest, no HTTP client.  The quoted steps are from
draft-ietf-httpbis-rfc6265bis ("The Set-Cookie Header Field", "Storage Model").

It runs on every response of every test, so it is fast and linear on any input: what the
attributes after the first ";" derive is cached per text, ``expires`` is parsed on first
read, and a ``SetCookie`` is built by filling its ``__dict__``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .attributes import EXPIRES_TEXT, WSP, SameSite, octets, parse_attributes
from .dates import last_cookie_date
from .redaction import hide_value, value_placeholder

_UTC = timezone.utc
_MAX_NAME_VALUE_OCTETS = 4096
# "%x00-08 / %x0A-1F / %x7F": every CTL except HTAB.
_CTL_CHARS = "".join(map(chr, [*range(0x00, 0x09), *range(0x0A, 0x20), 0x7F]))
_CTL_BYTES = _CTL_CHARS.encode("ascii")
_find_ctl = re.compile(f"[{re.escape(_CTL_CHARS)}]").search


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

    def __repr__(self) -> str:
        shown = [f"name={self.name!r}", f"value={value_placeholder(self.value)}"]
        shown += [f"{field}={hide_value(getattr(self, field), self.value)!r}"
                  for field in _REPR_FIELDS]
        return f"SetCookie({', '.join(shown)})"

    def _redacted_lines(self) -> tuple[str, ...]:
        """The lines whose values an explanation showing this cookie must hide (see
        ``reporting.comparisons``): the raw line, and name=value should the two differ."""
        return (self.raw, f"{self.name}={self.value}")

    @property
    def prefix(self) -> str | None:
        """``"__Secure-"``, ``"__Host-"`` or None, matched case-insensitively as browsers do."""
        head = self.name[:9].lower()
        if head == "__secure-":
            return "__Secure-"
        if head.startswith("__host-"):
            return "__Host-"
        return None

    @property
    def is_deletion(self) -> bool:
        """True when a browser receiving the line now deletes the cookie."""
        return self.is_deletion_at(datetime.now(_UTC))

    def is_deletion_at(self, now: datetime) -> bool:
        """True when the line deletes the cookie at ``now`` (a naive ``now`` is taken as UTC).

        Max-Age beats Expires ("If the cookie-attribute-list contains an attribute with an
        attribute-name of "Max-Age" ...  Otherwise, if [it] contains an attribute with an
        attribute-name of "Expires"..."), so ``Expires=<past>; Max-Age=60`` is no deletion.
        """
        seconds = lifetime_seconds(self, now)
        return seconds is not None and seconds <= 0


def lifetime_seconds(cookie: SetCookie, now: datetime) -> float | None:
    """Seconds ``cookie`` lives from ``now`` (<= 0: the line deletes it), None for a session
    cookie.  Max-Age beats Expires; a naive ``now`` is taken as UTC."""
    if cookie.max_age is not None:
        return cookie.max_age
    expires = cookie.expires
    if expires is None:
        return None
    return (expires - (now if now.tzinfo is not None else now.replace(tzinfo=_UTC))).total_seconds()


_REPR_FIELDS = (
    "secure", "httponly", "samesite", "samesite_raw", "path", "domain", "max_age",
    "expires", "partitioned", "unknown_attributes", "oversized_attributes",
)


class _LazyExpires:
    """``SetCookie.expires`` of a parsed line: its Expires texts are parsed on first read.

    A non-data descriptor, so a value in the instance ``__dict__`` wins over it: that of
    every ``SetCookie(...)`` built by ``__init__``, and of a parsed one once read.
    """

    def __get__(self, cookie: SetCookie | None, owner: type | None = None) -> datetime | None:
        if cookie is None:
            return None  # the class attribute: the dataclass default
        state = cookie.__dict__
        texts = state.get(EXPIRES_TEXT)  # absent from most lines: no date to parse
        expires = last_cookie_date(texts) if texts else None
        state["expires"] = expires
        return expires


setattr(SetCookie, "expires", _LazyExpires())  # noqa: B010 - mypy keeps the field's type


def decode_line(line: str | bytes) -> str:
    """UTF-8, as browsers read cookie octets; bytes that are not UTF-8 fall back to
    latin-1, which maps every byte to one character, so nothing is lost or raises."""
    if isinstance(line, str):
        return line
    if isinstance(line, (bytes, bytearray, memoryview)):
        data = bytes(line)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    raise TypeError(f"expected a Set-Cookie line as str or bytes, got {type(line).__name__}")


def _has_ctl(text: str) -> bool:
    if text.isascii():  # O(1); then a C-speed byte scan beats the regex
        data = text.encode("ascii")
        return len(data.translate(None, _CTL_BYTES)) != len(data)
    return _find_ctl(text) is not None


def ignore_reason(line: str | bytes) -> str | None:
    """Why a browser ignores this whole Set-Cookie line, in a user's words; None if kept.

    Agrees exactly with ``parse_set_cookie(line) is None``.
    """
    text = decode_line(line)
    # "If the set-cookie-string contains a %x00-08 / %x0A-1F / %x7F character (CTL
    #  characters excluding HTAB): Abort these steps and ignore the set-cookie-string
    #  entirely."
    ctl = _find_ctl(text)
    if ctl is not None:
        return f"contains a control character (0x{ord(ctl.group()):02X})"
    name, eq, value = text.partition(";")[0].partition("=")
    name, value = (name.strip(WSP), value.strip(WSP)) if eq else ("", name.strip(WSP))
    # Storage model: "If cookie-name is empty and cookie-value is empty, abort these
    # steps and ignore the cookie entirely."
    if not name and not value:
        return "has neither a name nor a value"
    # "If the sum of the lengths of the name string and the value string is more than
    #  4096 octets, abort these steps and ignore the set-cookie-string entirely."
    size = octets(name) + octets(value)
    if size > _MAX_NAME_VALUE_OCTETS:
        return (
            f"name and value together are {size} octets, "
            f"over the {_MAX_NAME_VALUE_OCTETS} browsers accept"
        )
    return None


def parse_set_cookie(line: str | bytes) -> SetCookie | None:
    """Parse one Set-Cookie field value as RFC 6265bis does; None when a browser ignores it.

    ``bytes`` are decoded as UTF-8, or latin-1 when they are not valid UTF-8.  Never
    raises on ``str``/``bytes``; anything else is a ``TypeError``.  One function for
    speed; the checks are those of :func:`ignore_reason`, in their fast form.
    """
    if line.__class__ is not str:
        line = decode_line(line)
    # "The name-value-pair string consists of the characters up to, but not including,
    #  the first %x3B (";"), and the unparsed-attributes consist of the remainder"
    pair, _, tail = line.partition(";")
    attributes = _TAILS.get(tail) if tail else _NO_ATTRIBUTES
    if attributes is None:
        attributes = _parse_tail(tail)
        if attributes is None:
            return None  # a CTL in the tail
    # isprintable is the fastest scan of a short pair (but False on HTAB); the byte scan of
    # _has_ctl is three times faster per character on a long one.
    size = len(pair)
    if size < 100:
        if not pair.isprintable() and _has_ctl(pair):
            return None
    elif _has_ctl(pair):
        return None
    # "If the name-value-pair string lacks a %x3D ("=") character, then the name string
    #  is empty, and the value string is the value of name-value-pair.  Otherwise, the
    #  name string consists of the characters up to, but not including, the first %x3D
    #  ("=") character, and the (possibly empty) value string consists of the characters
    #  after the first %x3D ("=") character."  "Remove any leading or trailing WSP
    #  characters from the name string and the value string."
    name, eq, value = pair.partition("=")
    if eq:
        name = name.strip(WSP)
        value = value.strip(WSP)
    else:
        name, value = "", name.strip(WSP)
    if not name and not value:
        return None
    # A character is at most 4 UTF-8 octets: only a long pair needs counting.
    if size > 1024 and octets(name) + octets(value) > _MAX_NAME_VALUE_OCTETS:
        return None
    cookie = _new_instance(SetCookie)
    state = cookie.__dict__  # fields absent from it read their default from the class
    if attributes:
        state.update(attributes)  # first: into an empty dict, update is a fast copy
    state["name"] = name
    state["value"] = value
    state["raw"] = line
    return cookie


_new_instance = object.__new__
_NO_ATTRIBUTES: dict[str, Any] = {}
# What each tail (the text after a line's first ";") derives.  Shared by threads without a
# lock: an entry depends on its tail alone and never changes once stored.
_TAILS: dict[str, dict[str, Any]] = {}
_TAILS_SIZE = 1024
_TAIL_CACHED_LENGTH = 512


def _parse_tail(tail: str) -> dict[str, Any] | None:
    """What the unparsed-attributes derive (None if they hold a CTL), cached if short."""
    if _has_ctl(tail):
        return None
    found: dict[str, Any] = {}
    if tail:
        parse_attributes(tail.split(";"), found)
    if len(tail) <= _TAIL_CACHED_LENGTH:
        if len(_TAILS) >= _TAILS_SIZE:
            _TAILS.clear()  # a test suite has far fewer distinct tails; this bounds memory
        _TAILS[tail] = found
    return found
