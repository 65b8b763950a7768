"""A caller's mistake with the session helpers shows the caller's line and the message, never
the plugin's frames (as ``test_plugin_misuse_frames`` shows for the other helpers)."""

from __future__ import annotations

import pytest

MISUSE = """
import asyncio

from pytest_securecookie import (
    SetCookie, assert_session_ended, assert_session_ended_async, assert_session_rotated,
)

OLD = SetCookie("session_id", "0123456789abcdef0123456789abcdef")


def test_rotated_without_a_session_before():
    assert_session_rotated(["lang=en"], ["session_id=new"])


def test_ended_through_no_client():
    assert_session_ended(object(), OLD, "/private")


def test_ended_async_through_no_client():
    async def check():
        await assert_session_ended_async(object(), OLD, "/private")

    asyncio.run(check())
"""

NO_FRAME_OF_OURS = "*pytest_securecookie/*"
NO_CLIENT = "TypeError: cannot replay a cookie through a builtins.object: *"


def test_no_plugin_frame_for_a_callers_mistake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_misuse=MISUSE)
    result = pytester.runpytest("-p", "no:hypothesispytest", "-l")
    result.assert_outcomes(failed=3)
    result.stdout.no_fnmatch_line(NO_FRAME_OF_OURS)
    result.stdout.fnmatch_lines([
        '>       assert_session_rotated(["lang=en"], ["session_id=new"])',
        "E       ValueError: `before` holds no auth-like cookie: nothing to compare; it sets: "
        "'lang'; to check one of them anyway, pass name='<cookie>'",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        '>       assert_session_ended(object(), OLD, "/private")', f"E       {NO_CLIENT}",
    ], consecutive=True)
    result.stdout.fnmatch_lines([
        '>       await assert_session_ended_async(object(), OLD, "/private")',
        f"E       {NO_CLIENT}",
    ], consecutive=True)
