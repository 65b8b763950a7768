"""CookieRecorder: Flask and requests end to end, nesting, imports, and undoing every patch."""

from __future__ import annotations

import inspect
import subprocess
import sys
import types
from typing import Any
from unittest import mock

import pytest
import requests
import werkzeug.test

from pytest_securecookie.capturing import patching as _patching
from pytest_securecookie.capturing import wrapping as _wrapping
from pytest_securecookie.capturing.recorder import CookieRecorder
from tests._helpers import is_our_wrapper, patched_attributes
from tests.recorder_apps import (
    HOME_LINE,
    SECRET,
    SESSION_LINE,
    flask_app,
    live_wsgi_server,
    sources,
)


def test_flask_login_redirect_records_each_hop_once(originals: Any) -> None:
    with CookieRecorder() as recorder:
        response = flask_app().test_client().post("/login", follow_redirects=True)
    assert response.status_code == 200
    assert sources(recorder) == [
        ("POST http://localhost/login (flask)", SESSION_LINE),
        ("GET http://localhost/home (flask)", HOME_LINE),
    ]
    assert [line.response for line in recorder.lines] == [0, 1]
    assert recorder.responses == 2


def test_werkzeug_client_is_named_werkzeug_and_counts_cookieless_responses(
    originals: Any,
) -> None:
    with CookieRecorder() as recorder:
        client = werkzeug.test.Client(flask_app())
        client.get("/plain")
        client.post("/login")
    assert sources(recorder) == [("POST http://localhost/login (werkzeug)", SESSION_LINE)]
    assert recorder.lines[0].response == 1
    assert recorder.responses == 2


def test_requests_against_a_live_server_records_the_302(originals: Any) -> None:
    with live_wsgi_server(flask_app()) as base, CookieRecorder() as recorder:
        response = requests.post(base + "/login")
    assert [r.status_code for r in (*response.history, response)] == [302, 200]
    assert sources(recorder) == [
        (f"POST {base}/login (requests)", SESSION_LINE),
        (f"GET {base}/home (requests)", HOME_LINE),
    ]
    assert recorder.responses == 2  # urllib3 and http.client underneath are not counted again
    assert all(line.date and line.date.utcoffset() is not None for line in recorder.lines)


def test_records_parse_lazily_and_the_recorder_is_list_like(originals: Any) -> None:
    with CookieRecorder() as recorder:
        flask_app().test_client().post("/login", follow_redirects=True)
    assert [record.cookie.name for record in recorder] == ["session", "seen"]
    assert len(recorder) == 2
    assert recorder[0].source == "POST http://localhost/login (flask)"
    assert recorder[0].cookie.httponly and not recorder[1].cookie.httponly
    assert SECRET not in repr(recorder) + repr(recorder[0].cookie)
    recorder.clear()
    assert (recorder.lines, recorder.records, recorder.responses) == ([], [], 0)


def test_lines_browsers_ignore_are_kept_as_lines_but_not_records(originals: Any) -> None:
    app = flask_app()

    @app.route("/odd")
    def odd() -> Any:
        response = app.make_response("odd")
        response.headers.add("Set-Cookie", "=")  # empty name and value: ignored by browsers
        return response

    with CookieRecorder() as recorder:
        app.test_client(use_cookies=False).get("/odd")
    assert [line.line for line in recorder.lines] == ["="]
    assert recorder.records == []


def test_nested_recorders_both_see_lines_and_patches_stay_until_the_outer_exits(
    originals: Any,
) -> None:
    client = flask_app().test_client()
    with CookieRecorder() as outer:
        client.post("/login")
        with CookieRecorder() as inner:
            client.get("/home")
        assert _patching.installed_patches()  # the outer recorder still needs them
        client.post("/login")
    assert [line.line for line in inner.lines] == [HOME_LINE]
    assert [line.line for line in outer.lines] == [SESSION_LINE, HOME_LINE, SESSION_LINE]
    assert [line.response for line in outer.lines] == [0, 1, 2]


def test_a_recorder_cannot_be_entered_twice(originals: Any) -> None:
    recorder = CookieRecorder()
    with recorder, pytest.raises(RuntimeError, match="twice"):
        recorder.__enter__()
    with pytest.raises(RuntimeError, match="twice"):
        recorder.__enter__()


def test_nothing_is_recorded_after_exit(originals: Any) -> None:
    client = flask_app().test_client()
    with CookieRecorder() as recorder:
        client.post("/login")
    client.post("/login")
    assert recorder.responses == 1


@pytest.mark.parametrize("error", [ValueError, KeyboardInterrupt])
def test_every_patch_is_undone_when_the_body_raises(originals: Any, error: type) -> None:
    with pytest.raises(error), CookieRecorder():
        assert patched_attributes() != originals
        raise error("boom")


def test_an_inherited_attribute_is_deleted_not_copied_back() -> None:
    class Base:
        def hello(self) -> str:
            return "base"

    class Child(Base):
        pass

    patch = _patching.Patch(Child, "hello", lambda original, patch: lambda self: "patched")
    patch.apply()
    assert Child().hello() == "patched" and "hello" in vars(Child)
    patch.undo()
    assert "hello" not in vars(Child) and Child().hello() == "base"


def test_a_captured_wrapper_records_only_while_a_recorder_is_active(originals: Any) -> None:
    client = flask_app().test_client()
    with CookieRecorder() as recorder:
        captured = werkzeug.test.Client.open  # e.g. what mock.patch saves and later restores
    captured(client, "/login", method="POST")
    with CookieRecorder() as later:
        captured(client, "/login", method="POST")
    assert (recorder.responses, later.responses) == (0, 1)


def test_a_patcher_that_restores_our_wrapper_late_is_put_right_next_time(originals: Any) -> None:
    original = vars(werkzeug.test.Client)["open"]
    late = mock.patch.object(werkzeug.test.Client, "open", autospec=True, side_effect=original)
    with CookieRecorder():
        late.start()  # saves our wrapper...
    late.stop()  # ...and puts it back after the recorder exited: an inert leftover
    assert vars(werkzeug.test.Client)["open"] is not original
    with CookieRecorder() as recorder:
        flask_app().test_client().post("/login")
    assert recorder.responses == 1  # recorded once, not once per wrapper
    assert vars(werkzeug.test.Client)["open"] is original


def test_importing_the_package_imports_no_client() -> None:
    clients = ["requests", "urllib3", "http.client", "werkzeug", "flask", "django", "httpx",
               "httpx2", "aiohttp", "webtest", "falcon", "tornado", "quart", "pytest"]  # fmt: skip
    code = (
        "import sys, pytest_securecookie, pytest_securecookie.capturing.recorder\n"
        f"print([m for m in {clients!r} if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_client_first_imported_inside_the_recorder_is_recorded_and_unpatched_after() -> None:
    code = """
import sys
from pytest_securecookie.capturing import patching as _patching
from pytest_securecookie.capturing.recorder import CookieRecorder
assert "werkzeug" not in sys.modules
with CookieRecorder() as recorder:
    import flask
    app = flask.Flask("late")
    app.get("/")(lambda: ("hi", 200, [("Set-Cookie", "late=1")]))
    app.test_client().get("/")
import werkzeug.test
open_ = vars(werkzeug.test.Client)["open"]
print([line.source for line in recorder.lines])
hooked = any(type(f).__name__ == "_PatchOnImport" for f in sys.meta_path)
loader = type(werkzeug.test.__loader__).__name__
print(hasattr(open_, "__wrapped__"), loader, hooked, _patching.installed_patches())
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "['GET http://localhost/ (flask)']",
        "False SourceFileLoader False []",
    ]


def test_targets_the_installed_version_lacks_are_skipped(
    originals: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("recorder_fake_client")

    class Session:
        def send(self) -> str:
            return "sent"

    module.Session = Session  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    wrap = _wrapping.around("fake", lambda patch, args, kwargs, result: None)
    _patching.register([
        _patching.Target(module.__name__, "Session", "send", wrap),
        _patching.Target(module.__name__, "Session", "receive", wrap),  # not in this version
        _patching.Target(module.__name__, "Gone", "send", wrap),
    ])  # fmt: skip
    original = vars(Session)["send"]
    with CookieRecorder():
        assert vars(Session)["send"] is not original and Session().send() == "sent"
        assert "receive" not in vars(Session)
    assert vars(Session)["send"] is original


def test_coroutine_functions_get_async_wrappers(originals: Any) -> None:
    import httpx

    with CookieRecorder():
        for owner in (httpx.AsyncClient, httpx.Client):
            wrapper = vars(owner)["_send_single_request"]
            assert is_our_wrapper(wrapper)
            assert inspect.iscoroutinefunction(wrapper) is (owner is httpx.AsyncClient)


def test_a_recorded_line_never_shows_the_value_in_its_repr() -> None:
    with CookieRecorder() as recorder:
        flask_app().test_client().post("/login")
    shown = repr(recorder.lines) + repr(recorder.records) + repr(recorder)
    assert SECRET not in shown
    assert "session=<redacted 12 chars>; Path=/; HttpOnly" in shown
    assert "source='POST http://localhost/login (flask)'" in shown


def test_a_reloaded_client_module_is_patched_in_its_new_classes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    module = types.ModuleType("recorder_reloaded_client")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    wrap = _wrapping.around("fake", lambda patch, args, kwargs, result: None)
    _patching.register([_patching.Target(module.__name__, "Session", "send", wrap)])
    for generation in range(2):  # a reload defines the class anew
        module.Session = type("Session", (), {"send": lambda self: "sent"})  # type: ignore[attr-defined]
        with CookieRecorder():
            assert is_our_wrapper(vars(module.Session)["send"]), generation
        assert not is_our_wrapper(vars(module.Session)["send"])
