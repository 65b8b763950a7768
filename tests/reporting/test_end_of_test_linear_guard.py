"""Linear-time guard for the end of an enforced test (issue 10, items 8 and 9): a test that
visits 4,000 pages, each re-setting the session with a new value, and a logout that deletes
20,000 cookies in one response, are judged, counted and reported within a generous bound.

No timed assertion: each case runs in a subprocess limited to a CPU time several times what
the linear pass takes (a few seconds), so that a quadratic path shows up as a process killed
at its limit, not as a flaky number; CPU time, not the wall clock, so that a busy machine does
not fail it.  Before the fixes, scrubbing every source of every value took minutes for the
pages, and scanning the jar for each deletion took 100 s for the logout.  The cost per
request itself is measured by ``benchmarks/bench_report_linear.py``.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
CPU_SECONDS = 40
RUN = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_CPU, ({cpu}, {cpu}))  # SIGXCPU kills it beyond
    sys.path.insert(0, {benchmarks!r})
    from bench_report_linear import end_of_test, {record}
    end_of_test({record}({size}, 0))
    print("completed")
""")


def completes(record: str, size: int) -> bool:
    code = RUN.format(benchmarks=str(BENCHMARKS), record=record, size=size, cpu=CPU_SECONDS)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode < 0:  # killed: SIGXCPU at the limit
        return False
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip() == "completed"


def test_a_report_of_4000_requests_with_new_session_values_completes() -> None:
    assert completes("record_pages", 4000)


def test_a_response_deleting_20000_cookies_completes() -> None:
    assert completes("record_deletions", 20000)
