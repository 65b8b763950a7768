"""Linear end of test: what enforcement does when a test ends costs the same per request
whether the test made 250 requests or 4,000 (issue 10, items 8 and 9).

Run: ``python benchmarks/bench_report_linear.py [--rounds N] [--quick]``.

Two tests a real suite has, each recorded from a real Flask app through its test client
(``CookieRecorder``), at growing sizes:

- **pages**: a test visits N pages, ``/page/<i>``, and each answer re-sets the (insecure)
  session cookie with a new value: N distinct requests, N distinct lines, a report to write;
- **deletions**: a login sets N cookies in one response and a logout deletes all N in one
  response, with a Path they were not set with (so every cookie stays in the jar).

Timed (CPU time of this thread) is what happens when such a test ends under
``--secure-cookies --secure-cookies-report``: judge the recorded lines, count the test into
the tally with its JSON entries, and write the failure report when a cookie offends.  The
recording itself is not timed, and each round records afresh, so every figure is cold (new
values, nothing cached from the round before).  Sizes alternate within each round (the order
rotates), and a figure is the median of its rounds.  The target is the ratio of the time per
request at the largest size to the time at the smallest: a linear end of test keeps it near
1x; before the fix it grew with N (a report scrubbed every source of every value: 22 s for
1,000 pages, and judging a deletion scanned the jar: 65 s for 16,000 deletions).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import flask  # noqa: E402
from _timing import clock, table, verdict  # noqa: E402

from pytest_securecookie import CookiePolicy, CookieRecorder  # noqa: E402
from pytest_securecookie.capturing.recorder import RecordedLine  # noqa: E402
from pytest_securecookie.judging.recorded import judge  # noqa: E402
from pytest_securecookie.reporting.tally import Tally, failure_report  # noqa: E402

PAGES = (250, 500, 1000, 2000, 4000)
DELETIONS = (1000, 2000, 4000, 8000, 16000)
MAX_RATIO = 1.5  # per request, largest size over smallest; quadratic would be 16x
POLICY = CookiePolicy()


def pages_app() -> flask.Flask:
    app = flask.Flask("pages")
    app.secret_key = "bench"

    @app.get("/page/<int:number>")
    def page(number: int) -> str:
        flask.session["page"] = number  # a new session value on every page
        return "ok"

    return app


def deletions_app(count: int) -> flask.Flask:
    app = flask.Flask("deletions")

    @app.post("/login")
    def login() -> flask.Response:
        response = flask.make_response("welcome")
        for number in range(count):
            response.set_cookie(f"pref{number}", f"v{number}", path="/")
        return response

    @app.post("/logout")
    def logout() -> flask.Response:
        response = flask.make_response("bye")
        for number in range(count):
            response.delete_cookie(f"pref{number}", path="/account")  # not the Path set
        return response

    return app


def record_pages(count: int, nonce: int) -> list[RecordedLine]:
    client = pages_app().test_client()
    with CookieRecorder() as recorder:
        for number in range(count):
            client.get(f"/page/{nonce * 100_000 + number}")
    return recorder.lines


def record_deletions(count: int, nonce: int) -> list[RecordedLine]:
    client = deletions_app(count).test_client()
    with CookieRecorder() as recorder:
        client.post(f"/login?round={nonce}")
        client.post(f"/logout?round={nonce}")
    return recorder.lines


def end_of_test(lines: Sequence[RecordedLine]) -> None:
    """What enforcement does when the test ends (``Enforcement.stop`` and the failure)."""
    verdict_ = judge(lines, POLICY, hook_free=True)
    Tally().add("test_app.py::test_many", verdict_, len(lines), entries=True)
    if verdict_.offenders:
        failure_report(verdict_)


def measure(
    record: Callable[[int, int], list[RecordedLine]], sizes: Sequence[int], rounds: int
) -> dict[int, float]:
    """Median CPU seconds of the end of test at each size, sizes alternating per round."""
    samples: dict[int, list[float]] = {size: [] for size in sizes}
    for round_number in range(rounds):
        shift = round_number % len(sizes)
        for size in [*sizes[shift:], *sizes[:shift]]:
            lines = record(size, round_number)
            start = clock()
            end_of_test(lines)
            samples[size].append(clock() - start)
    return {size: statistics.median(times) for size, times in samples.items()}


def report(label: str, unit: str, medians: dict[int, float]) -> str:
    sizes = sorted(medians)
    per_unit = {size: medians[size] / size for size in sizes}
    base = per_unit[sizes[0]]
    rows = [
        [f"{size:,}", f"{medians[size] * 1e3:,.0f} ms", f"{per_unit[size] * 1e6:,.1f} µs",
         f"{per_unit[size] / base:.2f}x"]
        for size in sizes
    ]  # fmt: skip
    print(f"\n{label}")
    print(table([unit, "end of test", f"per {unit}", "vs smallest"], rows))
    ratio = per_unit[sizes[-1]] / base
    target = f"{label}: time per {unit} at {sizes[-1]:,} <= {MAX_RATIO}x at {sizes[0]:,}"
    return verdict(target, ratio <= MAX_RATIO, f"{ratio:.2f}x")


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--rounds", type=int, default=5)
    arguments.add_argument("--quick", action="store_true", help="the three smallest sizes")
    args = arguments.parse_args()
    pages = PAGES[:3] if args.quick else PAGES
    deletions = DELETIONS[:3] if args.quick else DELETIONS
    print(f"Python {sys.version.split()[0]}, flask {flask_version()}, {args.rounds} alternated "
          "rounds, median CPU time of the end of one test")
    verdicts = [
        report("pages (a new session value per request)", "request",
               measure(record_pages, pages, args.rounds)),
        report("deletions (one response deletes every cookie)", "deletion",
               measure(record_deletions, deletions, args.rounds)),
    ]  # fmt: skip
    print()
    print("\n".join(verdicts))


def flask_version() -> str:
    from importlib.metadata import version

    return version("flask")


if __name__ == "__main__":
    main()
