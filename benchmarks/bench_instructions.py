"""Enforcement overhead in instructions: a deterministic count with valgrind's callgrind.

Run: ``python benchmarks/bench_instructions.py [--sizes 50 250] [--tree PATH ...]``.

Timings on a shared machine swing by several percent from run to run; the number of
instructions a run executes does not depend on what else the machine is doing.  This script
generates the Flask suite of ``bench_overhead.py`` (each test logs in, which sets one Secure
session cookie, then reads a page) at two sizes, runs
``python -m pytest -q -p no:cacheprovider <suite>`` under
``valgrind --tool=callgrind`` once per variant and size, and reads the total instructions.

Two sizes split each variant's count into a cost per test and a cost per session (module
loading, collection, the summary): ``per test = (I(large) - I(small)) / (large - small)``.
From those it extrapolates a 1,000-test run and prints the ratio of each variant to the
plugin disabled (``-p no:securecookie``).  Each ``--tree`` (default: the tree holding this
script) is measured with its own package first on ``PYTHONPATH``, so two trees (before and
after a change) can be compared in one run.  Every run uses ``PYTHONHASHSEED=0`` and
compiled bytecode (one warm-up run per variant outside valgrind).  Without valgrind the
script says so and measures nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table  # noqa: E402
from bench_overhead import _env, write_suite  # noqa: E402

FILES = 10  # test files per suite, whatever its size (their cost is counted per session)
EXTRAPOLATE_TO = 1000
DISABLED = "-p no:securecookie"
NOT_ASKED = "plugin loaded, not asked"
VARIANTS = {DISABLED: ["-p", "no:securecookie"], NOT_ASKED: [],
            "--secure-cookies": ["--secure-cookies"]}
Counts = dict[str, dict[int, int]]  # variant -> suite size -> instructions


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


def measure_tree(tree: Path, suites: dict[int, Path], root: Path, variants: list[str]) -> Counts:
    env = tree_env(root, tree)
    print(f"{tree}: measuring {package_file(env, tree)}", file=sys.stderr)
    counts: Counts = {variant: {} for variant in variants}
    for number, variant in enumerate(variants):
        for size, suite in suites.items():
            command = pytest_command(suite, variant)
            run_checked(command, env, tree, size)  # warm-up: bytecode; checks the run passes
            out = root / f"callgrind.{tree.name}.{number}.{size}.out"
            counts[variant][size] = instructions(command, env, tree, out)
            print(f"  {variant}, {size} tests: {counts[variant][size]:,}", file=sys.stderr)
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


def rows(tree: Path, counts: Counts) -> list[tuple[str, ...]]:
    sizes = sorted(counts[DISABLED])
    disabled_per_test, disabled_session = split(counts[DISABLED])
    disabled_total = disabled_session + disabled_per_test * EXTRAPOLATE_TO
    found = []
    for variant, by_size in counts.items():
        per_test, session = split(by_size)
        total = session + per_test * EXTRAPOLATE_TO
        found.append((label(tree), variant, *(f"{by_size[size] / 1e9:.3f} G" for size in sizes),
                      f"{per_test / 1e3:,.0f} k", f"{session / 1e6:,.0f} M",
                      f"{total / 1e9:.3f} G", f"{total / disabled_total:.4f}",
                      f"{(per_test - disabled_per_test) / 1e3:+,.0f} k",
                      f"{(session - disabled_session) / 1e6:+,.0f} M"))
    return found


def report(results: dict[Path, Counts], sizes: list[int]) -> None:
    print(f"Python {sys.version.split()[0]}, Flask suites of {sizes[0]} and {sizes[1]} tests "
          f"({FILES} files), total instructions under callgrind, PYTHONHASHSEED=0")
    headers = ["tree", "variant", *(f"I({size})" for size in sizes), "per test",
               "per session", f"I({EXTRAPOLATE_TO:,}) est.", "vs disabled",
               "extra/test", "extra/session"]
    print(table(headers, [row for tree, counts in results.items() for row in rows(tree, counts)]))
    print(f"(per test = (I({sizes[1]}) - I({sizes[0]})) / {sizes[1] - sizes[0]}; "
          f"per session = I({sizes[0]}) - {sizes[0]} x per test; "
          f"I({EXTRAPOLATE_TO:,}) = per session + {EXTRAPOLATE_TO:,} x per test)")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[50, 250], metavar="N",
                        help=f"the two suite sizes, multiples of {FILES}")
    parser.add_argument("--tree", type=Path, action="append", dest="trees",
                        help="a source tree whose package to measure (repeatable; default: "
                             "the tree holding this script)")
    parser.add_argument("--skip-not-asked", action="store_true",
                        help="leave out the run with the plugin loaded but not asked")
    args = parser.parse_args()
    args.sizes = sorted(args.sizes)
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
        suites = {size: root / f"suite{size}" for size in args.sizes}
        for size, suite in suites.items():
            suite.mkdir()
            write_suite(suite, size, FILES)
        variants = [v for v in VARIANTS if not (args.skip_not_asked and v == NOT_ASKED)]
        results = {tree: measure_tree(tree, suites, root, variants) for tree in args.trees}
    report(results, args.sizes)


if __name__ == "__main__":
    main()
