"""The per-test path of enforcement: markers read up the node chain (or from an item type's
own ``iter_markers``), and one recording at a time per session."""

from __future__ import annotations

import pytest

from tests._enforce_apps import FLASK_CONFTEST, run_plugin

# A non-Python test item (as a YAML or notebook plugin makes) that logs in insecurely; its
# type may override ``iter_markers``, which enforcement must then ask.
CUSTOM_ITEMS = '''

class LoginItem(pytest.Item):
    def runtest(self):
        make_app().test_client().post("/login")


class ExemptLoginItem(LoginItem):
    def iter_markers(self, name=None):
        allow = pytest.mark.allow_insecure_cookies(reason="a fixture of a legacy app").mark
        yield from [allow] if name in (None, allow.name) else []
        yield from super().iter_markers(name)


class LoginFile(pytest.File):
    def collect(self):
        yield LoginItem.from_parent(self, name="plain")
        yield ExemptLoginItem.from_parent(self, name="exempt")


def pytest_collect_file(file_path, parent):
    if file_path.suffix == ".login":
        return LoginFile.from_parent(parent, path=file_path)
'''


@pytest.fixture
def project_conftest() -> str:
    return FLASK_CONFTEST + CUSTOM_ITEMS


def test_an_item_type_that_overrides_iter_markers_is_asked(project: pytest.Pytester) -> None:
    project.makefile(".login", cases="")
    result = run_plugin(project, "--secure-cookies", "-rA")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["PASSED cases.login::exempt", "FAILED cases.login::plain*"])


def test_class_and_module_marks_reach_each_test(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_login="""
import pytest

pytestmark = pytest.mark.secure_cookies

def test_module_mark(client):
    client.post("/login")

@pytest.mark.allow_insecure_cookies(reason="legacy")
class TestLegacy:
    def test_exempt_by_class(self, client):
        client.post("/login")
"""
    )
    result = run_plugin(project, "-rA")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["PASSED test_login.py::TestLegacy::test_exempt_by_class", "FAILED *test_module_mark*"]
    )


def test_a_failing_setup_leaves_the_next_test_recorded_alone(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_login="""
import pytest

@pytest.fixture
def broken():
    raise RuntimeError("setup fails")

def test_setup_fails(client, broken):
    client.post("/login")

def test_secure(client):
    client.post("/login-hardened")
"""
    )
    result = run_plugin(project, "--secure-cookies", "-v")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["secure cookies: 1 response, 1 cookie, 1 auth-like, 0 insecure"])
