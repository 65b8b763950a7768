"""Linear-time guard: every hostile family of ``benchmarks/bench_linear.py`` at 1 MiB
completes, through the parser and through classification + ``check_cookie``.

No timed assertion: each family runs in a subprocess under a generous bound (tens of times
what a linear pass takes here) so that a quadratic or exponential path shows up as a hang,
not as a flaky number.  The cost ratios themselves are measured by the benchmark.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from bench_linear import FAMILIES  # noqa: E402

GENEROUS_SECONDS = 60
RUN = textwrap.dedent("""
    import sys
    sys.path.insert(0, {benchmarks!r})
    from bench_linear import hostile, parse_and_check, parse_only
    run = parse_and_check if {check!r} else parse_only
    for family in {families!r}:
        run(hostile(family, 1 << 20))()
    print("completed")
""")


def completes(families: list[str], *, check: bool, timeout: float) -> bool:
    code = RUN.format(benchmarks=str(BENCHMARKS), check=check, families=families)
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip() == "completed"


def test_the_parser_completes_every_hostile_family_at_one_mebibyte() -> None:
    assert completes(list(FAMILIES), check=False, timeout=GENEROUS_SECONDS)


def test_check_cookie_completes_every_hostile_family_at_one_mebibyte() -> None:
    # Unknown attribute names were the slow path (did-you-mean per name; perf-findings F1).
    assert completes(list(FAMILIES), check=True, timeout=GENEROUS_SECONDS)
