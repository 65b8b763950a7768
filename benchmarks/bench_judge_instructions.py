"""Instructions per recorded line of the end-of-test judge, per suite's session line.

Run: ``python benchmarks/bench_judge_instructions.py [--tree PATH ...]``.

The quick companion of ``bench_instructions.py`` (whose whole pytest runs take an hour under
callgrind on a busy machine): ``judging.recorded.judge`` alone, in a fresh interpreter under
callgrind, over N tests of one line each as the three suites receive them: Flask's session
(a fresh value per test), Django's signed-cookie session (a fresh value and an ``expires=``
a second later per test, with Max-Age) and Flask's session over a live server at a URL of its
own per test.  Per line = (I(large N) - I(small N)) / (large - small).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table  # noqa: E402
from bench_instructions import growth_per_item, label, tree_env  # noqa: E402

SIZES = (200, 1200)
PROGRAM = '''
import sys
from datetime import datetime, timedelta, timezone

from pytest_securecookie.capturing.recorder import RecordedLine
from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.recorded import judge

kind, tests = sys.argv[1], int(sys.argv[2])
policy = CookiePolicy()
start = datetime(2026, 12, 6, 8, 0, tzinfo=timezone.utc)


def line(number):
    value = f"eyJ1c2VyIjoidXNlcntudW1iZXJ9In0.Z1Mw{{number:06d}}.sig{{number:012d}}"
    if kind == "django":
        expires = (start + timedelta(seconds=number)).strftime("%a, %d %b %Y %H:%M:%S GMT")
        text = (f"sessionid={{value}}; expires={{expires}}; HttpOnly; Max-Age=1209600; "
                "Path=/; SameSite=Lax; Secure")
        url = "http://testserver/login"
        return RecordedLine(text, f"POST {{url}} (django)", "django", url, None, 0)
    text = f"session={{value}}; Secure; HttpOnly; Path=/; SameSite=Lax"
    url = f"http://127.0.0.1:8000/login/user{{number}}" if kind == "live" else "http://localhost/login"
    framework = "requests" if kind == "live" else "flask"
    return RecordedLine(text, f"POST {{url}} ({{framework}})", framework, url, None, 0)


for number in range(tests):
    judge([line(number)], policy, hook_free=True)
'''
KINDS = ("flask", "django", "live")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append", dest="trees")
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.trees or [Path(__file__).parent.parent]]
    rows = []
    with tempfile.TemporaryDirectory(prefix="securecookie-judge-") as directory:
        root = Path(directory)
        for tree in trees:
            env = tree_env(root, tree)
            for kind in KINDS:
                def command(size: int, kind: str = kind) -> list[str]:
                    return [sys.executable, "-c", PROGRAM.format(), kind, str(size)]

                per_line = growth_per_item(command, SIZES, env, root)
                rows.append((label(tree), kind, f"{per_line / 1e3:,.1f} k"))
                print(f"  {label(tree)} {kind}: {per_line:,.0f}", file=sys.stderr)
    print(f"Python {sys.version.split()[0]}, judge() of one line per test, instructions per "
          f"line from {SIZES[0]} and {SIZES[1]} tests under callgrind")
    print(table(["tree", "session line of", "per line"], rows))


if __name__ == "__main__":
    main()
