"""Import cost: what ``import pytest_securecookie.plugin`` adds once pytest is imported.

Run: ``python benchmarks/bench_import.py [--rounds N]``.

Every pytest run pays this (the plugin loads through its pytest11 entry point).  Each
round is a fresh interpreter that imports pytest, then times the plugin's import (wall
clock and CPU time); the figure is the median over the rounds.  The same interpreters
check that no HTTP client or web framework came in with it, and one more run with
``-X importtime`` lists the modules that cost the most.

Target (issue 5): at most 5 ms, and none of requests, werkzeug, httpx, django, aiohttp,
flask, starlette imported.

The package loads its modules lazily, so an import figure alone could hide work moved to
pytest's start-up hooks: the script also times a whole pytest session that never uses the
plugin (``--collect-only`` in an empty directory) with and without ``-p no:securecookie``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table, verdict  # noqa: E402

TARGET_MS = 5.0
CLIENTS = ("requests", "werkzeug", "httpx", "django", "aiohttp", "flask", "starlette",
           "urllib3", "tornado", "falcon", "webtest")
PROBE = f"""
import json, sys, time
import pytest
wall, cpu = time.perf_counter(), time.process_time()
import pytest_securecookie.plugin
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
clients = [name for name in {CLIENTS!r} if name in sys.modules]
print(json.dumps({{"wall": wall, "cpu": cpu, "clients": clients}}))
"""


def environment(cache: str) -> dict[str, str]:
    """Bytecode written to and read from ``cache``, as an installed package has it (pip
    compiles on install), whatever PYTHONDONTWRITEBYTECODE says, outside the work tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def probe(env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True, env=env)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def session_cpu(env: dict[str, str], directory: str, disabled: bool) -> float:
    """CPU seconds of one ``pytest --collect-only`` in an empty directory."""
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only",
               "-q", directory, *(["-p", "no:securecookie"] if disabled else [])]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, env=env, cwd=directory)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def session_overhead(env: dict[str, str], rounds: int) -> tuple[float, float]:
    """Median extra CPU ms of an empty pytest session with the plugin (alternated rounds),
    and half the interquartile range of those differences (their noise)."""
    with tempfile.TemporaryDirectory(prefix="securecookie-empty-") as directory:
        (Path(directory) / "pytest.ini").write_text("[pytest]\n")
        session_cpu(env, directory, False)  # warm-up: bytecode
        extra = [session_cpu(env, directory, False) - session_cpu(env, directory, True)
                 for _ in range(rounds)]
    quartiles = statistics.quantiles(extra, n=4)
    return statistics.median(extra) * 1e3, (quartiles[2] - quartiles[0]) / 2 * 1e3


def costliest(env: dict[str, str], count: int = 8) -> list[tuple[str, int]]:
    """(module, self µs) of the modules the plugin's import brings in, costliest first."""
    code = "import pytest; import pytest_securecookie.plugin"
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", code],
                         capture_output=True, text=True, check=True, env=env)
    rows, after_pytest = [], False
    for line in out.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        self_us, _, name = (part.strip() for part in line[12:].split("|"))
        if name == "pytest":
            after_pytest = True  # pytest's line comes after its own imports
            continue
        if after_pytest and self_us.isdigit():
            rows.append((name, int(self_us)))
    return sorted(rows, key=lambda row: row[1], reverse=True)[:count]


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--rounds", type=int, default=31)
    rounds = arguments.parse_args().rounds
    with tempfile.TemporaryDirectory(prefix="securecookie-pyc-") as cache:
        env = environment(cache)
        cold = probe(env)  # compiles and writes the bytecode
        runs = [probe(env) for _ in range(rounds)]
        slowest = costliest(env)
        session = session_overhead(env, rounds)
    wall = statistics.median(float(run["wall"]) for run in runs) * 1e3  # type: ignore[arg-type]
    cpu = statistics.median(float(run["cpu"]) for run in runs) * 1e3  # type: ignore[arg-type]
    clients = sorted({name for run in runs for name in run["clients"]})  # type: ignore[attr-defined]
    print(f"Python {sys.version.split()[0]}, {rounds} fresh interpreters, medians")
    print(f"import pytest_securecookie.plugin after pytest: {wall:.2f} ms wall, {cpu:.2f} ms CPU")
    print(f"(the first import, compiling the bytecode: {float(cold['cpu']) * 1e3:.1f} ms CPU)")  # type: ignore[arg-type]
    print(f"an empty pytest session (--collect-only) with the plugin: {session[0]:+.1f} ms "
          f"CPU, ±{session[1]:.1f} ms (median difference of whole ~400 ms sessions, half IQR)")
    print("\nmodules it brings in, costliest first (-X importtime, self time):")
    print(table(["module", "self µs"], slowest))
    print()
    print(verdict(f"import adds <= {TARGET_MS:.0f} ms", cpu <= TARGET_MS,
                  f"{cpu:.2f} ms CPU, {wall:.2f} ms wall, median"))
    found = f"imported: {', '.join(clients)}" if clients else "none of " + ", ".join(CLIENTS)
    print(verdict("no HTTP client or framework imported", not clients, found))


if __name__ == "__main__":
    main()
