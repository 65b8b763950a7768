"""The patching machinery behind the client adapters: undo stack, reference count, import hook.

Patches like ``monkeypatch`` and respx do: the class ``__dict__`` is read before patching, an
inherited attribute is deleted again rather than copied back, restoration runs last-in
first-out in ``finally``, and targets the installed version lacks are skipped.  A module first
imported while patches are installed is patched as soon as it finishes executing (a
``sys.meta_path`` finder that only answers for the modules it has targets in).

A wrapper (made by ``wrapping.around``) is built once per attribute and reused by later
installs, so entering a recorder per test costs a few microseconds.  It calls straight
through whenever its patch is not installed: a wrapper another library captured
(``mock.patch`` saves what it replaces) and restores late never records outside a recorder,
nor twice inside one.
"""

from __future__ import annotations

import functools
import importlib.abc
import importlib.machinery
import sys
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

_MISSING = object()

# sink(thread, lines, describe, response): one call per response seen while installed.
# ``describe()`` tells the request (method, url, framework, raw Date); it is only called when
# someone reads it (a werkzeug URL alone costs more than recording).  ``response``: the
# client's response object (or the header pairs a wrapped app sent), whose other headers and
# read body the exposure check searches.  A thread of None means "sent by a wrapped app": no
# thread filter applies.
Sink = Callable[
    ["threading.Thread | None", list[str], "Callable[[], Any] | None", object], None
]
Describe = Callable[..., Any]


class Patch:
    """One attribute to replace by a wrapper, and how to put the original back.

    Built once per attribute and reused by every later install while the attribute is still
    the one it saved, so that entering a recorder per test stays cheap.
    """

    def __init__(self, owner: Any, name: str, wrap: Callable[[Any, Patch], Any]) -> None:
        self.owner = owner
        self.name = name
        self.saved = vars(owner).get(name, _MISSING)  # _MISSING: it was inherited
        self.original = getattr(owner, name)
        self.active = False
        self.wrapper = wrap(self.original, self)

    def still_fits(self) -> bool:
        """The attribute is still what this patch saved (or this patch's own wrapper)."""
        current = vars(self.owner).get(self.name, _MISSING)
        if current is self.wrapper:
            return True  # left behind by another patcher's restore: ours to put right
        return current is self.saved and getattr(self.owner, self.name) is self.original

    def apply(self) -> None:
        setattr(self.owner, self.name, self.wrapper)
        self.active = True

    def emit(
        self, lines: list[str], describe: Describe, *args: Any, response: object = None
    ) -> None:
        """Report one response to every sink; ``describe(*args)`` is deferred to reading time."""
        sinks = _state.sinks
        if not (self.active and sinks):
            return
        described = functools.partial(describe, *args)
        thread = threading.current_thread()
        for sink in sinks:
            sink(thread, lines, described, response)

    def undo(self) -> None:
        self.active = False
        if vars(self.owner).get(self.name) is not self.wrapper:
            return  # someone patched over us and will restore our (now inert) wrapper
        if self.saved is _MISSING:
            delattr(self.owner, self.name)
        else:
            setattr(self.owner, self.name, self.saved)


class Target:
    """``module.owner.name`` (owner "" = the module itself) and the factory of its wrapper.

    Hashed by identity (looked up on every install).  Plain classes here, not dataclasses:
    this module loads with the first recorded test, and a dataclass costs a fraction of a
    millisecond to define.
    """

    __slots__ = ("module", "name", "owner", "wrap")

    def __init__(
        self, module: str, owner: str, name: str, wrap: Callable[[Any, Patch], Any]
    ) -> None:
        self.module = module
        self.owner = owner
        self.name = name
        self.wrap = wrap

    def __repr__(self) -> str:
        return f"Target({self.module!r}, {self.owner!r}, {self.name!r})"


class _State:
    def __init__(self) -> None:
        self.targets: dict[str, list[Target]] = {}
        # Replaced, never mutated: the hot path reads it without the lock.
        self.sinks: tuple[Sink, ...] = ()
        self.holds = 0  # long-lived installations (the plugin's, for a session): see ``hold``
        self.installed = False
        self.undo: list[Patch] = []
        self.built: dict[tuple[ModuleType, Target], Patch] = {}
        # Bugs of ours swallowed while recording (see ``note_error``), until ``take_errors``.
        self.errors: list[str] = []


_state = _State()
STATE = _state  # read by the wrappers on every call: ``STATE.sinks`` is "someone records"
_lock = threading.RLock()


def register(targets: Sequence[Target]) -> None:
    for target in targets:
        _state.targets.setdefault(target.module, []).append(target)


def acquire(sink: Sink) -> None:
    """Add a sink; the first one installs every patch and the import hook (unless held)."""
    with _lock:
        _state.sinks = (*_state.sinks, sink)
        if not _state.installed:
            _ensure_installed()


def release(sink: Sink) -> None:
    """Remove a sink; the last one undoes every patch, last in first out, whatever happens,
    unless a :func:`hold` keeps them installed."""
    with _lock:
        sinks = _state.sinks
        if sinks and sinks[-1] == sink:  # the usual case: the last one added leaves first
            _state.sinks = sinks[:-1]
        elif sink in sinks:
            removed = list(sinks)
            removed.remove(sink)
            _state.sinks = tuple(removed)
        if not (_state.sinks or _state.holds):  # held for a session: nothing to undo
            _uninstall_if_unused()


def hold() -> None:
    """Keep every patch installed until the matching :func:`unhold`, sinks or not.

    The plugin holds them for a session, so that a recorder per test only adds and removes
    its sink (a tuple swap) instead of installing and undoing every patch.  While nobody
    records, a held wrapper only calls through.
    """
    with _lock:
        _state.holds += 1
        _ensure_installed()


def unhold() -> None:
    """Release one :func:`hold`; the last one (with no sink left) undoes every patch."""
    with _lock:
        _state.holds = max(0, _state.holds - 1)
        _uninstall_if_unused()


def _ensure_installed() -> None:
    if _state.installed:
        return
    _state.installed = True
    try:
        _install()
    except BaseException:
        _state.sinks, _state.holds = (), 0
        _uninstall_if_unused()
        raise


def _uninstall_if_unused() -> None:
    if _state.installed and not _state.sinks and not _state.holds:
        _state.installed = False
        _uninstall()


def active_sinks() -> tuple[Sink, ...]:
    return _state.sinks


def recording() -> bool:
    """Someone is recording: a held wrapper with no sink only calls through."""
    return bool(_state.sinks)


def note_error(where: str, error: BaseException) -> None:
    """Remember a failure of our own recording code instead of raising it into the user's
    HTTP call.  Only the exception type and the place are kept: a message might quote a
    header, and so a cookie value."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    place = f" at {frame.tb_frame.f_code.co_filename}:{frame.tb_lineno}" if frame else ""
    with _lock:
        if len(_state.errors) < 20:  # the first few say enough; a bug repeats per response
            _state.errors.append(f"{where}: {type(error).__name__}{place}")


def take_errors() -> list[str]:
    """The recording errors noted since the last call (and forget them)."""
    with _lock:
        errors, _state.errors = _state.errors, []
    return errors


def installed_patches() -> list[Patch]:
    with _lock:
        return list(_state.undo)


def _install() -> None:
    sys.meta_path.insert(0, _FINDER)
    for name, targets in list(_state.targets.items()):
        module = sys.modules.get(name)
        if module is not None:
            for target in targets:
                _patch_target(module, target)


def _uninstall() -> None:
    try:
        if _FINDER in sys.meta_path:
            sys.meta_path.remove(_FINDER)
    finally:
        _undo_all()


def _undo_all() -> None:
    try:
        while _state.undo:
            _state.undo.pop().undo()
    finally:
        if _state.undo:  # an undo raised: keep undoing the rest
            _undo_all()


def _patch_module(module: ModuleType) -> None:
    with _lock:
        if not _state.installed:
            return  # imported after the last recorder exited
        for target in _state.targets.get(module.__name__, ()):
            _patch_target(module, target)


def _patch_target(module: ModuleType, target: Target) -> None:
    key = (module, target)
    patch = _state.built.get(key)
    if patch is not None and patch.active:
        return  # already installed (idempotent)
    owner = _owner(module, target)
    if owner is None or not hasattr(owner, target.name):
        return  # absent in this version
    if patch is None or patch.owner is not owner or not patch.still_fits():
        patch = _state.built[key] = Patch(owner, target.name, target.wrap)  # (re)loaded
    patch.apply()
    _state.undo.append(patch)


def _owner(module: ModuleType, target: Target) -> Any:
    owner: Any = module
    for part in filter(None, target.owner.split(".")):
        owner = getattr(owner, part, None)
    return owner


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself: hands a target module's spec a loader that patches after exec."""

    def __init__(self) -> None:
        self._busy = threading.local()

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _state.targets or getattr(self._busy, "name", None) == fullname:
            return None  # not ours, or asked again by a finder we are consulting
        self._busy.name = fullname
        try:
            spec = self._find_elsewhere(fullname, path, target)
        finally:
            self._busy.name = None
        if spec is not None and spec.loader is not None and hasattr(spec.loader, "exec_module"):
            spec.loader = _PatchAfterExec(spec.loader)
        return spec

    def _find_elsewhere(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None
    ) -> importlib.machinery.ModuleSpec | None:
        for finder in list(sys.meta_path):
            if finder is not self and hasattr(finder, "find_spec"):
                spec: importlib.machinery.ModuleSpec | None = finder.find_spec(
                    fullname, path, target
                )
                if spec is not None:
                    return spec
        return None


class _PatchAfterExec(importlib.abc.Loader):
    """Delegates to the real loader, gives the module its real loader back, then patches."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        created: ModuleType | None = self._loader.create_module(spec)
        return created

    def exec_module(self, module: ModuleType) -> None:
        if module.__spec__ is not None:
            module.__spec__.loader = self._loader
        module.__loader__ = self._loader
        self._loader.exec_module(module)
        try:
            _patch_module(module)
        except Exception as error:  # our bug must never fail the user's import
            note_error(f"patching {module.__name__}", error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._loader, name)


_FINDER = _PatchOnImport()
