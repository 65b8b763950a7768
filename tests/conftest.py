"""Fixtures shared by the test modules (plain helpers live in ``tests/_helpers.py``)."""

from __future__ import annotations

import asyncio
import importlib
import pkgutil
from collections.abc import Iterator

import pytest

import pytest_securecookie
from pytest_securecookie.capturing import patching as _patching
from tests._enforce_apps import FLASK_CONFTEST
from tests._helpers import is_our_wrapper, patched_attributes

# Every module of the plugin is loaded before any in-process pytester run: such a run removes
# the modules it imported when it ends, and a module the plugin loads lazily (the token rules)
# would otherwise be loaded again by the next run, registering a second copy of its rules.
for _module in pkgutil.walk_packages(pytest_securecookie.__path__, "pytest_securecookie."):
    importlib.import_module(_module.name)


@pytest.fixture(autouse=True)
def _runs_ignore_the_host_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pytest runs inside this suite see an 80-column local terminal whatever hosts the
    suite: on a CI service (``CI`` or ``BUILD_NUMBER`` set) or in a wide terminal, pytest stops
    cutting the short summary's lines, which the exact-text tests compare. They never append to
    the job summary of a GitHub Actions run either. Tests of those cases set the variables."""
    for variable in ("CI", "BUILD_NUMBER", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("COLUMNS", "80")


@pytest.fixture
def project_conftest() -> str:
    """The conftest.py of a ``project``; a module overrides this fixture to add to it."""
    return FLASK_CONFTEST


@pytest.fixture
def project(pytester: pytest.Pytester, project_conftest: str) -> pytest.Pytester:
    """A pytester project serving the Flask login app through its ``client`` fixture."""
    pytester.makeconftest(project_conftest)
    return pytester


@pytest.fixture
def originals() -> Iterator[dict[tuple[str, str, str], object]]:
    """Fails the test unless every patched attribute is the very same object afterwards."""
    before = patched_attributes()
    yield before
    after = patched_attributes()
    assert {key: after[key] for key in before} == before
    assert not [key for key, value in after.items() if is_our_wrapper(value)]
    assert _patching.installed_patches() == []


@pytest.fixture
def current_event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """A current event loop, closed afterwards, for code that asks the policy for one (falcon's
    ASGI test client before Python 3.11): an earlier ``asyncio.run`` in the process leaves none."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    asyncio.set_event_loop(None)
    loop.close()
