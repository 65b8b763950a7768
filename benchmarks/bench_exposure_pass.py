"""The pass path of SC019 (issue 14): ``judging.exposure.exposed`` on a typical Flask test.

Run: ``python benchmarks/bench_exposure_pass.py [--calls 20000] [--rounds 7]``; compare two
trees by running it with each on ``PYTHONPATH`` (an exported copy of the old one).

The suite's shape: a login that sets Flask's signed session cookie (one auth token) and a
page, both bodies small and read, neither carrying the token.  Prints the median and the
minimum CPU time of one call over rounds of ``--calls`` calls (the same judged lines each
time, so a cache of the test's tokens hits, as it does for tests within one second).  Under
callgrind, ``--calls 0`` and ``--calls 2000`` give the instructions per call.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_exposure import typical_recording  # noqa: E402

from pytest_securecookie import CookiePolicy  # noqa: E402
from pytest_securecookie.judging.exposure import exposed  # noqa: E402
from pytest_securecookie.judging.recorded import judge  # noqa: E402


def recorded_test() -> tuple[tuple[object, ...], list[object]]:
    lines, seen = typical_recording()
    return tuple(judge(lines, CookiePolicy()).lines), list(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=7)
    options = parser.parse_args()
    lines, seen = recorded_test()
    per_call = []
    for _ in range(options.rounds if options.calls else 0):
        start = time.process_time()
        for _ in range(options.calls):
            exposed(lines, seen)  # type: ignore[arg-type]
        per_call.append((time.process_time() - start) / options.calls * 1e6)
    if per_call:
        print(f"exposed(): median {statistics.median(per_call):.2f} us, "
              f"min {min(per_call):.2f} us per test ({options.calls} calls x {options.rounds})")


if __name__ == "__main__":
    main()
