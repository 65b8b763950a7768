"""Memory of ``--secure-cookies-report``: peak RSS of a suite whose tests set many cookies.

Run: ``python benchmarks/bench_report_memory.py [--tests 10000] [--lines 50] [--tree PATH ...]``.

Issue 14: the report's memory must be O(distinct cookie x source x finding), not O(lines):
10,000 tests x 50 Set-Cookie lines under 150 MB peak RSS and at most 1.15x the CPU time of
the same run without the report.  The suite is a Flask app whose ``/login`` sets ``--lines``
cookies (one session and the rest plain preferences, fresh values per test) through its test
client; it runs once with ``--secure-cookies`` and once adding ``--secure-cookies-report``,
each in its own process, whose peak RSS (``ru_maxrss``) and CPU time (user + system) are read
with ``os.wait4``.  On a busy machine use a smaller ``--tests``: the table also prints the
growth per recorded line, from which the full size can be extrapolated.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table, verdict  # noqa: E402
from bench_instructions import label, tree_env  # noqa: E402

FILES = 20
TARGET_MB, TARGET_CPU = 150, 1.15
APP = '''
import flask

app = flask.Flask(__name__)
LINES = {lines}


@app.post("/login/<user>")
def login(user):
    response = flask.make_response("welcome")
    response.set_cookie("session", f"s-{{user}}-0123456789abcdef", secure=True, httponly=True,
                        samesite="Lax")
    for number in range(1, LINES):
        response.set_cookie(f"pref{{number}}", f"{{user}}-{{number}}", samesite="Lax")
    return response
'''
CONFTEST = '''
import pytest

from app import app


@pytest.fixture
def client():
    return app.test_client()
'''
TEST = '''
def test_login_{number}(client):
    assert client.post("/login/user{number}").status_code == 200
'''


def write_suite(root: Path, tests: int, lines: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "app.py").write_text(APP.format(lines=lines))
    (root / "conftest.py").write_text(CONFTEST)
    (root / "pytest.ini").write_text("[pytest]\n")
    per_file = tests // FILES
    for index in range(FILES):
        numbers = range(index * per_file, (index + 1) * per_file)
        text = "".join(TEST.format(number=number) for number in numbers)
        (root / f"test_login_{index:02d}.py").write_text(text)


def peak(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(peak RSS in MB, CPU seconds) of one run, which must pass."""
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def measure(tree: Path, suite: Path, root: Path) -> dict[str, tuple[float, float]]:
    env = tree_env(root, tree)
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(suite),
            "--secure-cookies"]
    variants = {"--secure-cookies": base,
                "+ --secure-cookies-report": [*base, f"--secure-cookies-report={root}/r.json"]}
    peak(base, env, suite)  # warm-up: bytecode
    return {name: peak(command, env, suite) for name, command in variants.items()}


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=10000, help=f"a multiple of {FILES}")
    parser.add_argument("--lines", type=int, default=50, help="Set-Cookie lines per test")
    parser.add_argument("--tree", type=Path, action="append", dest="trees")
    args = parser.parse_args()
    args.trees = [tree.resolve() for tree in args.trees or [Path(__file__).parent.parent]]
    return args


def main() -> None:
    args = arguments()
    recorded = args.tests * args.lines
    rows, verdicts = [], []
    with tempfile.TemporaryDirectory(prefix="securecookie-memory-") as directory:
        root = Path(directory)
        write_suite(root / "suite", args.tests, args.lines)
        for tree in args.trees:
            found = measure(tree, root / "suite", root)
            (rss, cpu), (report_rss, report_cpu) = found.values()
            for name, (mb, seconds) in found.items():
                rows.append((label(tree), name, f"{mb:,.0f} MB", f"{seconds:.1f} s"))
            rows.append((label(tree), "report's extra per line",
                         f"{(report_rss - rss) * 2**20 / recorded:,.0f} B",
                         f"{(report_cpu - cpu) * 1e6 / recorded:.1f} µs"))
            verdicts += [verdict(f"{label(tree)}: report run under {TARGET_MB} MB peak RSS",
                                 report_rss < TARGET_MB, f"{report_rss:,.0f} MB"),
                         verdict(f"{label(tree)}: report run <= {TARGET_CPU}x the CPU time",
                                 report_cpu <= TARGET_CPU * cpu, f"{report_cpu / cpu:.2f}x")]
    print(f"Python {sys.version.split()[0]}, {args.tests:,} Flask tests x {args.lines} "
          f"Set-Cookie lines ({recorded:,} recorded lines), one run each")
    print(table(["tree", "run", "peak RSS", "CPU"], rows))
    print()
    print("\n".join(verdicts))


if __name__ == "__main__":
    main()
