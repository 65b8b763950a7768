"""What a response reveals about its cookies' origin: request line, framework, URL, Date.

Duck-typed and defensive (``getattr`` only, every failure means "unknown"): nothing here
imports a client, and nothing here may raise, because it only decorates a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .labels import response_label
from .parser import SetCookie, parse_set_cookie
from .readers import client_of, read_lines, response_date
from .redaction import RawLine, line_name, shown_url


@dataclass(frozen=True, repr=False)
class Line:
    """One Set-Cookie line of a response, parsed (``cookie`` None when browsers ignore it).

    ``raw`` holds the value, so the ``repr`` leaves it out (these sit in frames that
    ``--showlocals`` may print), and it is a :class:`RawLine`, whose own ``repr`` is redacted.
    """

    raw: RawLine
    cookie: SetCookie | None
    name: str
    source: str | None

    def __repr__(self) -> str:
        return f"Line(name={self.name!r}, source={self.source!r})"


@dataclass(frozen=True)
class Origin:
    """Where a response came from: ``"GET http://localhost/login (flask)"`` and its parts."""

    source: str | None
    framework: str | None
    url: str | None
    now: datetime | None


def _attr(obj: object, name: str) -> Any:
    try:
        return getattr(obj, name, None)
    except Exception:  # httpx raises RuntimeError for a response built without a request
        return None


def _text(value: object) -> str | None:
    return str(value) if value is not None and not callable(value) else None


def request_line(response: object) -> tuple[str | None, str | None]:
    """(method, URL) of the request that produced ``response``, when the response knows."""
    try:
        client = client_of(response)
        if client is not None and client.request_line is not None:
            return client.request_line(response)  # Django's: its redirect's .url points away
    except Exception:  # an odd response or request object: the line is decoration
        return None, None
    request = _attr(response, "request")
    if request is not None and not isinstance(request, dict):
        method, url = _text(_attr(request, "method")), _text(_attr(request, "url"))
        if url is not None:
            return method, url
    # aiohttp's ClientResponse carries them itself; urllib3's has only .url.
    return _text(_attr(response, "method")), _text(_attr(response, "url"))


def origin_of(response: object) -> Origin:
    """Everything the message and the fix hints can learn from ``response``."""
    method, full_url = request_line(response)
    url = shown_url(full_url)
    framework = response_label(response, url)
    return Origin(_source(method, url, framework), framework, url, _date_of(response))


def _source(method: str | None, url: str | None, framework: str | None) -> str | None:
    """``"GET http://localhost/login (flask)"``, as much of it as is known."""
    parts = [part for part in (method, url) if part]
    if not parts:  # Falcon's and Quart's test responses do not keep their request
        return f"{_article(framework)} {framework} response" if framework else None
    return " ".join(parts + ([f"({framework})"] if framework else []))


def _article(label: str) -> str:
    return "an" if label[:1] in "aeiou" or label.startswith("http") else "a"  # an aiohttp


def _date_of(response: object) -> datetime | None:
    try:
        return response_date(response)
    except Exception:  # a kind without readable headers: judge deletions against the clock
        return None


def _line(text: str, source: str | None) -> Line:
    raw = RawLine(text)
    cookie = parse_set_cookie(raw)
    return Line(raw, cookie, cookie.name if cookie else line_name(raw), source)


def lines_of(response: object, origin: Origin) -> list[Line]:
    """Every Set-Cookie line of ``response`` (redirect hops first), each with its own source.

    Raises ``TypeError`` (from the reader) for a kind of response it cannot read.
    """
    hops = _attr(response, "history")
    if isinstance(hops, (list, tuple)) and hops:
        try:
            per_hop = [(hop, read_lines(hop, history=False)) for hop in hops]
        except TypeError:
            per_hop = []
        if per_hop:
            own = read_lines(response, history=False)
            lines = [_line(raw, origin_of(hop).source) for hop, raws in per_hop for raw in raws]
            return lines + [_line(raw, origin.source) for raw in own]
    return [_line(raw, origin.source) for raw in read_lines(response)]
