"""One label for the framework or client behind a response: ``(flask)``, ``(fastapi)``.

The recorder labels what it records by the test client that made the request
(:func:`client_label`); the messages of ``assert_secure_cookie`` label a response by what the
response itself reveals (:func:`response_label`).  Both read the client specs
(``parsing.clients``), so one FastAPI app reads ``(fastapi)`` in both, and a ``requests``
exchange ``(requests)``.  Duck-typed: nothing here imports a client.
"""

from __future__ import annotations

import sys
from types import FrameType

from .clients import CLIENTS, LITESTAR, STARLETTE

# The top-level package of a class in an object's MRO -> its label, most specific first (the
# order of the specs).
_LABEL_BY_PACKAGE = {package: client.label for client in CLIENTS for package in client.packages}
_RANK = {package: rank for rank, package in enumerate(_LABEL_BY_PACKAGE)}
# Clients whose responses say nothing of the app; the test client's default host does.
_NAMES_NO_APP = frozenset(client.label for client in CLIENTS if client.names_no_app)
_LABEL_BY_TEST_HOST = {client.test_host: client.label for client in CLIENTS if client.test_host}
_label_cache: dict[type, str | None] = {}
# The test clients whose requests may go to Starlette's test host ``testserver``: Starlette's
# (FastAPI's too) and Litestar's sync and async ones, given it as ``base_url``.
_TESTSERVER_CLIENTS = frozenset(c.app_of[0] for c in (STARLETTE, LITESTAR) if c.app_of)
# How many frames above this module to look for the test client: the assertion helper's
# own few, then the test function, a fixture or a helper or two.
_CALLER_DEPTH = 16
# How far down a chain of ``.app`` (a TestClient, then Starlette middleware) to look for FastAPI.
_APP_DEPTH = 3


def label_of(obj: object) -> str | None:
    """The label the most specific known package in the MRO of ``obj``'s type gives."""
    kind = type(obj)
    if kind not in _label_cache:
        packages = {cls.__module__.partition(".")[0] for cls in kind.__mro__}
        known = sorted(packages & _RANK.keys(), key=_RANK.__getitem__)
        _label_cache[kind] = _LABEL_BY_PACKAGE[known[0]] if known else None
    return _label_cache[kind]


def client_label(client: object, default: str) -> str:
    """The recorder's label for a test client: a Starlette TestClient of a FastAPI app (maybe
    behind Starlette middleware) is ``"fastapi"``, as is the app itself; else ``default``
    when nothing is known."""
    label = label_of(client)
    if label == "starlette" and _drives_fastapi(client):
        return "fastapi"
    return label or default


def _drives_fastapi(obj: object) -> bool:
    for _ in range(_APP_DEPTH):
        obj = getattr(obj, "app", None)
        label = label_of(obj)
        if label != "starlette":
            return label == "fastapi"
    return False


def response_label(response: object, url: str | None) -> str | None:
    """The label for a response: its type, else (httpx) its test client's default host.

    Never raises (a class whose ``__module__`` is not a str, say): the label is decoration.
    """
    try:
        label = label_of(response)
        if label is not None and label not in _NAMES_NO_APP:
            return label
        by_host = _LABEL_BY_TEST_HOST.get(_host_of(url) or "")
        if by_host == "starlette":
            return _testserver_label()
        return by_host or label
    except Exception:
        return None


def _host_of(url: str | None) -> str | None:
    if not url or "://" not in url:
        return None
    netloc = url.partition("://")[2].partition("/")[0]
    return netloc.rpartition("@")[2].partition(":")[0].lower() or None


def _testserver_label() -> str:
    """For a response from Starlette's test host: ``"fastapi"`` when the Starlette TestClient
    in the calling test drives a FastAPI app, ``"litestar"`` when it is Litestar's TestClient
    (given ``base_url="http://testserver"``), else ``"starlette"``.

    An httpx response keeps no reference to its client or app, and the recorder labels by
    the app (see ``client_label``); the test that called the assertion usually holds the
    client in a local (a fixture argument, ``with TestClient(app) as client``).  Only
    when every such client found agrees is the label theirs.
    """
    if "fastapi" not in sys.modules and "litestar" not in sys.modules:
        return "starlette"
    try:
        labels = {client_label(client, "") for client in _callers_test_clients()}
    except Exception:  # a frame or a local with a hostile __getattr__: stay generic
        return "starlette"
    return labels.pop() if labels in ({"fastapi"}, {"litestar"}) else "starlette"


def _callers_test_clients() -> list[object]:
    return [value for value in caller_locals(sys._getframe(1)) if _is_test_client(value)]


def caller_locals(frame: FrameType | None) -> list[object]:
    """The local values of ``frame`` and of the frames that called it, a few deep: where a
    test holds its client (a fixture argument, ``with TestClient(app) as client``)."""
    values: list[object] = []
    for _ in range(_CALLER_DEPTH):
        if frame is None:
            break
        values += frame.f_locals.values()
        frame = frame.f_back
    return values


def _is_test_client(value: object) -> bool:
    return any(f"{cls.__module__}:{cls.__name__}" in _TESTSERVER_CLIENTS
               for cls in type(value).__mro__)
