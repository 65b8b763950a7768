"""The run state of enforcement: its settings, the test being recorded, what the recorded tests
saw, and the summary and JSON report made of it (``report_hooks``: what travels with pytest's
test reports).

pytest glue that ``plugin.py`` wires to the hooks.  The recorder, the judge and the tally load
with the first recorded test, never at import.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

if TYPE_CHECKING:
    from .capturing.recorder import CookieRecorder, Finished
    from .exports import Exports, Output
    from .judging.logins import Logins
    from .judging.policy import CookiePolicy
    from .judging.recorded import Verdict
    from .reporting.tally import JSONDict, Tally

ENFORCEMENT = pytest.StashKey["Enforcement"]()
WORKER_OUTPUT = "securecookie"  # the key of what a pytest-xdist worker hands back at its end


class Recording(NamedTuple):
    item: pytest.Item
    recorder: CookieRecorder
    policy: CookiePolicy
    hook_free: bool  # no classify hook applies to the test: judgements may be shared
    audited: bool  # its insecure cookies are reported, not failed (audit mode)


class CookieFailure(pytest.fail.Exception):  # type: ignore[name-defined,misc]
    """A test failed for its cookies (``pytest.fail`` without a traceback).  Its report's
    crash line, all the short summary and ``--tb=line`` show, is the message's first line at
    the test's own place (see ``report_hooks.point_at_test``)."""

    __module__ = "builtins"  # as pytest's own Failed: no module path in front of the message


class Enforcement:
    """The run's enforcement settings and what the recorded tests saw (``config.stash``)."""

    # Kept by ``_load_recording``: the verdict on a test without Set-Cookie lines, the judge.
    _nothing: Verdict
    _judge: Callable[..., Verdict]

    def __init__(
        self,
        everywhere: bool,
        report_path: Path | None,
        session_policy: Callable[[], CookiePolicy] | None = None,
        *,
        audit: bool = False,
    ) -> None:
        self.everywhere = everywhere  # every test is enforced: the patches stay for the session
        # Audit mode: every test is recorded and judged, and only the tests a secure_cookies
        # marker enforces fail (a marker is a commitment written in the code; audit never
        # turns it off).
        self.audit = audit
        self.report_path = report_path
        self.session_policy = session_policy  # built when first asked (the header, the report)
        self._tally: Tally | None = None  # made by the first recorded test (or worker report)
        self.holding = False  # the client patches are held for the rest of the session
        # The test being recorded: one at a time per session (its teardown ends it before the
        # next test's setup), so one slot rather than a stash entry per item.
        self.recording: Recording | None = None
        # The last test started without markers of ours, and its policy: what the fixture
        # resolves for it (a marker added while it runs changes neither).
        self.unmarked: tuple[pytest.Item, CookiePolicy] | None = None
        # The session's policy with the classify hooks of some conftests as its classifier,
        # per set of those hooks (one object each: judgements cached for it are found), and
        # per test file.
        self.policies: dict[tuple[object, ...], CookiePolicy] = {}
        self.policy_at: dict[Path, CookiePolicy] = {}
        self.errors: list[str] = []  # recording bugs swallowed (this process's and workers')
        self.output_problems: list[str] = []  # why output files could not be written
        # On a pytest-xdist worker: the tests judged, to be sent with the next report.
        self.outbox: list[JSONDict] | None = None
        # The findings kept for SARIF, the job summary, JUnit and the terminal's grouped table.
        self.exports: Exports | None = None
        self._logins: Logins | None = None  # the auth tokens the run's tests were set (SC023)
        # Loaded with the first recorded test (``_load_recording``), then read before each.
        self._recorder_type: type[CookieRecorder] | None = None

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            from .reporting.tally import Tally

            self._tally = Tally()
        return self._tally

    @property
    def recorded_anything(self) -> bool:
        return self._tally is not None and self._tally.tests > 0

    def start(
        self, item: pytest.Item, policy: CookiePolicy, hook_free: bool, *, audited: bool = False
    ) -> None:
        """Record the test's responses from now on (its setup) until :meth:`stop`;
        ``audited``: its insecure cookies are reported, not failed."""
        if self.everywhere and not self.holding:
            self._hold_patches()  # else each recorder installs and undoes them itself
        if self.recording is not None:  # never stopped (its teardown did not run)
            self.recording.recorder.__exit__(None, None, None)
        # Its responses are searched for tokens (SC019), unless the test ignores SC019.
        recorder_type = self._recorder_type or self._load_recording()
        recorder = recorder_type(keep_responses="SC019" not in policy.ignore_rules)
        recorder.__enter__()
        self.recording = Recording(item, recorder, policy, hook_free, audited)

    def stop(self, item: pytest.Item) -> Verdict | None:
        """Stop the test's recorder (once), judge what it recorded and count it."""
        recording = self.recording
        if recording is None or recording.item is not item:
            return None
        self.recording = None
        recorder = recording.recorder
        recorder.__exit__(None, None, None)
        policy = recording.policy
        test = item.nodeid
        if recorder.recorded_lines:
            recorded = recorder.finished()
            if recorded.unkept:
                _warn_unkept(item, recorded.unkept, len(recorded.seen))
            policy = policy.with_app_names(recorded.app_names)  # the apps' own names
            verdict = self._judged(recorded, policy, recording.hook_free)
            counted = self.tally.add(test, verdict, recorded.responses,
                                     entries=self.report_path is not None,  # every cookie
                                     sent=self.outbox is not None)  # the controller writes it
        else:  # no Set-Cookie line (most tests make no request): no token to look for either
            verdict = self._nothing
            counted = self.tally.add_nothing(test, recorder.responses)
        findings = []
        if self.exports is not None:
            findings = self.exports.add(test, item.location, verdict, item.user_properties,
                                        policy.profile)
        if self.outbox is not None:  # plain data, scrubbed like the JSON report: never a value
            self.outbox.append({"count": counted._asdict(), "findings": findings})
        return verdict

    def _load_recording(self) -> type[CookieRecorder]:
        """The recorder type, the empty verdict and the judge, kept for the run: this run's
        modules (a pytester run drops its modules afterwards, with its Enforcement)."""
        self._recorder_type = loaded("capturing.recorder").CookieRecorder
        recorded = loaded("judging.recorded")
        self._nothing, self._judge = recorded.NOTHING, recorded.judge
        return self._recorder_type

    def _judged(self, recorded: Finished, policy: CookiePolicy, hook_free: bool) -> Verdict:
        verdict = self._judge(recorded.lines, policy, hook_free=hook_free, seen=recorded.seen)
        if policy.token_entropy and "SC023" not in policy.ignore_rules:  # with earlier logins
            verdict = self._compared(verdict)
        return verdict

    def _compared(self, verdict: Verdict) -> Verdict:
        if self._logins is None:
            from .judging.logins import Logins

            self._logins = Logins()
        return self._logins.judged(verdict)

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


def output_path(base: Path, written: str, option: str, example: str) -> Path:
    """Where an output option (``--secure-cookies-report=written``) writes, checked before
    any test runs: a directory, or a place that cannot be written, is a usage error now
    rather than a traceback once the run is over.  ``example``: a file name to suggest."""
    path = base / written
    if written.endswith(("/", os.sep)) or path.is_dir():
        inside = f"{written.rstrip('/' + os.sep)}/{example}"
        raise pytest.UsageError(
            f"{option}={written}: that is a directory; name the file to write in it, "
            f"e.g. {option}={inside}"
        )
    problem = _unwritable(path)
    if problem is not None:
        raise pytest.UsageError(f"{option}={written}: cannot be written: {problem}")
    return path


def _unwritable(path: Path) -> str | None:
    """Why ``path`` cannot be written (its missing directories created first), or None."""
    existing = next(p for p in (path, *path.parents) if p.exists())  # the root exists
    if existing == path:
        return None if os.access(path, os.W_OK) else f"no permission to write {path}"
    if not existing.is_dir():
        return f"{existing} is a file, not a directory"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"no permission to create files in {existing}"
    return None


# The recording machinery loads with the first enforced test.  Kept per run (``Enforcement``)
# or looked up in ``sys.modules`` each time, never cached here: this module outlives a pytester
# run, whose modules are dropped afterwards, and a cached function would judge the next run's
# policy (a CookiePolicy of a reloaded module) with the old module's classes.
def loaded(name: str) -> Any:
    """Our module ``name`` (relative to the package): found in ``sys.modules`` once loaded (a
    dictionary look-up, cheaper than an import statement before every test), else imported."""
    module = sys.modules.get(f"{__package__}.{name}")
    return module if module is not None else importlib.import_module(f".{name}", __package__)


def _warn_unkept(item: pytest.Item, unkept: int, kept: int) -> None:
    """Say that SC019 could not search all of a test's responses (the recorder's cap)."""
    from .reporting.words import counted

    were = "was" if unkept == 1 else "were"
    item.warn(pytest.PytestWarning(
        f"secure cookies: {counted(unkept, 'response')} of this test {were} not searched "
        f"for tokens sent outside Set-Cookie (SC019): only its first {kept} are kept"))


def failure_after_passing(item: pytest.Item) -> str | None:
    """Why a test whose body passed fails after all: the report of its insecure cookies, or
    a classify hook's answer the policy refuses (the message alone); None if it passes."""
    enforcement = item.config.stash[ENFORCEMENT]
    recording = enforcement.recording
    audited = recording is not None and recording.audited
    try:
        verdict = enforcement.stop(item)
    except Exception as error:  # a broken hook fails even under audit: the audit is void
        if not _is_misuse(error):
            raise
        return f"secure cookies: {error}"
    if verdict is None or not verdict.offenders or audited:
        return None
    from .reporting.tally import failure_report

    return failure_report(verdict)


def stop_after_failing(item: pytest.Item) -> None:
    """The test or its setup failed (or it was skipped): count what it recorded.  A classify
    hook's answer the policy refuses is not raised here: a test fails once, for its own
    reason, and the next test that passes with that cookie reports the hook."""
    try:
        item.config.stash[ENFORCEMENT].stop(item)
    except Exception as error:
        if not _is_misuse(error):
            raise


def _is_misuse(error: BaseException) -> bool:
    from .parsing.misuse import is_misuse

    return is_misuse(error)


def summarize(terminal: pytest.TerminalReporter) -> None:
    enforcement = terminal.config.stash[ENFORCEMENT]
    errors = enforcement.recording_errors()
    if errors:
        from .reporting.words import counted

        terminal.write_line("")
        terminal.write_line(
            f"secure cookies: {counted(len(errors), 'internal error')} while recording (those "
            "responses went unrecorded; please report this bug):", yellow=True
        )
        for error in errors:
            terminal.write_line(f"  {error}")
    for problem in enforcement.output_problems:
        terminal.write_line(problem, red=True)
    if not enforcement.recorded_anything:
        if enforcement.report_path is not None:  # written by finish(), after this summary
            from .reporting.overview import empty_report

            terminal.write_line("")
            terminal.write_line(empty_report(enforcement.report_path), yellow=True)
        return
    tally = enforcement.tally
    terminal.write_line("")  # apart from the last failure's report, which may precede it
    terminal.write_line(tally.summary_line())
    if tally.judged_nothing:
        from .reporting.overview import nothing_judged

        terminal.write_line(nothing_judged(list(tally.unjudged)), yellow=True)
    if terminal.config.getoption("verbose", 0) > 0:  # Config.get_verbosity is pytest >= 8
        for line in tally.listing():
            terminal.write_line(f"  {line}")
    for line in _grouped_table(enforcement, terminal.config.get_terminal_writer().fullwidth):
        terminal.write_line(line)


def _grouped_table(enforcement: Enforcement, width: int) -> list[str]:
    """The insecure cookies of the run, one row per cookie, framework and set of rules."""
    records = enforcement.exports.records if enforcement.exports is not None else []
    if not records:
        return []
    from .reporting.terminal_table import grouped_summary

    return grouped_summary(records, audit=enforcement.audit, report=enforcement.report_path,
                           width=width)  # fmt: skip


def header(config: pytest.Config) -> list[str]:
    """The header lines of a run that enforces every test: what, the policy, its names."""
    enforcement = config.stash[ENFORCEMENT]
    if not enforcement.everywhere or enforcement.session_policy is None:
        return []
    from .reporting.overview import audited_everywhere, enforced_everywhere

    policy = enforcement.session_policy()
    if enforcement.audit:
        flag = config.getoption("secure_cookies_audit")
        origin = "--secure-cookies-audit" if flag else "secure_cookies_audit = true"
        first = audited_everywhere(origin, policy)
    else:
        flag = config.getoption("secure_cookies")
        first = enforced_everywhere("--secure-cookies" if flag else "secure_cookies = true", policy)
    return [first, *_policy_lines(config, policy)]


def marked_header(config: pytest.Config, marked: int) -> list[str]:
    """After collection, when only markers enforce: how many tests, the policy, its names."""
    enforcement = config.stash[ENFORCEMENT]
    if enforcement.everywhere or not marked or enforcement.session_policy is None:
        return []  # every test: said in the header
    from .reporting.overview import enforced_by_markers

    policy = enforcement.session_policy()
    return [enforced_by_markers(marked, policy), *_policy_lines(config, policy)]


def _policy_lines(config: pytest.Config, policy: CookiePolicy) -> Sequence[str]:
    from .reporting.overview import policy_lines

    hook = bool(config.hook.pytest_securecookie_classify.get_hookimpls())
    return policy_lines(policy, hook=hook)


def finish(config: pytest.Config) -> None:
    """The worker's recording errors to the xdist controller, or the JSON report and the
    exports (a file that cannot be written is said in the summary)."""
    enforcement = config.stash[ENFORCEMENT]
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller reports for all
        errors = enforcement.recording_errors()
        if errors:
            workeroutput[WORKER_OUTPUT + "_errors"] = errors
        return
    from .exports import write_output

    problems = (write_output(output) for output in _outputs(enforcement))  # each is tried
    enforcement.output_problems = [problem for problem in problems if problem is not None]


def _outputs(enforcement: Enforcement) -> list[Output]:
    """The files the run writes at its end: the JSON report, then the exports'."""
    from .exports import Output

    outputs = []
    if enforcement.report_path is not None:
        outputs.append(Output("report", enforcement.report_path, _report_text(enforcement)))
    if enforcement.exports is not None:
        recorded = enforcement.recorded_anything
        headline = enforcement.tally.summary_line() if recorded else None
        outputs += enforcement.exports.outputs(headline, _exports_profile(enforcement, recorded))
    return outputs


def _exports_profile(enforcement: Enforcement, recorded: bool) -> str:
    """The profile the SARIF run and the job summary name; the policy is built for it only
    when one of them is written (building it loads every judging module: a run that recorded
    nothing would pay that for a job summary it does not write)."""
    made, exports = enforcement.session_policy, enforcement.exports
    wanted = exports is not None and (
        exports.sarif is not None or (recorded and exports.step_summary is not None))
    return made().profile if made is not None and wanted else "default"


def _report_text(enforcement: Enforcement) -> Iterable[str]:
    """The JSON report, piece by piece: its cookie entries are read from disk as written."""
    made = enforcement.session_policy
    policy = made() if made is not None else None
    scope, profile = (policy.scope, policy.profile) if policy is not None else ("auth", "default")
    return enforcement.tally.report_chunks(scope, profile)


def collected(config: pytest.Config, tests: Iterable[str]) -> None:
    """The run's test ids in collection order, for the exports' first test: this process's
    collection, or under pytest-xdist the first worker's (a worker reports nothing itself)."""
    exports = config.stash[ENFORCEMENT].exports
    if exports is not None and not hasattr(config, "workerinput"):
        exports.collected(tests)
