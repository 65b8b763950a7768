"""Linear time on hostile lines: every 10x longer line must cost at most 12x the time.

Run: ``python benchmarks/bench_linear.py [--rounds N] [--budget SECONDS]``.

Each hostile family is a line of 1 KiB, 10 KiB, 100 KiB and 1 MiB, timed (CPU time,
median of alternated rounds) through ``parse_set_cookie`` and through ``check_cookie``
with the default policy (classify, then check).  The verdict for a family is the largest
cost ratio of one 10x step.  A family whose next size would take longer than the budget
is stopped there and reported as a miss with the projected time.  For contrast,
``http.cookies.SimpleCookie`` on backslashes in a quoted value (CVE-2024-7592's class):
quadratic in the Pythons that do not have the fix.
"""

from __future__ import annotations

import argparse
import http.cookies
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import clock, median_seconds, table, verdict  # noqa: E402

from pytest_securecookie import CookiePolicy, check_cookie, parse_set_cookie  # noqa: E402

KIB = 1 << 10
SIZES = (KIB, 10 * KIB, 100 * KIB, 1024 * KIB)
MAX_STEP = 12.0
POLICY = CookiePolicy()

# name -> (start of the line, the unit repeated until the line has the size asked); a
# quoted value is closed after the units.
FAMILIES: dict[str, tuple[str, str]] = {
    "many ;": ("sid=abc", ";"),
    "many attributes": ("sid=abc", "; Secure; HttpOnly; Path=/; SameSite=Lax; Max-Age=60"),
    "many unknown attributes": ("sid=abc", "; Foo=1"),
    "misspelt attributes": ("sid=abc", "; Secrue; HttpOnyl"),
    "distinct attribute names": ("sid=abc", ""),  # built by distinct_names()
    "one long attribute name": ("sid=abc; ", "x"),
    "backslashes in quoted value": ('sid="', '\\"'),
    "backslashes in quoted attribute": ("sid=abc", '; Path="\\"\\"\\"\\"\\"\\"\\"\\"'),
    "octal escapes in value": ('sid="', "\\012"),
    "many = in value": ("sid=", "="),
    "many = in attributes": ("sid=abc", "; a=b=c=d=e=f=g=h"),
    "runs of spaces": ("sid=abc;", " "),
    "huge Expires value": ("sid=abc; Expires=", "Wed, 21 Oct 2026 07:28:00 GMT "),
    "many Expires attributes": ("sid=abc", "; Expires=Wed, 21 Oct 2026 07:28:00 GMT"),
    "many unparsable Expires": ("sid=abc", "; Expires=1 1 1 1 1 1 1 1 1 1"),
    "long credential-shaped value": ("jwt=eyJhbGciOiJIUzI1NiJ9.", "eyJzdWIiOiI0MiJ9"),
}


def distinct_names(size: int) -> str:
    """Many short unknown attribute names, all different (defeats any per-name cache)."""
    parts, length, number = ["sid=abc"], 7, 0
    while length < size:
        part = f"; x{number}"
        parts.append(part)
        length += len(part)
        number += 1
    return "".join(parts)


def hostile(family: str, size: int) -> str:
    if family == "distinct attribute names":
        return distinct_names(size)
    start, unit = FAMILIES[family]
    end = '"' if start.endswith('"') else ""
    return start + unit * max(1, (size - len(start) - len(end)) // len(unit)) + end


def parse_only(line: str) -> Callable[[], object]:
    return lambda: parse_set_cookie(line)


def parse_and_check(line: str) -> Callable[[], object]:
    def run() -> object:
        cookie = parse_set_cookie(line)
        if cookie is None:
            return None
        return check_cookie(cookie, POLICY, classification=POLICY.classify(cookie))

    return run


def simple_cookie(line: str) -> Callable[[], object]:
    return lambda: http.cookies.SimpleCookie(line)


def once(call: Callable[[], object]) -> float:
    start = clock()
    call()
    return clock() - start


def measure(
    family: str, make: Callable[[str], Callable[[], object]], rounds: int, budget: float
) -> list[float | None]:
    """Seconds per call at each size (None where the budget stopped the family)."""
    times: list[float | None] = []
    for size in SIZES:
        if times and times[-1] is not None and times[-1] * MAX_STEP > budget:
            times.extend([None] * (len(SIZES) - len(times)))
            break
        call = make(hostile(family, size))
        if once(call) > budget / rounds:  # too slow to repeat: one more run is the figure
            times.append(once(call))
            continue
        times.append(median_seconds({family: call}, rounds, sample=0.002)[family])
    return times


def worst_step(times: list[float | None]) -> float | None:
    known = [t for t in times if t is not None]
    steps = [b / max(a, 1e-7) for a, b in zip(known, known[1:], strict=False)]
    return max(steps) if steps else None


def shown(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.1f} µs"
    return f"{seconds * 1e3:,.1f} ms" if seconds < 1 else f"{seconds:,.1f} s"


def run(label: str, make: Callable[[str], Callable[[], object]], args: argparse.Namespace,
        families: list[str]) -> list[str]:
    print(f"\n{label} (CPU time per line)")
    rows, verdicts = [], []
    for family in families:
        times = measure(family, make, args.rounds, args.budget)
        step = worst_step(times)
        complete = None not in times
        rows.append([family, *map(shown, times), f"{step:.1f}x" if step else "-"])
        met = complete and step is not None and step <= MAX_STEP
        detail = f"worst 10x step {step:.1f}x" if step else "no data"
        if not complete:
            last = max(t for t in times if t is not None)
            detail += f"; stopped: the next size would take > {args.budget:.0f} s"
            detail += f" (last size took {shown(last)})"
        verdicts.append(verdict(f"{label}, {family}: each 10x step <= {MAX_STEP:.0f}x",
                                met, detail))
    headers = ["family", *(f"{size // KIB} KiB" for size in SIZES), "worst step"]
    print(table(headers, rows))
    return verdicts


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--rounds", type=int, default=7)
    arguments.add_argument("--budget", type=float, default=20.0,
                           help="seconds one measurement of one size may take")
    arguments.add_argument("--no-contrast", action="store_true",
                           help="skip SimpleCookie on backslashes")
    args = arguments.parse_args()
    print(f"Python {sys.version.split()[0]}, sizes {', '.join(f'{s // KIB} KiB' for s in SIZES)}, "
          f"{args.rounds} rounds, medians; target: every 10x step <= {MAX_STEP:.0f}x")
    verdicts = run("parse_set_cookie", parse_only, args, list(FAMILIES))
    verdicts += run("parse + classify + check_cookie", parse_and_check, args, list(FAMILIES))
    if not args.no_contrast:
        contrast = argparse.Namespace(rounds=1, budget=min(args.budget, 10.0))
        run("http.cookies.SimpleCookie (contrast, no target)", simple_cookie, contrast,
            ["backslashes in quoted value", "octal escapes in value"])
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
