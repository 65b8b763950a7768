"""The client patches of an enforced session: installed once, shared by every test's recorder,
and undone when the session ends — every patched attribute is the original object again.
Falcon results keep their raw header list while the patches are installed, never after."""

from __future__ import annotations

import falcon
import falcon.testing
import pytest
import werkzeug.test

from pytest_securecookie.capturing import patching as _patching
from tests._enforce_apps import FLASK_CONFTEST, run_plugin

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:falcon")

# Notes the object on werkzeug's Client.open during each test and after the last one.
_TWO_TESTS = """
import pytest
import werkzeug.test

def note_open():
    with open("opens.txt", "a") as notes:
        notes.write(f"{id(vars(werkzeug.test.Client)['open'])}\\n")

@pytest.fixture(scope="session", autouse=True)
def after_the_last_test():
    yield
    note_open()

def test_one(client):
    client.post("/login-hardened")
    note_open()

def test_two(client):
    client.post("/login-hardened")
    note_open()
"""


def test_an_enforced_session_installs_the_patches_once_and_undoes_them(
    pytester: pytest.Pytester,
) -> None:
    original = vars(werkzeug.test.Client)["open"]
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login=_TWO_TESTS)
    run_plugin(pytester, "--secure-cookies").assert_outcomes(passed=2)
    seen = (pytester.path / "opens.txt").read_text().split()
    assert len(seen) == 3 and seen[0] != str(id(original))  # the wrapper in each test...
    assert len(set(seen)) == 1  # ...and still after the last test: installed for the session
    assert vars(werkzeug.test.Client)["open"] is original
    assert _patching.installed_patches() == []


def test_the_session_patches_are_undone_when_a_test_fails(pytester: pytest.Pytester) -> None:
    original = vars(werkzeug.test.Client)["open"]
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(test_login="def test_login(client):\n    client.post('/login')\n")
    run_plugin(pytester, "--secure-cookies").assert_outcomes(failed=1)
    assert vars(werkzeug.test.Client)["open"] is original


def test_a_users_recorder_inside_an_enforced_test_still_records(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(
        test_login="""
from pytest_securecookie import CookieRecorder

def test_nested(client):
    with CookieRecorder() as recorder:
        client.post("/login-hardened")
    assert [record.cookie.name for record in recorder] == ["session"]
    client.post("/login-hardened")
    assert len(recorder) == 1  # exited: no longer records, the session's recorder does
"""
    )
    result = run_plugin(pytester, "--secure-cookies")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["secure cookies: 2 responses, 2 cookies, 2 auth-like, 0 insecure"])


_FALCON_TEST = """
import falcon
import falcon.testing


class Login:
    def on_post(self, req, resp):
        resp.set_cookie("session", "s3cr3t-v4lu3", path="/", same_site="Lax")  # Secure, HttpOnly
        resp.set_cookie("csrftoken", "t0k3n", path="/", http_only=False, same_site="Lax")


def test_falcon(assert_secure_cookie):
    app = falcon.App()
    app.add_route("/login", Login())
    result = falcon.testing.TestClient(app).simulate_post("/login")
    checked = assert_secure_cookie(result)
    assert sorted(cookie.name for cookie in checked) == ["csrftoken", "session"]
"""


@pytest.mark.parametrize("args", [(), ("--secure-cookies",)])
def test_falcon_results_keep_every_line_only_while_the_session_runs(
    pytester: pytest.Pytester, args: tuple[str, ...]
) -> None:
    original = vars(falcon.testing.client._ResultBase)["__init__"]
    pytester.makepyfile(test_falcon=_FALCON_TEST)
    result = run_plugin(pytester, "-W", "ignore::DeprecationWarning", *args)
    result.assert_outcomes(passed=1)
    assert vars(falcon.testing.client._ResultBase)["__init__"] is original
    app = falcon.App()
    assert not hasattr(falcon.testing.TestClient(app).simulate_get("/"), "_securecookie_headers")


def test_the_falcon_adapter_keeps_the_list_where_the_reader_reads_it() -> None:
    from pytest_securecookie.capturing import clients as _clients
    from pytest_securecookie.parsing import clients as _specs

    assert _clients.FALCON_HEADERS_ATTR is _specs.FALCON_HEADERS_ATTR
    assert any(kind.read is _specs._read_falcon for kind in _specs.FALCON.reads)


@pytest.mark.parametrize("stop", ["pytest.exit('stop')", "raise KeyboardInterrupt"])
def test_the_session_patches_are_undone_when_the_session_stops_mid_test(
    pytester: pytest.Pytester, stop: str
) -> None:
    # The test's teardown hook never runs: its recorder must still leave with the session.
    original = vars(werkzeug.test.Client)["open"]
    pytester.makeconftest(FLASK_CONFTEST)
    pytester.makepyfile(
        test_login=f"import pytest\n\ndef test_login(client):\n"
        f"    client.post('/login-hardened')\n    {stop}\n"
    )
    if "exit" in stop:
        run_plugin(pytester, "--secure-cookies")
    else:
        with pytest.raises(KeyboardInterrupt):  # pytester raises it again once pytest is done
            run_plugin(pytester, "--secure-cookies")
    assert vars(werkzeug.test.Client)["open"] is original
    assert _patching.installed_patches() == []
    assert _patching.active_sinks() == ()
