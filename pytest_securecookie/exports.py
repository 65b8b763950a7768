"""Findings where security teams look: the SARIF file (``--secure-cookies-sarif``), the GitHub
Actions job summary (``$GITHUB_STEP_SUMMARY``) and JUnit XML properties; and the records the
terminal's grouped summary is made of.

The run state (``enforcement``) hands each judged test to :class:`Exports` and asks it for its
files at the end, which it writes with the JSON report by :func:`write_output`; it holds no
pytest object.  The writers (``reporting.sarif``,
``reporting.step_summary``) load only when there is something to write.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .judging.recorded import Verdict
    from .reporting.findings import Record

DISTRIBUTION = "pytest-securecookie"
# pytest's ``Item.location``: the file relative to the rootdir, the 0-based line, the name.
Location = tuple[str, int | None, str]


class Exports:
    """What a run writes for security tooling, and the findings it keeps to write them (and
    for the terminal's grouped summary)."""

    def __init__(
        self, *, sarif: Path | None, step_summary: Path | None, junit: bool, root: Path
    ) -> None:
        self.sarif = sarif
        self.step_summary = step_summary
        self.junit = junit  # JUnit XML is written: each judged test gets its properties
        self.root = root  # pytest's rootdir, which test paths are relative to
        self.by_test: dict[str, list[Record]] = {}  # the records of each test with any
        # The run's test ids in collection order, read when the records are first asked for,
        # and each one's place in it.
        self._collection: Iterable[str] | None = None
        self._order: dict[str, int] | None = None

    @property
    def records(self) -> list[Record]:
        """One per test, insecure cookie and rule; the tests in collection order when it is
        known, else by id (under pytest-xdist they arrive as the workers finish them), so that
        the grouped summary's first test is the first collected."""
        order = self._collection_order()
        unknown = len(order)
        tests = sorted(self.by_test, key=lambda test: (order.get(test, unknown), test))
        return [record for test in tests for record in self.by_test[test]]

    def collected(self, tests: Iterable[str]) -> None:
        """The run's test ids in collection order, read when the records are first asked for
        (a generator: a run without records never lists them); the first given is kept (each
        pytest-xdist worker collects the same tests)."""
        if self._collection is None:
            self._collection = tests

    def _collection_order(self) -> dict[str, int]:
        if self._order is None:
            self._order = {test: index for index, test in enumerate(self._collection or ())}
        return self._order

    def add(
        self, test_id: str, location: Location, verdict: Verdict, properties: list[Any],
        profile: str = "default",
    ) -> list[Record]:
        """One judged test: its JUnit properties (``item.user_properties``) and records;
        ``profile``: the ASVS profile the test was judged under."""
        if self.junit:  # a test run again (pytest-rerunfailures) keeps its last run's
            properties[:] = [p for p in properties if not _is_ours(p)]
            properties += junit_properties(verdict, profile)
        records: list[Record] = []
        if verdict.offenders:
            from .reporting.findings import Place, records_for

            path, line, _ = location
            place = Place(path.replace(os.sep, "/"), None if line is None else line + 1)
            records = records_for(test_id, place, verdict)
        self.receive(test_id, records)
        return records

    def receive(self, test_id: str, records: list[Record]) -> None:
        """A test's records, of this process or an xdist worker: a test run again
        (pytest-rerunfailures) is exported by its last run."""
        if records:
            self.by_test[test_id] = records
        else:
            self.by_test.pop(test_id, None)

    def outputs(self, headline: str | None, profile: str = "default") -> list[Output]:
        """At the end of the run: the SARIF file, and the job summary when anything was
        recorded (``headline`` is the summary line, None when nothing was); ``profile``: the
        session policy's ASVS profile, which the SARIF run and the job summary name."""
        outputs = []
        if self.sarif is not None:
            outputs.append(Output("SARIF file", self.sarif, self._sarif_text(profile)))
        if self.step_summary is not None and headline is not None:
            from .reporting.step_summary import grouped, markdown

            text = markdown(headline, grouped(self.records), profile)
            outputs.append(Output("job summary", self.step_summary, text, append=True))
        return outputs

    def _sarif_text(self, profile: str) -> str:
        import json

        from .reporting.sarif import sarif_log

        root = self.root.as_uri()
        root += "" if root.endswith("/") else "/"
        log = sarif_log(self.records, version=_version(), root_uri=root, profile=profile)
        return json.dumps(log, indent=2) + "\n"


class Output(NamedTuple):
    """A file the run writes at its end."""

    what: str  # as the summary names it: "report", "SARIF file", "job summary"
    path: Path
    text: str | Iterable[str]  # the whole text, or its pieces (written as they come)
    # Added to the end (the job summary: GitHub Actions made the file, earlier steps wrote to
    # it), else the file is replaced and its missing directories are created.
    append: bool = False


def write_output(output: Output) -> str | None:
    """Write one output file; None, or why it could not be (for the summary: the place was
    checked at the start, but the run may have changed it since, and it keeps its result)."""
    try:
        if not output.append:
            output.path.parent.mkdir(parents=True, exist_ok=True)
        with output.path.open("a" if output.append else "w", encoding="utf-8") as file:
            if isinstance(output.text, str):
                file.write(output.text)
            else:
                file.writelines(output.text)
    except OSError as error:
        return (
            f"secure cookies: the {output.what} could not be written to {output.path}: "
            f"{type(error).__name__} ({error.strerror or error})"
        )
    return None


def exports_for(sarif: Path | None, junit: bool, root: Path) -> Exports:
    """The exports asked for (the job summary when GitHub Actions names its file); with none,
    the records of the terminal's grouped summary are still kept."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    step_summary = Path(summary) if summary else None
    return Exports(sarif=sarif, step_summary=step_summary, junit=junit, root=root)


# The JUnit property names (a test run again replaces those of its earlier run).
_JUDGED = "secure_cookies_judged"
_INSECURE = "secure_cookies_insecure"
_RULES = "secure_cookies_rules"
_PROFILE = "secure_cookies_profile"
_JUNIT_NAMES = frozenset({_JUDGED, _INSECURE, _RULES, _PROFILE})


def _is_ours(prop: Any) -> bool:
    return isinstance(prop, tuple) and len(prop) == 2 and prop[0] in _JUNIT_NAMES


def junit_properties(verdict: Verdict, profile: str = "default") -> list[tuple[str, str]]:
    """The auth-like cookies the test received, the offenders and rules among them, and the
    ASVS profile when one is active: names and rule ids only, so that CI dashboards can group
    tests by them."""
    judged = [line.cookie.name for line in verdict.lines if line.enforced]
    properties = [(_JUDGED, _names(judged))]
    offenders = verdict.offenders
    if offenders:
        rules = sorted({finding.rule for offender in offenders for finding in offender.findings})
        properties += [
            (_INSECURE, _names(o.first.cookie.name for o in offenders)),
            (_RULES, ", ".join(rules)),
        ]
    if profile != "default":
        properties.append((_PROFILE, profile))
    return properties


def _names(names: Iterable[str]) -> str:
    from .parsing.redaction import escape_controls

    return ", ".join(escape_controls(name) for name in dict.fromkeys(names))


def _version() -> str | None:
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
