"""One adapter per HTTP client: what to wrap so that every response is seen exactly once.

Where each client keeps its raw Set-Cookie lines, and which function sees each redirect hop
once, is documented (with the proof) in ``shared/design/clients.md``.  Nothing here imports a
client: targets are patched only in modules already in ``sys.modules``, or when they are
imported while a recorder is active (see ``_patching``).  Wrappers keep the per-response path
short: read the raw lines, and describe the request only when there are lines.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any, NamedTuple

from ._patching import Patch, Sink, Target, acquire, register, release

__all__ = ["Hop", "Sink", "acquire", "inside_client", "release"]


class Hop(NamedTuple):
    """The request behind one response that set cookies."""

    method: str | None
    url: str | None
    framework: str | None
    date: str | None  # the raw Date header; parsed only when someone reads it


# The client whose call is in progress in this context.  It keeps requests -> urllib3 ->
# http.client from recording one exchange three times, keeps a client's own redirect recursion
# (werkzeug's open) from recording twice, and lets the WSGI/ASGI wrappers leave an in-process
# exchange to the client that will record it.
_CLIENT: ContextVar[str | None] = ContextVar("pytest_securecookie_client", default=None)
_HTTP_STACK = frozenset({"requests", "urllib3"})
_FRAMEWORKS = frozenset(
    {"flask", "werkzeug", "django", "starlette", "fastapi", "litestar", "sanic", "httpx",
     "httpx2", "quart", "falcon", "webtest", "aiohttp", "tornado"}
)  # fmt: skip
_framework_cache: dict[type, str | None] = {}


def inside_client() -> bool:
    """True while a patched client is handling a request in this context."""
    return _CLIENT.get() is not None


def _framework(obj: object, default: str) -> str:
    """The first known framework in the MRO of ``obj``'s type (a FlaskClient is "flask")."""
    kind = type(obj)
    if kind not in _framework_cache:
        roots = (cls.__module__.partition(".")[0] for cls in kind.__mro__)
        _framework_cache[kind] = next((r for r in roots if r in _FRAMEWORKS), None)
    return _framework_cache[kind] or default


def _header_lines(headers: Any, name: str = "Set-Cookie") -> list[str]:
    """Every value of ``name``, never joined: the multi-value accessor of each header type."""
    for accessor in ("getlist", "get_list", "get_all", "getall"):
        method = getattr(headers, accessor, None)
        if method is not None:
            return list(method(name) or ())
    return []


def _pairs_lines(pairs: Iterable[tuple[Any, Any]]) -> list[str]:
    return [str(v) for k, v in pairs if str(k).lower() == "set-cookie"]


def _date(headers: Any) -> str | None:
    get = getattr(headers, "get", None)
    return get("Date") if get is not None else None


def _enter(name: str) -> Any:
    return _CLIENT.set(name)


def _absolute(scheme: str, host: str, port: int | None, target: str) -> str:
    if "://" in target:
        return target
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = host if port in (None, default) else f"{host}:{port}"
    return f"{scheme}://{netloc}{target}"


# --- requests: HTTPAdapter.send marks the stack; build_response (also called by the `responses`
# mock) sees each hop once, the 302 included.


def _wrap_requests_send(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def send(self: Any, request: Any, *args: Any, **kwargs: Any) -> Any:
        token = _enter("requests")
        try:
            return original(self, request, *args, **kwargs)
        finally:
            _CLIENT.reset(token)

    return send


def _wrap_requests_build(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def build_response(self: Any, req: Any, resp: Any) -> Any:
        response = original(self, req, resp)
        patch.emit(_header_lines(getattr(resp, "headers", None)), _requests_hop, req, response)
        return response

    return build_response


def _requests_hop(request: Any, response: Any) -> Hop:
    return Hop(request.method, request.url, "requests", _date(response.headers))


# --- urllib3: _make_request is one exchange (urlopen recurses on redirects).


def _wrap_urllib3(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def _make_request(self: Any, conn: Any, method: str, url: str, *a: Any, **kw: Any) -> Any:
        if _CLIENT.get() in _HTTP_STACK:
            return original(self, conn, method, url, *a, **kw)
        token = _enter("urllib3")
        try:
            response = original(self, conn, method, url, *a, **kw)
        finally:
            _CLIENT.reset(token)
        headers = getattr(response, "headers", None)
        patch.emit(_header_lines(headers), _urllib3_hop, self, method, url, headers)
        return response

    return _make_request


def _urllib3_hop(pool: Any, method: str, url: str, headers: Any) -> Hop:
    full = _absolute(pool.scheme, pool.host, pool.port, url)
    return Hop(method, full, "urllib3", _date(headers))


# --- http.client: getresponse is one exchange; putrequest tells us the path.

_paths: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _wrap_putrequest(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def putrequest(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if _CLIENT.get() not in _HTTP_STACK:
            _paths[self] = url
        return original(self, method, url, *args, **kwargs)

    return putrequest


def _wrap_getresponse(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def getresponse(self: Any) -> Any:
        response = original(self)
        if _CLIENT.get() not in _HTTP_STACK:
            lines = response.msg.get_all("Set-Cookie") or []
            patch.emit(lines, _http_client_hop, self, response)
        return response

    return getresponse


def _http_client_hop(conn: Any, response: Any) -> Hop:
    scheme = "https" if getattr(conn, "default_port", 80) == 443 else "http"
    url = _absolute(scheme, conn.host, conn.port, _paths.get(conn, "/"))
    return Hop(getattr(response, "_method", None), url, "http.client", _date(response.msg))


# --- werkzeug / Flask: Client.open, outermost call only (follow_redirects recurses through
# open), then every response of the chain from its history.


def _wrap_werkzeug(original: Any, patch: Patch) -> Any:
    @functools.wraps(original)
    def open(self: Any, *args: Any, **kwargs: Any) -> Any:
        if _CLIENT.get() == "werkzeug":
            return original(self, *args, **kwargs)
        token = _enter("werkzeug")
        try:
            response = original(self, *args, **kwargs)
        finally:
            _CLIENT.reset(token)
        framework = _framework(self, "werkzeug")
        for hop in (*getattr(response, "history", ()), response):
            patch.emit(hop.headers.getlist("Set-Cookie"), _werkzeug_hop, hop, framework)
        return response

    return open


def _werkzeug_hop(response: Any, framework: str) -> Hop:
    request = getattr(response, "request", None)
    method, url = (request.method, request.url) if request is not None else (None, None)
    return Hop(method, url, framework, response.headers.get("Date"))


TARGETS = [
    Target("requests.adapters", "HTTPAdapter", "send", _wrap_requests_send),
    Target("requests.adapters", "HTTPAdapter", "build_response", _wrap_requests_build),
    Target("urllib3.connectionpool", "HTTPConnectionPool", "_make_request", _wrap_urllib3),
    Target("http.client", "HTTPConnection", "putrequest", _wrap_putrequest),
    Target("http.client", "HTTPConnection", "getresponse", _wrap_getresponse),
    Target("werkzeug.test", "Client", "open", _wrap_werkzeug),
]
register(TARGETS)
