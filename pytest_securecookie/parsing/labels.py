"""One label for the framework or client behind a response: ``(flask)``, ``(fastapi)``.

The recorder labels what it records by the test client that made the request; the messages
of ``assert_secure_cookie`` label a response by what the response itself reveals.  Both read
the same table, so one FastAPI app reads ``(fastapi)`` in both, and a ``requests`` exchange
``(requests)``.  Duck-typed: nothing here imports a client, and nothing here raises.
"""

from __future__ import annotations

import sys
from types import FrameType

# The top-level package of a class in an object's MRO -> its label, most specific first:
# Flask's test responses are werkzeug TestResponses mixed with Flask's Response, Quart's
# build on werkzeug's sansio classes, WebTest's on WebOb's, a FastAPI app on Starlette's.
# Plain clients come last: an httpx response says only "httpx" (its test host may say more).
LABEL_BY_PACKAGE = {
    "flask": "flask", "quart": "quart", "django": "django", "sanic_testing": "sanic",
    "sanic": "sanic", "litestar": "litestar", "fastapi": "fastapi", "starlette": "starlette",
    "falcon": "falcon", "tornado": "tornado", "aiohttp": "aiohttp", "webtest": "webtest",
    "webob": "webtest", "werkzeug": "werkzeug", "requests": "requests", "urllib3": "urllib3",
    "http": "http.client", "httpx": "httpx", "httpx2": "httpx2",
}  # fmt: skip
_RANK = {package: rank for rank, package in enumerate(LABEL_BY_PACKAGE)}
# The labels of clients that talk to an in-process app and say nothing of it.
_PLAIN_CLIENTS = frozenset({"httpx", "httpx2"})
# An httpx response says nothing of the app; the test client's default host does.
_LABEL_BY_TEST_HOST = {"testserver": "starlette", "testserver.local": "litestar"}
_label_cache: dict[type, str | None] = {}
# How many frames above this module to look for the test client: the assertion helper's
# own few, then the test function, a fixture or a helper or two.
_CALLER_DEPTH = 16


def label_of(obj: object) -> str | None:
    """The label the most specific known package in the MRO of ``obj``'s type gives."""
    kind = type(obj)
    if kind not in _label_cache:
        packages = {cls.__module__.partition(".")[0] for cls in kind.__mro__}
        known = sorted(packages & _RANK.keys(), key=_RANK.__getitem__)
        _label_cache[kind] = LABEL_BY_PACKAGE[known[0]] if known else None
    return _label_cache[kind]


def framework_of(client: object, default: str) -> str:
    """The recorder's label for a test client: a Starlette TestClient of a FastAPI app is
    ``"fastapi"``, as is the app itself; ``default`` when nothing is known."""
    label = label_of(client)
    if label == "starlette" and label_of(getattr(client, "app", None)) == "fastapi":
        return "fastapi"
    return label or default


def response_label(response: object, host: str | None) -> str | None:
    """The label for a response: its type, else (httpx) its test client's default host."""
    label = label_of(response)
    if label is not None and label not in _PLAIN_CLIENTS:
        return label
    by_host = _LABEL_BY_TEST_HOST.get(host or "")
    if by_host == "starlette":
        return _starlette_app_label()
    return by_host or label


def _starlette_app_label() -> str:
    """``"fastapi"`` when the Starlette TestClient in the calling test drives a FastAPI app.

    An httpx response keeps no reference to its client or app, and the recorder labels by
    the app (see ``framework_of``); the test that called the assertion usually holds the
    client in a local (a fixture argument, ``with TestClient(app) as client``).  Only
    when every such client found drives a FastAPI app is the label ``"fastapi"``.
    """
    if "fastapi" not in sys.modules:
        return "starlette"
    try:
        labels = {framework_of(client, "") for client in _callers_test_clients()}
    except Exception:  # a frame or a local with a hostile __getattr__: stay generic
        return "starlette"
    return "fastapi" if labels == {"fastapi"} else "starlette"


def _callers_test_clients() -> list[object]:
    frame: FrameType | None = sys._getframe(1)
    clients: list[object] = []
    for _ in range(_CALLER_DEPTH):
        if frame is None:
            break
        clients += [value for value in frame.f_locals.values() if _is_test_client(value)]
        frame = frame.f_back
    return clients


def _is_test_client(value: object) -> bool:
    return any(cls.__module__ == "starlette.testclient" and cls.__name__ == "TestClient"
               for cls in type(value).__mro__)
