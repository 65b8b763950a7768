"""pytest's explanation of a failed comparison that involves a cookie: never a value.

Left to itself, pytest drills into dataclasses, attrs classes and named tuples field by field
and diffs strings character by character, so ``assert cookie_a == cookie_b``, two recorded
lines, or a user's object holding a ``SetCookie`` would print values and raw lines.  This
explanation shows objects by their value-free ``repr``, the differing fields of records with
values redacted, and scrubs every line it writes of the values of every cookie involved.

The plugin's records are recognised by what they offer, a ``_redacted_lines()`` method (the
raw lines whose values they hold: ``SetCookie``, ``RecordedLine``, ``RawLine``), never by
the identity of their class: a record made by a copy of the package that pytester has since
dropped from ``sys.modules`` is recognised all the same.  Imports only ``parsing``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import deque
from collections.abc import Iterable, Iterator

from ..parsing.parser import SetCookie
from ..parsing.redaction import (
    escape_controls,
    hide_value,
    redact_line,
    scrub_all,
    value_placeholder,
)

# Fields shown as they are: an allowlist, so a field added to SetCookie later stays hidden
# until someone decides it holds no value.  "value" and "raw" are shown redacted.
_SAFE_FIELDS = frozenset({
    "name", "secure", "httponly", "samesite", "samesite_raw", "path", "domain", "max_age",
    "expires", "partitioned", "unknown_attributes", "oversized_attributes"})
_SHOWN_FIELDS = tuple(f.name for f in dataclasses.fields(SetCookie) if f.name in _SAFE_FIELDS)
_CONTAINERS = (list, tuple, set, frozenset)
_REPR_LIMIT = 120  # characters of one object's repr
_JOINED_LIMIT = 240  # characters of a container's items, as pytest's own saferepr
_MAX_DEPTH = 3  # how deep into containers and records to look (a list may contain itself)
_MAX_SEEN = 1000  # how many objects to look at in all: a huge list must not stall a failure
_MAX_LISTED = 10  # records listed per side


def explain_comparison(op: str, left: object, right: object) -> list[str] | None:
    """pytest's explanation of ``left <op> right`` when either side holds a cookie record.

    Two records of one type (two ``SetCookie``, two ``RecordedLine``, two of the user's
    dataclasses holding cookies) show their differing fields, ``value`` and raw lines
    redacted; otherwise each side lists the records it holds by their value-free ``repr``.
    None when no record is involved (pytest's own explanation applies).
    """
    records = [*_records_in(left), *_records_in(right)]
    if not records:
        return None
    held = list(dict.fromkeys(line for record in records for line in _lines_of(record)))
    try:
        lines = _Explainer(held).explain(op, left, right)
    except Exception:  # a user's odd object must not let pytest's own diff run instead
        lines = [f"<{type(left).__name__}> {op} <{type(right).__name__}>", "values are redacted"]
    return [escape_controls(scrub_all(line, held)) for line in lines]


def _lines_of(record: object) -> tuple[str, ...]:
    try:
        lines = type(record)._redacted_lines(record)  # type: ignore[attr-defined]
        return tuple(str(line) for line in lines)
    except Exception:  # a class that merely shares the method name
        return ()


def _is_record(obj: object) -> bool:
    return callable(getattr(type(obj), "_redacted_lines", None))


def _is_cookie(obj: object) -> bool:
    """A ``SetCookie``, also of a copy of the parser module pytester has dropped since."""
    return isinstance(obj, SetCookie) or any(
        cls.__qualname__ == "SetCookie" and cls.__module__ == SetCookie.__module__
        for cls in type(obj).__mro__
    )


def _records_in(obj: object) -> Iterator[object]:
    """The records in ``obj``: itself, or inside its containers and fields, breadth first;
    at most ``_MAX_SEEN`` objects are looked at (and queued)."""
    pending, budget = deque([(obj, 0)]), _MAX_SEEN
    while pending and budget:
        item, depth = pending.popleft()
        budget -= 1
        if _is_record(item):
            yield item
        elif depth < _MAX_DEPTH:
            room = budget - len(pending)
            pending.extend((child, depth + 1) for child in _children(item, room))


def _children(obj: object, limit: int) -> list[object]:
    """What pytest would drill into: items, a dict's keys and values, a record's fields."""
    try:
        if isinstance(obj, (str, bytes)) or limit <= 0:
            return []
        if isinstance(obj, dict):
            return list(itertools.islice(itertools.chain(obj.keys(), obj.values()), limit))
        if isinstance(obj, _CONTAINERS):
            return list(itertools.islice(obj, limit))
        return [getattr(obj, name, None) for name in (_field_names(obj) or ())[:limit]]
    except Exception:  # an object that breaks when looked into holds nothing we can find
        return []


def _field_names(obj: object) -> tuple[str, ...] | None:
    """The fields pytest compares one by one: a named tuple's, a dataclass's, an attrs class's."""
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return tuple(obj._fields)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return tuple(field.name for field in dataclasses.fields(obj))
    attributes = getattr(type(obj), "__attrs_attrs__", None)
    return tuple(attribute.name for attribute in attributes) if attributes is not None else None


def _safe_repr(obj: object) -> str:
    """``repr`` for an explanation: never raises, never runs on for pages."""
    try:
        text = repr(obj)
    except Exception:  # a broken __repr__ must not turn a failed assert into an error
        return f"<{type(obj).__name__} object>"
    return text[: _REPR_LIMIT - 3] + "..." if len(text) > _REPR_LIMIT else text


def _joined(parts: Iterable[str]) -> str:
    """The parts joined with ", ", cut with "..." once longer than a line should be (a list
    of a million items is not walked to show its first few)."""
    shown: list[str] = []
    size = 0
    for part in parts:
        if size > _JOINED_LIMIT:
            shown.append("...")
            break
        shown.append(part)
        size += len(part) + 2
    return ", ".join(shown)


def _equal(left: object, right: object) -> bool:
    try:
        return bool(left == right)
    except Exception:  # an __eq__ that raises: shown as differing
        return False


class _Explainer:
    """The explanation's lines, every raw line in ``held`` shown redacted."""

    def __init__(self, held: list[str]) -> None:
        self.held = frozenset(held)

    def explain(self, op: str, left: object, right: object) -> list[str]:
        lines = [f"{self.short(left)} {op} {self.short(right)}", "values are redacted"]
        if self._alike(left, right):
            differences = self.differences(left, right)
            return lines + (["Differing attributes:", *differences] if differences else ["equal"])
        for side, obj in (("left", left), ("right", right)):
            records = list(_records_in(obj))
            if records:
                lines += [f"{side} holds:", *self.listing(records)]
        return lines

    def listing(self, records: list[object]) -> list[str]:
        """One line per record, by its own value-free ``repr`` (a raw line redacted)."""
        shown = [f"  {self.full(record)}" for record in records[:_MAX_LISTED]]
        more = len(records) - len(shown)
        return shown + [f"  ... and {more} more"] if more else shown

    def short(self, obj: object, depth: int = 0) -> str:
        if _is_cookie(obj):
            return f"SetCookie({obj.name!r})"  # type: ignore[attr-defined]
        if isinstance(obj, str) and obj in self.held:
            return repr(redact_line(obj))
        if _is_record(obj) and _lines_of(obj):  # a RecordedLine by its line
            return f"{type(obj).__name__}({redact_line(_lines_of(obj)[0])!r})"
        if depth >= _MAX_DEPTH or not isinstance(obj, (dict, *_CONTAINERS)):
            return _safe_repr(obj)
        deeper = depth + 1
        if isinstance(obj, dict):
            pairs = (f"{self.short(k, deeper)}: {self.short(v, deeper)}" for k, v in obj.items())
            return f"{{{_joined(pairs)}}}"
        return f"{type(obj).__name__}[{_joined(self.short(item, deeper) for item in obj)}]"

    def full(self, record: object) -> str:
        """A record by its own value-free ``repr``, whole (a raw line redacted)."""
        if isinstance(record, str):
            return repr(redact_line(record))
        try:
            return repr(record)
        except Exception:
            return f"<{type(record).__name__} object>"

    @staticmethod
    def _alike(left: object, right: object) -> bool:
        """Two cookies, or two records of one type whose fields can be compared."""
        both_cookies = _is_cookie(left) and _is_cookie(right)
        return both_cookies or (type(left) is type(right) and _field_names(left) is not None)

    def differences(self, left: object, right: object, depth: int = 0) -> list[str]:
        """One line per differing field; a field holding records of one type shows theirs."""
        if _is_cookie(left) and _is_cookie(right):
            return _cookie_differences(left, right)  # type: ignore[arg-type]
        lines = []
        for name in _field_names(left) or ():
            mine, theirs = getattr(left, name, None), getattr(right, name, None)
            if _equal(mine, theirs):
                continue
            lines.append(f"{name}: {self.short(mine)} != {self.short(theirs)}")
            if depth < _MAX_DEPTH and self._alike(mine, theirs):
                lines += [f"  {line}" for line in self.differences(mine, theirs, depth + 1)]
        return lines


def _cookie_differences(left: SetCookie, right: SetCookie) -> list[str]:
    lines = []
    if left.value != right.value:
        lines.append(f"value: {value_placeholder(left.value)} != {value_placeholder(right.value)}")
    for name in _SHOWN_FIELDS:
        mine, theirs = getattr(left, name), getattr(right, name)
        if mine != theirs:
            # a path or domain may repeat either side's value (a magic-link token)
            shown = [hide_value(side, left.value, right.value) for side in (mine, theirs)]
            lines.append(f"{name}: {shown[0]!r} != {shown[1]!r}")
    if left.raw != right.raw:
        lines.append(f"raw: {redact_line(left.raw)!r} != {redact_line(right.raw)!r}")
    return lines
