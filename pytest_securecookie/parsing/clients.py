"""One spec per client or framework: everything a stage needs to know about it, in one place.

A :class:`Client` names its label (what ``(flask)`` in a message says), the packages whose
classes carry that label, the response classes it reads and how, how the request behind a
response is known, the functions the recorder patches, and how its tests switch to https.
The parsing stage reads responses and labels them with it, judging writes its https hint, and
capturing patches its targets: nothing is keyed by client anywhere else.  Why each reader
reads where it does is in ``shared/design/clients.md``.  Pure data and duck typing: nothing
here imports a client.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from .misuse import misuse
from .rawheaders import SET_COOKIE, multi_value_getter, read_header_container, read_iterable

Reader = Callable[[Any, str], list[str]]  # (response, lower-case field name) -> its values
RequestLine = Callable[[Any], "tuple[str | None, str | None]"]  # response -> (method, URL)


class ResponseKind(NamedTuple):
    """A response class (``"module:Class"``, found in ``sys.modules`` only) and its reader."""

    cls: str
    read: Reader
    keeps_hops: bool = False  # may keep the redirect hops it followed in ``.history``


class JarClient(NamedTuple):
    """A test client class (``"module:Class"``, any class in the client's MRO) that keeps a
    cookie jar, how ``capturing.jars`` swaps that jar out for one request, and how that request
    is made so that a redirect or an error status is the answer (``assert_session_ended``)."""

    cls: str
    jar: str  # the kind of jar, a key of ``capturing.jars``
    get_keywords: tuple[tuple[str, object], ...] = ()  # for ``client.get(url, ...)``
    awaits: bool = False  # ``client.get`` returns an awaitable
    status: str = "status_code"  # the response attribute holding the status


class Client(NamedTuple):
    """What the stages know of one client or framework; see the module docstring."""

    label: str
    packages: tuple[str, ...] = ()  # top-level packages whose classes carry the label
    reads: tuple[ResponseKind, ...] = ()
    kind_name: str = ""  # how the list of accepted kinds names its responses
    # (method, URL) of the request behind a response; None: ``response.request``'s, else the
    # response's own ``.method`` and ``.url`` (see ``origin.request_line``).
    request_line: RequestLine | None = None
    patches: tuple[str, ...] = ()  # "module:Owner.function" the recorder wraps
    https_hint: str | None = None  # the test client's way to talk https
    live: bool = False  # talks to a server on a socket: no test-client switch turns on https
    test_host: str | None = None  # its test client's default host (httpx responses name no app)
    names_no_app: bool = False  # its responses serve many frameworks' test clients (httpx)
    # Its test client ("module:Class", any class in the client's MRO) and the attribute path
    # that holds the app it drives: the app's settings name its cookies (``appnames``).
    app_of: tuple[str, str] | None = None
    jars: tuple[JarClient, ...] = ()  # its clients that keep a cookie jar
    # The attribute a followed response lists its redirects in when it keeps none of their
    # Set-Cookie lines (Django's ``redirect_chain``): a cookie set on a hop is not seen.
    lost_hops: str | None = None


# --- readers: each multi-value accessor returns every value of a field, in order, never joined.


def _read_getlist(response: Any, name: str) -> list[str]:
    return response.headers.getlist(name)  # type: ignore[no-any-return]  # werkzeug, urllib3


def _read_get_list(response: Any, name: str) -> list[str]:
    return response.headers.get_list(name)  # type: ignore[no-any-return]  # httpx, Tornado


def _read_multidict(response: Any, name: str) -> list[str]:
    return list(response.headers.getall(name, ()))  # aiohttp


def _read_webob(response: Any, name: str) -> list[str]:
    return response.headers.getall(name)  # type: ignore[no-any-return]  # WebOb


def _read_http_client(response: Any, name: str) -> list[str]:
    # ``.headers``, not ``.msg``: urllib.request overwrites ``msg`` with the reason phrase.
    return response.headers.get_all(name) or []


def _read_requests(response: Any, name: str) -> list[str]:
    raw_headers = getattr(response.raw, "headers", None)
    if multi_value_getter(raw_headers) is not None:
        return read_header_container(raw_headers, name)
    what = "requests.Response without its raw response"
    return _one_value_or_refuse(response.headers, name, what)


def _read_one_value_dict(headers: Any, name: str) -> list[str]:
    kind = type(headers)
    return _one_value_or_refuse(headers, name, f"a {kind.__module__}.{kind.__qualname__}")


def _one_value_or_refuse(headers: Any, name: str, what: str) -> list[str]:
    """Read a one-value-per-name header view: fine for Date, never for Set-Cookie."""
    value = headers.get(name)
    if value is None:
        return []
    if name != SET_COOKIE:
        return [value]
    raise misuse(ValueError(
        f"{what}: its headers keep the Set-Cookie lines joined or only one of them, so the "
        "raw lines cannot be recovered"
    ))


# --- Django: no raw lines; the cookies live in ``response.cookies``, one Morsel per name.


def read_django(response: Any, name: str) -> list[str]:
    """The ``name`` values Django's handlers send: header values set by hand first, then (for
    Set-Cookie) each Morsel of ``response.cookies``.  ``name`` is lowercase."""
    values = _django_header(response, name)
    if name == SET_COOKIE:
        values.extend(morsel.OutputString() for morsel in response.cookies.values())
    return values


def _django_header(response: Any, name: str) -> list[str]:
    """``[value for key, value in response.items() if key.lower() == name]``: one dictionary
    look-up in Django's own classes (see ``django_store``), where ``items()`` walks every
    header through five Python layers (some 25 k instructions a response)."""
    kind = type(response)
    plain = _DJANGO_ITEMS.get(kind)
    if plain is None:
        plain = _DJANGO_ITEMS[kind] = _defined_by(kind, _RESPONSE_ITEMS)
    store = django_store(getattr(response, "headers", None)) if plain else None
    if store is None:
        return [value for key, value in response.items() if key.lower() == name]
    held = store.get(name)
    return [held[1]] if held is not None else []


def django_store(headers: object) -> dict[str, tuple[str, str]] | None:
    """The ``_store`` of Django's ``ResponseHeaders``: ``{lowered name: (name, value)}``, what
    its ``items()`` yields the values of, in order; None for another kind of headers (or a
    class that answers ``items()`` otherwise)."""
    kind = type(headers)
    plain = _STORE_VIEWS.get(kind)
    if plain is None:
        plain = _STORE_VIEWS[kind] = _defined_by(kind, _STORE_VIEW)
    store = getattr(headers, "_store", None) if plain else None
    return store if type(store) is dict else None


# The classes found to read as Django's own, or not (a handful per run).
_DJANGO_ITEMS: dict[type, bool] = {}
_STORE_VIEWS: dict[type, bool] = {}
# ``response.items()`` is ``response.headers.items()``, a view of ``headers._store``.
_RESPONSE_ITEMS = (("items", "django.http.response", "HttpResponseBase.items"),)
_STORE_VIEW = (("__iter__", "django.utils.datastructures", "CaseInsensitiveMapping.__iter__"),
               ("__getitem__", "django.utils.datastructures",
                "CaseInsensitiveMapping.__getitem__"),
               ("items", "collections.abc", "Mapping.items"))  # fmt: skip


def _defined_by(kind: type, methods: tuple[tuple[str, str, str], ...]) -> bool:
    for attribute, module, qualname in methods:
        method = getattr(kind, attribute, None)
        if getattr(method, "__module__", None) != module:
            return False
        if getattr(method, "__qualname__", None) != qualname:
            return False
    return True


def django_request_line(response: Any) -> tuple[str | None, str | None]:
    """(method, URL) of the request a Django test response keeps (``wsgi_request`` for the
    Client, ``asgi_request`` for the AsyncClient), from its META: a redirect's ``.url`` is
    where it points, and ``build_absolute_uri`` may raise DisallowedHost."""
    request = getattr(response, "wsgi_request", None) or getattr(response, "asgi_request", None)
    if request is None:
        return None, None
    meta, scheme, target = request.META, request.scheme, request.get_full_path()
    if meta.get("HTTP_HOST"):
        return request.method, f"{scheme}://{meta['HTTP_HOST']}{target}"
    port = int(meta.get("SERVER_PORT") or 0) or None
    return request.method, absolute_url(scheme, meta.get("SERVER_NAME"), port, target)


# --- Falcon: ``Result.headers`` is a dict (one Set-Cookie survives).  The recorder's Falcon
# adapter keeps the raw header list on each result simulated while its patches are installed.

FALCON_HEADERS_ATTR = "_securecookie_headers"
_FALCON_UNCAPTURED = (
    "a falcon.testing.Result keeps one Set-Cookie line per response, so the raw lines of this "
    "one cannot be recovered. Falcon results keep every line when they are simulated inside "
    "a test using the assert_secure_cookie fixture, in a run with --secure-cookies or a test "
    "marked secure_cookies, or inside 'with CookieRecorder():' around the simulate call"
)


def _read_falcon(result: Any, name: str) -> list[str]:
    captured = getattr(result, FALCON_HEADERS_ATTR, None)
    if captured is not None:
        return read_iterable(captured, name)
    if name == SET_COOKIE and result.headers.get(name) is not None:
        raise misuse(ValueError(_FALCON_UNCAPTURED))
    return _one_value_or_refuse(result.headers, name, "a falcon.testing.Result")


# --- URLs


def absolute_url(scheme: str, host: str, port: int | None, target: str) -> str:
    return target if "://" in target else f"{scheme}://{netloc(scheme, host, port)}{target}"


def netloc(scheme: str, host: str, port: int | None) -> str:
    return host if port in (None, {"http": 80, "https": 443}.get(scheme)) else f"{host}:{port}"


# --- the specs, most specific label first: Flask's test responses are werkzeug TestResponses
# mixed with Flask's Response, Quart's build on werkzeug's sansio classes, WebTest's on WebOb's,
# a FastAPI app on Starlette's.  Plain clients come last.

# Only the scheme changes: the host, port and app root the test uses stay as they are.
_FLASK_HTTPS = (
    'client.get(..., url_scheme="https") (or, where the test passes base_url=, its https:// form)'
)
_WERKZEUG_HTTPS = 'client.get(..., environ_overrides={"wsgi.url_scheme": "https"})'
_ON_TESTSERVER = 'TestClient(app, base_url="https://testserver")'

FLASK = Client("flask", ("flask",), https_hint=_FLASK_HTTPS)
QUART = Client(
    "quart", ("quart",),
    patches=("quart.testing.client:QuartClient._make_request",),
    https_hint='client.get(..., scheme="https")',
    app_of=("quart.testing.client:QuartClient", "app"),
)  # fmt: skip
DJANGO = Client(
    "django", ("django",),
    reads=(ResponseKind("django.http.response:HttpResponseBase", read_django),),
    kind_name="django HttpResponse",
    request_line=django_request_line,
    patches=("django.test.client:Client.request", "django.test.client:AsyncClient.request"),
    https_hint="client.get(..., secure=True)",
    jars=(JarClient("django.test.client:Client", "django"),
          JarClient("django.test.client:AsyncClient", "django", awaits=True)),
    lost_hops="redirect_chain",
)  # fmt: skip
SANIC = Client(
    "sanic", ("sanic_testing", "sanic"),
    patches=("sanic_testing.testing:SanicTestClient._local_request",),
)  # fmt: skip
LITESTAR = Client(
    "litestar", ("litestar",),
    https_hint='TestClient(app, base_url="https://testserver.local")',
    test_host="testserver.local",
    app_of=("litestar.testing.client.base:BaseTestClient", "app"),
)  # fmt: skip
FASTAPI = Client("fastapi", ("fastapi",), https_hint=_ON_TESTSERVER)
STARLETTE = Client(
    "starlette", ("starlette",), https_hint=_ON_TESTSERVER, test_host="testserver",
    app_of=("starlette.testclient:TestClient", "app"),  # FastAPI's too
)  # fmt: skip
FALCON = Client(
    "falcon", ("falcon",),
    reads=(
        ResponseKind("falcon.testing.client:_ResultBase", _read_falcon),
        ResponseKind("falcon.util.structures:CaseInsensitiveDict", _read_one_value_dict),
    ),
    kind_name="falcon.testing.Result",
    patches=("falcon.testing.client:_ResultBase.__init__",),
    https_hint='client.simulate_get(..., protocol="https")',
)  # fmt: skip
TORNADO = Client(
    "tornado", ("tornado",),
    reads=(ResponseKind("tornado.httpclient:HTTPResponse", _read_get_list),),
    kind_name="tornado.httpclient.HTTPResponse",
    patches=("tornado.simple_httpclient:_HTTPConnection.headers_received",),
    https_hint="AsyncHTTPSTestCase (it serves the app over https)",
)  # fmt: skip
AIOHTTP = Client(
    "aiohttp", ("aiohttp",),
    reads=(ResponseKind("aiohttp.client_reqrep:ClientResponse", _read_multidict, True),),
    kind_name="aiohttp.ClientResponse",
    patches=("aiohttp.client:ClientSession._request",),
    live=True,
    app_of=("aiohttp.test_utils:TestClient", "app"),  # its ClientSession knows no app
    jars=(JarClient("aiohttp.test_utils:TestClient", "aiohttp", (("allow_redirects", False),),
                    awaits=True, status="status"),),
)  # fmt: skip
WEBTEST = Client(
    "webtest", ("webtest", "webob"),
    reads=(ResponseKind("webob.response:Response", _read_webob),),
    kind_name="webtest.TestResponse (WebOb Response)",
    patches=("webtest.app:TestApp.do_request",),
    https_hint='TestApp(app, extra_environ={"wsgi.url_scheme": "https"})',
    app_of=("webtest.app:TestApp", "app"),
    jars=(JarClient("webtest.app:TestApp", "webtest", (("expect_errors", True),)),),
)  # fmt: skip
WERKZEUG = Client(
    "werkzeug", ("werkzeug",),
    reads=(ResponseKind("werkzeug.sansio.response:Response", _read_getlist, True),),
    kind_name="werkzeug Response / TestResponse (Flask, Quart)",
    patches=("werkzeug.test:Client.open",),
    https_hint=_WERKZEUG_HTTPS,
    app_of=("werkzeug.test:Client", "application"),  # Flask's FlaskClient too
    jars=(JarClient("werkzeug.test:Client", "werkzeug"),),  # Flask's FlaskClient too
)  # fmt: skip
REQUESTS = Client(
    "requests", ("requests",),
    reads=(
        ResponseKind("requests.models:Response", _read_requests, True),
        # ", "-joined: read only when it holds no Set-Cookie
        ResponseKind("requests.structures:CaseInsensitiveDict", _read_one_value_dict),
    ),
    kind_name="requests.Response",
    patches=("requests.adapters:HTTPAdapter.send", "requests.adapters:HTTPAdapter.build_response"),
    live=True,
    jars=(JarClient("requests.sessions:Session", "requests", (("allow_redirects", False),)),),
)  # fmt: skip
URLLIB3 = Client(
    "urllib3", ("urllib3",),
    reads=(ResponseKind("urllib3.response:BaseHTTPResponse", _read_getlist),),
    kind_name="urllib3.HTTPResponse",
    patches=("urllib3.connectionpool:HTTPConnectionPool._make_request",),
    live=True,
)  # fmt: skip
HTTP_CLIENT = Client(
    "http.client", ("http",),
    reads=(ResponseKind("http.client:HTTPResponse", _read_http_client),),
    kind_name="http.client.HTTPResponse",
    patches=("http.client:HTTPConnection.putrequest", "http.client:HTTPConnection.getresponse"),
    live=True,
)  # fmt: skip
# vcrpy's connection class stands in for http.client's while a cassette is in use and replays
# without a socket: what it returns is an http.client response, labelled so (no package here).
VCRPY = Client("vcrpy", patches=("vcr.stubs:VCRConnection.getresponse",), live=True)
HTTPX = Client(
    "httpx", ("httpx",),
    reads=(ResponseKind("httpx:Response", _read_get_list, True),),
    kind_name="httpx.Response (Starlette, FastAPI, Litestar, Sanic)",
    patches=("httpx._client:Client._send_single_request",
             "httpx._client:AsyncClient._send_single_request"),
    https_hint='give the httpx client base_url="https://..." (ASGITransport/WSGITransport)',
    names_no_app=True,
    app_of=("httpx._client:BaseClient", "_transport.app"),  # ASGITransport / WSGITransport
    # Starlette's, FastAPI's and Litestar's TestClient are httpx Clients.
    jars=(JarClient("httpx:Client", "httpx", (("follow_redirects", False),)),
          JarClient("httpx:AsyncClient", "httpx", (("follow_redirects", False),),
                    awaits=True)),
)  # fmt: skip
HTTPX2 = Client(
    "httpx2", ("httpx2",),
    reads=(ResponseKind("httpx2:Response", _read_get_list, True),),
    kind_name="httpx2.Response",
    patches=("httpx2._client:Client._send_single_request",
             "httpx2._client:AsyncClient._send_single_request"),
    https_hint='give the httpx2 client base_url="https://..." (ASGITransport/WSGITransport)',
    names_no_app=True,
    app_of=("httpx2._client:BaseClient", "_transport.app"),
    jars=(JarClient("httpx2._client:Client", "httpx", (("follow_redirects", False),)),
          JarClient("httpx2._client:AsyncClient", "httpx", (("follow_redirects", False),),
                    awaits=True)),
)  # fmt: skip
# Apps the recorder wraps (``CookieRecorder.wsgi`` / ``.asgi``): a live server or a browser.
WSGI = Client("wsgi", live=True)
ASGI = Client("asgi", live=True)

CLIENTS = (
    FLASK, QUART, DJANGO, SANIC, LITESTAR, FASTAPI, STARLETTE, FALCON, TORNADO, AIOHTTP, WEBTEST,
    WERKZEUG, REQUESTS, URLLIB3, HTTP_CLIENT, VCRPY, HTTPX, HTTPX2, WSGI, ASGI,
)  # fmt: skip
_BY_LABEL = {client.label: client for client in CLIENTS}


def jar_client_of(client: object) -> JarClient | None:
    """The jar spec of ``client``'s class or the nearest base class that has one."""
    classes = [f"{cls.__module__}:{cls.__qualname__}" for cls in type(client).__mro__]
    jars = {jar.cls: jar for spec in CLIENTS for jar in spec.jars}
    return next((jars[name] for name in classes if name in jars), None)


# The clients ``jar_client_of`` knows, as an error message lists them.
JAR_CLIENTS = (
    "flask / werkzeug test client", "django.test.Client / AsyncClient",
    "Starlette / FastAPI / Litestar TestClient", "httpx (or httpx2) Client / AsyncClient",
    "requests.Session", "webtest.TestApp", "aiohttp.test_utils.TestClient",
)  # fmt: skip


def client_named(label: str | None) -> Client | None:
    """The spec whose label is ``label`` (None for a label no spec has)."""
    return _BY_LABEL.get(label or "")
