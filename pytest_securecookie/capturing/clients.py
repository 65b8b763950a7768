"""One adapter per HTTP client: how each function its spec names for patching records.

Each client's spec (``parsing.clients``) names the functions to wrap so that every response is
seen exactly once; :func:`adapt` gives each one its wrapper, built here.  Why those functions
is documented (with the proof) in ``shared/design/clients.md``.  Nothing here imports a
client: targets are patched only in modules already in ``sys.modules``, or when they are
imported while a recorder is active (see ``capturing.patching``).  Wrappers keep the
per-response path short: read the raw lines, and describe the request only when there are lines.
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Callable, Iterable
from typing import Any

from ..parsing.appnames import AppName, callers_names, client_names, django_names
from ..parsing.clients import (
    AIOHTTP,
    DJANGO,
    FALCON,
    FALCON_HEADERS_ATTR,
    HTTP_CLIENT,
    HTTPX,
    HTTPX2,
    QUART,
    REQUESTS,
    SANIC,
    TORNADO,
    URLLIB3,
    VCRPY,
    WEBTEST,
    WERKZEUG,
    Client,
    absolute_url,
    django_request_line,
    read_django,
)
from ..parsing.labels import client_label  # the labels assert_secure_cookie writes too
from ..parsing.rawheaders import SET_COOKIE
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
    Exchange,
    around,
    call_arguments,
    current_client,
    environ_url,
    header_lines,
    inside_client,
    pairs_date,
    pairs_lines,
    raw_date,
    werkzeug_cookies_and_date,
)

__all__ = [
    "FALCON_HEADERS_ATTR", "PATH_SAFE", "TARGETS", "Exchange", "Sink",
    "acquire", "active_sinks", "environ_url", "hold", "inside_client", "note_error", "release",
    "take_errors", "unhold",
]  # fmt: skip

Wrap = Callable[[Any, Patch], Any]  # (original, patch) -> the wrapper installed in its place
TARGETS: list[Target] = []


def adapt(client: Client, **wraps: Wrap) -> None:
    """Give each function ``client``'s spec names for patching the wrapper factory named after
    it (``send=...`` for ``"requests.adapters:HTTPAdapter.send"``)."""
    named = {path.rpartition(".")[2] for path in client.patches}
    if named != wraps.keys():
        raise LookupError(f"{client.label}: the spec patches {named}, the adapter {set(wraps)}")
    for path in client.patches:
        module, _, attribute = path.partition(":")
        owner, _, name = attribute.rpartition(".")
        TARGETS.append(Target(module, owner, name, wraps[name]))


# requests -> urllib3 -> (vcrpy ->) http.client is one exchange: record it at the outermost.
_HTTP_STACK = frozenset({REQUESTS.label, URLLIB3.label})
_HTTP_CLIENT_STACK = _HTTP_STACK | {VCRPY.label}


def _nothing(patch: Patch, args: tuple[Any, ...], kwargs: dict[str, Any], result: Any) -> None:
    """Records nothing: the wrapper only marks its client as the one handling the call."""


# --- requests: HTTPAdapter.send marks the stack (urllib3 and http.client underneath are the
# same exchange); build_response sees each hop once, the 302 included, and is also what the
# `responses` and `requests-mock` mocks call to build their responses.


def _record_requests(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    raw = args[2] if len(args) > 2 else kwargs.get("resp")
    headers = getattr(raw, "headers", None)
    patch.emit(
        header_lines(headers), _requests_exchange, response.request, response.headers,
        response=response,
    )


def _requests_exchange(request: Any, headers: Any) -> Exchange:
    return Exchange(request.method, request.url, REQUESTS.label, raw_date(headers))


adapt(
    REQUESTS,
    send=around(REQUESTS.label, _nothing),
    build_response=around(REQUESTS.label, _record_requests),
)


# --- urllib3: _make_request is one exchange (urlopen recurses on redirects).


def _record_urllib3(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    headers = getattr(response, "headers", None) or getattr(response, "msg", None)
    patch.emit(header_lines(headers), _urllib3_exchange, args, headers, response=response)


def _urllib3_exchange(args: Any, headers: Any) -> Exchange:
    pool, method, target = args[0], args[2], args[3]
    url = absolute_url(pool.scheme, pool.host, pool.port, target)
    return Exchange(method, url, URLLIB3.label, raw_date(headers))


adapt(URLLIB3, _make_request=around(URLLIB3.label, _record_urllib3, _HTTP_STACK))


# --- http.client: getresponse is one exchange; putrequest tells us the path.

_paths: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _remember_path(patch: Patch, args: Any, kwargs: Any, result: Any) -> None:
    _paths[args[0]] = args[2] if len(args) > 2 else kwargs.get("url", "/")


def _record_http_client(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    # .headers, not .msg: urllib.request replaces .msg with the reason phrase afterwards.
    lines = response.headers.get_all("Set-Cookie") or []
    # Taken now: the connection may serve another path by the time the lines are read.
    target = (args[0], _paths.get(args[0], "/"), getattr(response, "_method", None))
    patch.emit(lines, _http_client_exchange, *target, response.headers, response=response)


def _http_client_exchange(conn: Any, path: str, method: str | None, headers: Any) -> Exchange:
    scheme = "https" if getattr(conn, "default_port", 80) == 443 else "http"
    url = absolute_url(scheme, conn.host, conn.port, path)
    return Exchange(method, url, HTTP_CLIENT.label, raw_date(headers))


adapt(
    HTTP_CLIENT,
    putrequest=around(HTTP_CLIENT.label, _remember_path, _HTTP_CLIENT_STACK),
    getresponse=around(HTTP_CLIENT.label, _record_http_client, _HTTP_CLIENT_STACK),
)


# --- vcrpy: its getresponse replays from the cassette, or fetches through a real HTTPConnection
# underneath (the same exchange, recorded here).  The request is the one vcrpy keeps.


def _record_vcr(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = response.headers.get_all("Set-Cookie") or []
    request = getattr(args[0], "_vcr_request", None) if lines else None  # the next replaces it
    patch.emit(lines, _vcr_exchange, request, response.headers, response=response)


def _vcr_exchange(request: Any, headers: Any) -> Exchange:
    method, url = getattr(request, "method", None), getattr(request, "uri", None)
    return Exchange(method, url, HTTP_CLIENT.label, raw_date(headers))


adapt(VCRPY, getresponse=around(VCRPY.label, _record_vcr, _HTTP_STACK))


# --- werkzeug / Flask: the outermost Client.open (follow_redirects recurses through open),
# then every response of the chain from its history.


def _record_werkzeug(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    history = getattr(response, "history", ())
    for hop in (*history, response) if history else (response,):
        lines, date = werkzeug_cookies_and_date(hop.headers)
        request = getattr(hop, "request", None)
        patch.emit(lines, _werkzeug_exchange, request, date, args[0], response=hop)


def _werkzeug_exchange(request: Any, date: str | None, client: Any) -> Exchange:
    framework = client_label(client, WERKZEUG.label)  # only for responses with lines
    names = client_names(client)
    if request is None:
        return Exchange(None, None, framework, date, names)
    return Exchange(request.method, environ_url(request.environ), framework, date, names)


adapt(WERKZEUG, open=around(WERKZEUG.label, _record_werkzeug, frozenset({WERKZEUG.label})))


# --- Django: Client.request / AsyncClient.request, one call per hop.  Its spec reads the lines
# and the request line.


def _record_django(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = read_django(response, SET_COOKIE)
    # The settings as they are now: an @override_settings ends with the test body.
    names = django_names() if lines else ()
    patch.emit(lines, _django_exchange, response, names, response=response)


def _django_exchange(response: Any, names: tuple[AppName, ...]) -> Exchange:
    method, url = django_request_line(response)
    return Exchange(method, url, DJANGO.label, raw_date(response.headers), names)


adapt(DJANGO, request=around(DJANGO.label, _record_django))


# --- httpx and httpx2 (so Starlette, FastAPI, Litestar, Sanic): _send_single_request is one
# hop; send() only sees the final response.


def _record_httpx(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    headers, request = response.headers, response.request
    lines = headers.get_list("set-cookie")
    caller = current_client()
    patch.emit(lines, _httpx_exchange, args[0], request, headers, caller, response=response)


def _httpx_exchange(client: Any, request: Any, headers: Any, caller: str | None) -> Exchange:
    framework = client_label(client, type(client).__module__.partition(".")[0])
    if caller == SANIC.label:  # Sanic's test_client: a plain AsyncClient against its own server
        framework = SANIC.label
    names = client_names(client)
    return Exchange(request.method, str(request.url), framework, raw_date(headers), names)


for _httpx in (HTTPX, HTTPX2):
    adapt(_httpx, _send_single_request=around(_httpx.label, _record_httpx))
adapt(SANIC, _local_request=around(SANIC.label, _nothing))  # marks the caller of httpx


# --- aiohttp: ClientSession._request follows redirects in a loop; the hops are in history.


def _record_aiohttp(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    hops = (*response.history, response)
    names = _aiohttp_names(hops)
    for hop in hops:
        lines = hop.headers.getall("Set-Cookie", [])
        patch.emit(lines, _aiohttp_exchange, hop.method, hop.url, hop.headers, names, response=hop)


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
        patch.emit(lines, _aiohttp_exchange, hop.method, hop.url, hop.headers, response=hop)
    headers, info = getattr(error, "headers", None), getattr(error, "request_info", None)
    if headers is not None and info is not None:
        lines = headers.getall("Set-Cookie", [])
        patch.emit(lines, _aiohttp_exchange, info.method, info.url, headers, response=headers)


def _aiohttp_exchange(
    method: str, url: Any, headers: Any, names: tuple[AppName, ...] = ()
) -> Exchange:
    return Exchange(method, str(url), AIOHTTP.label, raw_date(headers), names)


adapt(AIOHTTP, _request=around(AIOHTTP.label, _record_aiohttp, on_error=_record_aiohttp_error))


# --- WebTest: TestApp.do_request, one call per request and per .follow().


def _record_webtest(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = pairs_lines(response.headerlist)
    patch.emit(lines, _webtest_exchange, args[1], response.headers, args[0], response=response)


def _webtest_exchange(request: Any, headers: Any, test_app: Any) -> Exchange:
    names = client_names(test_app)
    return Exchange(request.method, request.url, WEBTEST.label, raw_date(headers), names)


adapt(WEBTEST, do_request=around(WEBTEST.label, _record_webtest))


# --- Tornado: each hop of simple_httpclient is one _HTTPConnection, whose headers_received
# sees the 302 too (fetch() only ever resolves to the final response).


def _record_tornado(patch: Patch, args: Any, kwargs: Any, result: Any) -> None:
    connection, first_line, headers = args[0], args[1], args[2]
    if getattr(first_line, "code", None) != 100:
        lines = headers.get_list("Set-Cookie")  # the body is not read yet: the connection
        # keeps its headers and, once received, its body (``parsing.contents``).
        patch.emit(lines, _tornado_exchange, connection.request, headers, response=connection)


def _tornado_exchange(request: Any, headers: Any) -> Exchange:
    return Exchange(request.method, request.url, TORNADO.label, raw_date(headers))


adapt(TORNADO, headers_received=around(TORNADO.label, _record_tornado))


# --- Quart: QuartClient._make_request is one hop (open() loops on redirects, keeps no history).


def _record_quart(patch: Patch, args: Any, kwargs: Any, response: Any) -> None:
    lines = response.headers.getlist("Set-Cookie")
    function = patch.wrapper.__wrapped__
    patch.emit(lines, _quart_exchange, function, args, kwargs, response.headers, response=response)


def _quart_exchange(function: Any, args: Any, kwargs: Any, headers: Any) -> Exchange:
    call = call_arguments(function, args, kwargs)
    host = call["self"].app.config.get("SERVER_NAME") or "localhost"
    if call.get("subdomain"):
        host = f"{call['subdomain']}.{host}"
    query = f"?{call['query_string']}" if isinstance(call.get("query_string"), str) else ""
    url = f"{call['scheme']}://{host}{call['root_path']}{call['path']}{query}"
    names = client_names(call["self"])
    return Exchange(call["method"], url, QUART.label, raw_date(headers), names)


adapt(QUART, _make_request=around(QUART.label, _record_quart))


# --- Falcon: Result keeps a dict of headers (one Set-Cookie survives): the raw list exists only
# while _ResultBase.__init__ runs, and is kept on the result where Falcon's reader in its spec
# reads it.  The request is read from the simulate function calling it.

_FALCON_SIMULATORS = frozenset({"simulate_request", "_simulate_request_asgi"})


def _wrap_falcon_result(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def __init__(self: Any, status: str, headers: Iterable[Any], *args: Any, **kw: Any) -> None:
        if not patch.active:
            return original(self, status, headers, *args, **kw)  # type: ignore[no-any-return]
        headers = list(headers)
        original(self, status, headers, *args, **kw)
        # Kept on the result so that ``assert_secure_cookie`` sees every line of a result
        # simulated while the patches are installed.
        setattr(self, FALCON_HEADERS_ATTR, headers)
        if recording():
            try:
                lines = pairs_lines(headers)
                call = _falcon_call() if lines else None
                patch.emit(lines, _falcon_exchange, headers, call, response=self)
            except Exception as error:  # our bug must never fail the user's request
                note_error(FALCON.label, error)

    return __init__


def _falcon_call() -> dict[str, Any] | None:
    """The arguments of the simulate function creating this result (read now: frames go)."""
    frame = sys._getframe(2)
    while frame is not None and not _is_falcon_simulator(frame):
        frame = frame.f_back  # type: ignore[assignment]
    return dict(frame.f_locals) if frame is not None else None


def _falcon_exchange(headers: list[Any], call: dict[str, Any] | None) -> Exchange:
    date = pairs_date(headers)
    if call is None:
        return Exchange(None, None, FALCON.label, date)
    host = call.get("host") or "falconframework.org"
    query = f"?{call['query_string']}" if call.get("query_string") else ""
    target = f"{call.get('path')}{query}"
    url = absolute_url(call.get("protocol") or "http", host, call.get("port"), target)
    return Exchange(call.get("method"), url, FALCON.label, date)


def _is_falcon_simulator(frame: Any) -> bool:
    code_name: str = frame.f_code.co_name
    return code_name in _FALCON_SIMULATORS and frame.f_globals.get("__name__", "").startswith(
        "falcon.testing"
    )


adapt(FALCON, __init__=_wrap_falcon_result)
register(TARGETS)
