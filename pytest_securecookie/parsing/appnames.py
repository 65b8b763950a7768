"""The names the app under test gives its own session, CSRF and remember-me cookies.

Renaming the session cookie is a common hardening step (Django's ``SESSION_COOKIE_NAME =
"mysite"``), and a renamed session cookie that no built-in name matches would pass unjudged.
So the names are read from the app itself: Django's settings, Flask's and Quart's config (with
Flask-Login's remember-me cookie), and the session middleware of Starlette / FastAPI,
Litestar and aiohttp-session.  The app is reached from the test client that made a request,
from a response that keeps it, or from the test's own locals.

Duck-typed and defensive: nothing here imports a framework (Django's settings are read only
when ``django.conf`` is in ``sys.modules``), attributes are read from the frameworks' own
objects only, and nothing here raises: a name that cannot be read is a name not learned.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from functools import lru_cache
from types import FrameType
from typing import Any, NamedTuple

from .clients import CLIENTS
from .labels import caller_locals


class AppName(NamedTuple):
    """A cookie name the app under test uses, and where it was read."""

    name: str
    kind: str  # "auth" or "csrf": the classification the name gives
    role: str  # "session", "CSRF", "remember-me"
    setting: str  # where the name came from: "Django settings.SESSION_COOKIE_NAME"
    family: str  # the framework whose call syntax fixes it ("django", "flask", ...)
    stack: str  # the fix texts' stack ("django-session", see ``judging.stack_settings``)


# The frameworks whose apps are read, by top-level package (the most derived class first:
# Quart's app derives from Flask's sansio App, FastAPI's from Starlette).
_FRAMEWORKS = frozenset({"django", "flask", "quart", "starlette", "fastapi", "litestar", "aiohttp"})
# Test clients (a class in their MRO, "module:Class") -> the attribute path to their app, in
# the order of the client specs: the frameworks' test clients first, plain httpx last.
_CLIENT_APPS = {
    client.app_of[0]: tuple(client.app_of[1].split("."))
    for client in CLIENTS
    if client.app_of is not None
}
# How deep a chain of wrappers (middleware holding ``.app``) is followed.
_WRAPPER_DEPTH = 8


class _Kind(NamedTuple):
    """What an object's class tells: its framework, and the path to its app if it is a test
    client.  Worked out once per class (this runs for each response that sets cookies)."""

    framework: str | None
    app_path: tuple[str, ...] | None
    classes: frozenset[str]  # "module:Class" of each class in its MRO


_NOTHING = _Kind(None, None, frozenset())


def _kind(obj: object) -> _Kind:
    """Read through ``__class__``: a weakref proxy answers with its referent's class."""
    try:
        cls: Any = obj.__class__
        return _kind_of_class(cls)
    except Exception:  # a hostile __class__, an odd metaclass
        return _NOTHING


@lru_cache(maxsize=256)
def _kind_of_class(cls: Any) -> _Kind:
    packages = [str(c.__module__).partition(".")[0] for c in cls.__mro__]
    framework = next((package for package in packages if package in _FRAMEWORKS), None)
    classes = frozenset(map(_qualified, cls.__mro__))
    path = next((path for client, path in _CLIENT_APPS.items() if client in classes), None)
    return _Kind(framework, path, classes)


def _framework(obj: object) -> str | None:
    return _kind(obj).framework


def _qualified(cls: Any) -> str:
    return f"{cls.__module__}:{cls.__name__}"


def _has_class(obj: object, qualified: str) -> bool:
    return qualified in _kind(obj).classes


def _attribute(obj: object, path: Iterable[str]) -> object:
    for name in path:
        obj = getattr(obj, name, None)
    return obj


def _learned(*entries: tuple[object, str, str, str, str, str]) -> list[AppName]:
    """The entries whose name was read as a non-empty string."""
    return [_app_name(*entry) for entry in entries if isinstance(entry[0], str) and entry[0]]


def _app_name(name: Any, kind: str, role: str, setting: str, family: str, stack: str) -> AppName:
    return AppName(name, kind, role, setting, family, stack)


# --- one framework each ----------------------------------------------------------------------


def django_names() -> tuple[AppName, ...]:
    """The session and CSRF cookie names of Django's settings, once they are configured.

    Django's language cookie (``LANGUAGE_COOKIE_NAME``) is no credential: not learned.
    """
    settings = getattr(sys.modules.get("django.conf"), "settings", None)
    try:
        if settings is None or not settings.configured:
            return ()
        return tuple(_learned(
            (settings.SESSION_COOKIE_NAME, "auth", "session",
             "Django settings.SESSION_COOKIE_NAME", "django", "django-session"),
            (settings.CSRF_COOKIE_NAME, "csrf", "CSRF", "Django settings.CSRF_COOKIE_NAME",
             "django", "django-csrf"),
        ))  # fmt: skip
    except Exception:  # settings that fail to load: the test will say so itself
        return ()


def _config_names(app: Any, framework: str) -> tuple[AppName, ...]:
    """Flask's or Quart's ``SESSION_COOKIE_NAME``, and Flask-Login's remember-me cookie when a
    ``LoginManager`` is set up on the app (its ``init_app`` sets ``app.login_manager``)."""
    config = app.config
    remember = None
    if getattr(app, "login_manager", None) is not None:
        remember = config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return _named_in_config(framework, config.get("SESSION_COOKIE_NAME"), remember)


@lru_cache(maxsize=64)  # read for each response that sets cookies: the same few names
def _named_in_config(framework: str, session: object, remember: object) -> tuple[AppName, ...]:
    title = "Flask" if framework == "flask" else "Quart"
    return tuple(_learned(
        (session, "auth", "session", f"{title} app.config['SESSION_COOKIE_NAME']", framework,
         f"{framework}-session"),
        (remember, "auth", "remember-me", "Flask-Login REMEMBER_COOKIE_NAME", "flask",
         "flask-login"),
    ))  # fmt: skip


_STARLETTE_SESSION = "starlette.middleware.sessions:SessionMiddleware"


def _starlette_names(app: Any) -> list[AppName]:
    """``SessionMiddleware(session_cookie=...)``: built (in the ``.app`` chain) or declared
    (``Starlette(middleware=[Middleware(SessionMiddleware, ...)])``, ``add_middleware``)."""
    cookies = []
    if _has_class(app, _STARLETTE_SESSION):
        cookies.append(app.session_cookie)
    for declared in getattr(app, "user_middleware", None) or ():
        declared_class = getattr(declared, "cls", None)
        if _STARLETTE_SESSION in map(_qualified, getattr(declared_class, "__mro__", ())):
            cookies.append(getattr(declared, "kwargs", {}).get("session_cookie", "session"))
    setting = "Starlette SessionMiddleware(session_cookie=...)"
    return _learned(
        *((name, "auth", "session", setting, "starlette", "starlette-session") for name in cookies)
    )


def _litestar_names(app: Any) -> list[AppName]:
    """The ``key`` of the config behind Litestar's session middleware (client or server side)."""
    names = []
    for declared in getattr(app, "middleware", None) or ():
        backend = (getattr(declared, "kwargs", None) or {}).get("backend")
        config = getattr(backend, "config", None)
        if _framework(config) == "litestar":
            setting = f"Litestar {type(config).__name__}(key=...)"
            names += _learned((getattr(config, "key", None), "auth", "session", setting, "litestar",
                               "litestar-session"))  # fmt: skip
    return names


def _aiohttp_names(app: Any) -> list[AppName]:
    """The ``cookie_name`` of aiohttp-session's storage, held by the middleware its ``setup``
    adds (a closure over the storage)."""
    names = []
    for middleware in getattr(app, "middlewares", None) or ():
        for cell in getattr(middleware, "__closure__", None) or ():
            storage = cell.cell_contents
            if str(type(storage).__module__).startswith("aiohttp_session"):
                setting = f"aiohttp-session {type(storage).__name__}(cookie_name=...)"
                names += _learned((getattr(storage, "cookie_name", None), "auth", "session",
                                   setting, "aiohttp", "aiohttp-session"))  # fmt: skip
    return names


_BY_FRAMEWORK: dict[str, Callable[[Any], Iterable[AppName]]] = {
    "flask": lambda app: _config_names(app, "flask"),
    "quart": lambda app: _config_names(app, "quart"),
    "starlette": _starlette_names,
    "fastapi": _starlette_names,
    "litestar": _litestar_names,
    "aiohttp": _aiohttp_names,
    "django": lambda app: django_names(),  # a WSGIHandler / ASGIHandler: its settings
}


# --- apps, clients, responses ------------------------------------------------------------------


def app_names(app: object) -> tuple[AppName, ...]:
    """The cookie names ``app`` (and the apps it wraps, ``.app`` after ``.app``) declares."""
    names: list[AppName] = []
    layer: Any = app
    try:
        for _ in range(_WRAPPER_DEPTH):  # the wrapped apps, from instance dicts (no properties)
            learn = _BY_FRAMEWORK.get(_kind(layer).framework or "")
            if learn is not None:
                names += learn(layer)
            attributes = getattr(layer, "__dict__", None) or {}
            layer = attributes.get("app") or attributes.get("application")
            if layer is None or layer is app:
                break
    except Exception:  # a framework version that keeps its settings elsewhere: nothing learned
        pass
    return tuple(dict.fromkeys(names)) if len(names) > 1 else tuple(names)


def client_app(client: object) -> object:
    """The app a test client drives (None for a client of no known kind)."""
    path = _kind(client).app_path
    try:
        return _attribute(client, path) if path is not None else None
    except Exception:  # a client whose app attribute raises: no app
        return None


def client_names(client: object) -> tuple[AppName, ...]:
    """The cookie names of the app a test client drives."""
    return app_names(client_app(client))


def response_names(response: object, label: str | None) -> tuple[AppName, ...]:
    """The cookie names of the app behind ``response`` (labelled ``label``), as far as the
    response reveals it: Django's settings; Flask's test response keeps its app's JSON
    provider, which holds the app.  Else the test clients and apps in the caller's locals."""
    if label == "django":
        return django_names()
    try:
        provider_app = getattr(getattr(response, "json_module", None), "_app", None)
    except Exception:  # a provider whose app is gone (a weakref proxy to a freed app)
        provider_app = None
    if provider_app is not None:
        return app_names(provider_app)
    return callers_names(sys._getframe(1))


def callers_names(frame: FrameType | None) -> tuple[AppName, ...]:
    """The cookie names of the test clients and apps held in the locals of ``frame`` and the
    frames that called it (a fixture argument, ``with TestClient(app) as client``)."""
    names: list[AppName] = []
    try:
        for value in caller_locals(frame):
            names += client_names(value) or _apps_names(value)
    except Exception:  # a frame or a local with a hostile __getattr__: what was found stays
        pass
    return tuple(dict.fromkeys(names))


def _apps_names(value: object) -> tuple[AppName, ...]:
    """An app held in a local (Django's settings are read by the response's label only)."""
    return app_names(value) if _framework(value) not in (None, "django") else ()
