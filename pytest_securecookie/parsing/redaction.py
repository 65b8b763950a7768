"""Redaction: every form in which a cookie may be shown, with its value hidden.

The one place that knows how to hide a value: a Set-Cookie line is shown only through
:func:`redact_line`, other text is scrubbed of a line's value with :func:`scrub`, and control
characters are escaped so a cookie can never forge terminal output (ANSI sequences, fake
lines, bidi overrides).  Standard library only.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus, unquote

_WSP = " \t"
# A value this short is no secret worth hunting for elsewhere in a message, and scrubbing
# it would mangle the text ("1" in "Max-Age=3600").
_SCRUB_MIN_CHARS = 4
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


def redacted(value: str) -> str:
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


def scrub_forms(raw: str) -> list[str]:
    """The forms of the line's value worth scrubbing from text: as written, unquoted, decoded,
    and lowered (a host name in a source URL, a Domain, come lowered)."""
    value = _split_pair(raw)[2].strip(_WSP)
    forms = {value, value.strip('"'), unquote(value), quote(value, safe="", errors=_LONE),
             quote_plus(value, errors=_LONE), value.lower()}
    return sorted((f for f in forms if len(f) >= _SCRUB_MIN_CHARS), key=len, reverse=True)


def scrub(text: str, raw: str) -> str:
    """``text`` with every occurrence of the value of Set-Cookie line ``raw`` replaced.

    Except where the value is one of the words the plugin's own sentences use ("Secure",
    "true") and stands alone: such a value is no secret, and replacing it would garble the
    findings ("has no <redacted> attribute").  Glued to anything (``Path=/Secure``,
    ``SameSite=Secure``) it is still replaced.
    """
    for secret in scrub_forms(raw):
        if secret.lower() in _VOCABULARY:
            text = _glued(secret).sub("<redacted>", text)
        else:
            text = text.replace(secret, "<redacted>")
    return text


# The words the plugin's own sentences use: the rules' texts (a test keeps this in step
# with them), attribute names and the usual flag values.
_VOCABULARY = frozenset((
    "Expires Max-Age Domain Path Secure HttpOnly SameSite Strict Lax None "
    "Partitioned True False true false yes no on off null "
    "after allows also an and any anyone anything applies asks attribute auth away back "
    "between browser browsers can cap carry chrome compromised cookie cookies cross-site "
    "cut day days default deletion dependency differs do domain drop each every exceed "
    "exceeds fall firefox for forgery forgotten give has honour host host-only http "
    "httponly idea ignore in is it its keep know lacks lax lifetime logged logging long "
    "maximum meant missing misspelt name navigations network never no none not octets of on "
    "one or out over overwrite own page partitioned path payload plain policy prefix "
    "project read receives recognise refuse reject replay request requests requires safari "
    "samesite script secure send sends server silently so stays stolen store stored "
    "subdomain than that the their them then they this to top-level unless user user- "
    "controlled valid value was weaker what when where which whose will with without wrong "
    "xss "
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
    (``Path=/<value>``) and control characters are escaped, so the result is safe to print.
    A pair without ``=`` is all value (RFC 6265bis §5.6) and is redacted whole.
    """
    line = raw.strip(_WSP)
    name, eq, value, rest = _split_pair(line)
    shown_name = name.rstrip(_WSP) if eq else ""
    pair = f"{shown_name}{eq}{redacted(value.strip(_WSP))}"
    return escape_controls(pair + scrub(_JOINED_PAIR.sub(_redact_joined, rest), line))


# Several lines joined with ", " (what requests/httpx give for headers["Set-Cookie"]) reach
# here as one line whose attributes hold the next cookies' pairs: ", name=value".  An
# attribute value never legitimately looks like that (Expires has "Thu, 01 Jan", no "="), so
# such a pair is redacted too.
_JOINED_PAIR = re.compile(r"(,[ \t]*[!#$%&'*+\-.^_`|~0-9A-Za-z]+[ \t]*=)([^;]*)")


def _redact_joined(match: re.Match[str]) -> str:
    return match.group(1) + redacted(match.group(2).strip(_WSP))


def looks_joined(raw: str) -> bool:
    """True when a "line" holds further ``, name=value`` pairs: several lines joined."""
    return _JOINED_PAIR.search(_split_pair(raw)[3]) is not None


# A value shorter than this is not looked for in other fields: "a" or "1" would blank out
# half of every path, and so short a value is no secret worth the noise (as in _report).
_HIDE_MIN_CHARS = 4


def hide_value(shown: object, value: str) -> object:
    """``shown`` (a str field, or a tuple of them) with ``value`` replaced by <redacted>.

    The value may be written again in an attribute: a magic-link token in Path, a value
    repeated as SameSite=..., or as an unknown attribute's name.
    """
    if isinstance(shown, str):
        for form in _forms(value):
            shown = shown.replace(form, "<redacted>")
        return shown
    if isinstance(shown, tuple):
        return tuple(hide_value(item, value) for item in shown)
    return shown


def _forms(value: str) -> list[str]:
    """The value as written, unquoted, decoded, lowered and percent-encoded."""
    forms = {value, value.strip('"'), unquote(value), value.lower(),  # Domain is lowered
             quote(value, safe="", errors="surrogatepass")}
    return sorted((f for f in forms if len(f) >= _HIDE_MIN_CHARS), key=len, reverse=True)
