"""CookieRecorder: every Set-Cookie line any supported client receives while it is active.

It asks ``capturing.clients`` to patch and never judges.  Recording stays cheap: per response it
keeps the raw lines and a small description of the request; parsing (of the lines and of the Date
header) waits until ``.lines`` or ``.records`` is read.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from contextvars import ContextVar, Token
from datetime import datetime
from functools import lru_cache
from types import TracebackType
from typing import Any, NamedTuple, overload
from urllib.parse import quote

from ..parsing.clients import ASGI, WSGI
from ..parsing.dates import parse_http_date
from ..parsing.parser import SetCookie, parse_set_cookie
from ..parsing.redaction import RawLine, hide_value, line_value, redact_line, shown_url
from . import clients as _clients
from .wrapping import Exchange, pairs_date

__all__ = ["CookieRecord", "CookieRecorder", "RecordedLine"]

WSGIApp = Callable[..., Iterable[bytes]]
Describe = Callable[[], Exchange]
ASGIApp = Callable[..., Awaitable[None]]


# The recorders entered in this context.  Work handed to an older thread with the context
# (asyncio.to_thread, run_in_executor via copy_context, asgiref's sync_to_async, anyio) still
# belongs to the recorder that was active where it was handed over.
_ENTERED: ContextVar[tuple[CookieRecorder, ...]] = ContextVar("pytest_securecookie_recorders")


class RecordedLine(NamedTuple):
    """One raw Set-Cookie line as received.  ``line`` holds the value: never print it (it is a
    :class:`~pytest_securecookie.parsing.redaction.RawLine`, whose ``repr`` is redacted).
    ``url`` and ``source`` show the request without query, fragment and ``user:password@``."""

    line: str
    source: str  # "POST http://localhost/login (flask)"
    framework: str | None
    url: str | None
    date: datetime | None  # the response's Date header (aware UTC) when known
    response: int  # ordinal of the response within this recorder (0, 1, ...)

    def __repr__(self) -> str:
        value = line_value(self.line)  # a URL may carry the value too (a magic link)
        pairs = zip(self._fields[1:], self[1:], strict=True)
        fields = ", ".join(f"{name}={hide_value(item, value)!r}" for name, item in pairs)
        return f"RecordedLine(line={redact_line(self.line)!r}, {fields})"

    def _redacted_lines(self) -> tuple[str, ...]:
        """The lines whose values an explanation showing this record must hide."""
        return (self.line,)


class CookieRecord(NamedTuple):
    """A parsed cookie and the request that set it."""

    cookie: SetCookie
    source: str

    def __repr__(self) -> str:
        source = hide_value(self.source, self.cookie.value)  # a URL may carry the value too
        return f"CookieRecord(cookie={self.cookie!r}, source={source!r})"


class CookieRecorder:
    """Records the Set-Cookie lines of every response while active; list-like over records.

    ``with CookieRecorder() as rec: ...`` then ``rec.records`` (or iterate ``rec``).  Its own
    responses are those of the entering thread, of threads started while it is active, and of
    work handed to older threads with the context (``asyncio.to_thread``); a thread that was
    already running is never attributed to it.  Apps wrapped by :meth:`wsgi` / :meth:`asgi`
    record into every active recorder, whichever thread serves them.
    """

    def __init__(self) -> None:
        self._entered = False
        self._active = False
        self._lock = threading.RLock()
        self._responses = 0
        # (ordinal, lines, describe) of each response with lines: described when read.
        self._recorded: list[tuple[int, list[str], Describe]] = []
        self._owner: threading.Thread | None = None
        self._foreign: frozenset[threading.Thread] = frozenset()
        self._cache: tuple[int, list[RecordedLine]] = (0, [])
        # Lines the WSGI/ASGI wrappers recorded that an in-process client has yet to receive:
        # that client's copy of the same response is not recorded a second time.
        self._served: dict[tuple[str, ...], int] = {}
        self._token: Token[tuple[CookieRecorder, ...]] | None = None

    def __repr__(self) -> str:
        state = "active" if self._active else "inactive"
        counts = f"{self._responses} responses, {len(self._recorded)} with cookies"
        return f"<CookieRecorder {state}: {counts}>"

    def __enter__(self) -> CookieRecorder:
        if self._entered:
            raise RuntimeError(f"Cannot enter {self!r} twice")
        self._entered = True
        self._owner = threading.current_thread()
        self._foreign = _running_threads()
        _clients.acquire(self._observe)
        self._active = True
        self._token = _ENTERED.set((*_ENTERED.get(()), self))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._active = False
        try:
            self._leave_context()
        finally:
            _clients.release(self._observe)

    def _leave_context(self) -> None:
        try:
            if self._token is not None:
                _ENTERED.reset(self._token)
        except ValueError:  # exited in another context than it was entered in
            _ENTERED.set(tuple(r for r in _ENTERED.get(()) if r is not self))

    # --- what was recorded -------------------------------------------------------------

    @property
    def responses(self) -> int:
        """How many responses were observed (with or without cookies)."""
        return self._responses

    @property
    def lines(self) -> list[RecordedLine]:
        """Every Set-Cookie line seen, in arrival order."""
        with self._lock:
            done, lines = self._cache
            if done < len(self._recorded):  # describe only what came since the last read
                new = [line for seen in self._recorded[done:] for line in _expand(*seen)]
                lines = lines + new
                self._cache = (len(self._recorded), lines)
        return list(lines)

    @property
    def records(self) -> list[CookieRecord]:
        """The lines parsed as a browser does; lines a browser ignores are left out."""
        parsed = ((parse_set_cookie(line.line), line.source) for line in self.lines)
        return [CookieRecord(cookie, source) for cookie, source in parsed if cookie is not None]

    def __iter__(self) -> Iterator[CookieRecord]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    @overload
    def __getitem__(self, index: int) -> CookieRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[CookieRecord]: ...
    def __getitem__(self, index: int | slice) -> CookieRecord | list[CookieRecord]:
        return self.records[index]

    def clear(self) -> None:
        with self._lock:
            self._recorded = []
            self._responses = 0
            self._served = {}
            self._cache = (0, [])

    # --- recording ---------------------------------------------------------------------

    def _observe(
        self, thread: threading.Thread | None, lines: list[str], describe: Describe | None
    ) -> None:
        if thread is None:  # sent by a wrapped app: whichever thread serves it, it is ours
            self._record_served(lines, describe)
            return
        if thread is not self._owner and thread in self._foreign and self not in _ENTERED.get(()):
            return  # a thread that was already running: not this recorder's to blame
        if self._served and self._already_served(_served_key(lines)):
            return  # an in-process client receiving what a wrapped app already recorded
        with self._lock:  # as _record, inlined: this runs for every response
            ordinal = self._responses
            self._responses += 1
            if lines and describe is not None:
                self._recorded.append((ordinal, lines, describe))

    def _already_served(self, key: tuple[str, ...]) -> bool:
        with self._lock:
            count = self._served.get(key, 0)
            if count > 1:
                self._served[key] = count - 1
            elif count:
                del self._served[key]
            return count > 0

    def _record(self, lines: list[str], describe: Describe | None) -> None:
        with self._lock:
            ordinal = self._responses
            self._responses += 1
            if lines and describe is not None:
                self._recorded.append((ordinal, lines, describe))

    def _record_served(self, lines: list[str], describe: Describe | None) -> None:
        self._record(lines, describe)
        with self._lock:  # responses without cookies too, so that they are counted once
            key = _served_key(lines)
            self._served[key] = self._served.get(key, 0) + 1

    # --- server side -------------------------------------------------------------------

    def wsgi(self, app: WSGIApp) -> WSGIApp:
        """``app`` wrapped so that every Set-Cookie it emits is recorded, whatever the client.

        Recorded by every recorder active when the response goes out (this one while it is,
        the one ``--secure-cookies`` starts for each test), whichever thread serves it: wrap
        the app of a live server once and a browser's traffic is recorded test by test.
        """

        def recording_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            def recording_start_response(status: str, headers: list[Any], *exc: Any) -> Any:
                try:
                    lines = [str(v).lstrip(" \t") for k, v in headers if k.lower() == "set-cookie"]
                    _serve(lines, lambda: _wsgi_exchange(environ, headers))
                except Exception as error:  # our bug must never fail the app's response
                    _clients.note_error("wsgi", error)
                return start_response(status, headers, *exc)

            return app(environ, recording_start_response)

        return recording_app

    def asgi(self, app: ASGIApp) -> ASGIApp:
        """``app`` wrapped so that every Set-Cookie it emits is recorded (see :meth:`wsgi`)."""

        async def recording_app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") != "http":
                return await app(scope, receive, send)

            async def recording_send(message: MutableMapping[str, Any]) -> None:
                if message.get("type") == "http.response.start":
                    _serve_asgi(scope, message)
                await send(message)

            await app(scope, receive, recording_send)

        return recording_app


def _running_threads() -> frozenset[threading.Thread]:
    """The threads running now.  The owner is told apart in ``_observe``, so when it is the
    only one (most test runs) the snapshot is empty and the thread list is not copied."""
    if threading.active_count() == 1:
        return frozenset()
    return frozenset(threading.enumerate())


def _serve(lines: list[str], describe: Describe) -> None:
    """Hand what a wrapped app sends to every active recorder (nested ones alike)."""
    if _clients.inside_client():
        return  # the in-process client that called the app records this response
    for sink in _clients.active_sinks():
        sink(None, lines, describe if lines else None)


def _serve_asgi(scope: MutableMapping[str, Any], message: MutableMapping[str, Any]) -> None:
    try:
        headers = [(bytes(k).lower(), bytes(v)) for k, v in message.get("headers", ())]
        lines = [v.decode("latin-1") for k, v in headers if k == b"set-cookie"]
        _serve(lines, lambda: _asgi_exchange(scope, headers))
    except Exception as error:  # our bug must never fail the app's response
        _clients.note_error("asgi", error)


def _served_key(lines: list[str]) -> tuple[str, ...]:
    """The lines as every decoding of the same bytes reads them: a server hands the wrapper
    bytes read as latin-1, a client may read UTF-8 (httpx).  ASCII reads alike in all; a run
    of other bytes becomes one mark (latin-1 reads "é" as two characters, UTF-8 as one)."""
    return tuple(line if line.isascii() else _NON_ASCII.sub("\ufffd", line) for line in lines)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _expand(ordinal: int, lines: list[str], describe: Describe) -> list[RecordedLine]:
    try:
        exchange = describe()
    except Exception:  # the request object changed since; the lines still count
        exchange = Exchange(None, None, None, None)
    url = _shown(exchange.url)
    source = _source(exchange.method, url, exchange.framework)
    date = parse_http_date(exchange.date) if exchange.date else None  # most carry no Date
    framework = exchange.framework
    return [RecordedLine(RawLine(line), source, framework, url, date, ordinal) for line in lines]


def _shown(url: object) -> str | None:
    """The URL as reports show it (``shown_url``), whatever object the client kept."""
    try:
        return _shown_text(url if url is None or type(url) is str else str(url))
    except Exception:  # an odd client object whose str() fails: the lines still count
        return None


_shown_text = lru_cache(maxsize=256)(shown_url)  # a suite requests the same few URLs


def _source(method: str | None, url: str | None, framework: str | None) -> str:
    try:
        return _source_text(method, url, framework)
    except TypeError:  # an unhashable method from an odd client object: not cached
        return _source_text.__wrapped__(method, url, framework)


@lru_cache(maxsize=256)  # a suite requests the same few URLs test after test
def _source_text(method: str | None, url: str | None, framework: str | None) -> str:
    request = (f"{method} {url}" if url else method) if method else (url or "response")
    return f"{request} ({framework})" if framework else request


_PATH_SAFE = _clients.PATH_SAFE


def _wsgi_exchange(environ: dict[str, Any], headers: list[Any]) -> Exchange:
    url = _clients.environ_url(environ)
    return Exchange(environ.get("REQUEST_METHOD"), url, WSGI.label, pairs_date(headers))


def _asgi_exchange(
    scope: MutableMapping[str, Any], headers: list[tuple[bytes, bytes]]
) -> Exchange:
    request_headers = {bytes(k).lower(): bytes(v) for k, v in scope.get("headers", ())}
    scheme = scope.get("scheme", "http")
    host = request_headers.get(b"host", b"").decode("latin-1") or _scope_host(scope, scheme)
    path = _scope_path(scope)
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "")
    return Exchange(scope.get("method"), url, ASGI.label, pairs_date(headers))


def _scope_path(scope: MutableMapping[str, Any]) -> str:
    raw_path = scope.get("raw_path")  # the path as received, still percent-encoded, in full
    if raw_path:
        return bytes(raw_path).decode("latin-1")
    root, path = scope.get("root_path", ""), scope.get("path", "")
    full = path if path.startswith(root) else root + path  # newer servers include root_path
    return quote(full, safe=_PATH_SAFE)


def _scope_host(scope: MutableMapping[str, Any], scheme: str) -> str:
    server = scope.get("server") or ("localhost", None)
    name, port = server[0], server[1]
    default = {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    return str(name) if port in (None, default) else f"{name}:{port}"


def active_recorders() -> tuple[CookieRecorder, ...]:
    """The recorders entered in this context and still recording, outermost first."""
    return tuple(recorder for recorder in _ENTERED.get(()) if recorder._active)
