"""Parse one Set-Cookie line exactly as a browser does (RFC 6265bis §5.6, dates §5.1.1).

Standard library only: no I/O, no pytest, no HTTP client.

The quoted steps are from draft-ietf-httpbis-rfc6265bis (§5.6 "The Set-Cookie Header
Field", §5.1.1 "Dates").  Every input runs in linear time: the line is split once on ";"
and once per attribute on "=", and no regular expression here can backtrack beyond a
fixed number of characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Literal

SameSite = Literal["Strict", "Lax", "None"]

# §5.6 step 1: "%x00-08 / %x0A-1F / %x7F" -- every CTL except HTAB.
_CTL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_WSP = " \t"
_MAX_NAME_VALUE_OCTETS = 4096
_MAX_ATTRIBUTE_VALUE_OCTETS = 1024
_SAMESITE: dict[str, SameSite] = {"strict": "Strict", "lax": "Lax", "none": "None"}
_UTC = timezone.utc


def _octets(text: str) -> int:
    """Length of ``text`` in UTF-8 octets (lone surrogates count as their 3 octets)."""
    return len(text.encode("utf-8", "surrogatepass"))


def _over(text: str, limit: int) -> bool:
    # A character is at most 4 UTF-8 octets: only long strings need encoding.
    return len(text) * 4 > limit and _octets(text) > limit


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
        shown = [f"name={self.name!r}", f"value=<redacted {len(self.value)} chars>"]
        for name in _REPR_FIELDS:
            shown.append(f"{name}={getattr(self, name)!r}")
        return f"SetCookie({', '.join(shown)})"

    @property
    def prefix(self) -> str | None:
        """``"__Secure-"``, ``"__Host-"`` or None; matched case-insensitively (§4.1.3)."""
        head = self.name[:9].lower()
        if head == "__secure-":
            return "__Secure-"
        if head.startswith("__host-"):
            return "__Host-"
        return None

    @property
    def is_deletion(self) -> bool:
        """True when a browser would delete the cookie now (Max-Age <= 0 or Expires past)."""
        return self.is_deletion_at(datetime.now(_UTC))

    def is_deletion_at(self, now: datetime) -> bool:
        """True when the line deletes the cookie at ``now`` (naive ``now`` is taken as UTC).

        Max-Age beats Expires (§5.7), so ``Expires=<past>; Max-Age=60`` is not a deletion.
        """
        if self.max_age is not None:
            return self.max_age <= 0
        expires = self.expires
        if expires is None:
            return False
        if now.tzinfo is None:
            now = now.replace(tzinfo=_UTC)
        return expires <= now


_REPR_FIELDS = (
    "secure", "httponly", "samesite", "samesite_raw", "path", "domain", "max_age",
    "expires", "partitioned", "unknown_attributes", "oversized_attributes",
)


def _decode(line: str | bytes) -> str:
    """UTF-8 (what browsers assume for cookie octets), latin-1 for invalid UTF-8 (lossless)."""
    if isinstance(line, str):
        return line
    if isinstance(line, (bytes, bytearray, memoryview)):
        data = bytes(line)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data.decode("latin-1")
    raise TypeError(
        f"parse_set_cookie() accepts str or bytes (one Set-Cookie line), "
        f"got {type(line).__name__}"
    )


def _split_name_value(line: str) -> tuple[str, str, str]:
    """§5.6 steps 2-4: (name, value, unparsed-attributes)."""
    # "If the set-cookie-string contains a %x3B (";") character: The name-value-pair
    #  string consists of the characters up to, but not including, the first %x3B
    #  (";"), and the unparsed-attributes consist of the remainder ..."
    pair, _, attributes = line.partition(";")  # attributes: after the ";"
    # "If the name-value-pair string lacks a %x3D ("=") character, then the name string
    #  is empty, and the value string is the value of name-value-pair."
    name, eq, value = pair.partition("=")
    if not eq:
        name, value = "", name
    # "Remove any leading or trailing WSP characters from the name string and the value
    #  string."
    return name.strip(_WSP), value.strip(_WSP), attributes


def _reject_reason(name: str, value: str, line: str) -> str | None:
    """Why §5.6 aborts and ignores the set-cookie-string entirely, or None."""
    # "If the set-cookie-string contains a %x00-08 / %x0A-1F / %x7F character (CTL
    #  characters excluding HTAB): Abort these steps and ignore the set-cookie-string
    #  entirely."
    ctl = _CTL.search(line)
    if ctl is not None:
        return f"contains a control character (0x{ord(ctl.group()):02X})"
    # "If both the name string and the value string are empty, abort these steps and
    #  ignore the set-cookie-string entirely."
    if not name and not value:
        return "has neither a name nor a value"
    # "If the sum of the lengths of the name string and the value string is more than
    #  4096 octets, abort these steps and ignore the set-cookie-string entirely."
    if _over(name + value, _MAX_NAME_VALUE_OCTETS):
        size = _octets(name) + _octets(value)
        return (
            f"name and value together are {size} octets, over the "
            f"{_MAX_NAME_VALUE_OCTETS} browsers accept"
        )
    return None


def ignore_reason(line: str | bytes) -> str | None:
    """Why a browser ignores this whole Set-Cookie line, in a user's words; None if kept.

    Agrees exactly with ``parse_set_cookie(line) is None``.
    """
    text = _decode(line)
    name, value, _ = _split_name_value(text)
    return _reject_reason(name, value, text)


def parse_set_cookie(line: str | bytes) -> SetCookie | None:
    """Parse one Set-Cookie field value as RFC 6265bis §5.6 does; None if ignored.

    ``bytes`` are decoded as UTF-8, or as latin-1 when they are not valid UTF-8.
    Never raises on ``str``/``bytes``; anything else is a ``TypeError``.
    """
    text = _decode(line)
    name, value, attributes = _split_name_value(text)
    if _reject_reason(name, value, text) is not None:
        return None
    found: dict[str, Any] = {"name": name, "value": value, "raw": text}
    if attributes:
        _parse_attributes(attributes, found)
    return SetCookie(**found)


# -- attributes -------------------------------------------------------------------------


def _parse_attributes(attributes: str, found: dict[str, Any]) -> None:
    """§5.6 "unparsed-attributes" loop, writing what it derives into ``found``."""
    unknown: list[str] = []
    oversized: list[str] = []
    # "Consume the characters of the unparsed-attributes up to, but not including, the
    #  first %x3B (";") character ..."
    for cookie_av in attributes.split(";"):
        # "If the cookie-av string contains a %x3D ("=") character: The (possibly empty)
        #  attribute-name string consists of the characters up to, but not including,
        #  the first %x3D ("=") character, and the (possibly empty) attribute-value
        #  string consists of the characters after the first %x3D ("=") character."
        raw_name, _, raw_value = cookie_av.partition("=")
        # "Remove any leading or trailing WSP characters from the attribute-name string
        #  and the attribute-value string."
        attr_name = raw_name.strip(_WSP)
        key = attr_name.lower()
        handler = _HANDLERS.get(key)
        if handler is None:
            if attr_name and key not in _KNOWN_IGNORED:
                unknown.append(attr_name)
            continue
        attr_value = raw_value.strip(_WSP)
        # "If the attribute-value contains more than 1024 octets, ignore the cookie-av
        #  string and return to Step 1 of this algorithm."
        if _over(attr_value, _MAX_ATTRIBUTE_VALUE_OCTETS):
            oversized.append(_CANONICAL[key])
            continue
        handler(attr_value, found)
    if unknown:
        found["unknown_attributes"] = tuple(unknown)
    if oversized:
        found["oversized_attributes"] = tuple(oversized)


def _expires(value: str, found: dict[str, Any]) -> None:
    # §5.6.1: "Let the expiry-time be the result of parsing the attribute-value as
    # cookie-date (see Section 5.1.1).  If the attribute-value failed to parse as a cookie
    # date, ignore the cookie-av."  (The 400-day cap depends on the time of storage, so
    # the date is kept as written; policy code compares it with the cap.)
    expiry = parse_cookie_date(value)
    if expiry is not None:
        found["expires"] = expiry


def _max_age(value: str, found: dict[str, Any]) -> None:
    # §5.6.2: "If the attribute-value is empty, ignore the cookie-av.  If the first
    # character of the attribute-value is neither a DIGIT, nor a "-" character followed
    # by a DIGIT, ignore the cookie-av.  If the remainder of attribute-value contains a
    # non-DIGIT character, ignore the cookie-av."  The 400-day cap applies to the expiry
    # time a browser computes, not to the number: it is kept as written so that the
    # policy can report a lifetime over the cap.
    digits = value[1:] if value[:1] == "-" else value
    if digits and digits.isascii() and digits.isdigit():
        found["max_age"] = int(value)


def _domain(value: str, found: dict[str, Any]) -> None:
    # §5.6.3: "If the first character of the attribute-value string is %x2E ("."): Let
    # cookie-domain be the attribute-value without the leading %x2E (".") character.
    # ... Convert the cookie-domain to lower case."  An empty Domain (the last one wins)
    # leaves the cookie host-only (§5.7), which is None here.
    domain = value[1:] if value[:1] == "." else value
    found["domain"] = domain.lower() or None


def _path(value: str, found: dict[str, Any]) -> None:
    # §5.6.4: "If the attribute-value is empty or if the first character of the
    # attribute-value is not %x2F ("/"): Let cookie-path be the default-path."
    found["path"] = value if value[:1] == "/" else None


def _secure(value: str, found: dict[str, Any]) -> None:
    # §5.6.5: "Append an attribute to the cookie-attribute-list with an attribute-name
    # of Secure and an empty attribute-value."  (Whatever value was written.)
    found["secure"] = True


def _httponly(value: str, found: dict[str, Any]) -> None:
    # §5.6.6: "... an attribute-name of HttpOnly and an empty attribute-value."
    found["httponly"] = True


def _samesite(value: str, found: dict[str, Any]) -> None:
    # §5.6.7: "Let enforcement be "Default".  If cookie-av's attribute-value is a
    # case-insensitive match for "None", set enforcement to "None".  If ... "Strict"
    # ... "Lax" ..."  "Default" is None here; the text is kept for SC004.
    found["samesite"] = _SAMESITE.get(value.lower())
    found["samesite_raw"] = value


def _partitioned(value: str, found: dict[str, Any]) -> None:
    # CHIPS (draft-cutler-httpbis-partitioned-cookies): "Partitioned" with any value.
    found["partitioned"] = True


_HANDLERS = {
    "expires": _expires,
    "max-age": _max_age,
    "domain": _domain,
    "path": _path,
    "secure": _secure,
    "httponly": _httponly,
    "samesite": _samesite,
    "partitioned": _partitioned,
}
_CANONICAL = {
    "expires": "Expires", "max-age": "Max-Age", "domain": "Domain", "path": "Path",
    "secure": "Secure", "httponly": "HttpOnly", "samesite": "SameSite",
    "partitioned": "Partitioned",
}
# Attributes a browser knows but that carry nothing this plugin judges: Chrome's
# "Priority".  They are not misspellings, so they are not reported as unknown.
_KNOWN_IGNORED = frozenset({"priority"})


# -- §5.1.1 cookie-date -----------------------------------------------------------------

# "delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E"; a date-token is a run of
# anything else (non-delimiters include every character above %x7E).
_DATE_TOKEN = re.compile("[^\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+")
# "time = hms-time [ non-digit *OCTET ]", "hms-time = time-field ":" time-field ":"
#  time-field", "time-field = 1*2DIGIT"
_TIME = re.compile("([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?![0-9])")
# "day-of-month = 1*2DIGIT [ non-digit *OCTET ]"
_DAY = re.compile("([0-9]{1,2})(?![0-9])")
# "year = 2*4DIGIT [ non-digit *OCTET ]"
_YEAR = re.compile("([0-9]{2,4})(?![0-9])")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}


def parse_cookie_date(text: str) -> datetime | None:
    """§5.1.1: the cookie-date as an aware UTC datetime, or None when it fails to parse."""
    time: tuple[int, int, int] | None = None
    day = month = year = None
    # "Process each date-token sequentially in the order the date-tokens appear in the
    #  cookie-date", each sub-step only while its found-flag is not set.
    for token in _DATE_TOKEN.findall(text):
        if time is None and (m := _TIME.match(token)) is not None:
            time = (int(m[1]), int(m[2]), int(m[3]))
        elif day is None and (m := _DAY.match(token)) is not None:
            day = int(m[1])
        elif month is None and token[:3].lower() in _MONTHS:
            month = _MONTHS[token[:3].lower()]
        elif year is None and (m := _YEAR.match(token)) is not None:
            year = int(m[1])
    if time is None or day is None or month is None or year is None:
        return None
    return _valid_date(year, month, day, time)


def _valid_date(year: int, month: int, day: int, time: tuple[int, int, int]) -> datetime | None:
    # "If the year-value is greater than or equal to 70 and less than or equal to 99,
    #  increment the year-value by 1900.  If the year-value is greater than or equal to 0
    #  and less than or equal to 69, increment the year-value by 2000."
    if 70 <= year <= 99:
        year += 1900
    elif year <= 69:
        year += 2000
    hour, minute, second = time
    # "Abort these steps and fail to parse the cookie-date if: ... the day-of-month-value
    #  is less than 1 or greater than 31, the year-value is less than 1601, the
    #  hour-value is greater than 23, the minute-value is greater than 59, or the
    #  second-value is greater than 59."
    if not 1 <= day <= 31 or year < 1601 or hour > 23 or minute > 59 or second > 59:
        return None
    # "If no such date exists, abort these steps and fail to parse the cookie-date."
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_UTC)
    except ValueError:
        return None
