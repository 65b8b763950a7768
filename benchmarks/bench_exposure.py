"""The cost of SC019, the search for a test's auth tokens outside Set-Cookie (issue 13 §2).

Run: ``python benchmarks/bench_exposure.py [--rounds 7]`` (~1 min).

A real Flask app answers a login with a hardened session cookie and a body of 1, 4 or 16 MB
that the test client has read (the body does not hold the token, so every byte is searched).
Per body size it times, in alternated rounds (CPU time, medians), the end-of-test judge of
the recorded lines without the search and with it, and one bare ``token in body`` (a single
C-speed pass over the body: the floor).  Two kinds of body: plain JSON text, and a hostile
one made of near-misses (the token with its last character changed, over and over); two
kinds of test: one session token (a few forms, searched with ``in``) and 20 tokens (60
forms, one regex).  Then a typical test (login, one small page) with and without the search.

Targets: linear bodies (each 4x larger body takes at most 5x the time), and a search that
costs a small multiple of one bare pass.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import flask  # noqa: E402
from _timing import median_seconds, table, verdict  # noqa: E402

from pytest_securecookie import CookiePolicy  # noqa: E402
from pytest_securecookie.capturing.recorder import CookieRecorder  # noqa: E402
from pytest_securecookie.judging.recorded import judge  # noqa: E402

MB = 1_000_000
SIZES = (1, 4, 16)
TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.Zq9-77a0d3-5c1e"
HARDENED: dict[str, Any] = {"secure": True, "httponly": True, "samesite": "Lax"}
NAMES = 20  # the many-token test: this many auth cookies (3 forms each)
PLAIN = b'{"user": "ann", "items": [1, 2, 3], "text": "lorem ipsum dolor sit amet"} '


def body(kind: str, size: int) -> bytes:
    unit = PLAIN if kind == "plain" else TOKEN[:-1].encode() + b"!"
    return (unit * (size * MB // len(unit) + 1))[: size * MB]


def app(payload: bytes, tokens: int) -> flask.Flask:
    served = flask.Flask(__name__)

    @served.post("/login")
    def login() -> flask.Response:
        response = flask.make_response(payload)
        for number in range(tokens):
            name = "session" if tokens == 1 else f"session_token_{number}"
            response.set_cookie(name, f"{number:02d}{TOKEN}", **HARDENED)
        return response

    return served


def recorded(payload: bytes, tokens: int) -> tuple[Any, Any]:
    client = app(payload, tokens).test_client()
    policy = CookiePolicy(auth_names=("session*",))
    with CookieRecorder(keep_responses=True) as recorder:
        client.post("/login").get_data()
    return recorder, policy


def timed(payload: bytes, tokens: int, rounds: int) -> dict[str, float]:
    """The judge of the recorded login without the search and with it, and one bare pass."""
    recorder, policy = recorded(payload, tokens)
    lines, seen, needle = recorder.lines, recorder.seen, TOKEN.encode()
    return median_seconds({
        "without": lambda: judge(lines, policy),
        "with": lambda: judge(lines, policy, seen=seen),
        "bare": lambda: needle in payload,
    }, rounds, sample=0.05)  # fmt: skip


def body_rows(rounds: int) -> tuple[list[list[object]], list[str]]:
    rows: list[list[object]] = []
    verdicts = []
    for kind in ("plain", "hostile"):
        for tokens in (1, NAMES):
            per_size: dict[int, float] = {}
            for size in SIZES:
                payload = body(kind, size)
                times = timed(payload, tokens, rounds)
                search = times["with"] - times["without"]
                per_size[size] = search
                rows.append([kind, tokens, f"{size} MB", f"{search * 1000:.1f} ms",
                             f"{times['bare'] * 1000:.1f} ms", f"{search / times['bare']:.1f}x",
                             f"{size * MB / search / MB:,.0f} MB/s"])  # fmt: skip
            steps = [per_size[b] / per_size[a] for a, b in zip(SIZES, SIZES[1:], strict=False)]
            verdicts.append(verdict(
                f"linear: {kind} body, {tokens} token(s), each 4x body <= 5x time",
                all(step <= 5 for step in steps), ", ".join(f"{s:.2f}x" for s in steps)))
    return rows, verdicts


def typical_recording() -> tuple[list[Any], list[Any]]:
    """The lines and kept responses of the suite's usual test: a login (Flask's signed
    session) and a small page, both bodies read."""
    served = flask.Flask(__name__)
    served.secret_key = "bench"

    @served.post("/login")
    def login() -> str:
        flask.session["user"] = "ann"
        return "welcome"

    @served.get("/home")
    def home() -> str:
        return "home"

    client = served.test_client()
    with CookieRecorder(keep_responses=True) as recorder:
        client.post("/login").get_data()
        client.get("/home").get_data()
    return recorder.lines, recorder.seen


def typical_test(rounds: int) -> str:
    """Login (Flask's signed session) and a small page: the suite's usual test."""
    (lines, seen), policy = typical_recording(), CookiePolicy()
    times = median_seconds({
        "without": lambda: judge(lines, policy),
        "with": lambda: judge(lines, policy, seen=seen),
    }, rounds)  # fmt: skip
    extra = times["with"] - times["without"]
    return (f"typical test (login + page, 2 responses): judge {times['without'] * 1e6:.1f} us "
            f"without the search, {times['with'] * 1e6:.1f} us with it (+{extra * 1e6:.1f} us "
            "per test)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    rounds = parser.parse_args().rounds
    print(f"Python {sys.version.split()[0]}, {rounds} rounds, median CPU time per call")
    rows, verdicts = body_rows(rounds)
    headers = ["body", "tokens", "size", "search", "bare `in`", "vs bare", "throughput"]
    print(table(headers, rows))
    print(typical_test(rounds * 3))
    for line in verdicts:
        print(line)


if __name__ == "__main__":
    main()
