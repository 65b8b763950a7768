"""One adapter per HTTP client: what to wrap so that every response is seen exactly once.

Where each client keeps its raw Set-Cookie lines, and which function sees each redirect hop
once, is documented (with the proof) in ``shared/design/clients.md``.  Nothing here imports a
client: targets are patched only in modules already in ``sys.modules``, or when they are
imported while a recorder is active (see ``capturing.patching``).  Wrappers keep the
per-response path short: read the raw lines, and describe the request only when there are lines.
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Iterable
from typing import Any

from ..parsing.appnames import AppName, callers_names, client_names, django_names
from ..parsing.labels import framework_of  # the labels assert_secure_cookie writes too
from .patching import (
    Patch,
    Sink,
    Target,
    acquire,
    active_sinks,
    hold,
    note_error,
    recording,
    register,
    release,
    take_errors,
    unhold,
)
from .wrapping import (
    PATH_SAFE,
    Hop,
    absolute_url,
    around,
    as_text,
    call_arguments,
    current_client,
    environ_url,
    header_lines,
    inside_client,
    pairs_lines,
    raw_date,
)

__all__ = [
    "PATH_SAFE", "TARGETS", "Hop", "Sink",
    "acquire", "active_sinks", "environ_url", "hold", "inside_client", "note_error", "release",
    "take_errors", "unhold",
]  # fmt: skip


# requests -> urllib3 -> http.client is one exchange: record it at the outermost.
_HTTP_STACK = frozenset({"requests", "urllib3"})


# --- requests: HTTPAdapter.send marks the stack (urllib3 and http.client underneath are the
# same exchange); build_response sees each hop once, the 302 included, and is also what the
# `responses` and `requests-mock` mocks call to build their responses.


def _record_requests(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    raw = args[2] if len(args) > 2 else kwargs.get("resp")
    headers = getattr(raw, "headers", None)
    patch.emit(header_lines(headers), _requests_hop, response.request, response.headers)


def _requests_hop(request: Any, headers: Any) -> Hop:
    return Hop(request.method, request.url, "requests", raw_date(headers))


# --- urllib3: _make_request is one exchange (urlopen recurses on redirects).


def _record_urllib3(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    headers = getattr(response, "headers", None) or getattr(response, "msg", None)
    patch.emit(header_lines(headers), _urllib3_hop, args, headers)


def _urllib3_hop(args: Any, headers: Any) -> Hop:
    pool, method, url = args[0], args[2], args[3]
    return Hop(
        method, absolute_url(pool.scheme, pool.host, pool.port, url), "urllib3", raw_date(headers)
    )


# --- http.client: getresponse is one exchange; putrequest tells us the path.

_paths: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _remember_path(patch: Patch, args: Any, kwargs: Any, result: Any) -> None:
    _paths[args[0]] = args[2] if len(args) > 2 else kwargs.get("url", "/")


def _record_http_client(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    # .headers, not .msg: urllib.request replaces .msg with the reason phrase afterwards.
    lines = response.headers.get_all("Set-Cookie") or []
    if lines:  # the connection may serve another path by the time the lines are read
        target = (args[0], _paths.get(args[0], "/"), getattr(response, "_method", None))
        patch.emit(lines, _http_client_hop, *target, response.headers)
    else:
        patch.emit(lines, _http_client_hop)


def _http_client_hop(conn: Any, path: str, method: str | None, headers: Any) -> Hop:
    scheme = "https" if getattr(conn, "default_port", 80) == 443 else "http"
    url = absolute_url(scheme, conn.host, conn.port, path)
    return Hop(method, url, "http.client", raw_date(headers))


# --- werkzeug / Flask: the outermost Client.open (follow_redirects recurses through open),
# then every response of the chain from its history.


def _record_werkzeug(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    history = getattr(response, "history", ())
    for hop in (*history, response) if history else (response,):
        lines, date = werkzeug_cookies_and_date(hop.headers)
        patch.emit(lines, _werkzeug_hop, getattr(hop, "request", None), date, args[0])


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
    for key, value in pairs:
        folded = key.lower()
        if folded == "set-cookie":
            lines.append(value)
        elif folded == "date" and date is None:
            date = value
    return lines, date


_plain_headers: dict[type, bool] = {}


def _is_plain_headers(kind: type) -> bool:
    return kind.__name__ == "Headers" and kind.__module__.startswith("werkzeug.")


def _werkzeug_hop(request: Any, date: str | None, client: Any) -> Hop:
    framework = framework_of(client, "werkzeug")  # only for responses with lines
    names = client_names(client)
    if request is None:
        return Hop(None, None, framework, date, names)
    return Hop(request.method, environ_url(request.environ), framework, date, names)


# --- Django: Client.request / AsyncClient.request, one call per hop.  Django keeps cookies
# in response.cookies (one Morsel per name); header values set by hand come first.


def _record_django(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = [value for key, value in response.items() if key.lower() == "set-cookie"]
    lines.extend(morsel.OutputString() for morsel in response.cookies.values())
    request = getattr(response, "wsgi_request", None) or getattr(response, "asgi_request", None)
    # The settings as they are now: an @override_settings ends with the test body.
    names = django_names() if lines else ()
    patch.emit(lines, _django_hop, request, response.headers, names)


def _django_hop(request: Any, headers: Any, names: tuple[AppName, ...]) -> Hop:
    if request is None:
        return Hop(None, None, "django", raw_date(headers), names)
    meta, scheme = request.META, request.scheme
    if meta.get("HTTP_HOST"):
        url = f"{scheme}://{meta['HTTP_HOST']}{request.get_full_path()}"
    else:
        port = int(meta.get("SERVER_PORT") or 0) or None
        url = absolute_url(scheme, meta.get("SERVER_NAME"), port, request.get_full_path())
    return Hop(request.method, url, "django", raw_date(headers), names)


# --- httpx and httpx2 (so Starlette, FastAPI, Litestar, Sanic): _send_single_request is one
# hop; send() only sees the final response.


def _record_httpx(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    headers, request = response.headers, response.request
    lines = headers.get_list("set-cookie")
    patch.emit(lines, _httpx_hop, args[0], request, headers, current_client() if lines else None)


def _httpx_hop(client: Any, request: Any, headers: Any, caller: str | None) -> Hop:
    framework = framework_of(client, type(client).__module__.partition(".")[0])
    if framework == "starlette" and framework_of(getattr(client, "app", None), "") == "fastapi":
        framework = "fastapi"
    if caller == "sanic":  # Sanic's test_client: a plain AsyncClient against its own server
        framework = "sanic"
    names = client_names(client)
    return Hop(request.method, str(request.url), framework, headers.get("date"), names)


def _nothing(patch: Patch, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any) -> None:
    pass


# --- aiohttp: ClientSession._request follows redirects in a loop; the hops are in history.


def _record_aiohttp(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    hops = (*response.history, response)
    names = _aiohttp_names(hops)
    for hop in hops:
        lines = hop.headers.getall("Set-Cookie", [])
        patch.emit(lines, _aiohttp_hop, hop.method, hop.url, hop.headers, names)


def _aiohttp_names(hops: Iterable[Any]) -> tuple[AppName, ...]:
    """A ``ClientSession`` knows no app: aiohttp's ``TestClient`` calling it (read now, from
    the frames that are waiting for this response) does."""
    if not any(hop.headers.getall("Set-Cookie", None) for hop in hops):
        return ()
    return callers_names(sys._getframe(1))


def _record_aiohttp_error(patch: Patch, args: Any, kwargs: Any, error: Exception) -> None:
    """raise_for_status=True: the hops and the final headers survive in the exception."""
    for hop in getattr(error, "history", None) or ():
        lines = hop.headers.getall("Set-Cookie", [])
        patch.emit(lines, _aiohttp_hop, hop.method, hop.url, hop.headers)
    headers, info = getattr(error, "headers", None), getattr(error, "request_info", None)
    if headers is not None and info is not None:
        lines = headers.getall("Set-Cookie", [])
        patch.emit(lines, _aiohttp_hop, info.method, info.url, headers)


def _aiohttp_hop(method: str, url: Any, headers: Any, names: tuple[AppName, ...] = ()) -> Hop:
    return Hop(method, str(url), "aiohttp", headers.get("Date"), names)


# --- WebTest: TestApp.do_request, one call per request and per .follow().


def _record_webtest(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = pairs_lines(response.headerlist)
    patch.emit(lines, _webtest_hop, args[1], response.headers, args[0])


def _webtest_hop(request: Any, headers: Any, test_app: Any) -> Hop:
    names = client_names(test_app)
    return Hop(request.method, request.url, "webtest", headers.get("Date"), names)


# --- Tornado: each hop of simple_httpclient is one _HTTPConnection, whose headers_received
# sees the 302 too (fetch() only ever resolves to the final response).


def _record_tornado(patch: Patch, args: Any, kwargs: Any, result: Any) -> None:
    connection, first_line, headers = args[0], args[1], args[2]
    if getattr(first_line, "code", None) != 100:
        patch.emit(headers.get_list("Set-Cookie"), _tornado_hop, connection.request, headers)


def _tornado_hop(request: Any, headers: Any) -> Hop:
    return Hop(request.method, request.url, "tornado", headers.get("Date"))


# --- Quart: QuartClient._make_request is one hop (open() loops on redirects, keeps no history).


def _record_quart(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = response.headers.getlist("Set-Cookie")
    patch.emit(lines, _quart_hop, patch.wrapper.__wrapped__, args, kwargs, response.headers)


def _quart_hop(function: Any, args: Any, kwargs: Any, headers: Any) -> Hop:
    call = call_arguments(function, args, kwargs)
    host = call["self"].app.config.get("SERVER_NAME") or "localhost"
    if call.get("subdomain"):
        host = f"{call['subdomain']}.{host}"
    query = f"?{call['query_string']}" if isinstance(call.get("query_string"), str) else ""
    url = f"{call['scheme']}://{host}{call['root_path']}{call['path']}{query}"
    return Hop(call["method"], url, "quart", headers.get("Date"), client_names(call["self"]))


# --- Falcon: Result keeps a dict of headers (one Set-Cookie survives): the raw list exists only
# while _ResultBase.__init__ runs.  The request is read from the simulate function calling it.

_FALCON_SIMULATORS = frozenset({"simulate_request", "_simulate_request_asgi"})
# The attribute ``_extract._read_falcon`` reads the raw header list from.
FALCON_HEADERS_ATTR = "_securecookie_headers"


def _wrap_falcon_result(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def __init__(self: Any, status: str, headers: Iterable[Any], *args: Any, **kw: Any) -> None:
        if not patch.active:
            return original(self, status, headers, *args, **kw)  # type: ignore[no-any-return]
        headers = list(headers)
        original(self, status, headers, *args, **kw)
        # Kept on the result (where ``parsing.readers`` reads it) so that ``assert_secure_cookie``
        # sees every line of a result simulated while the patches are installed.
        setattr(self, FALCON_HEADERS_ATTR, headers)
        if recording():
            try:
                lines = pairs_lines(headers)
                patch.emit(lines, _falcon_hop, headers, _falcon_call() if lines else None)
            except Exception as error:  # our bug must never fail the user's request
                note_error("falcon", error)

    return __init__


def _falcon_call() -> dict[str, Any] | None:
    """The arguments of the simulate function creating this result (read now: frames go)."""
    frame = sys._getframe(2)
    while frame is not None and not _is_falcon_simulator(frame):
        frame = frame.f_back  # type: ignore[assignment]
    return dict(frame.f_locals) if frame is not None else None


def _falcon_hop(headers: list[Any], call: dict[str, Any] | None) -> Hop:
    date = next((as_text(v) for k, v in headers if as_text(k).lower() == "date"), None)
    if call is None:
        return Hop(None, None, "falcon", date)
    host = call.get("host") or "falconframework.org"
    query = f"?{call['query_string']}" if call.get("query_string") else ""
    target = f"{call.get('path')}{query}"
    url = absolute_url(call.get("protocol") or "http", host, call.get("port"), target)
    return Hop(call.get("method"), url, "falcon", date)


def _is_falcon_simulator(frame: Any) -> bool:
    code_name: str = frame.f_code.co_name
    return code_name in _FALCON_SIMULATORS and frame.f_globals.get("__name__", "").startswith(
        "falcon.testing"
    )


TARGETS = [
    Target("requests.adapters", "HTTPAdapter", "send", around("requests", _nothing)),
    Target("requests.adapters", "HTTPAdapter", "build_response",
           around("requests", _record_requests)),
    Target("urllib3.connectionpool", "HTTPConnectionPool", "_make_request",
           around("urllib3", _record_urllib3, _HTTP_STACK)),
    Target("http.client", "HTTPConnection", "putrequest",
           around("http.client", _remember_path, _HTTP_STACK)),
    Target("http.client", "HTTPConnection", "getresponse",
           around("http.client", _record_http_client, _HTTP_STACK)),
    Target("werkzeug.test", "Client", "open",
           around("werkzeug", _record_werkzeug, frozenset({"werkzeug"}))),
    Target("django.test.client", "Client", "request", around("django", _record_django)),
    Target("django.test.client", "AsyncClient", "request", around("django", _record_django)),
    Target("httpx._client", "Client", "_send_single_request", around("httpx", _record_httpx)),
    Target("httpx._client", "AsyncClient", "_send_single_request", around("httpx", _record_httpx)),
    Target("httpx2._client", "Client", "_send_single_request", around("httpx", _record_httpx)),
    Target("httpx2._client", "AsyncClient", "_send_single_request", around("httpx", _record_httpx)),
    Target("sanic_testing.testing", "SanicTestClient", "_local_request",
           around("sanic", _nothing)),
    Target("aiohttp.client", "ClientSession", "_request",
           around("aiohttp", _record_aiohttp, on_error=_record_aiohttp_error)),
    Target("webtest.app", "TestApp", "do_request", around("webtest", _record_webtest)),
    Target("tornado.simple_httpclient", "_HTTPConnection", "headers_received",
           around("tornado", _record_tornado)),
    Target("quart.testing.client", "QuartClient", "_make_request", around("quart", _record_quart)),
    Target("falcon.testing.client", "_ResultBase", "__init__", _wrap_falcon_result),
]  # fmt: skip
register(TARGETS)
