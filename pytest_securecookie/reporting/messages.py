"""InsecureCookieError and every sentence the plugin says about a cookie.

This is the only module where a cookie becomes words, so it is the only place redaction has
to be right: a Set-Cookie line is shown only through :func:`redact_line`, and every message
is scrubbed once more of the value before it leaves.  Control characters are escaped so a
cookie can never forge terminal output (ANSI sequences, fake lines, bidi overrides).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from ..judging.policy import Finding
from ..parsing.parser import SetCookie
from ..parsing.redaction import (
    escape_controls,
    hide_value,
    redact_line,
    scrub,
    scrub_forms,
    value_placeholder,
)


@dataclass(frozen=True, repr=False)
class InsecureCookie:
    """One offending cookie, as a report shows it.

    ``raw`` is the Set-Cookie line as received: it holds the value, so it is only ever shown
    through :func:`redact_line`, and the ``repr`` leaves it out.  ``times_seen`` and
    ``source`` (of the first time it was seen, e.g. ``"GET http://localhost/login (flask)"``)
    let an end-of-test report fold repeats of one cookie into a single entry.
    """

    name: str
    raw: str
    findings: tuple[Finding, ...]
    source: str | None = None
    times_seen: int = 1
    verdict: str = "is insecure"

    def __repr__(self) -> str:
        rules = ", ".join(f.rule for f in self.findings)
        return f"InsecureCookie(name={self.name!r}, findings=[{rules}], source={self.source!r})"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _headline(entry: InsecureCookie) -> str:
    """``cookie 'session' set by GET http://localhost/ (flask) is insecure: 2 problems``."""
    subject = f"cookie '{entry.name}'" if entry.name else "cookie without a name"
    if entry.times_seen > 1:
        subject += f" set {entry.times_seen} times"
        subject += f", first by {entry.source}," if entry.source else ""
    elif entry.source:
        subject += f" set by {entry.source}"
    return f"{subject} {entry.verdict}: {_plural(len(entry.findings), 'problem')}"


def _finding_lines(finding: Finding) -> list[str]:
    """``SC001 missing Secure: <why>`` then ``  fix: <fix>``; multi-line text stays indented."""
    lines = f"{finding.rule} {finding.problem}: {finding.why}".splitlines() or [""]
    lines[1:] = [f"  {line}" for line in lines[1:]]
    fix = finding.fix.splitlines() or [""]
    lines.append(f"  fix: {fix[0]}")
    lines.extend(f"       {line}" for line in fix[1:])
    return lines


def describe(entry: InsecureCookie) -> list[str]:
    """The lines that describe one offending cookie: headline, evidence, findings with fixes.

    Every line is scrubbed of the value and has its control characters escaped.
    """
    lines = [_headline(entry), f"  Set-Cookie: {redact_line(entry.raw)}"]
    for finding in entry.findings:
        lines.extend(f"  {line}" for line in _finding_lines(finding))
    return [escape_controls(_scrub_keeping(line, entry.raw, entry.name)) for line in lines]


def _scrub_keeping(text: str, raw: str, name: str) -> str:
    """``scrub``, but a value that is part of the cookie's name (``sessionid=session``) does
    not blank the name, which every message shows anyway."""
    if not name or not any(secret in name for secret in scrub_forms(raw)):
        return scrub(text, raw)
    return name.join(scrub(piece, raw) for piece in text.split(name))


def format_insecure_cookie(entry: InsecureCookie) -> str:
    """The message for one offending cookie (what :class:`InsecureCookieError` says)."""
    return "\n".join(describe(entry))


def format_insecure_cookies(
    entries: Sequence[InsecureCookie], *, headline: str | None = None
) -> str:
    """One report for many offending cookies: a headline, then one block per cookie.

    Public within the package: the end-of-test enforcement report uses it too, with one
    entry per offending cookie (``times_seen`` and the ``source`` of the first sighting).
    The default headline is ``"2 insecure cookies:"``; blocks are separated by blank lines.
    """
    if headline is None:
        headline = f"{_plural(len(entries), 'insecure cookie')}:"
    blocks = ["\n".join(describe(entry)) for entry in entries]
    return "\n\n".join([escape_controls(headline), *blocks])


def names_listing(names: Sequence[str], reasons: Sequence[str] | None = None) -> str:
    """``it sets: 'a', 'b'`` (names only, never values), or one ``- 'a': reason`` line each."""
    if not names:
        return "it sets no cookies at all"
    if reasons is None:
        return escape_controls("it sets: " + ", ".join(f"'{name}'" for name in names))
    items = [escape_controls(f"'{name}': {why}") for name, why in zip(names, reasons, strict=True)]
    return "it sets:" + "".join(f"\n  - {item}" for item in items)


class InsecureCookieError(AssertionError):
    """A cookie failed ``assert_secure_cookie`` / ``assert_cookie_deleted``.

    ``.findings`` lists what was wrong (each with a stable rule id, never the value);
    ``.cookie_name`` is the cookie judged, or None when several different cookies failed.
    """

    __module__ = "pytest_securecookie"  # tracebacks read pytest_securecookie.InsecureCookieError

    def __init__(
        self, message: str, findings: Iterable[Finding] = (), cookie_name: str | None = None
    ) -> None:
        super().__init__(message)
        self.findings: tuple[Finding, ...] = tuple(findings)
        self.cookie_name = cookie_name

    def __reduce__(self) -> tuple[type[InsecureCookieError], tuple[object, ...]]:
        # Keep findings and name across pickling (e.g. between pytest-xdist processes).
        return (type(self), (str(self), self.findings, self.cookie_name))


# -- pytest's assertion explanations ---------------------------------------------------------

# Fields shown as they are: an allowlist, so a field added to SetCookie later stays hidden
# until someone decides it holds no value.  "value" and "raw" are shown redacted.
_SAFE_FIELDS = frozenset({
    "name", "secure", "httponly", "samesite", "samesite_raw", "path", "domain", "max_age",
    "expires", "partitioned", "unknown_attributes", "oversized_attributes"})
_SHOWN_FIELDS = tuple(f.name for f in fields(SetCookie) if f.name in _SAFE_FIELDS)
_CONTAINERS = (list, tuple, set, frozenset)
_REPR_LIMIT = 120


def _safe_repr(obj: object) -> str:
    """``repr`` for an explanation: never raises, never runs on for pages."""
    try:
        text = repr(obj)
    except Exception:  # a broken __repr__ must not turn a failed assert into an error
        return f"<{type(obj).__name__} object>"
    if len(text) > _REPR_LIMIT:
        text = text[: _REPR_LIMIT - 3] + "..."
    return escape_controls(text)


# How deep into nested containers to look (a list may even contain itself).
_MAX_DEPTH = 3


def _items(obj: object) -> list[object]:
    """The members of a container (a dict's values), or [] for anything else."""
    if isinstance(obj, dict):
        return list(obj.values())
    return list(obj) if isinstance(obj, _CONTAINERS) else []


def _short(obj: object, depth: int = 0) -> str:
    if isinstance(obj, SetCookie):
        return escape_controls(f"SetCookie({obj.name!r})")
    if depth >= _MAX_DEPTH or not isinstance(obj, (dict, *_CONTAINERS)):
        return _safe_repr(obj)
    if isinstance(obj, dict):
        pairs = (f"{_safe_repr(k)}: {_short(v, depth + 1)}" for k, v in obj.items())
        return f"{{{', '.join(pairs)}}}"
    inner = ", ".join(_short(item, depth + 1) for item in obj)
    return f"{type(obj).__name__}[{inner}]"


def _holds_cookie(obj: object, depth: int = 0) -> bool:
    if isinstance(obj, SetCookie):
        return True
    return depth < _MAX_DEPTH and any(_holds_cookie(item, depth + 1) for item in _items(obj))


def _field_differences(left: SetCookie, right: SetCookie) -> list[str]:
    lines = []
    if left.value != right.value:
        lines.append(f"value: {value_placeholder(left.value)} != {value_placeholder(right.value)}")
    for name in _SHOWN_FIELDS:
        mine, theirs = getattr(left, name), getattr(right, name)
        if mine != theirs:
            # a path or domain may repeat either side's value (a magic-link token)
            shown = [hide_value(side, left.value, right.value) for side in (mine, theirs)]
            lines.append(escape_controls(f"{name}: {shown[0]!r} != {shown[1]!r}"))
    if left.raw != right.raw:
        lines.append(f"raw: {redact_line(left.raw)!r} != {redact_line(right.raw)!r}")
    return lines


def _cookie_lines(obj: object, depth: int = 0) -> list[str]:
    """One value-free line per SetCookie in ``obj`` (a cookie or a container of them)."""
    if isinstance(obj, SetCookie):
        return [f"  {obj!r}"]
    if depth >= _MAX_DEPTH:
        return []
    return [line for item in _items(obj) for line in _cookie_lines(item, depth + 1)]


def explain_comparison(op: str, left: object, right: object) -> list[str] | None:
    """pytest's explanation of a failed comparison involving ``SetCookie`` objects.

    pytest's own diff of two dataclasses drills into differing fields and would print both
    values; this one shows each differing field with ``value`` and ``raw`` redacted, and
    cookies inside lists, sets and dicts by their value-free ``repr``.  None when no
    ``SetCookie`` is involved (pytest's own explanation applies).
    """
    if not (_holds_cookie(left) or _holds_cookie(right)):
        return None
    lines = [f"{_short(left)} {op} {_short(right)}", "values are redacted"]
    if isinstance(left, SetCookie) and isinstance(right, SetCookie):
        differences = _field_differences(left, right)
        lines += ["Differing attributes:", *differences] if differences else ["equal"]
        return lines
    for side, obj in (("left", left), ("right", right)):
        shown = _cookie_lines(obj)
        if shown:
            lines += [f"{side} holds:", *shown]
    return lines
