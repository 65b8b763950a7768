"""One marker resolver for the ``assert_secure_cookie`` fixture and for enforcement: markers on
a module, a class and a function combine, the closest wins, ``allow_insecure_cookies``
included, and a bad marker fails both the same way.  Real Flask apps, through pytester."""

from __future__ import annotations

import pytest

from tests._enforce_apps import run_plugin

APP = '''
import flask
import pytest

SECRET = "s3cr3t-v4lu3-9d2e"
FLAGS = "Path=/; Secure; HttpOnly"


def make_app():
    app = flask.Flask("shop")

    def setting(line):
        response = flask.make_response("ok")
        response.headers.add("Set-Cookie", line)
        return response

    @app.post("/login-domain")
    def login_domain():
        return setting(f"session={SECRET}; Domain=localhost; {FLAGS}; SameSite=Strict")

    @app.post("/login-lax")
    def login_lax():
        return setting(f"session={SECRET}; {FLAGS}; SameSite=Lax")

    @app.post("/login-insecure")
    def login_insecure():
        return setting(f"session={SECRET}; Path=/")

    return app


@pytest.fixture
def client():
    return make_app().test_client()
'''

# The fixture must raise the rule enforcement reports; the body then passes and enforcement
# fails the test in its call phase with the same rule.
FIXTURE_AGREES = """
import pytest
from pytest_securecookie import InsecureCookieError

{module}

{function}
def test_login(client, assert_secure_cookie):
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(client.post("{path}"))
    assert "{rule}" in str(raised.value)
"""


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(APP)
    return pytester


def run(project: pytest.Pytester, source: str, *args: str) -> pytest.RunResult:
    project.makepyfile(test_login=source)
    result: pytest.RunResult = run_plugin(project, *args)
    return result


@pytest.mark.parametrize(
    ("module", "function", "path", "rule"),
    [
        ("pytestmark = pytest.mark.secure_cookies(host_only=True)",
         '@pytest.mark.secure_cookies(samesite="Strict")', "/login-domain", "SC013"),
        ('pytestmark = pytest.mark.secure_cookies(samesite="Strict")',
         "@pytest.mark.secure_cookies(require_httponly=False)", "/login-lax", "SC006"),
    ],
    ids=["host_only-from-the-module", "samesite-from-the-module"],
)
def test_the_fixture_combines_the_markers_as_enforcement_does(
    project: pytest.Pytester, module: str, function: str, path: str, rule: str
) -> None:
    source = FIXTURE_AGREES.format(module=module, function=function, path=path, rule=rule)
    result = run(project, source)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [f"insecure cookie 'session' ({rule}) set by POST {path}", f"  {rule} 'session' *"]
    )
    result.stdout.fnmatch_lines(["FAILED test_login.py::test_login - insecure cookie 'session' *"])
    result.stdout.no_fnmatch_line("*DID NOT RAISE*")


def test_a_closer_secure_cookies_marker_beats_a_module_allow(project: pytest.Pytester) -> None:
    source = """
import pytest

pytestmark = pytest.mark.allow_insecure_cookies(reason="a legacy module")

@pytest.mark.secure_cookies
def test_login(client):
    client.post("/login-insecure")
"""
    result = run(project, source)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*SC001 'session' has no Secure attribute*"])


def test_a_closer_allow_beats_a_module_secure_cookies_marker(project: pytest.Pytester) -> None:
    source = """
import pytest

pytestmark = pytest.mark.secure_cookies

@pytest.mark.allow_insecure_cookies(reason="the legacy login, ticket 12")
def test_login(client):
    client.post("/login-insecure")
"""
    run(project, source).assert_outcomes(passed=1)


def test_a_bad_marker_fails_the_fixture_of_an_exempt_test_too(project: pytest.Pytester) -> None:
    source = """
import pytest

pytestmark = pytest.mark.secure_cookies(samsite="Strict")

@pytest.mark.allow_insecure_cookies(reason="the legacy login, ticket 12")
def test_login(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login-lax"))
"""
    result = run(project, source)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "test_login.py::test_login: bad @pytest.mark.secure_cookies(samsite='Strict'): "
            "got an unexpected keyword argument 'samsite'; it accepts only the keywords "
            "auth_names, *samesite*",
        ]
    )


def test_a_marker_added_while_the_test_runs_changes_neither_under_secure_cookies(
    project: pytest.Pytester,
) -> None:
    # The test's markers are resolved once, as its recording starts (before any fixture):
    # the fixture judges with the policy enforcement judges with.
    source = """
import pytest

@pytest.fixture(autouse=True)
def strict_here(request):
    request.node.add_marker(pytest.mark.secure_cookies(samesite=["Strict"]))

def test_login(client, assert_secure_cookie):
    assert_secure_cookie(client.post("/login-lax"))
"""
    result = run(project, source, "--secure-cookies")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure"])
