"""The run state of enforcement: its settings, the test being recorded, what the recorded tests
saw, and the summary, JSON report and pytest-xdist hand-over made of it.

pytest glue that ``plugin.py`` wires to the hooks.  The recorder, the judge and the tally load
with the first recorded test, never at import.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    from .capturing.recorder import CookieRecorder
    from .exports import Exports
    from .judging.policy import CookiePolicy
    from .judging.recorded import Verdict
    from .reporting.tally import JSONDict, Tally

ENFORCEMENT = pytest.StashKey["Enforcement"]()
_WORKER_OUTPUT = "securecookie"
# The report attribute a pytest-xdist worker sends each test's count and findings in (pytest
# serializes a report's attributes, and rebuilds them on the controller).
_REPORT_TESTS = "securecookie_tests"


class Recording(NamedTuple):
    item: pytest.Item
    recorder: CookieRecorder
    policy: CookiePolicy
    hook_free: bool  # no classify hook applies to the test: judgements may be shared


class Enforcement:
    """The run's enforcement settings and what the recorded tests saw (``config.stash``)."""

    def __init__(self, everywhere: bool, report_path: Path | None) -> None:
        self.everywhere = everywhere  # every test is enforced: the patches stay for the session
        self.report_path = report_path
        self._tally: Tally | None = None  # made by the first recorded test (or worker report)
        self.holding = False  # the client patches are held for the rest of the session
        # The test being recorded: one at a time per session (its teardown ends it before the
        # next test's setup), so one slot rather than a stash entry per item.
        self.recording: Recording | None = None
        # The session's policy with the classify hooks of some conftests as its classifier,
        # per set of those hooks (one object each: judgements cached for it are found), and
        # per test file.
        self.policies: dict[tuple[object, ...], CookiePolicy] = {}
        self.policy_at: dict[Path, CookiePolicy] = {}
        self.errors: list[str] = []  # recording bugs swallowed (this process's and workers')
        # On a pytest-xdist worker: the tests judged, to be sent with the next report.
        self.outbox: list[JSONDict] | None = None
        self.exports: Exports | None = None  # SARIF, job summary, JUnit properties, if asked

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            from .reporting.tally import Tally

            self._tally = Tally()
        return self._tally

    @property
    def recorded_anything(self) -> bool:
        return self._tally is not None and self._tally.tests > 0

    def start(self, item: pytest.Item, policy: CookiePolicy, hook_free: bool) -> None:
        """Record the test's responses from now on (its setup) until :meth:`stop`."""
        if self.everywhere:
            self._hold_patches()  # else each recorder installs and undoes them itself
        if self.recording is not None:  # never stopped (its teardown did not run)
            self.recording.recorder.__exit__(None, None, None)
        recorder = _recorder_type()()
        recorder.__enter__()
        self.recording = Recording(item, recorder, policy, hook_free)

    def stop(self, item: pytest.Item) -> Verdict | None:
        """Stop the test's recorder (once), judge what it recorded and count it."""
        recording = self.recording
        if recording is None or recording.item is not item:
            return None
        self.recording = None
        recording.recorder.__exit__(None, None, None)
        recorder = recording.recorder
        verdict = _judge()(recorder.lines, recording.policy, hook_free=recording.hook_free)
        entries = self.report_path is not None  # the JSON report lists every cookie
        counted = self.tally.add(item.nodeid, verdict, recorder.responses, entries=entries)
        findings = []
        if self.exports is not None:
            findings = self.exports.add(item.nodeid, item.location, verdict, item.user_properties)
        if self.outbox is not None:  # plain data, scrubbed like the JSON report: never a value
            self.outbox.append({"count": counted._asdict(), "findings": findings})
        return verdict

    def receive(self, sent: JSONDict) -> None:
        """What a pytest-xdist worker sent of one test (see ``stop``)."""
        self.tally.receive(sent["count"])
        if self.exports is not None:
            self.exports.receive(sent["count"]["test"], sent["findings"])

    def end(self) -> None:
        """At the end of the session: every patched attribute is the original object again."""
        recording, self.recording = self.recording, None
        try:
            if recording is not None:  # stopped mid-test (pytest.exit, Ctrl-C): no teardown ran
                recording.recorder.__exit__(None, None, None)
        finally:
            self._release_patches()

    def _hold_patches(self) -> None:
        """Install the client patches once for the session: a test then only adds its sink."""
        if not self.holding:
            from .capturing import clients as _clients

            _clients.hold()
            self.holding = True

    def _release_patches(self) -> None:
        if self.holding:
            from .capturing import clients as _clients

            self.holding = False
            _clients.unhold()

    def recording_errors(self) -> list[str]:
        """Bugs of ours swallowed inside the client wrappers (the user's requests went on)."""
        if "pytest_securecookie.capturing.patching" in sys.modules:  # else nothing was patched
            from .capturing.patching import take_errors

            self.errors += take_errors()
        return self.errors


# The recording machinery loads with the first enforced test.  Looked up in ``sys.modules``
# each time rather than cached here: this module outlives a pytester run, whose modules are
# dropped afterwards, and a cached function would judge the next run's policy (a CookiePolicy
# of a reloaded module) with the old module's classes.
def _recorder_type() -> type[CookieRecorder]:
    module = sys.modules.get("pytest_securecookie.capturing.recorder")
    if module is None:
        from .capturing.recorder import CookieRecorder

        return CookieRecorder
    recorder: type[CookieRecorder] = module.CookieRecorder
    return recorder


def _judge() -> Callable[..., Verdict]:
    module = sys.modules.get("pytest_securecookie.judging.recorded")
    if module is None:
        from .judging.recorded import judge

        return judge
    judged: Callable[..., Verdict] = module.judge
    return judged


def summarize(terminal: pytest.TerminalReporter) -> None:
    enforcement = terminal.config.stash[ENFORCEMENT]
    errors = enforcement.recording_errors()
    if errors:
        terminal.write_line("")
        terminal.write_line(
            f"secure cookies: {len(errors)} internal error(s) while recording (those responses "
            "went unrecorded; please report this bug):", yellow=True
        )
        for error in errors:
            terminal.write_line(f"  {error}")
    if not enforcement.recorded_anything:
        return
    tally = enforcement.tally
    terminal.write_line("")  # apart from the last failure's report, which may precede it
    terminal.write_line(tally.summary_line())
    if terminal.config.getoption("verbose", 0) > 0:  # Config.get_verbosity is pytest >= 8
        for line in tally.listing():
            terminal.write_line(f"  {line}")


def finish(config: pytest.Config) -> None:
    """The worker's recording errors to the xdist controller, or the JSON report and the
    exports."""
    enforcement = config.stash[ENFORCEMENT]
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller reports for all
        errors = enforcement.recording_errors()
        if errors:
            workeroutput[_WORKER_OUTPUT + "_errors"] = errors
        return
    if enforcement.report_path is not None:
        import json

        text = json.dumps(enforcement.tally.report(), indent=2)
        enforcement.report_path.parent.mkdir(parents=True, exist_ok=True)
        enforcement.report_path.write_text(text + "\n", encoding="utf-8")
    if enforcement.exports is not None:
        recorded = enforcement.recorded_anything
        enforcement.exports.write(enforcement.tally.summary_line() if recorded else None)


def merge_worker(node: Any) -> None:
    """pytest-xdist controller: the recording errors of a worker that finished."""
    output = getattr(node, "workeroutput", {})
    node.config.stash[ENFORCEMENT].errors += output.get(_WORKER_OUTPUT + "_errors", [])


def hand_over(config: pytest.Config) -> None:
    """Under pytest-xdist each test's count and findings travel with its report as the test
    ends, so a worker that crashes loses at most the test it crashed in."""
    enforcement = config.stash[ENFORCEMENT]
    if hasattr(config, "workerinput"):
        enforcement.outbox = []
        config.pluginmanager.register(_Sender(enforcement))
    else:  # a controller, or a run without workers: whose reports carry nothing
        config.pluginmanager.register(_Receiver(enforcement))


class _Sender:
    """On a worker: the test judged in a phase goes with that phase's report."""

    def __init__(self, enforcement: Enforcement) -> None:
        self.enforcement = enforcement

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self) -> Generator[None, Any, None]:
        outcome = yield
        outbox = self.enforcement.outbox
        if outbox:
            setattr(outcome.get_result(), _REPORT_TESTS, list(outbox))
            outbox.clear()


class _Receiver:
    """On the controller: take in what the workers' reports carry."""

    def __init__(self, enforcement: Enforcement) -> None:
        self.enforcement = enforcement

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for sent in getattr(report, _REPORT_TESTS, ()):
            self.enforcement.receive(sent)
