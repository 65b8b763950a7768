"""Enforcement overhead in instructions: a deterministic count with valgrind's callgrind.

Run: ``python benchmarks/bench_instructions.py [--sizes 250 1000] [--tree PATH ...]
[--suites flask django live empty] [--variants disabled enforced minimal not-asked] [--jobs N]``.

Timings on a shared machine swing by several percent from run to run; the number of
instructions a run executes does not depend on what else the machine is doing.  This script
generates the three suites of issue 14 (``_suites.py``: Flask's test client, Django's test
client with signed-cookie sessions, ``requests`` to a live server; each test logs in, which
sets one Secure session cookie, then reads a page) at two sizes, runs
``python -m pytest -q -p no:cacheprovider <suite>`` under ``valgrind --tool=callgrind`` once
per suite, variant and size, and reads the total instructions.  The variants: the plugin
disabled (``-p no:securecookie``), ``--secure-cookies``, the hand-rolled minimal recorder the
issue compares with (``-p minimal_recorder``, plugin disabled) and, on request, the plugin
loaded but not asked.

Two sizes split each count into a cost per test and a cost per session (module loading,
collection, the summary): ``per test = (I(large) - I(small)) / (large - small)``.  A ratio to
the disabled run of the same suite at a size that was counted is the two counts' (the default
sizes count the 1,000-test runs of issue 14's first target); at another size (10,000) it is
extrapolated, ``I(N) = per session + N x per test``; each comes with a verdict for issue 14's
targets (1.03x and 1.02x).

The sizes are 250 and 1,000, not smaller: a full garbage collection costs some 35 M
instructions and falls where the heap's growth says, so one more or one fewer in a run moves
the difference of two counts by that much.  Between 50 and 250 tests that is up to ±175 k per
test, more than a third of what the plugin adds; 50 and 250 Flask tests, extrapolated, put
1,000 at 1.0791x when the 1,000-test run counted 1.0627x.  Each
``--tree`` (default: the tree holding this script) is measured with its own package first on
``PYTHONPATH``; the runs that do not load the plugin are counted once, with the first tree.
Every run uses ``PYTHONHASHSEED=0`` and compiled bytecode (one warm-up run outside
valgrind, which also checks the suite passes).  Without valgrind it says so and measures
nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _suites import WRITERS, write_suite  # noqa: E402
from _timing import table, verdict  # noqa: E402
from bench_overhead import _env  # noqa: E402

FILES = 10  # test files per suite, whatever its size (their cost is counted per session)
EXTRAPOLATE_TO = (1000, 10000)
DISABLED = "-p no:securecookie"
NOT_ASKED = "plugin loaded, not asked"
ENFORCED = "--secure-cookies"
MINIMAL = "minimal recorder"
VARIANTS = {DISABLED: ["-p", "no:securecookie"], NOT_ASKED: [], ENFORCED: ["--secure-cookies"],
            MINIMAL: ["-p", "no:securecookie", "-p", "minimal_recorder"]}
ALIASES = {"disabled": DISABLED, "not-asked": NOT_ASKED, "enforced": ENFORCED, "minimal": MINIMAL}
TARGETS = {1000: 1.03, 10000: 1.02}  # issue 14: --secure-cookies vs disabled
ISSUE_SUITES = ["flask", "django", "live"]  # the default; "empty" on request
Counts = dict[tuple[str, str], dict[int, int]]  # (suite, variant) -> suite size -> instructions


def tree_env(root: Path, tree: Path) -> dict[str, str]:
    """The environment of one tree's runs: its package first, a fixed hash seed, bytecode."""
    env = _env(root)
    env["PYTHONPATH"] = os.pathsep.join([str(tree), *filter(None, [env.get("PYTHONPATH")])])
    env["PYTHONHASHSEED"] = "0"
    return env


def package_file(env: dict[str, str], tree: Path) -> str:
    code = "import pytest_securecookie as p; print(p.__file__)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=tree, check=True).stdout.strip()


def pytest_command(suite: Path, variant: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite),
            *VARIANTS[variant]]


def run_checked(command: list[str], env: dict[str, str], cwd: Path, tests: int) -> None:
    """Run once; the suite must pass with exactly ``tests`` tests."""
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    if done.returncode != 0 or f"{tests} passed" not in done.stdout:
        raise SystemExit(f"{' '.join(command)} did not pass {tests} tests:\n"
                         f"{done.stdout[-3000:]}{done.stderr[-3000:]}")


def instructions(command: list[str], env: dict[str, str], cwd: Path, out: Path) -> int:
    """Total instructions of one run under callgrind (the ``totals:`` line of its output)."""
    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    subprocess.run([*valgrind, *command], capture_output=True, env=env, cwd=cwd, check=True)
    for line in out.read_text().splitlines():
        if line.startswith(("totals:", "summary:")):
            return int(line.split()[1])
    raise SystemExit(f"no totals line in {out}")


def growth_per_item(command_for: Callable[[int], list[str]], sizes: tuple[int, int],
                    env: dict[str, str], cwd: Path) -> float:
    """Instructions per item of a program run at two sizes: each run warmed up first (its
    bytecode written), then counted under callgrind; (I(large) - I(small)) / (large - small)."""
    counts = []
    for size in sizes:
        command = command_for(size)
        subprocess.run(command, env=env, cwd=cwd, check=True)
        counts.append(instructions(command, env, cwd, cwd / "cg.out"))
    return (counts[1] - counts[0]) / (sizes[1] - sizes[0])


Job = tuple[str, str, int]  # suite, variant, size


def count_one(job: Job, tree: Path, suites: dict[tuple[str, int], Path], root: Path) -> int:
    """Warm up (bytecode; the run must pass), then count one run under callgrind."""
    suite_name, variant, size = job
    suite = suites[suite_name, size]
    env = tree_env(root, tree)
    command = pytest_command(suite, variant)
    run_checked(command, env, suite, size)
    out = root / f"callgrind.{tree.name}.{suite_name}.{variant[-8:].strip()}.{size}.out"
    counted = instructions(command, env, suite, out)
    out.unlink()
    print(f"  {tree.name} {suite_name} {variant}, {size} tests: {counted:,}", file=sys.stderr)
    return counted


def measure_tree(tree: Path, suites: dict[tuple[str, int], Path], root: Path,
                 variants: list[str], jobs: int) -> Counts:
    env = tree_env(root, tree)
    print(f"{tree}: measuring {package_file(env, tree)}", file=sys.stderr)
    work = [(name, variant, size) for name, size in suites for variant in variants]
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        found = list(pool.map(lambda job: count_one(job, tree, suites, root), work))
    counts: Counts = {}
    for (name, variant, size), counted in zip(work, found, strict=True):
        counts.setdefault((name, variant), {})[size] = counted
    return counts


def label(tree: Path) -> str:
    """The tree's folder name and its commit, when it is a git work tree."""
    done = subprocess.run(["git", "-C", str(tree), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True)
    return f"{tree.name}@{done.stdout.strip()}" if done.returncode == 0 else tree.name


def split(by_size: dict[int, int]) -> tuple[float, float]:
    """(per test, per session) from the counts at two sizes."""
    (small, at_small), (large, at_large) = sorted(by_size.items())
    per_test = (at_large - at_small) / (large - small)
    return per_test, at_small - per_test * small


def at(by_size: dict[int, int], tests: int) -> float:
    """The count of a run of ``tests`` tests: counted, else extrapolated."""
    if tests in by_size:
        return by_size[tests]
    per_test, session = split(by_size)
    return session + per_test * tests


def compared(by_size: dict[int, int], base: dict[int, int] | None) -> tuple[str, ...]:
    """Extra per test and per session over the disabled run, and the ratios to it."""
    if base is None:  # the disabled run was not measured (--variants)
        return ("-",) * (2 + len(EXTRAPOLATE_TO))
    (per_test, session), (base_per_test, base_session) = split(by_size), split(base)
    return (f"{(per_test - base_per_test) / 1e3:+,.0f} k",
            f"{(session - base_session) / 1e6:+,.0f} M",
            *(f"{at(by_size, n) / at(base, n):.4f}" for n in EXTRAPOLATE_TO))


def rows(tree: Path, counts: Counts, disabled: Counts) -> list[tuple[str, ...]]:
    found = []
    for (suite, variant), by_size in counts.items():
        base = disabled.get((suite, DISABLED)) or counts.get((suite, DISABLED))
        per_test, session = split(by_size)
        found.append((label(tree), suite, variant,
                      *(f"{count / 1e9:.3f} G" for _, count in sorted(by_size.items())),
                      f"{per_test / 1e3:,.0f} k", f"{session / 1e6:,.0f} M",
                      *compared(by_size, base)))
    return found


def verdicts(results: dict[Path, Counts], disabled: Counts) -> None:
    for tree, counts in results.items():
        for (suite, variant), by_size in counts.items():
            base = disabled.get((suite, DISABLED)) or counts.get((suite, DISABLED))
            if variant != ENFORCED or base is None:
                continue
            for tests, target in TARGETS.items():
                ratio = at(by_size, tests) / at(base, tests)
                print(verdict(f"{label(tree)} {suite}: --secure-cookies <= {target:.2f}x the "
                              f"disabled run at {tests:,} tests", ratio <= target,
                              f"{ratio:.4f}x"))


def report(results: dict[Path, Counts], sizes: list[int], disabled: Counts) -> None:
    print(f"Python {sys.version.split()[0]}, suites of {sizes[0]} and {sizes[1]} tests "
          f"({FILES} files), total instructions under callgrind, PYTHONHASHSEED=0")
    headers = ["tree", "suite", "variant", *(f"I({size})" for size in sizes), "per test",
               "per session", "extra/test", "extra/session",
               *(f"vs disabled @{n:,}" for n in EXTRAPOLATE_TO)]
    found = [row for tree, counts in results.items() for row in rows(tree, counts, disabled)]
    print(table(headers, found))
    counted = [f"{n:,}" for n in EXTRAPOLATE_TO if n in sizes]
    print(f"(per test = (I({sizes[1]}) - I({sizes[0]})) / {sizes[1] - sizes[0]}; "
          f"per session = I({sizes[0]}) - {sizes[0]} x per test; I(N) = per session + N x "
          "per test; extra = over the disabled run of the same suite; "
          + (f"the ratios at {', '.join(counted)} tests are counted, not extrapolated)"
             if counted else "every ratio is extrapolated)"))
    print()
    verdicts(results, disabled)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[250, 1000], metavar="N",
                        help=f"the two suite sizes, multiples of {FILES}")
    parser.add_argument("--tree", type=Path, action="append", dest="trees",
                        help="a source tree whose package to measure (repeatable; default: "
                             "the tree holding this script)")
    parser.add_argument("--suites", nargs="+", choices=list(WRITERS), default=ISSUE_SUITES)
    parser.add_argument("--variants", nargs="+", choices=list(ALIASES),
                        default=["disabled", "enforced", "minimal"],
                        help="default: all but not-asked (the plugin loaded, not asked)")
    parser.add_argument("--jobs", type=int, default=1, help="runs under valgrind at once")
    args = parser.parse_args()
    args.sizes = sorted(args.sizes)
    args.variants = [ALIASES[alias] for alias in args.variants]
    if args.sizes[0] == args.sizes[1] or any(size % FILES for size in args.sizes):
        parser.error(f"--sizes takes two different multiples of {FILES}")
    args.trees = [tree.resolve() for tree in args.trees or [Path(__file__).parent.parent]]
    return args


def main() -> None:
    args = arguments()
    if shutil.which("valgrind") is None:
        print("SKIPPED: valgrind is not installed (e.g. apt-get install valgrind); "
              "nothing was measured")
        return
    with tempfile.TemporaryDirectory(prefix="securecookie-instructions-") as directory:
        root = Path(directory)
        suites = {(name, size): root / f"{name}{size}" for name in args.suites
                  for size in args.sizes}
        for (name, size), suite in suites.items():
            write_suite(suite, name, size, FILES)
        # The disabled run and the minimal recorder do not load the plugin: counted once,
        # with the first tree, and shared by the others.
        shared = [v for v in args.variants if v in (DISABLED, MINIMAL)]
        own = [v for v in args.variants if v not in shared]
        first, *others = args.trees
        results = {first: measure_tree(first, suites, root, args.variants, args.jobs)}
        for tree in others:
            results[tree] = measure_tree(tree, suites, root, own, args.jobs)
        disabled = {key: value for key, value in results[first].items() if key[1] in shared}
    report(results, args.sizes, disabled)


if __name__ == "__main__":
    main()
