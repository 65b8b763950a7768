"""Timing helpers shared by the benchmarks: alternate candidates in rounds, keep medians.

A shared machine is noisy, so no benchmark trusts one measurement: every round times each
candidate once, the order rotates from round to round, and a candidate's figure is the
median of its rounds.  Only ratios measured in the same run are compared with a target.

In-process timings count the CPU time of this thread (``time.thread_time``), not the wall
clock: on a machine shared by more processes than it has cores, a wall-clock sample is
mostly the time spent waiting for a core, which says nothing about the code.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

clock = time.thread_time


def calibrated_repeat(call: Callable[[], object], seconds: float = 0.01) -> int:
    """How many calls in a row make a sample of about ``seconds`` of CPU time."""
    start = clock()
    call()
    once = max(clock() - start, 1e-6)
    return max(1, round(seconds / once))


def median_seconds(
    candidates: dict[str, Callable[[], object]], rounds: int, sample: float = 0.01
) -> dict[str, float]:
    """The median CPU time of one call of each candidate over ``rounds`` alternated rounds;
    each round times a candidate over about ``sample`` seconds of calls in a row."""
    names = list(candidates)
    repeats = {name: calibrated_repeat(candidates[name], sample) for name in names}
    samples: dict[str, list[float]] = {name: [] for name in names}
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            call, repeat = candidates[name], repeats[name]
            start = clock()
            for _ in range(repeat):
                call()
            samples[name].append((clock() - start) / repeat)
    return {name: statistics.median(times) for name, times in samples.items()}


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table, columns left-aligned."""
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def verdict(target: str, met: bool, detail: str) -> str:
    """The final line a benchmark prints for one target."""
    return f"VERDICT {'PASS' if met else 'MISS'}: {target} ({detail})"
