"""What the client adapters share: the wrapper they are built with, and small readers.

``around`` makes the wrapper of one patched function: it marks which client is handling a
request in this context (a ContextVar, so threads and asyncio tasks each see their own), calls
through, and hands the result to the adapter's ``record``.  The readers take raw Set-Cookie
lines, Date headers and URLs out of each client's objects without importing any client.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from contextvars import ContextVar, Token
from typing import Any, NamedTuple
from urllib.parse import quote

from ..parsing.appnames import AppName
from ..parsing.clients import netloc
from .patching import STATE, Patch, note_error


class Exchange(NamedTuple):
    """One request and its response as the recorder tells them: the request's method and URL,
    the label of the client that sent it, and the response's raw Date header."""

    method: str | None
    url: str | None
    framework: str | None
    date: str | None  # parsed only when someone reads the lines
    app_names: tuple[AppName, ...] = ()  # the cookie names of the app that answered


# The client whose call is in progress in this context.  It keeps requests -> urllib3 ->
# http.client from recording one exchange three times, keeps werkzeug's redirect recursion
# through ``open`` from recording twice, and lets the WSGI/ASGI wrappers leave an in-process
# exchange to the client that will record it.
_CLIENT: ContextVar[str | None] = ContextVar("pytest_securecookie_client", default=None)
_NOWHERE: frozenset[str | None] = frozenset()
# record(patch, args, kwargs, result): called after the wrapped call returned ``result``.
Record = Callable[[Patch, tuple[Any, ...], dict[str, Any], Any], None]
# on_error(patch, args, kwargs, error): the wrapped call raised ``error``.
ErrorRecord = Callable[[Patch, tuple[Any, ...], dict[str, Any], Exception], None]


def current_client() -> str | None:
    """The patched client whose call is in progress in this context (None outside any)."""
    return _CLIENT.get()


def inside_client() -> bool:
    """True while a patched client is handling a request in this context."""
    return _CLIENT.get() is not None


def _restore(token: Token[str | None]) -> None:
    """Undo ``_CLIENT.set`` where ``reset`` refuses (another context than the one set in)."""
    _CLIENT.set(token.old_value if token.old_value is not Token.MISSING else None)


class _Hooks(NamedTuple):
    client: str
    record: Record
    skip_inside: frozenset[Any]
    on_error: ErrorRecord | None


def around(
    client: str,
    record: Record,
    skip_inside: frozenset[Any] = _NOWHERE,
    on_error: ErrorRecord | None = None,
) -> Any:
    """A wrapper factory: mark ``client`` in progress, call through, then ``record``.

    Inside a call of a client in ``skip_inside`` the wrapper only calls through.  When the call
    raises, ``on_error`` may record what the exception still carries.  Coroutine functions get
    an ``async def`` wrapper.
    """
    hooks = _Hooks(client, record, skip_inside, on_error)

    def wrap(original: Any, patch: Patch) -> Any:
        if inspect.iscoroutinefunction(original):
            return _async_around(original, patch, hooks)
        return _sync_around(original, patch, hooks)

    return wrap


def _sync_around(original: Any, patch: Patch, hooks: _Hooks) -> Any:
    # Locals rather than attribute look-ups: this runs on every call of a patched function.
    client, record, skip_inside, state = hooks.client, hooks.record, hooks.skip_inside, STATE
    get_client, set_client = _CLIENT.get, _CLIENT.set

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not (patch.active and state.sinks) or get_client() in skip_inside:
            return original(*args, **kwargs)
        token = set_client(client)
        try:
            result = original(*args, **kwargs)
        except Exception as error:
            _record_error(hooks, patch, args, kwargs, error)
            raise
        finally:
            _reset_client(token)
        _record_result(record, client, patch, args, kwargs, result)
        return result

    return wrapper


def _async_around(original: Any, patch: Patch, hooks: _Hooks) -> Any:
    client, record, skip_inside, state = hooks.client, hooks.record, hooks.skip_inside, STATE
    get_client, set_client = _CLIENT.get, _CLIENT.set

    @functools.wraps(original)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not (patch.active and state.sinks) or get_client() in skip_inside:
            return await original(*args, **kwargs)
        token = set_client(client)
        try:
            result = await original(*args, **kwargs)
        except Exception as error:
            _record_error(hooks, patch, args, kwargs, error)
            raise
        finally:
            _reset_client(token)
        _record_result(record, client, patch, args, kwargs, result)
        return result

    return wrapper


def _reset_client(token: Any) -> None:
    try:
        _CLIENT.reset(token)
    except ValueError:  # a coroutine stepped in another context than it started in
        _restore(token)


def _record_result(
    record: Any, client: str, patch: Patch, args: Any, kwargs: Any, result: Any
) -> None:
    try:
        record(patch, args, kwargs, result)
    except Exception as error:  # our bug must never fail the user's request
        note_error(client, error)


def _record_error(hooks: _Hooks, patch: Patch, args: Any, kwargs: Any, error: Exception) -> None:
    if hooks.on_error is not None:
        try:
            hooks.on_error(patch, args, kwargs, error)
        except Exception as bug:  # the user sees their own exception, not ours
            note_error(hooks.client, bug)


# --- small readers of headers and URLs ------------------------------------------------------


def header_lines(headers: Any, name: str = "Set-Cookie") -> list[str]:
    """Every value of ``name``, never joined: the multi-value accessor of each header type."""
    for accessor in ("getlist", "get_list", "get_all", "getall"):
        method = getattr(headers, accessor, None)
        if method is not None:
            return list(method(name) or ())
    return []


def werkzeug_cookies_and_date(headers: Any) -> tuple[list[str], str | None]:
    """The Set-Cookie lines and the Date of a werkzeug ``Headers``, in one pass.

    ``Headers`` keeps its (name, value) pairs in the list ``_list``; reading it directly
    costs a fraction of ``getlist`` + ``get("Date")`` (a Flask test response has no Date,
    and ``get`` raises and catches a KeyError to say so).  Only werkzeug's own ``Headers``
    (a subclass such as ``EnvironHeaders`` keeps an empty ``_list``): else the public API.
    """
    kind = type(headers)
    plain = _plain_headers.get(kind)
    if plain is None:
        plain = _plain_headers[kind] = _is_plain_headers(kind)
    pairs = getattr(headers, "_list", None) if plain else None
    if type(pairs) is not list:
        return header_lines(headers), raw_date(headers)
    lines: list[str] = []
    date = None
    for key, value in pairs:  # a plain loop: fewer instructions than joining the names first
        folded = key.lower()
        if folded == "set-cookie":
            lines.append(value)
        elif folded == "date" and date is None:
            date = value
    return lines, date


_plain_headers: dict[type, bool] = {}


def _is_plain_headers(kind: type) -> bool:
    return kind.__name__ == "Headers" and kind.__module__.startswith("werkzeug.")


def as_text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def pairs_lines(pairs: Iterable[Any]) -> list[str]:
    return [as_text(v) for k, v in pairs if as_text(k).lower() == "set-cookie"]


def raw_date(headers: Any) -> str | None:
    """The Date of a header object with ``get`` (case-insensitive in every client)."""
    get = getattr(headers, "get", None)
    value = get("Date") if get is not None else None
    return as_text(value) if value is not None else None


def pairs_date(pairs: Iterable[Any]) -> str | None:
    """The first Date of ``(name, value)`` pairs, str or bytes (WSGI, ASGI, Falcon)."""
    return next((as_text(v) for k, v in pairs if as_text(k).lower() == "date"), None)


PATH_SAFE = "/:@!$&'()*+,;=~"  # RFC 3986 pchar and "/", left as they are


def environ_url(environ: dict[str, Any]) -> str:
    """The request URL of a WSGI environ (cheaper than werkzeug's IRI-aware ``request.url``)."""
    get = environ.get
    parts = (
        get("wsgi.url_scheme", "http"), get("HTTP_HOST"), get("SERVER_NAME", "localhost"),
        get("SERVER_PORT"), get("SCRIPT_NAME", ""), get("PATH_INFO", ""), get("QUERY_STRING"),
    )  # fmt: skip
    try:
        return _wsgi_url(*parts)
    except TypeError:  # an unhashable value in an odd environ: not cached
        return _wsgi_url.__wrapped__(*parts)


@functools.lru_cache(maxsize=256)  # a suite requests the same few URLs test after test
def _wsgi_url(
    scheme: str, host: str | None, server: str, port: str | None, script: str, path: str,
    query: str | None,
) -> str:  # fmt: skip
    if not host:
        host = netloc(scheme, server, int(port or 0) or None)
    # WSGI paths are the request's bytes decoded as latin-1 (PEP 3333): quote those bytes.
    quoted = quote((script + path).encode("latin-1", "replace"), safe=PATH_SAFE)
    return f"{scheme}://{host}{quoted}" + (f"?{query}" if query else "")


_signatures: dict[Any, inspect.Signature] = {}


def call_arguments(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The call's arguments by name, defaults included (only computed for responses with lines)."""
    if function not in _signatures:
        _signatures[function] = inspect.signature(function)
    bound = _signatures[function].bind_partial(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)
