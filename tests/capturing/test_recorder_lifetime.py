"""A recorder is freed once it is exited, however it was exited (issue 10, item 7).

Its raw lines, and through them the client and the app that answered, must not outlive it:
exited out of order, exited on another thread or exited twice, nothing keeps it registered.
"""

from __future__ import annotations

import gc
import threading
import weakref

import pytest

from pytest_securecookie.capturing.recorder import CookieRecorder
from tests.recorder_apps import HOME_LINE, SESSION_LINE, flask_app

pytestmark = pytest.mark.usefixtures("originals")


def _freed(*refs: weakref.ref[CookieRecorder]) -> bool:
    gc.collect()
    return all(ref() is None for ref in refs)


def test_recorders_exited_out_of_order_are_freed() -> None:
    # The plugin's per-test recorder is exited before the cookie_recorder fixture's.
    outer, inner = CookieRecorder(), CookieRecorder()
    outer.__enter__()
    inner.__enter__()
    outer.__exit__(None, None, None)
    inner.__exit__(None, None, None)
    refs = weakref.ref(outer), weakref.ref(inner)
    del outer, inner
    assert _freed(*refs)


def test_a_recorder_exited_out_of_order_leaves_the_other_recording() -> None:
    client = flask_app().test_client()
    outer, inner = CookieRecorder().__enter__(), CookieRecorder().__enter__()
    try:
        outer.__exit__(None, None, None)
        client.post("/login")
    finally:
        inner.__exit__(None, None, None)
    client.get("/home")
    assert [line.line for line in inner.lines] == [SESSION_LINE]
    assert outer.responses == 0


def test_a_recorder_exited_on_another_thread_is_freed() -> None:
    recorder = CookieRecorder().__enter__()
    thread = threading.Thread(target=recorder.__exit__, args=(None, None, None))
    thread.start()
    thread.join()
    ref = weakref.ref(recorder)
    del recorder
    assert _freed(ref)


def test_the_app_a_recorder_saw_is_freed_with_it() -> None:
    app = flask_app()
    with CookieRecorder() as outer:
        inner = CookieRecorder().__enter__()
        app.test_client().post("/login")
    inner.__exit__(None, None, None)
    refs = weakref.ref(outer), weakref.ref(inner), weakref.ref(app)
    del outer, inner, app
    assert _freed(*refs)  # type: ignore[arg-type]


def test_a_second_exit_is_harmless() -> None:
    client = flask_app().test_client()
    with CookieRecorder() as outer:
        inner = CookieRecorder().__enter__()
        inner.__exit__(None, None, None)
        inner.__exit__(None, None, None)
        client.get("/home")
    assert [line.line for line in outer.lines] == [HOME_LINE]
    assert inner.responses == 0
