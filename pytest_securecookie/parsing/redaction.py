"""Redaction: every form in which a cookie may be shown, with its value hidden.

The one place that knows how to hide a value: a Set-Cookie line is shown only through
:func:`redact_line`, the forms a value may take are decided by :func:`value_forms`, attribute
text is hidden of the cookie's value with :func:`hide_value`, other text (messages, URLs, report
data) is scrubbed of a line's value with :func:`scrub`, a request URL is shown through
:func:`shown_url`, a line the plugin keeps is a :class:`RawLine` (its ``repr`` is redacted), and
control characters are escaped so a cookie can never forge terminal output (ANSI sequences,
fake lines, bidi overrides).  Standard library only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any, TypeVar, cast
from urllib.parse import quote, quote_plus, unquote

from .attributes import MAX_ATTRIBUTE_VALUE_OCTETS, VALUED_ATTRIBUTES, octets

_WSP = " \t"
# A value this short is no secret worth hunting for elsewhere in a message, and hiding it
# would mangle the text ("1" in "Max-Age=3600", "a" in half of every path).
_MIN_SECRET_CHARS = 4
# A str may hold lone surrogates (surrogateescape-decoded headers): percent-encode them too.
_LONE = "surrogatepass"


def escape_controls(text: str) -> str:
    """``text`` with every character Python deems unprintable shown as ``\\xNN``/``\\uNNNN``.

    That covers C0/C1 controls (ESC, CSI, CR, LF), line and paragraph separators, and the
    invisible formatting characters that reorder or hide text (bidi overrides, zero-width
    characters, BOM), so a cookie line can never forge terminal output.
    """
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(char if char.isprintable() else _escape_one(char) for char in text)


def _escape_one(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def value_placeholder(value: str) -> str:
    """The placeholder shown instead of a cookie value: ``<redacted N chars>``."""
    return f"<redacted {len(value)} chars>"


def _split_pair(raw: str) -> tuple[str, str, str, str]:
    """(name, "=" or "", value, rest) the way RFC 6265bis §5.6 splits a line."""
    pair, semicolon, attributes = raw.partition(";")
    name, eq, value = pair.partition("=")
    if not eq:  # §5.6: no "=" means the whole pair is the value, with an empty name
        return "", "", pair, semicolon + attributes
    return name, eq, value, semicolon + attributes


def line_name(raw: str) -> str:
    """The cookie name a Set-Cookie line carries (empty when the pair has no ``=``)."""
    return _split_pair(raw)[0].strip(_WSP)


def line_value(raw: str) -> str:
    """The value a Set-Cookie line's name=value pair carries (all of the pair without ``=``)."""
    return _split_pair(raw)[2].strip(_WSP)


def value_forms(value: str) -> list[str]:
    """Every form in which ``value`` may be written elsewhere, longest first: as written,
    unquoted, decoded, percent-encoded (a URL: ``quote`` keeping ``/`` or not, ``quote_plus``,
    in upper- or lower-case hex), with ``/`` escaped as ``\\/`` (JSON from PHP) and lowered (a
    host name, a Domain)."""
    if _UNRESERVED.fullmatch(value):  # most tokens: every encoding leaves them as they are
        return sorted({f for f in (value, value.lower()) if len(f) >= _MIN_SECRET_CHARS},
                      key=len, reverse=True)
    encoded = {quote(value, errors=_LONE), quote(value, safe="", errors=_LONE),
               quote_plus(value, errors=_LONE)}
    written = {value, value.strip('"'), unquote(value), *encoded, *map(_lower_hex, encoded)}
    json_escaped = (form.replace("/", "\\/") for form in written if "/" in form)
    forms = {value.lower(), *map(str.lower, encoded), *written, *json_escaped}
    return sorted((f for f in forms if len(f) >= _MIN_SECRET_CHARS), key=len, reverse=True)


def _lower_hex(encoded: str) -> str:
    """``encoded`` with its ``%XX`` escapes in lower case (``%2b``), as some encoders write."""
    return _PERCENT_ESCAPE.sub(lambda escape: escape.group().lower(), encoded)


_PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")


# RFC 3986 unreserved characters: what quote() and quote_plus() never encode.
_UNRESERVED = re.compile(r"[A-Za-z0-9_.~-]*")


def scrub_forms(raw: str) -> list[str]:
    """The forms of the value of Set-Cookie line ``raw`` (see :func:`value_forms`)."""
    return value_forms(line_value(raw))


def scrub(text: str, raw: str) -> str:
    """``text`` with every occurrence of the value of Set-Cookie line ``raw`` replaced.

    Except where the value is one of the words the plugin's own sentences use ("Secure",
    "true") and stands alone: such a value is no secret, and replacing it would garble the
    findings ("has no <redacted> attribute").  Glued to anything (``Path=/Secure``,
    ``SameSite=Secure``) it is still replaced.
    """
    return _scrubbed(text, scrub_forms(raw))


def _scrubbed(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = _without(text, secret)
    return text


def _without(text: str, secret: str) -> str:
    """``text`` with ``secret`` replaced (a vocabulary word only where it is glued)."""
    if secret.lower() in _VOCABULARY:
        return _glued(secret).sub("<redacted>", text)
    return _replaced(text, secret)


def _replaced(text: str, form: str) -> str:
    """``text`` with ``form`` replaced, its ``%XX`` escapes matched in either case."""
    if "%" in form and "%" in text:
        return _any_hex_case(form).sub("<redacted>", text)
    return text.replace(form, "<redacted>")


def form_in(form: str, text: str) -> bool:
    """Whether ``form`` (one of :func:`value_forms`) occurs in ``text``, its ``%XX`` escapes
    in either case, each on its own (an encoder may write ``%2F`` and ``%2b`` in one URL)."""
    if "%" in form and "%" in text:
        return _any_hex_case(form).search(text) is not None
    return form in text


@functools.lru_cache(maxsize=256)
def _any_hex_case(form: str) -> re.Pattern[str]:
    """``form`` as a literal pattern whose escapes match in either case (``%2F`` ->
    ``%2[fF]``): found in time linear in the text, like ``in``."""
    return re.compile(_ESCAPE.sub(_either_case, re.escape(form)))


def _either_case(escape: re.Match[str]) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in escape.group())


_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _upper_escapes(text: str) -> str:
    """``text`` with its ``%XX`` escapes in upper case (the forms' own case)."""
    return _ESCAPE.sub(lambda escape: escape.group().upper(), text) if "%" in text else text


# The words the plugin's own sentences use: the rules' texts (a test keeps this in step
# with them), attribute names and the usual flag values.
_VOCABULARY = frozenset((
    "Expires Max-Age Domain Path Secure HttpOnly SameSite Strict Lax None "
    "Partitioned True False true false yes no on off null "
    "after allows also an and another any anyone anything applies asks attribute auth away "
    "back between browser browsers can cap carry chrome compromised cookie cookies cross-site "
    "cut day days default deletion dependency differs do domain drop each every exceed "
    "exceeds fall firefox for forgery forgotten give has honour host host-only http httponly "
    "idea ignore in into is it its keep know lacks lax lifetime line logged logging long "
    "maximum meant missing misspelt name navigations network never no none not octets of on "
    "one or out over overwrite own packed page partitioned path payload plain policy prefix "
    "project read receives recognise refuse reject replay request requests requires safari "
    "samesite script second secure send sends server set set-cookie sets silently so stays "
    "stolen store stored subdomain take than that the their them then they this to top-level "
    "unless user user-controlled valid value was weaker what when where which whose will with "
    "without wrong xss "
    # the session rules (SC020, SC021)
    "accepted although as before computer copy fixation holds id learned link log login logout "
    "planted renewed session shared still token whoever "
    # the token rules (SC022-SC025)
    "accepts across alg attacker being bits changed claims client-side comes decodes "
    "enumerate ever forge from guess guessable if json keeps key life logged-out logins next "
    "predicts proxy randomness readable repeated secret seeing sequential sessions signing "
    "such takes tokens trusts under web who "
    # SC019
    "by ends headers history logs makes moot outside referer sent up url "
).lower().split())
_LEFT_BOUNDARY = "\\s'\"(\\["
_RIGHT_BOUNDARY = "\\s'\"),.:;\\]!?"


def _glued(word: str) -> re.Pattern[str]:
    """Occurrences of ``word`` attached to other text on the left or on the right."""
    escaped = re.escape(word)
    return re.compile(
        f"(?<=[^{_LEFT_BOUNDARY}]){escaped}|{escaped}(?=[^{_RIGHT_BOUNDARY}])"
    )


def redact_line(raw: str) -> str:
    """``raw`` with the value of its name=value pair replaced by ``<redacted N chars>``.

    Attributes are kept as written, except that the value is also scrubbed from them
    (``Path=/<value>``), a value browsers ignore is redacted too (that of an attribute they do
    not know, such as a second cookie packed into the line, ``refresh_token=<redacted 6
    chars>``, of one that takes no value, ``Secure=...``, or one over 1024 octets), and control
    characters are escaped, so the result is safe to print.  A pair without ``=`` is all value
    (RFC 6265bis §5.6) and is redacted whole.
    """
    line = raw.strip(_WSP)
    name, eq, value, rest = _split_pair(line)
    shown_name = name.rstrip(_WSP) if eq else ""
    pair = f"{shown_name}{eq}{value_placeholder(value.strip(_WSP))}"
    attributes = ";".join(map(_shown_attribute, rest.split(";"))) if rest else ""
    return escape_controls(pair + scrub(attributes, line))


def _shown_attribute(cookie_av: str) -> str:
    """One cookie-av as a report shows it: its value redacted unless browsers read it."""
    name, eq, value = cookie_av.partition("=")
    if not eq:
        return cookie_av
    read = name.strip(_WSP).lower() in VALUED_ATTRIBUTES
    if not read or octets(value) > MAX_ATTRIBUTE_VALUE_OCTETS:
        return f"{name}={value_placeholder(value.strip(_WSP))}"
    return _JOINED_PAIR.sub(_redact_joined, cookie_av)


# Several lines joined with ", " (what requests/httpx give for headers["Set-Cookie"]) reach
# here as one line whose attributes hold the next cookies' pairs: ", name=value".  An
# attribute value never legitimately looks like that (Expires has "Thu, 01 Jan", no "="), so
# such a pair is redacted too.
_JOINED_PAIR = re.compile(r"(,[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=)([^;]*)")


def _redact_joined(match: re.Match[str]) -> str:
    return match.group(1) + value_placeholder(match.group(2).strip(_WSP))


def looks_joined(raw: str) -> bool:
    """True when a "line" holds further ``, name=value`` pairs: several lines joined."""
    return _JOINED_PAIR.search(_split_pair(raw)[3]) is not None


def scrub_all(text: str, raws: Iterable[str]) -> str:
    """``text`` scrubbed of the value of every line in ``raws`` (a URL may carry the value of
    another cookie of the same test, e.g. ``GET /magic?token=...`` beside a ``csrftoken``)."""
    return Scrubber(raws)(text)


# A value's forms are indexed by their last characters, this many at most: enough that
# different secrets rarely share them, few enough that a text is searched with few windows.
_ANCHOR = 16


class Scrubber:
    """Scrubs texts of the values of many lines at once, in time linear in each text.

    Each form of each value (:func:`scrub_forms`) is indexed by its last ``_ANCHOR``
    characters, and a text is searched by sliding a window of each indexed length over it,
    one look-up per position, rather than once per value: a test that received a thousand
    session values has each of its thousand sources scrubbed as fast as with one value.
    Found forms are replaced longest first, as :func:`scrub` does for one line.
    """

    __slots__ = ("_by_end", "_widths", "forms")

    def __init__(self, raws: Iterable[str]) -> None:
        # (as indexed, the form): each form as it is and, when it has lower-case escapes
        # (a lowered form, a value written with %2f), with them upper-cased.
        self._by_end: dict[str, list[tuple[str, str]]] = {}
        # Each line's forms, computed once: ``scrub_data`` of its report entry uses them too.
        self.forms = {raw: scrub_forms(raw) for raw in dict.fromkeys(raws)}
        for forms in self.forms.values():
            for form in forms:
                for indexed in dict.fromkeys((form, _upper_escapes(form))):
                    self._by_end.setdefault(indexed[-_ANCHOR:], []).append((indexed, form))
        self._widths = sorted({len(end) for end in self._by_end})

    def __call__(self, text: str) -> str:
        found = self._found(text)
        normal = _upper_escapes(text)  # escapes of any case: found among the upper-cased forms
        if normal != text:
            found |= self._found(normal)
        for secret in sorted(found, key=len, reverse=True):
            text = _without(text, secret)  # its escapes matched in either case
        return text

    def _found(self, text: str) -> set[str]:
        """The forms whose indexed text occurs in ``text``."""
        found: set[str] = set()
        for width in self._widths:
            for stop in range(width, len(text) + 1):
                entries = self._by_end.get(text[stop - width : stop])
                if entries is not None:
                    found.update(form for indexed, form in entries
                                 if _ends_at(text, indexed, stop))  # fmt: skip
        return found


def _ends_at(text: str, form: str, stop: int) -> bool:
    start = stop - len(form)
    return start >= 0 and text.startswith(form, start)


def scrub_data(data: Any, raw: str, forms: list[str] | None = None) -> Any:
    """JSON-ready ``data`` (dicts, lists, str) with the value of line ``raw`` scrubbed from
    every string in it: a URL, a path or a message can carry the value too.  ``forms``: the
    line's ``scrub_forms``, when the caller has them already."""
    return _scrubbed_data(data, scrub_forms(raw) if forms is None else forms)


def _scrubbed_data(data: Any, secrets: list[str]) -> Any:
    if isinstance(data, str):
        return _scrubbed(data, secrets)
    if isinstance(data, dict):
        return {key: _scrubbed_data(item, secrets) for key, item in data.items()}
    if isinstance(data, list):
        return [_scrubbed_data(item, secrets) for item in data]
    return data


_Shown = TypeVar("_Shown")


def hide_value(shown: _Shown, *values: str) -> _Shown:
    """``shown`` (a str, or a tuple of them) with every form of each value replaced by
    ``<redacted>``, vocabulary or not: attribute text may repeat a value (a magic-link token
    in Path, a value repeated as SameSite=..., or as an unknown attribute's name)."""
    if isinstance(shown, str):
        return cast("_Shown", _hidden(shown, values))
    if isinstance(shown, tuple):
        return cast("_Shown", tuple(hide_value(item, *values) for item in shown))
    return shown


def _hidden(text: str, values: tuple[str, ...]) -> str:
    for value in values:
        for form in value_forms(value):
            text = _replaced(text, form)
    return text


def shown_url(url: str | None) -> str | None:
    """``url`` as every report shows it: without query, fragment and ``user:password@``, which
    may carry secrets of their own (a magic-link token, an OAuth ``code=``)."""
    if not url:
        return url
    url = url.partition("?")[0].partition("#")[0]
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    netloc, slash, path = rest.partition("/")
    return f"{scheme}://{netloc.rpartition('@')[2]}{slash}{path}"


class RawLine(str):
    """A Set-Cookie line as received, kept by the plugin: a ``str`` whose ``repr`` is
    :func:`redact_line`'s, so that a debugger, ``--showlocals`` or an assertion diff that
    shows a frame, tuple or record holding it never shows the value (``str()`` is the line)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return repr(redact_line(self))

    def _redacted_lines(self) -> tuple[str, ...]:
        """The lines whose values an explanation showing this object must hide."""
        return (str(self),)


class Secret(str):
    """A cookie value (or a Cookie header holding one) the plugin passes on: like
    :class:`RawLine`, a ``str`` whose ``repr`` is redacted (``<redacted N chars>``), so that
    ``--showlocals`` or a long traceback of a frame holding it never shows it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return value_placeholder(self)
