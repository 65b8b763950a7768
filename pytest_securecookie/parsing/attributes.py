"""The unparsed-attributes algorithm of RFC 6265bis ("The Set-Cookie Header Field" and
its attribute subsections): what a Set-Cookie line's attributes derive.

Standard library only.  ``parse_attributes`` fills a dict with the ``SetCookie`` fields
that differ from their defaults; ``parsing.parser`` builds the cookie from it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from typing import Any, Literal

SameSite = Literal["Strict", "Lax", "None"]

WSP = " \t"
EXPIRES_TEXT = "_expires_text"  # where a parsed line keeps its Expires texts until read
MAX_ATTRIBUTE_VALUE_OCTETS = 1024


def octets(text: str) -> int:
    """Length of ``text`` in UTF-8 octets (a lone surrogate counts as its 3 octets)."""
    if text.isascii():  # O(1)
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


def parse_attributes(cookie_avs: list[str], found: dict[str, Any]) -> None:
    """The unparsed-attributes loop, over the cookie-av strings between the ";"s.

    One function for speed: this loop is the hot path of an uncached tail.
    """
    common = _COMMON_AV.get
    noted = False
    for cookie_av in cookie_avs:
        derived = common(cookie_av)
        if derived is not None:  # a frequent spelling, derived once at import (below)
            found.update(derived)
            continue
        # "If the cookie-av string contains a %x3D ("=") character: The (possibly empty)
        #  attribute-name string consists of the characters up to, but not including, the
        #  first %x3D ("=") character, and the (possibly empty) attribute-value string
        #  consists of the characters after the first %x3D ("=") character."  "Remove any
        #  leading or trailing WSP characters from the attribute-name string and the
        #  attribute-value string."
        attr_name, _, attr_value = cookie_av.partition("=")
        canonical = _CANONICAL.get(attr_name)  # " Expires", " max-age" ... as written
        if canonical is None:
            attr_name = attr_name.strip(WSP)
            canonical = _CANONICAL.get(attr_name.lower())
        if canonical is None:
            if attr_name and attr_name.lower() not in _KNOWN_IGNORED:
                _note(found, "unknown_attributes", attr_name)
                noted = True
            continue
        attr_value = attr_value.strip(WSP)
        # "If the attribute-value is longer than 1024 octets, ignore the cookie-av string
        #  and return to Step 1 of this algorithm."
        if len(attr_value) > 256 and octets(attr_value) > MAX_ATTRIBUTE_VALUE_OCTETS:
            _note(found, "oversized_attributes", canonical)
            noted = True
            continue
        _APPLY[canonical](attr_value, found)
    if noted:  # lists while collecting (linear time), tuples in the result
        for key in ("unknown_attributes", "oversized_attributes"):
            if key in found:
                found[key] = tuple(found[key])


def expires_blanked(tail: str) -> str:
    """``tail`` (the unparsed-attributes) with the value of each Expires attribute left out,
    its name kept in place: what the attributes say when Max-Age, which beats Expires, decides
    the lifetime.  (An oversized Expires leaves a trace in ``oversized_attributes`` instead.)"""
    return _EXPIRES_VALUE.sub(_name_part, tail)


# A cookie-av whose name is "expires" once WSP is stripped and ASCII letters are lowered (no
# other character lowers to one of its letters), and its value, up to the next ";".
_EXPIRES_VALUE = re.compile(r"((?:^|(?<=;))[ \t]*expires[ \t]*=)[^;]*", re.ASCII | re.IGNORECASE)
_name_part = operator.itemgetter(1)  # a match's first group, without a Python-level call


def _note(found: dict[str, Any], key: str, item: str) -> None:
    """Collect ``item`` in a list under ``key`` (appending keeps a long line linear)."""
    items = found.get(key)
    if items is None:
        found[key] = [item]
    else:
        items.append(item)


def _expires(value: str, found: dict[str, Any]) -> None:
    # "Let the expiry-time be the result of parsing the attribute-value as cookie-date.
    #  If the attribute-value failed to parse as a cookie date, ignore the cookie-av."
    # Parsed when ``expires`` is first read; every text is kept, the last that parses
    # wins.  Deliberate deviation: the 400-day cap ("If the expiry-time is more than
    # cookie-age-limit, the user agent MUST set the expiry time to cookie-age-limit")
    # depends on the moment of storage, so the date stays as written and the policy
    # compares it with the cap (SC010).
    texts = found.get(EXPIRES_TEXT)
    if texts is None:
        found[EXPIRES_TEXT] = [value]  # private, never changed once the loop is done
    else:
        texts.append(value)


def _max_age(value: str, found: dict[str, Any]) -> None:
    # "If the first character of the attribute-value is not a DIGIT or a "-" character,
    #  ignore the cookie-av.  If the remainder of attribute-value contains a non-DIGIT
    #  character, ignore the cookie-av."  (An empty value or a lone "-" has no number.)
    # Deliberate deviation: the number stays as written, not capped at 400 days, so the
    # policy can report a lifetime over the cap; a value <= 0 still means "delete".
    digits = value[1:] if value[:1] == "-" else value
    if digits.isascii() and digits.isdigit():
        found["max_age"] = int(value)  # at most 1024 digits: int() stays cheap


def _domain(value: str, found: dict[str, Any]) -> None:
    # "Let cookie-domain be the attribute-value.  If cookie-domain starts with %x2E ("."),
    #  let cookie-domain be cookie-domain without its leading %x2E (".").  Convert the
    #  cookie-domain to lower case."  The last Domain wins; an empty one leaves the
    #  cookie host-only (storage model), which is None here.
    domain = value[1:] if value[:1] == "." else value
    found["domain"] = domain.lower() or None


def _path(value: str, found: dict[str, Any]) -> None:
    # "If the attribute-value is empty or if the first character of the attribute-value
    #  is not %x2F ("/"): Let cookie-path be the default-path."  (None here.)
    found["path"] = value if value[:1] == "/" else None


def _flag(key: str) -> Callable[[str, dict[str, Any]], None]:
    # Secure, HttpOnly: "append an attribute to the cookie-attribute-list with an
    # attribute-name of Secure and an empty attribute-value" -- whatever was written.
    # Partitioned (CHIPS) likewise.
    def apply(value: str, found: dict[str, Any]) -> None:
        found[key] = True

    return apply


def _samesite(value: str, found: dict[str, Any]) -> None:
    # "Let enforcement be "Default".  If cookie-av's attribute-value is a case-insensitive
    #  match for "None", set enforcement to "None".  [... "Strict" ..., "Lax" ...]"
    # "Default" is None here; the text as written stays in samesite_raw (for SC004).
    found["samesite"] = canonical_samesite(value)
    found["samesite_raw"] = value


# The SameSite values browsers know, strictest first: the one table of their spellings.
SAMESITE_VALUES: tuple[SameSite, ...] = ("Strict", "Lax", "None")
_SAMESITE: dict[str, SameSite] = {value.lower(): value for value in SAMESITE_VALUES}


def canonical_samesite(written: str) -> SameSite | None:
    """``Strict``, ``Lax`` or ``None`` for a case-insensitive match of ``written``, else None."""
    return _SAMESITE.get(written.lower())


_APPLY: dict[str, Callable[[str, dict[str, Any]], None]] = {
    "Expires": _expires, "Max-Age": _max_age, "Domain": _domain, "Path": _path,
    "Secure": _flag("secure"), "HttpOnly": _flag("httponly"), "SameSite": _samesite,
    "Partitioned": _flag("partitioned"),
}
_CANONICAL = {
    spelled: name
    for name in _APPLY
    for spelled in (name.lower(), name, " " + name, " " + name.lower())
}
# Known to a browser but nothing this plugin judges (Chrome's "Priority"): not a
# misspelling, so not reported as unknown.
_KNOWN_IGNORED = frozenset({"priority"})
# The attributes whose value browsers read (lower case): any other attribute's value is
# ignored, so a report shows it redacted (it may be a second cookie packed into the line).
VALUED_ATTRIBUTES = frozenset({"expires", "max-age", "domain", "path", "samesite", *_KNOWN_IGNORED})
_COMMON_SPELLINGS = {
    "Secure": (), "HttpOnly": (), "Partitioned": (), "Path": ("/",),
    "SameSite": ("Lax", "Strict", "None", "lax", "strict", "none"),
}


def _derive_common_av() -> dict[str, dict[str, Any]]:
    """What the general loop derives from frequent cookie-av spellings, computed by that
    loop itself, so the shortcut cannot disagree with the algorithm."""
    table: dict[str, dict[str, Any]] = {}
    for name, values in _COMMON_SPELLINGS.items():
        for spelled in (name, name.lower()):
            texts = [f"{spelled}={value}" for value in values] if values else [spelled]
            for cookie_av in (*texts, *(" " + text for text in texts)):
                derived: dict[str, Any] = {}
                parse_attributes([cookie_av], derived)
                table[cookie_av] = derived
    return table


_COMMON_AV: dict[str, dict[str, Any]] = {}
_COMMON_AV = _derive_common_av()
