"""The caller's mistakes, raised from the public function the caller called.

A wrong argument, a response no reader can read, a classify hook's answer the policy refuses:
the message says what was wrong and what is accepted, and the plugin's frames below the public
function would only bury it.  Such an error is marked where it is raised, and
:func:`raised_here` re-raises it from the public function's own frame, which pytest hides.  Any
other exception, a bug of ours, keeps its whole traceback.  Standard library only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

_MARK = "_securecookie_misuse"

_Error = TypeVar("_Error", bound=BaseException)
_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def misuse(error: _Error) -> _Error:
    """``error`` marked as the caller's mistake: ``raise misuse(TypeError("..."))``."""
    setattr(error, _MARK, True)
    return error


def is_misuse(error: BaseException) -> bool:
    return getattr(error, _MARK, False) is True


def raised_here(function: Callable[_Params, _Result]) -> Callable[_Params, _Result]:
    """``function`` raising the caller's mistakes from its own frame, without the frames of the
    plugin below it (in any test runner; pytest also hides this one)."""

    @functools.wraps(function)
    def public(*args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        __tracebackhide__ = True
        try:
            return function(*args, **kwargs)
        except Exception as error:
            if not is_misuse(error):
                raise
            mistake = error.with_traceback(None)
        raise mistake  # outside the handler: no "during handling" chain to itself

    return public


def hidden_for_misuse(excinfo: Any) -> bool:
    """A module's ``__tracebackhide__``: pytest hides the module's frames for a caller's
    mistake, and only then (a frame of generated code, such as a dataclass's ``__init__``,
    runs with the module's globals and cannot be marked otherwise)."""
    return excinfo is not None and is_misuse(excinfo.value)
