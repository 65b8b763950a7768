"""The pytest glue: the only module of the package that imports pytest.

Every pytest run imports this module (the pytest11 entry point), so it imports nothing heavy
at module level: the policy, the recorder, the judge and the report load inside the hooks and
fixtures that need them.  A run that records nothing and sets no policy option pays only for
registering the options.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple, cast

import pytest

from . import hookspecs as _hookspecs
from .judging.names import split_names

if TYPE_CHECKING:
    from .assertions import AssertSecureCookie
    from .capturing.recorder import CookieRecorder
    from .judging.policy import Classification, Classifier, CookiePolicy, Kind
    from .judging.recorded import Verdict
    from .reporting.tally import Tally

# ---------------------------------------------------------------------------------------------
# Policy, assertion fixture, ini options, classification hook (issue 3)
# ---------------------------------------------------------------------------------------------


POLICY_KEY = pytest.StashKey["CookiePolicy"]()

# (ini name, type, help, default shown in the ini help).  Name lists extend the defaults
# unless the matching *_replace option is true: adding one app cookie should not mean
# copying the 60 defaults.
_POLICY_INI: tuple[tuple[str, str, str, str], ...] = (
    ("secure_cookies_auth_names", "linelist",
     "auth-like cookie names and anchored globs (case-insensitive, e.g. 'myapp_sess "
     "*_login'), added to the built-in ones", "none added"),
    ("secure_cookies_auth_names_replace", "bool",
     "use only secure_cookies_auth_names, not the built-in auth-like names", "false"),
    ("secure_cookies_csrf_names", "linelist",
     "CSRF-token cookie names and globs, added to the built-in ones (csrftoken, *xsrf*, ...)",
     "none added"),
    ("secure_cookies_csrf_names_replace", "bool",
     "use only secure_cookies_csrf_names, not the built-in CSRF names", "false"),
    ("secure_cookies_ignore_names", "linelist",
     "cookie names and globs never judged, added to the built-in ones (load-balancer "
     "affinity cookies)", "none added"),
    ("secure_cookies_ignore_names_replace", "bool",
     "use only secure_cookies_ignore_names, not the built-in ignored names", "false"),
    ("secure_cookies_samesite", "string",
     "SameSite values allowed on auth-like cookies: Strict, Lax and/or None, or 'off' to "
     "not require SameSite", "Lax Strict"),
    ("secure_cookies_csrf_httponly", "bool",
     "require HttpOnly on CSRF cookies too", "false: double-submit reads them in JavaScript"),
    ("secure_cookies_max_lifetime", "string",
     "longest lifetime allowed for auth-like cookies: seconds, or 30d / 12h / 90m / 2w, "
     "or 'off'", "off; over 400 days is always reported"),
    ("secure_cookies_host_only", "bool",
     "forbid the Domain attribute on auth-like cookies", "false"),
    ("secure_cookies_ignore_rules", "linelist",
     "rule ids never reported, e.g. 'SC003 SC010'", "none"),
)
_LIFETIME = re.compile(r"(\d+)\s*([smhdw]?)", re.IGNORECASE)
_LIFETIME_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_OFF = frozenset({"off", "none", "no", "false"})
_SAMESITE_INI = {"strict": "Strict", "lax": "Lax", "none": "None"}
# Characters a cookie name (RFC 6265 token) cannot hold, beyond the separators split on.
_NOT_IN_NAME = re.compile(r'[;="\\\x00-\x1f\x7f]')


def _add_policy_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    """Each ini option, and its command-line twin in the "secure cookies" group (which wins)."""
    for name, kind, help_text, shown_default in _POLICY_INI:
        default: object = False if kind == "bool" else ([] if kind == "linelist" else "")
        parser.addini(name, f"{help_text} (default: {shown_default})", type=kind,  # type: ignore[arg-type]
                      default=default)
        flag = "--" + name.replace("_", "-")
        if kind == "bool":
            group.addoption(flag, action="store_true", default=None, dest=name,
                            help=f"{help_text} (ini: {name} = true)")
        else:
            metavar = "NAMES" if kind == "linelist" else "VALUE"
            group.addoption(flag, action="store", default=None, dest=name, metavar=metavar,
                            help=f"{help_text} (ini: {name})")


def _option(config: pytest.Config, name: str) -> object:
    """The command-line value of a policy option if given, else the ini value."""
    given = config.getoption(name, None)
    return given if given is not None else config.getini(name)


def _usage_error(option: str, value: object, accepted: str) -> pytest.UsageError:
    return pytest.UsageError(f"{option}: {value!r} is not accepted; {accepted}")


def _ini_bool(config: pytest.Config, option: str) -> bool:
    try:
        return bool(_option(config, option))
    except (TypeError, ValueError, pytest.UsageError) as error:  # pytest >= 9 raises UsageError
        raise pytest.UsageError(f"{option}: {error}; use true or false") from None


def _ini_names(config: pytest.Config, option: str) -> tuple[str, ...]:
    names = split_names(cast("str | list[str]", _option(config, option)))
    for name in names:
        if _NOT_IN_NAME.search(name):
            raise _usage_error(option, name, "give cookie names or globs (* ? [..]), "
                               "separated by spaces, commas or newlines")
    return names


def _ini_samesite(config: pytest.Config) -> tuple[str, ...]:
    text = str(_option(config, "secure_cookies_samesite")).strip()
    words = split_names(text) if text else ("Lax", "Strict")
    if len(words) == 1 and words[0].lower() == "off":
        return ()
    accepted = "use one or more of Strict, Lax, None, or 'off' to not require SameSite"
    for word in words:
        if word.lower() not in _SAMESITE_INI:
            raise _usage_error("secure_cookies_samesite", word, accepted)
    return tuple(_SAMESITE_INI[word.lower()] for word in words)


def _ini_lifetime(config: pytest.Config) -> int | None:
    text = str(_option(config, "secure_cookies_max_lifetime")).strip()
    if not text or text.lower() in _OFF:
        return None
    match = _LIFETIME.fullmatch(text)
    if match is None:
        raise _usage_error("secure_cookies_max_lifetime", text, "use seconds (86400) or a "
                           "number with a unit: 30d, 12h, 90m, 45s, 2w; or 'off'")
    return int(match.group(1)) * _LIFETIME_UNITS[match.group(2).lower()]


def _ini_rules(config: pytest.Config) -> tuple[str, ...]:
    from .judging.rules import RULES

    given = cast("str | list[str]", _option(config, "secure_cookies_ignore_rules"))
    rules = tuple(rule.upper() for rule in split_names(given))
    for rule in rules:
        if rule not in RULES:
            raise _usage_error("secure_cookies_ignore_rules", rule,
                               f"use rule ids {min(RULES)}-{max(RULES)}")
    return rules


def _kind_from_hook(answer: object, cookie_name: str) -> Kind | Classification | None:
    """The hook's answer as a kind; True/False are accepted for "auth"/"other"."""
    from .judging.policy import KINDS, Classification

    if answer is None or isinstance(answer, Classification):
        return answer
    if isinstance(answer, bool):
        return "auth" if answer else "other"
    if answer in KINDS:
        return answer
    raise ValueError(
        f"pytest_securecookie_classify returned {answer!r} for cookie '{cookie_name}'; "
        f"return one of {', '.join(map(repr, KINDS))}, True (auth), False (other), "
        "a Classification, or None (no opinion)"
    )


def _hook_classifier(config: pytest.Config) -> Classifier:
    """The conftest hook ``pytest_securecookie_classify`` as a ``CookiePolicy.classifier``."""

    def classify(cookie: object, source: str | None) -> Kind | Classification | None:
        answer = config.hook.pytest_securecookie_classify(cookie=cookie, source=source)
        return _kind_from_hook(answer, getattr(cookie, "name", "?"))

    return classify


def _named_lists(config: pytest.Config, policy: CookiePolicy) -> CookiePolicy:
    lists = {}
    for kind in ("auth", "csrf", "ignore"):
        option = f"secure_cookies_{kind}_names"
        names = _ini_names(config, option)
        if _ini_bool(config, f"{option}_replace"):
            policy = policy.with_names(**{kind: names})
        else:
            lists[kind] = names
    return policy.extended(**lists)


def _policy_from_ini(config: pytest.Config) -> CookiePolicy:
    from .judging.policy import CookiePolicy

    policy = CookiePolicy(
        samesite=_ini_samesite(config),
        csrf_httponly=_ini_bool(config, "secure_cookies_csrf_httponly"),
        max_lifetime=_ini_lifetime(config),
        host_only=_ini_bool(config, "secure_cookies_host_only"),
        ignore_rules=_ini_rules(config),
        classifier=_hook_classifier(config),
    )
    return _named_lists(config, policy)


def _policy_options_unset(config: pytest.Config) -> bool:
    """No policy option is given: nothing to validate, the policy is built on first use."""
    try:
        return all(
            config.getoption(name, None) is None and not config.getini(name)
            for name, *_ in _POLICY_INI
        )
    except (TypeError, ValueError, pytest.UsageError):  # a bad value: validated below
        return False


def _configure_policy(config: pytest.Config) -> None:
    if _policy_options_unset(config):
        return  # ``policy_for`` builds it when a fixture or an enforced test first asks
    try:
        config.stash[POLICY_KEY] = _policy_from_ini(config)
    except ValueError as error:  # what CookiePolicy itself refuses, should any slip through
        raise pytest.UsageError(f"secure_cookies_* options: {error}") from None


def policy_for(config: pytest.Config) -> CookiePolicy:
    """The session's policy: the ini options, with the classify hook as its classifier."""
    if POLICY_KEY in config.stash:  # not .get(): a missing key raises inside it, every call
        return config.stash[POLICY_KEY]
    policy = config.stash[POLICY_KEY] = _policy_from_ini(config)  # no option was given
    return policy


def _add_policy_hooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_hookspecs)


class _IniPolicyHelper(functools.partial[object]):
    """``assert_secure_cookie`` bound to the ini policy.  pytest prints a failing test's
    fixture values, so the repr is one short line rather than the whole policy."""

    def __repr__(self) -> str:
        return "<assert_secure_cookie with the secure_cookies_* ini policy>"


def _test_policy(request: pytest.FixtureRequest) -> CookiePolicy:
    """The ini policy, with the keywords of the test's ``secure_cookies`` marker applied."""
    policy = policy_for(request.config)
    mark = request.node.get_closest_marker("secure_cookies")
    if mark is None:
        return policy
    from .judging.markers import policy_with

    try:
        return policy_with(policy, *mark.args, **mark.kwargs)
    except (TypeError, ValueError):  # the enforcement fails the test for a bad marker
        return policy


@pytest.fixture(name="assert_secure_cookie")
def _assert_secure_cookie_fixture(request: pytest.FixtureRequest) -> Iterator[AssertSecureCookie]:
    """``assert_secure_cookie(response, name=None, *, secure, httponly, samesite, policy)``
    with the policy of the ``secure_cookies_*`` ini options and the classify hook.

    Fails with ``InsecureCookieError`` unless the response sets its auth-like cookies (or
    the cookie ``name``) with Secure, HttpOnly and an allowed SameSite; returns what it
    checked.  A ``@pytest.mark.secure_cookies(...)`` marker's keywords apply for the test,
    and the helper's keywords for one call.
    """
    from .assertions import assert_secure_cookie
    from .capturing import clients as _clients

    helper = _IniPolicyHelper(assert_secure_cookie, policy=_test_policy(request))
    # Falcon's test results keep one Set-Cookie line: the client patches, held while the test
    # runs, keep the raw header list on each result (and are undone after it).
    _clients.hold()
    try:
        yield cast("AssertSecureCookie", helper)
    finally:
        _clients.unhold()


def _explain_cookie_comparison(op: str, left: object, right: object) -> list[str] | None:
    """pytest's assertion explanation when a SetCookie is compared: never its value."""
    if "pytest_securecookie.parsing.parser" not in sys.modules:
        return None  # no SetCookie can exist yet: nothing to explain
    from .reporting.messages import explain_comparison

    return explain_comparison(op, left, right)


# ---------------------------------------------------------------------------------------------
# Recording and enforcement: cookie_recorder, markers, --secure-cookies, reports (issue 4)
# ---------------------------------------------------------------------------------------------


_ENFORCEMENT = pytest.StashKey["_Enforcement"]()
_WORKER_OUTPUT = "securecookie"


class _Enforcement:
    """The run's enforcement settings and what the recorded tests saw (``config.stash``)."""

    def __init__(self, config: pytest.Config) -> None:
        self.everywhere = _ini_bool(config, "secure_cookies")  # the flag, else the ini
        path = config.getoption("secure_cookies_report")
        self.report_path = config.invocation_params.dir / path if path else None
        self._tally: Tally | None = None  # made by the first recorded test (or xdist worker)
        self.holding = False  # the client patches are held for the rest of the session
        self.hook_free: bool | None = None  # no classify hook (asked once, after collection)
        # The test being recorded: one at a time per session (its teardown ends it before the
        # next test's setup), so one slot rather than a stash entry per item.
        self.recording: _Recording | None = None
        self.policy: CookiePolicy | None = None  # ``policy_for(config)``, fixed once built
        self.errors: list[str] = []  # recording bugs swallowed (this process's and workers')

    @property
    def tally(self) -> Tally:
        if self._tally is None:
            from .reporting.tally import Tally

            self._tally = Tally()
        return self._tally

    @property
    def recorded_anything(self) -> bool:
        return self._tally is not None and self._tally.tests > 0

    def hold_patches(self) -> None:
        """Install the client patches once for the session: a test then only adds its sink."""
        if not self.holding:
            from .capturing import clients as _clients

            _clients.hold()
            self.holding = True

    def release_patches(self) -> None:
        if self.holding:
            from .capturing import clients as _clients

            self.holding = False
            _clients.unhold()


class _Recording(NamedTuple):
    item: pytest.Item
    recorder: CookieRecorder
    policy: CookiePolicy


def _add_enforcement_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--secure-cookies",
        action="store_true",
        default=None,
        dest="secure_cookies",
        help="record every test's responses and fail a test that receives an insecure "
        "auth-like cookie (ini: secure_cookies).",
    )
    parser.addini(
        "secure_cookies",
        type="bool",
        default=False,
        help="apply @pytest.mark.secure_cookies to every test (like --secure-cookies).",
    )
    group.addoption(
        "--secure-cookies-report",
        metavar="PATH",
        default=None,
        dest="secure_cookies_report",
        help="write every cookie the recorded tests received to PATH as JSON (never values).",
    )


def _configure_enforcement(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"secure_cookies{_marker_signature(config)}: record this test's responses and fail it "
        "when an auth-like cookie has a finding; keywords override the policy for this test.",
    )
    config.addinivalue_line(
        "markers",
        "allow_insecure_cookies(reason): exempt this test from --secure-cookies and "
        "secure_cookies markers; the reason is required.",
    )
    config.stash[_ENFORCEMENT] = _Enforcement(config)


def _marker_signature(config: pytest.Config) -> str:
    """The marker's keywords as ``pytest --markers`` shows them; other runs (which never show
    it) do not load the policy to spell them out."""
    if not config.getoption("markers", False):
        return "(**policy_keywords)"
    from .judging.markers import marker_signature_text

    return marker_signature_text()


def _unconfigure_enforcement(config: pytest.Config) -> None:
    enforcement = config.stash.get(_ENFORCEMENT, None)
    if enforcement is not None:
        recording, enforcement.recording = enforcement.recording, None
        try:
            if recording is not None:  # stopped mid-test (pytest.exit, Ctrl-C): no teardown ran
                recording.recorder.__exit__(None, None, None)
        finally:
            enforcement.release_patches()  # every patched attribute is the original again


@pytest.fixture
def cookie_recorder() -> Iterator[CookieRecorder]:
    """A :class:`CookieRecorder` active for the test: every Set-Cookie any client receives."""
    from .capturing.recorder import CookieRecorder

    with CookieRecorder() as recorder:
        yield recorder


def _enforced_policy(item: pytest.Item) -> CookiePolicy | None:
    """The policy this test is held to, or None when it is not enforced."""
    allow, marks = None, []
    for mark in _markers_of(item):  # one walk up the node chain for both markers
        if mark.name == "secure_cookies":
            marks.append(mark)
        elif mark.name == "allow_insecure_cookies" and allow is None:
            allow = mark  # the closest one
    if allow is not None:
        _check_allow_reason(item, allow)
        return None
    enforcement = item.config.stash[_ENFORCEMENT]
    if not marks and not enforcement.everywhere:
        return None
    policy = enforcement.policy
    if policy is None:
        policy = enforcement.policy = policy_for(item.config)
    for mark in reversed(marks):  # module, class, then function: the closest mark wins
        policy = _apply_marker(item, mark, policy)
    return policy


def _markers_of(item: pytest.Item) -> Iterable[pytest.Mark]:
    """``item.iter_markers()``: the item's own marks, then each parent's, up to the session.

    Read straight from ``own_markers`` up the ``parent`` chain, as ``Node.iter_markers``
    does, without its two nested generators (this runs before every test); an item type
    that overrides ``iter_markers`` is asked itself.
    """
    if type(item).iter_markers is not _NODE_ITER_MARKERS:
        return item.iter_markers()
    marks: list[pytest.Mark] = []
    node: Any = item
    while node is not None:
        marks += node.own_markers
        node = node.parent
    return marks


_NODE_ITER_MARKERS = pytest.Item.iter_markers


def _apply_marker(item: pytest.Item, mark: pytest.Mark, policy: CookiePolicy) -> CookiePolicy:
    __tracebackhide__ = True
    from .judging.markers import policy_with

    try:
        return policy_with(policy, *mark.args, **mark.kwargs)
    except (TypeError, ValueError) as exc:
        problem = str(exc)  # reported below, outside the handler: no chained traceback
    written = ", ".join([*map(repr, mark.args), *(f"{k}={v!r}" for k, v in mark.kwargs.items())])
    pytest.fail(
        f"{item.nodeid}: bad @pytest.mark.secure_cookies({written}): {problem}", pytrace=False
    )


def _check_allow_reason(item: pytest.Item, mark: pytest.Mark) -> None:
    __tracebackhide__ = True
    reason = mark.kwargs.get("reason", mark.args[0] if mark.args else None)
    if not isinstance(reason, str) or not reason.strip() or len(mark.args) + len(mark.kwargs) > 1:
        pytest.fail(
            f"{item.nodeid}: @pytest.mark.allow_insecure_cookies needs a reason: "
            '@pytest.mark.allow_insecure_cookies(reason="why this test may receive insecure '
            'cookies")',
            pytrace=False,
        )


# The recording machinery loads with the first enforced test.  Looked up in ``sys.modules``
# each time rather than cached here: this module outlives a pytester run, whose modules are
# dropped afterwards, and a cached function would judge the next run's policy (a CookiePolicy
# of a reloaded module) with the old module's classes.  (``from . import _enforce`` would
# return the package's stale attribute, hence ``from .judging.recorded import``.)
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


def _start_recording(item: pytest.Item) -> None:
    policy = _enforced_policy(item)
    if policy is not None:
        enforcement = item.config.stash[_ENFORCEMENT]
        enforcement.hold_patches()
        if enforcement.recording is not None:  # never stopped (its teardown did not run)
            enforcement.recording.recorder.__exit__(None, None, None)
        recorder = _recorder_type()()
        recorder.__enter__()
        enforcement.recording = _Recording(item, recorder, policy)


def _stop_recording(item: pytest.Item) -> Verdict | None:
    """Stop the test's recorder (once), judge what it recorded and count it for the summary."""
    enforcement = item.config.stash[_ENFORCEMENT]
    recording = enforcement.recording
    if recording is None or recording.item is not item:
        return None
    enforcement.recording = None
    recording.recorder.__exit__(None, None, None)
    if enforcement.hook_free is None:  # conftest hooks are all registered by now
        enforcement.hook_free = not item.config.hook.pytest_securecookie_classify.get_hookimpls()
    verdict = _judge()(recording.recorder.lines, recording.policy, hook_free=enforcement.hook_free)
    enforcement.tally.add(
        item.nodeid,
        verdict,
        recording.recorder.responses,
        entries=enforcement.report_path is not None,
    )
    return verdict


def _fail_if_insecure(item: pytest.Item) -> None:
    """After a passing test body: fail the test (FAILED, in the call phase) on any offender."""
    __tracebackhide__ = True
    verdict = _stop_recording(item)
    if verdict is not None and verdict.offenders:
        from .reporting.tally import failure_report

        pytest.fail(failure_report(verdict), pytrace=False)


def _recording_errors(enforcement: _Enforcement) -> list[str]:
    """Bugs of ours swallowed inside the client wrappers (the user's requests went on)."""
    if "pytest_securecookie.capturing.patching" in sys.modules:  # else nothing was ever patched
        from .capturing.patching import take_errors

        enforcement.errors += take_errors()
    return enforcement.errors


def _summarize_enforcement(terminal: pytest.TerminalReporter) -> None:
    enforcement = terminal.config.stash[_ENFORCEMENT]
    errors = _recording_errors(enforcement)
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


def _finish_enforcement(config: pytest.Config) -> None:
    enforcement = config.stash[_ENFORCEMENT]
    workeroutput = getattr(config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: the controller reports for all
        if enforcement.recorded_anything:
            workeroutput[_WORKER_OUTPUT] = enforcement.tally.to_data()
        errors = _recording_errors(enforcement)
        if errors:
            workeroutput[_WORKER_OUTPUT + "_errors"] = errors
    elif enforcement.report_path is not None:
        import json

        text = json.dumps(enforcement.tally.report(), indent=2)
        enforcement.report_path.parent.mkdir(parents=True, exist_ok=True)
        enforcement.report_path.write_text(text + "\n", encoding="utf-8")


def _merge_worker(node: Any) -> None:
    """pytest-xdist controller: add what one worker recorded."""
    output = getattr(node, "workeroutput", {})
    data = output.get(_WORKER_OUTPUT)
    if data is not None:
        node.config.stash[_ENFORCEMENT].tally.merge(data)
    node.config.stash[_ENFORCEMENT].errors += output.get(_WORKER_OUTPUT + "_errors", [])


# ---------------------------------------------------------------------------------------------
# Entry points shared by both sections
# ---------------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("secure cookies")
    _add_policy_options(group, parser)
    _add_enforcement_options(group, parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    _add_policy_hooks(pluginmanager)


@pytest.hookimpl(tryfirst=True)
def pytest_assertrepr_compare(
    config: pytest.Config, op: str, left: object, right: object
) -> list[str] | None:
    return _explain_cookie_comparison(op, left, right)


def pytest_configure(config: pytest.Config) -> None:
    _configure_policy(config)
    _configure_enforcement(config)


def pytest_unconfigure(config: pytest.Config) -> None:
    _unconfigure_enforcement(config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _start_recording(item)  # before any fixture: a login done in a fixture is recorded too


@pytest.hookimpl(trylast=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _fail_if_insecure(item)  # runs only when the test body passed: its own failure wins


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _stop_recording(item)  # the test failed or its setup did: count it, never fail it twice


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    _summarize_enforcement(terminalreporter)


def pytest_sessionfinish(session: pytest.Session) -> None:
    _finish_enforcement(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _merge_worker(node)  # pytest-xdist controller: each worker's counts and cookies
