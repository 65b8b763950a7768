"""Dates: the cookie-date algorithm of RFC 6265bis ("Dates", §5.1.1), used for ``Expires``,
and the response's ``Date`` header, read as an HTTP date.

Standard library only.  Linear time: the date-tokens come from one ``findall`` whose
pattern cannot backtrack, and each token is matched by patterns that look at no more
than its first nine characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timezone
from functools import lru_cache

# "delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E"; "date-token =
#  1*non-delimiter" (every character above %x7E is a non-delimiter).
_date_tokens = re.compile("[^\x09\x20-\x2f\x3b-\x40\x5b-\x60\x7b-\x7e]+").findall
# "time = hms-time [ non-digit *OCTET ]", "hms-time = time-field ":" time-field ":"
#  time-field", "time-field = 1*2DIGIT"
_match_time = re.compile("([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(?![0-9])").match
# "day-of-month = 1*2DIGIT [ non-digit *OCTET ]"
_match_day = re.compile("[0-9]{1,2}(?![0-9])").match
# "year = 2*4DIGIT [ non-digit *OCTET ]"
_match_year = re.compile("[0-9]{2,4}(?![0-9])").match
# "month = ( "jan" / "feb" / ... / "dec" ) *OCTET"  (ABNF strings are case-insensitive)
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}


def last_cookie_date(texts: Iterable[str]) -> datetime | None:
    """The date of the last Expires text that parses: a later unparseable one is
    ignored ("If the attribute-value failed to parse as a cookie date, ignore the
    cookie-av"), a later parseable one overrides the earlier."""
    for text in reversed(list(texts)):
        expiry = parse_cookie_date(text)
        if expiry is not None:
            return expiry
    return None


def parse_cookie_date(text: str) -> datetime | None:
    """Parse a cookie-date; an aware UTC datetime, or None when it "fails to parse"."""
    time = day = month = year = None
    # "Process each date-token sequentially in the order the date-tokens appear in the
    #  cookie-date", each step only while its found-flag is not set, and "Skip the
    #  remaining sub-steps and continue to the next date-token" once one matched.
    for token in _date_tokens(text):
        if time is None and (hms := _match_time(token)) is not None:
            time = (int(hms[1]), int(hms[2]), int(hms[3]))
        elif day is None and (digits := _match_day(token)) is not None:
            day = int(digits[0])
        elif month is None and token[:3].lower() in _MONTHS:
            month = _MONTHS[token[:3].lower()]
        elif year is None and (digits := _match_year(token)) is not None:
            year = int(digits[0])
    # "Abort these steps and fail to parse the cookie-date if: at least one of the
    #  found-day-of-month, found-month, found-year, or found-time flags is not set"
    if time is None or day is None or month is None or year is None:
        return None
    return _valid_date(year, month, day, *time)


def _valid_date(
    year: int, month: int, day: int, hour: int, minute: int, second: int
) -> datetime | None:
    # "If the year-value is greater than or equal to 70 and less than or equal to 99,
    #  increment the year-value by 1900.  If the year-value is greater than or equal to 0
    #  and less than or equal to 69, increment the year-value by 2000."
    if year <= 99:
        year += 1900 if year >= 70 else 2000
    # "... the day-of-month-value is less than 1 or greater than 31, the year-value is
    #  less than 1601, the hour-value is greater than 23, the minute-value is greater
    #  than 59, or the second-value is greater than 59."
    if not 1 <= day <= 31 or year < 1601 or hour > 23 or minute > 59 or second > 59:
        return None
    # "Let the parsed-cookie-date be the date whose day-of-month, month, year, hour,
    #  minute, and second (in UTC) are [those values].  If no such date exists, abort
    #  these steps and fail to parse the cookie-date."
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except ValueError:
        return None


def parse_http_date(value: object) -> datetime | None:
    """A ``Date`` header value as an aware UTC datetime; None when absent or unreadable."""
    return _http_date(value) if isinstance(value, str) and value else None


@lru_cache(maxsize=64)  # responses of the same second share one Date
def _http_date(value: str) -> datetime | None:
    from email.utils import parsedate_to_datetime  # loaded by pytest anyway; not by a parse

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:  # "-0000" means UTC without a claim of locality (RFC 5322)
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
