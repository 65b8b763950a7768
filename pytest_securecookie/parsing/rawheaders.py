"""Read header values out of plain data: a Set-Cookie line or a raw header block (str or
bytes), lists of lines, ``(name, value)`` pairs (WSGI, ASGI), mappings, ASGI messages, and
header objects with a multi-value accessor.

Every reader takes the data and a lower-case field name and returns that field's values,
exact and in order.  Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .misuse import misuse
from .parser import decode_line

SET_COOKIE = "set-cookie"


# -- text: one line, or a raw header block ------------------------------------------------


def read_bytes(data: bytes | bytearray, name: str) -> list[str]:
    return read_text(decode_line(bytes(data)), name)


def read_text(text: str, name: str) -> list[str]:
    """A text without a line break is one Set-Cookie line (``Set-Cookie:`` prefix allowed);
    a text with one is a header block (see ``_read_block``)."""
    if "\n" in text or "\r" in text:
        return _read_block(text, name)
    if name != SET_COOKIE:
        return []
    if text[:11].lower() == "set-cookie:":
        return [text[11:].strip(" \t")]
    return [text]


def _read_block(text: str, name: str) -> list[str]:
    """The ``name`` fields of a raw header block, in order.

    An optional status line first (``HTTP/1.1 200 OK``), then ``Name: value`` fields;
    continuation lines (obsolete line folding, RFC 9112 §5.2) join the previous field with one
    space; the block ends at the first empty line (the body is not read).  Any other line is
    a ``ValueError``: a block of bare cookie lines is ambiguous, pass a list instead.
    """
    lines = text.lstrip("\r\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = 2 if lines[0].startswith("HTTP/") else 1  # skip a status line
    fields: list[list[str]] = []
    for number, line in enumerate(lines[first - 1 :], start=first):
        if not line:
            break
        if line[0] in " \t" and fields:
            fields[-1][1] += " " + line.strip(" \t")
            continue
        field = _split_field(line)
        if field is None:
            raise misuse(ValueError(
                f"line {number} of the header block is not a 'Name: value' field; "
                "pass Set-Cookie lines as a list of str"
            ))
        fields.append(list(field))
    return [value for field_name, value in fields if field_name == name]


_TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyz")


def _split_field(line: str) -> tuple[str, str] | None:
    """``("set-cookie", value)`` for ``"Set-Cookie: value"``; None unless the part before the
    first colon is an HTTP token (a cookie line's ``Expires=Thu, 01 Jan 2037 00:00`` is not)."""
    head, colon, value = line.partition(":")
    field_name = head.lower()
    if not colon or not field_name or not _TOKEN_CHARS.issuperset(field_name):
        return None
    return field_name, value.strip(" \t")


# -- pairs, mappings, ASGI messages, header containers ------------------------------------


def read_iterable(items: Iterable[Any], name: str) -> list[str]:
    """A list of lines (str or bytes) or of ``(name, value)`` pairs (WSGI, ASGI)."""
    values: list[str] = []
    wanted = _name_forms(name)
    for item in items:
        if type(item) is str:  # a line: the cheapest test first
            if name == SET_COOKIE:
                values.append(item)
        elif isinstance(item, (tuple, list)) and len(item) == 2:
            key, value = item
            if _checked(key, "a header name").lower() in wanted:
                values.append(_pair_value(value))
        elif isinstance(item, (str, bytes)):
            if name == SET_COOKIE:
                values.append(_text(item))
        else:
            raise misuse(TypeError(_bad_item("an item", item)))
    return values


def _bad_item(what: str, item: object) -> str:
    kind = type(item)
    return (
        f"expected Set-Cookie lines or (name, value) pairs of str or bytes, got {what} of "
        f"type {kind.__module__}.{kind.__qualname__}"
    )


def _checked(text: Any, what: str) -> str | bytes:
    """``text`` when it is str or bytes: any other type is the caller's mistake, named."""
    if isinstance(text, (str, bytes)):
        return text
    raise misuse(TypeError(_bad_item(what, text)))


_name_forms_cache: dict[str, frozenset[str | bytes]] = {}


def _name_forms(name: str) -> frozenset[str | bytes]:
    """``name`` as str and as bytes: ASGI names are bytes, compared without decoding."""
    forms = _name_forms_cache.get(name)
    if forms is None:
        forms = _name_forms_cache[name] = frozenset((name, name.encode("ascii")))
    return forms


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else decode_line(value)


def _pair_value(value: str | bytes) -> str:
    # Django's WSGIHandler and Beaker send ' sessionid=...': one leading space, not a line's.
    text = value if type(value) is str else _text(_checked(value, "a Set-Cookie value"))
    return text[1:] if text[:1] == " " else text


def read_mapping(mapping: Mapping[Any, Any], name: str) -> list[str]:
    """An ASGI ``http.response.start`` message, or a mapping of header name to value(s)."""
    if "headers" in mapping and not isinstance(mapping["headers"], (str, bytes)):
        if mapping.get("type", "http.response.start") != "http.response.start":
            raise misuse(TypeError(
                f"an ASGI {mapping['type']!r} message carries no response headers; "
                "pass the 'http.response.start' message"
            ))
        return read_iterable(mapping["headers"], name)
    values: list[str] = []
    for key, value in mapping.items():
        if _text(_checked(key, "a header name")).lower() != name:
            continue
        many = value if isinstance(value, (list, tuple)) else [value]
        values.extend(_pair_value(one) for one in many)
    return values


_MULTI_VALUE_METHODS = ("getlist", "get_list", "getall", "get_all")


def multi_value_getter(headers: object) -> Callable[[str], Any] | None:
    """The accessor that returns every value of a field, never the joined or first one."""
    if headers is None or isinstance(headers, (str, bytes)):
        return None
    for method in _MULTI_VALUE_METHODS:
        getter = getattr(headers, method, None)
        if callable(getter):
            return getter  # type: ignore[no-any-return]
    return None


def read_header_container(headers: Any, name: str) -> list[str]:
    getter = multi_value_getter(headers)
    assert getter is not None
    try:
        values = getter(name)
    except KeyError:  # multidict's getall without a default
        return []
    return [_text(value) for value in values or ()]
