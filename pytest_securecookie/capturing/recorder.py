"""CookieRecorder: every Set-Cookie line any supported client receives while it is active.

It asks ``capturing.clients`` to patch and never judges.  Recording stays cheap: per response it
keeps the raw lines and a small description of the request; parsing (of the lines and of the Date
header) waits until ``.lines`` or ``.records`` is read.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Awaitable, Callable, Iterable, Iterator, MutableMapping
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from types import TracebackType
from typing import Any, NamedTuple, TypeGuard, overload
from urllib.parse import quote

from ..parsing.appnames import AppName, app_names
from ..parsing.clients import ASGI, WSGI
from ..parsing.dates import parse_http_date
from ..parsing.parser import SetCookie, parse_set_cookie
from ..parsing.redaction import RawLine, hide_value, line_value, redact_line, shown_url
from . import clients as _clients
from .wrapping import Exchange, pairs_date

__all__ = ["CookieRecord", "CookieRecorder", "RecordedLine", "SeenResponse"]

WSGIApp = Callable[..., Iterable[bytes]]
Describe = Callable[[], Exchange]
ASGIApp = Callable[..., Awaitable[None]]


# The recorders entered in this context.  Work handed to an older thread with the context
# (asyncio.to_thread, run_in_executor via copy_context, asgiref's sync_to_async, anyio) still
# belongs to the recorder that was active where it was handed over.  Weak references: a copy
# of the context, or the entering thread's when the recorder is exited elsewhere, must not
# keep a recorder (its lines, client and app) alive.
_Entered = tuple["weakref.ref[CookieRecorder]", ...]
_ENTERED: ContextVar[_Entered] = ContextVar("pytest_securecookie_recorders")


class Finished(NamedTuple):
    """What a recorder recorded (``CookieRecorder.finished``)."""

    lines: list[RecordedLine]  # every Set-Cookie line, in arrival order
    seen: list[SeenResponse]  # the responses kept for the exposure check (SC019)
    app_names: tuple[AppName, ...]  # the cookie names the answering apps gave their cookies
    responses: int  # how many responses were observed, with or without cookies
    unkept: int  # how many responses were past ``MAX_KEPT_RESPONSES``, not kept


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


# ``SeenResponse(...)`` without its Python-level ``__new__``: one is made per response.
_new = tuple.__new__
# Responses a recorder keeps for SC019, at most: a polling test must not hold every body
# until it ends.  Those past it are counted (``unkept_responses``), never searched.
MAX_KEPT_RESPONSES = 1000


class SeenResponse(NamedTuple):
    """One response a recorder kept for the exposure check (SC019): its ordinal, the client's
    response object (or the header pairs a wrapped app sent) and how to tell its request."""

    response: int
    content: object
    describe: Describe | None

    def __repr__(self) -> str:  # the content holds header values and a body: never shown
        return f"SeenResponse(response={self.response}, content={type(self.content).__name__})"

    def source(self) -> str | None:
        """``"GET http://localhost/me (flask)"``, as a recorded line's source says it."""
        if self.describe is None:
            return None
        try:
            exchange = self.describe()
        except Exception:  # the request object changed since
            return None
        return _source(exchange.method, _shown(exchange.url), exchange.framework)


class CookieRecorder:
    """Records the Set-Cookie lines of every response while active; list-like over records.

    ``with CookieRecorder() as rec: ...`` then ``rec.records`` (or iterate ``rec``).  Its own
    responses are those of the entering thread, of threads started while it is active, and of
    work handed to older threads with the context (``asyncio.to_thread``); a thread that was
    already running is never attributed to it.  Apps wrapped by :meth:`wsgi` / :meth:`asgi`
    record into every active recorder, whichever thread serves them.
    """

    def __init__(self, *, keep_responses: bool = False) -> None:
        self._entered = False
        # Every response object, kept (not copied) for the exposure check: enforcement's.
        self._keep_responses = keep_responses
        self._seen: list[tuple[int, object, Describe | None]] = []
        self._unkept = 0
        self._active = False
        self._lock = threading.RLock()
        self._responses = 0
        # (ordinal, lines, describe) of each response with lines: described when read.
        self._recorded: list[tuple[int, list[str], Describe]] = []
        self._owner: threading.Thread | None = None
        self._foreign: frozenset[threading.Thread] = frozenset()
        self._cache: tuple[int, list[RecordedLine]] = (0, [])
        self._app_names: dict[AppName, None] = {}  # of the described exchanges, in order
        # Lines the WSGI/ASGI wrappers recorded that an in-process client has yet to receive:
        # that client's copy of the same response is not recorded a second time.
        self._served: dict[tuple[str, ...], int] = {}
        self._ref = weakref.ref(self)

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
        _ENTERED.set((*_still_active(), self._ref))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Stop recording.  Removed from the context rather than reset to the one it was
        entered in: recorders are exited out of order (the plugin's before the fixture's),
        in another context or twice, and a reset would bring back recorders already left."""
        self._active = False
        try:
            _ENTERED.set(_still_active())
        finally:
            _clients.release(self._observe)

    # --- what was recorded -------------------------------------------------------------

    @property
    def responses(self) -> int:
        """How many responses were observed (with or without cookies)."""
        return self._responses

    @property
    def recorded_lines(self) -> bool:
        """Whether any Set-Cookie line was recorded (asked without describing the lines)."""
        return bool(self._recorded)

    @property
    def lines(self) -> list[RecordedLine]:
        """Every Set-Cookie line seen, in arrival order."""
        return list(self._described())

    @property
    def seen(self) -> list[SeenResponse]:
        """Every response kept (``keep_responses=True``), in arrival order."""
        with self._lock:
            return self._seen_responses()

    def _seen_responses(self) -> list[SeenResponse]:
        return [_new(SeenResponse, kept) for kept in self._seen]

    @property
    def unkept_responses(self) -> int:
        """How many responses were not kept: past ``MAX_KEPT_RESPONSES``."""
        return self._unkept

    def finished(self) -> Finished:
        """Everything enforcement reads of a test's recorder, read at once after its exit."""
        with self._lock:
            lines = list(self._described())
            return Finished(lines, self._seen_responses(), tuple(self._app_names),
                            self._responses, self._unkept)

    @property
    def app_names(self) -> tuple[AppName, ...]:
        """The cookie names the apps that answered give their own session, CSRF and
        remember-me cookies (Django's settings, Flask's config, session middleware)."""
        with self._lock:
            self._described()  # describing an exchange learns its app's names
            return tuple(self._app_names)

    def _described(self) -> list[RecordedLine]:
        with self._lock:
            done, lines = self._cache
            if done < len(self._recorded):  # describe only what came since the last read
                new = [line for seen in self._recorded[done:] for line in self._expand(*seen)]
                lines = lines + new
                self._cache = (len(self._recorded), lines)
        return lines

    def _expand(self, ordinal: int, lines: list[str], describe: Describe) -> list[RecordedLine]:
        try:
            exchange = describe()
        except Exception:  # the request object changed since; the lines still count
            exchange = Exchange(None, None, None, None)
        self._app_names.update(dict.fromkeys(exchange.app_names))
        return _lines(ordinal, lines, exchange)

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
            self._seen = []
            self._unkept = 0
            self._responses = 0
            self._served = {}
            self._cache = (0, [])
            self._app_names = {}

    # --- recording ---------------------------------------------------------------------

    def _observe(
        self,
        thread: threading.Thread | None,
        lines: list[str],
        describe: Describe | None,
        response: object = None,
    ) -> None:
        if thread is None:  # sent by a wrapped app: whichever thread serves it, it is ours
            self._record_served(lines, describe, response)
            return
        foreign = thread is not self._owner and thread in self._foreign
        if foreign and self._ref not in _ENTERED.get(()):
            return  # a thread that was already running: not this recorder's to blame
        if self._served and self._already_served(_served_key(lines)):
            # A client receiving what a wrapped app already recorded: its lines are counted,
            # but the body it read is what the app's header pairs lack (SC019 searches it).
            if self._keep_responses and response is not None:
                with self._lock:
                    self._keep((max(self._responses - 1, 0), response, describe))
            return
        with self._lock:  # as _record, inlined: this runs for every response
            ordinal = self._responses
            self._responses += 1
            if lines and describe is not None:
                self._recorded.append((ordinal, lines, describe))
            if self._keep_responses and response is not None:
                self._keep((ordinal, response, describe))

    def _keep(self, kept: tuple[int, object, Describe | None]) -> None:
        """Keep a response for SC019 (under the lock), or count it past the cap."""
        if len(self._seen) < MAX_KEPT_RESPONSES:
            self._seen.append(kept)
        else:
            self._unkept += 1

    def _already_served(self, key: tuple[str, ...]) -> bool:
        with self._lock:
            count = self._served.get(key, 0)
            if count > 1:
                self._served[key] = count - 1
            elif count:
                del self._served[key]
            return count > 0

    def _record(self, lines: list[str], describe: Describe | None, response: object) -> None:
        with self._lock:
            ordinal = self._responses
            self._responses += 1
            if lines and describe is not None:
                self._recorded.append((ordinal, lines, describe))
            if self._keep_responses and response is not None:
                self._keep((ordinal, response, describe))

    def _record_served(self, lines: list[str], describe: Describe | None, response: object) -> None:
        self._record(lines, describe, response)
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
                    _serve(lines, lambda: _wsgi_exchange(environ, headers, app), headers)
                except Exception as error:  # our bug must never fail the app's response
                    _clients.note_error("wsgi", error)
                return start_response(status, headers, *exc)

            return app(environ, recording_start_response)

        recording_app.app = app  # type: ignore[attr-defined]  # as middleware keep it
        return recording_app

    def asgi(self, app: ASGIApp) -> ASGIApp:
        """``app`` wrapped so that every Set-Cookie it emits is recorded (see :meth:`wsgi`)."""

        async def recording_app(scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
            if scope.get("type") != "http":
                return await app(scope, receive, send)

            async def recording_send(message: MutableMapping[str, Any]) -> None:
                if message.get("type") == "http.response.start":
                    _serve_asgi(scope, message, app)
                await send(message)

            await app(scope, receive, recording_send)

        recording_app.app = app  # type: ignore[attr-defined]  # as middleware keep it
        return recording_app


def _still_active() -> _Entered:
    """What ``_ENTERED`` holds of the recorders still active (see ``active_recorders``)."""
    entered = _ENTERED.get(())
    if not entered:  # the usual enter: no other recorder in this context
        return entered
    return tuple(ref for ref in entered if _is_active(ref()))


def _is_active(recorder: CookieRecorder | None) -> TypeGuard[CookieRecorder]:
    return recorder is not None and recorder._active


def _running_threads() -> frozenset[threading.Thread]:
    """The threads running now.  The owner is told apart in ``_observe``, so when it is the
    only one (most test runs) the snapshot is empty and the thread list is not copied."""
    if threading.active_count() == 1:
        return frozenset()
    return frozenset(threading.enumerate())


def _serve(lines: list[str], describe: Describe, headers: object) -> None:
    """Hand what a wrapped app sends to every active recorder (nested ones alike): its body
    goes by unseen, its header pairs are kept for the exposure check."""
    if _clients.inside_client():
        return  # the in-process client that called the app records this response
    for sink in _clients.active_sinks():
        sink(None, lines, describe, headers)


def _serve_asgi(
    scope: MutableMapping[str, Any], message: MutableMapping[str, Any], app: ASGIApp
) -> None:
    try:
        headers = [(bytes(k).lower(), bytes(v)) for k, v in message.get("headers", ())]
        lines = [v.decode("latin-1") for k, v in headers if k == b"set-cookie"]
        _serve(lines, lambda: _asgi_exchange(scope, headers, app), headers)
    except Exception as error:  # our bug must never fail the app's response
        _clients.note_error("asgi", error)


def _served_key(lines: list[str]) -> tuple[str, ...]:
    """The lines as every decoding of the same bytes reads them: a server hands the wrapper
    bytes read as latin-1, a client may read UTF-8 (httpx).  ASCII reads alike in all; a run
    of other bytes becomes one mark (latin-1 reads "é" as two characters, UTF-8 as one)."""
    return tuple(line if line.isascii() else _NON_ASCII.sub("\ufffd", line) for line in lines)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _lines(ordinal: int, lines: list[str], exchange: Exchange) -> list[RecordedLine]:
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


def _wsgi_exchange(environ: dict[str, Any], headers: list[Any], app: WSGIApp) -> Exchange:
    url = _clients.environ_url(environ)
    date = pairs_date(headers)
    return Exchange(environ.get("REQUEST_METHOD"), url, WSGI.label, date, app_names(app))


def _asgi_exchange(
    scope: MutableMapping[str, Any], headers: list[tuple[bytes, bytes]], app: ASGIApp
) -> Exchange:
    request_headers = {bytes(k).lower(): bytes(v) for k, v in scope.get("headers", ())}
    scheme = scope.get("scheme", "http")
    host = request_headers.get(b"host", b"").decode("latin-1") or _scope_host(scope, scheme)
    path = _scope_path(scope)
    query = bytes(scope.get("query_string", b"")).decode("latin-1")
    url = f"{scheme}://{host}{path}" + (f"?{query}" if query else "")
    return Exchange(scope.get("method"), url, ASGI.label, pairs_date(headers), app_names(app))


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
    recorders = (ref() for ref in _ENTERED.get(()))
    return tuple(recorder for recorder in recorders if _is_active(recorder))
