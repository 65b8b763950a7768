"""The pytest glue: markers and hooks (its options are ``options``, its fixtures ``fixtures``).

Every pytest run imports this module (the pytest11 entry point), so it imports nothing heavy
at module level: the policy, the recorder, the judge and the report load inside the hooks and
fixtures that need them.  A run that records nothing and sets no policy option pays only for
registering the options.  What the option strings mean is ``judging.options``, what the markers
mean ``judging.markers``; the run state of enforcement is ``enforcement``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import pytest

from . import enforcement as _run
from . import hookspecs as _hookspecs
from . import options as _options
from . import report_hooks as _report_hooks
from .enforcement import ENFORCEMENT, Enforcement
from .fixtures import CookieFixtures
from .judging.options import option_bool, options_given

if TYPE_CHECKING:
    from pluggy import HookCaller

    from .judging.markers import Marked
    from .judging.policy import Classifier, CookiePolicy

POLICY_KEY = pytest.StashKey["CookiePolicy"]()
_MARKED = pytest.StashKey["Marked"]()  # what the test's markers make of its policy
# The markers ``judging.markers`` resolves, named here so that a test without them never
# loads it (nor the policy).
_MARKERS = frozenset({"secure_cookies", "allow_insecure_cookies"})

# --- The session's policy -------------------------------------------------------------------------


def _policy_from_options(config: pytest.Config) -> CookiePolicy:
    from .judging.options import policy_from_options

    classifier = _hook_classifier(config.hook.pytest_securecookie_classify)
    try:
        return policy_from_options(_options.reader(config), classifier)
    except ValueError as error:  # it names the option, the value and what is accepted
        raise pytest.UsageError(str(error)) from None


def _configure_policy(config: pytest.Config) -> None:
    if options_given(_options.reader(config)):  # else ``policy_for`` builds it when first asked
        config.stash[POLICY_KEY] = _policy_from_options(config)


def policy_for(config: pytest.Config) -> CookiePolicy:
    """The session's policy: the ini options, with every conftest's classify hook to ask."""
    if POLICY_KEY in config.stash:  # not .get(): a missing key raises inside it, every call
        return config.stash[POLICY_KEY]
    policy = config.stash[POLICY_KEY] = _policy_from_options(config)  # no option was given
    return policy


def _hook_classifier(hook: HookCaller) -> Classifier:
    """The classify hooks ``hook`` calls, as a ``CookiePolicy.classifier`` (named after the
    hook: the policy names it when an answer is refused)."""

    def pytest_securecookie_classify(cookie: object, source: str | None) -> Any:
        return hook(cookie=cookie, source=source)

    return pytest_securecookie_classify


def _node_policy(node: pytest.Item) -> CookiePolicy:
    """The session's policy asking the classify hooks of the node's own conftests (none: no
    classifier).  One object per set of hooks, so the judgements cached for it are found."""
    enforcement = node.config.stash[ENFORCEMENT]
    policy = enforcement.policy_at.get(node.path)  # asking ``ihook`` costs a stat per test
    if policy is None:
        hook = node.ihook.pytest_securecookie_classify
        hooks = tuple(impl.function for impl in hook.get_hookimpls())
        if hooks not in enforcement.policies:
            classifier = _hook_classifier(hook) if hooks else None
            session = policy_for(node.config)
            enforcement.policies[hooks] = dataclasses.replace(session, classifier=classifier)
        policy = enforcement.policy_at[node.path] = enforcement.policies[hooks]
    return policy


# --- Markers: one resolution per test, for the fixture and for enforcement ------------------------


def _configure_markers(config: pytest.Config) -> None:
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


def _marker_signature(config: pytest.Config) -> str:
    """The marker's keywords as ``pytest --markers`` shows them; other runs (which never show
    it) do not load the policy to spell them out."""
    if not config.getoption("markers", False):
        return "(**policy_keywords)"
    from .judging.markers import marker_signature_text

    return marker_signature_text()


def _marked(item: pytest.Item) -> Marked:
    """What the test's markers make of its policy, and whether it is enforced (once per test)."""
    __tracebackhide__ = True
    if _MARKED not in item.stash:  # not .get(): a missing key raises inside it
        item.stash[_MARKED] = _resolved(item)
    return item.stash[_MARKED]


def _resolved(item: pytest.Item) -> Marked:
    __tracebackhide__ = True
    markers = _run.loaded("judging.markers")  # not kept here: a pytester run drops it
    enforcement = item.config.stash[ENFORCEMENT]
    unmarked = enforcement.unmarked
    if unmarked is not None and unmarked[0] is item:  # resolved as its recording started:
        marks: Iterable[pytest.Mark] = ()  # a marker added since changes nothing
        policy = unmarked[1]
    else:
        marks, policy = _markers_of(item), _node_policy(item)
    try:
        marked: Marked = markers.resolve_marks(marks, policy, everywhere=enforcement.everywhere)
        return marked
    except markers.MarkerError as error:
        problem = f"{item.nodeid}: {error}"  # failed below, outside the handler: no chain
    pytest.fail(problem, pytrace=False)


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


# --- Fixtures (``fixtures``): a test's policy is what its markers make of it ----------------------


def _configure_fixtures(config: pytest.Config) -> None:
    config.pluginmanager.register(CookieFixtures(_marked), "securecookie-fixtures")


# --- Enforcement: --secure-cookies, the markers, the end-of-test report ---------------------------


def _configure_enforcement(config: pytest.Config) -> None:
    read = _options.reader(config)
    try:  # each: the flag, else the ini (a flag beats either ini line); audit records too
        audit = _options.audit_mode(config)
        everywhere = audit or option_bool(read, "secure_cookies")
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    session_policy = functools.partial(policy_for, config)
    report_path = _options.output_path(config, "secure_cookies_report", "cookies.json")
    config.stash[ENFORCEMENT] = Enforcement(everywhere, report_path, session_policy, audit=audit)


def _marked_tests(items: Iterable[pytest.Item]) -> int:
    """How many tests the markers enforce."""
    return sum(_marker_enforced(item) for item in items)


def _has_our_markers(item: pytest.Item) -> bool:
    """Whether any of our markers applies to the test (``resolve_marks`` with none of them
    gives the node's policy, enforced when every test is: asked before each test)."""
    return any(mark.name in _MARKERS for mark in _markers_of(item))


def _marker_enforced(item: pytest.Item) -> bool:
    """The closest of our markers is secure_cookies (not allow_insecure_cookies)."""
    closest = next((m.name for m in _markers_of(item) if m.name in _MARKERS), None)
    return closest == "secure_cookies"


def _configure_exports(config: pytest.Config) -> None:
    """SARIF, the GitHub job summary and JUnit properties, when asked for; and the records of
    the terminal's grouped summary."""
    from .exports import exports_for

    junit = bool(config.getoption("xmlpath", None))
    sarif = _options.output_path(config, "secure_cookies_sarif", "cookies.sarif")
    config.stash[ENFORCEMENT].exports = exports_for(sarif, junit, config.rootpath)


def _start_recording(item: pytest.Item) -> None:
    enforcement = item.config.stash[ENFORCEMENT]
    if not _has_our_markers(item):
        if enforcement.everywhere:  # most tests: the policy of their conftests, as it is
            policy = _node_policy(item)
            enforcement.unmarked = (item, policy)  # what the fixture resolves too (_resolved)
            enforcement.start(item, policy, hook_free=policy.classifier is None,
                              audited=enforcement.audit)
        return  # else nothing asks for it: no policy is loaded
    marked = _marked(item)
    if marked.enforced:
        audited = enforcement.audit and not _marker_enforced(item)
        hook_free = marked.policy.classifier is None
        enforcement.start(item, marked.policy, hook_free=hook_free, audited=audited)


def _fail_if_insecure(item: pytest.Item) -> None:
    """After a passing test body: fail the test (FAILED, in the call phase) on any offender,
    or on a classify hook's answer the policy refuses (the message, no frame of ours)."""
    __tracebackhide__ = True
    problem = _run.failure_after_passing(item)
    if problem is not None:
        failure = _run.CookieFailure(problem, pytrace=False)
        _report_hooks.point_at_test(item, failure)
        raise failure


def _explain_cookie_comparison(op: str, left: object, right: object) -> list[str] | None:
    """pytest's assertion explanation when a cookie or a recorded line is compared: never its
    value.  Asked whatever was imported before: after a pytester run drops the package's
    modules, the records made by the dropped copies still need it (``reporting.comparisons``
    recognises them)."""
    from .reporting.comparisons import explain_comparison

    return explain_comparison(op, left, right)


# --- Hooks ----------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    _options.add_options(parser)


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(_hookspecs)


@pytest.hookimpl(tryfirst=True)
def pytest_assertrepr_compare(
    config: pytest.Config, op: str, left: object, right: object
) -> list[str] | None:
    return _explain_cookie_comparison(op, left, right)


def _leave_unrewritten(config: pytest.Config) -> None:
    """Load our modules as plain Python: pytest marks an installed plugin's package for
    assertion rewriting, and its import hook made our first recorded test cost ~120 M more
    instructions (issue 14).  The package has no assert to rewrite.  Private pytest state,
    so when it is missing (``--assert=plain``, another pytest) nothing changes."""
    hook: Any = getattr(config.pluginmanager, "rewrite_hook", None)
    marked = getattr(hook, "_must_rewrite", None)
    if isinstance(marked, set) and __package__ in marked:
        marked.discard(__package__)
        getattr(hook, "_marked_for_rewrite_cache", {}).clear()


def pytest_configure(config: pytest.Config) -> None:
    _leave_unrewritten(config)
    _configure_policy(config)
    _configure_markers(config)
    _configure_fixtures(config)
    _configure_enforcement(config)
    _configure_exports(config)
    _report_hooks.hand_over(config)  # pytest-xdist: each test's count goes with its report


def pytest_report_header(config: pytest.Config) -> list[str]:
    return _run.header(config)


def pytest_collection_finish(session: pytest.Session) -> None:
    _run.collected(session.config, (item.nodeid for item in session.items))  # read if needed


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: Any, ids: Sequence[str]) -> None:
    _run.collected(node.config, ids)  # pytest-xdist controller: a worker's collection


def pytest_report_collectionfinish(
    config: pytest.Config, items: Sequence[pytest.Item]
) -> list[str]:
    if config.getoption("verbose", 0) < 0 or config.stash[ENFORCEMENT].everywhere:
        return []  # -q shows no header; under --secure-cookies the header said it all
    return _run.marked_header(config, _marked_tests(items))


def pytest_unconfigure(config: pytest.Config) -> None:
    enforcement = config.stash.get(ENFORCEMENT, None)
    if enforcement is not None:
        enforcement.end()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    _start_recording(item)  # before any fixture: a login done in a fixture is recorded too


@pytest.hookimpl(trylast=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    _fail_if_insecure(item)  # runs only when the test body passed: its own failure wins


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    _run.stop_after_failing(item)  # the test or its setup failed: count it only


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    _run.summarize(terminalreporter)


def pytest_sessionfinish(session: pytest.Session) -> None:
    _run.finish(session.config)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    _report_hooks.merge_worker(node)  # pytest-xdist controller: each worker's recording errors
