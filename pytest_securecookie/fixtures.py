"""The fixtures: ``assert_secure_cookie``, ``assert_cookie_deleted``, the session helpers and
``cookie_recorder``.

Each wraps the public function or context manager of the same name, the helpers bound to the
test's policy (the ini options, the classify hooks, the test's markers).  ``plugin`` resolves
the markers, so it registers these fixtures for each run with its way to a test's policy.  Like
the plugin, this module imports nothing heavy: each fixture loads what it wraps when used.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, cast

import pytest

if TYPE_CHECKING:
    from .assertions import AssertCookieDeleted, AssertSecureCookie
    from .capturing.recorder import CookieRecorder
    from .judging.markers import Marked
    from .parsing.parser import SetCookie


class CookieFixtures:
    """The plugin's fixtures; ``marked`` gives what a test's markers make of its policy."""

    def __init__(self, marked: Callable[[pytest.Item], Marked]) -> None:
        self._marked = marked

    @pytest.fixture(name="assert_secure_cookie")
    def _assert_secure_cookie_fixture(
        self, request: pytest.FixtureRequest
    ) -> Iterator[AssertSecureCookie]:
        """``assert_secure_cookie(response, name=None, *, secure, httponly, samesite, policy,
        profile)``
        with the policy of the ``secure_cookies_*`` ini options and the classify hook.

        Fails with ``InsecureCookieError`` unless the response sets its auth-like cookies (or
        the cookie ``name``) with Secure, HttpOnly and an allowed SameSite; returns what it
        checked.  The keywords of the test's ``@pytest.mark.secure_cookies(...)`` markers apply
        for the test, and the helper's keywords for one call.
        """
        from .assertions import assert_secure_cookie

        helper = _WithIniPolicy(assert_secure_cookie, policy=self._marked(request.node).policy)
        with _raw_headers_kept():
            yield cast("AssertSecureCookie", helper)

    @pytest.fixture(name="assert_cookie_deleted")
    def _assert_cookie_deleted_fixture(self) -> Iterator[AssertCookieDeleted]:
        """``assert_cookie_deleted(response, name, *, set_with=None)``, without an import.

        Fails with ``InsecureCookieError`` unless the response deletes cookie ``name`` in a way
        browsers honour: with the Path and Domain it was set with (as ``set_with`` or the test's
        recorded responses set it).  A deletion is judged by what browsers do, so no policy
        option or marker keyword changes it.
        """
        from .assertions import assert_cookie_deleted

        with _raw_headers_kept():
            yield assert_cookie_deleted

    @pytest.fixture(name="assert_session_rotated")
    def _assert_session_rotated_fixture(
        self, request: pytest.FixtureRequest
    ) -> Callable[..., SetCookie]:
        """``assert_session_rotated(before, after, name=None)`` with the ini policy (which
        cookies are auth-like): fails unless the login renews the session cookie (SC020)."""
        from .sessions import assert_session_rotated

        helper = _WithIniPolicy(assert_session_rotated, policy=self._marked(request.node).policy)
        return cast("Callable[..., SetCookie]", helper)

    @pytest.fixture(name="assert_session_ended")
    def _assert_session_ended_fixture(self, request: pytest.FixtureRequest) -> Callable[..., None]:
        """``assert_session_ended(client, old, url, *, refused=None)`` with the ini policy: fails
        unless the app refuses the session cookie from before the logout (SC021)."""
        from .sessions import assert_session_ended

        helper = _WithIniPolicy(assert_session_ended, policy=self._marked(request.node).policy)
        return cast("Callable[..., None]", helper)

    @pytest.fixture(name="assert_session_ended_async")
    def _assert_session_ended_async_fixture(
        self, request: pytest.FixtureRequest
    ) -> Callable[..., Awaitable[None]]:
        """``await assert_session_ended_async(client, old, url, *, refused=None)`` (async clients
        too) with the ini policy."""
        from .sessions import assert_session_ended_async

        policy = self._marked(request.node).policy
        helper = _WithIniPolicy(assert_session_ended_async, policy=policy)
        return cast("Callable[..., Awaitable[None]]", helper)

    @pytest.fixture
    def cookie_recorder(self) -> Iterator[CookieRecorder]:
        """A :class:`CookieRecorder` active for the test: every Set-Cookie any client receives."""
        from .capturing.recorder import CookieRecorder

        with CookieRecorder() as recorder:
            yield recorder


class _WithIniPolicy(functools.partial[object]):
    """A helper bound to the ini policy.  pytest prints a failing test's fixture values, so the
    repr is one short line rather than the whole policy."""

    def __repr__(self) -> str:
        return f"<{getattr(self.func, '__name__', 'helper')} with the secure_cookies_* ini policy>"


@contextlib.contextmanager
def _raw_headers_kept() -> Iterator[None]:
    """Falcon's test results keep one Set-Cookie line: the client patches, held while the test
    runs, keep the raw header list on each result (and are undone after it)."""
    from .capturing import clients as _clients

    _clients.hold()
    try:
        yield
    finally:
        _clients.unhold()
