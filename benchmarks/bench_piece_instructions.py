"""Instructions of the pieces of a test's end that run once per fresh value or response.

Run: ``python benchmarks/bench_piece_instructions.py [--tree PATH ...]``.

Each piece runs N times in a fresh interpreter under callgrind with the garbage collector
off (a collection falls where the heap's growth says, and one more or fewer blurs a count), on
what the Flask suite of ``bench_instructions.py`` receives (a login answered with a fresh
itsdangerous session, then a page), against the same program that skips the piece; per item =
the difference of the two counts' growth from N = 500 to 2,500, divided by 2,000 (200 to 1,000
for the pieces that request).  The pieces:

- ``token-facts``: ``judging.tokens`` facts of one fresh Flask session value (SC022-SC025);
- ``sc019-search``: the anchors of one fresh token, searched in the login response and the
  page (``judging.exposure``, the pass every test makes);
- ``werkzeug-headers``: the Set-Cookie lines and Date of both responses, as the recorder
  reads them;
- ``recording``: the login and the page requested through Flask's test client while a
  ``CookieRecorder`` records them (the patches held, as under ``--secure-cookies``: entering
  and leaving the recorder, both wrapped responses); the program that skips it makes the
  same two requests unrecorded;
- ``minimal-wrapper``: the same two requests through the issue's minimal wrapper (one
  patched method that reads the header list), for issue 14's second target: recording costs
  at most twice as much per response.

Opcodes are no guide here: a change that ran fewer Python opcodes counted more instructions
(the objects it built cost more than the loop it replaced), so each piece is counted whole.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table, verdict  # noqa: E402
from bench_instructions import growth_per_item, label, tree_env  # noqa: E402
from bench_overhead import APP  # noqa: E402

SIZES = (500, 2500)
SIZES_WITH_REQUESTS = (200, 1000)  # two requests per item: fewer items count as precisely
PIECES = ("token-facts", "sc019-search", "werkzeug-headers", "recording", "minimal-wrapper")
REQUESTS = ("recording", "minimal-wrapper")  # the pieces whose skipping run still requests
PROGRAM = '''
import gc
gc.disable()  # a collection falls where the heap's growth says: counted, it blurs the pieces
import base64, json, sys
from app import app  # bench_overhead's Flask app, written beside
import werkzeug.test
from pytest_securecookie.capturing import clients
from pytest_securecookie.capturing.recorder import CookieRecorder
from pytest_securecookie.capturing.wrapping import werkzeug_cookies_and_date
from pytest_securecookie.judging import exposure, tokens

piece, runs, skip = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "skip"
client = app.test_client()
received = []
if piece in {requests} and not skip:
    if piece == "recording":
        clients.hold()  # as --secure-cookies does for the session
    else:
        original = werkzeug.test.Client.open

        def minimal(*args, **kwargs):
            response = original(*args, **kwargs)
            received.extend(response.headers.getlist("Set-Cookie"))
            return response

        werkzeug.test.Client.open = minimal
login_response = client.post("/login", data={{"user": "user"}})
page = client.get("/me")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# Fresh session values as Flask writes them: base64 JSON, a timestamp, a signature.
payloads = (b64(json.dumps({{"user": f"user{{n}}"}}).encode()) for n in range(runs))
values = [f"{{payload}}.Z1x9Ag.{{b64(bytes([n % 251]) * 20)}}"
          for n, payload in enumerate(payloads)]
for n, value in enumerate(values):
    if piece in {requests}:
        if piece == "recording" and not skip:
            with CookieRecorder(keep_responses=True):
                client.post("/login", data={{"user": f"user{{n}}"}})
                client.get("/me")
        else:
            client.post("/login", data={{"user": f"user{{n}}"}})
            client.get("/me")
        received = []  # every run alike: the minimal wrapper's list starts empty per test
        continue
    if skip:
        continue
    if piece == "token-facts":
        tokens.token_facts(value)
    elif piece == "sc019-search":
        needles = exposure._Needles((value,))
        needles.touches(login_response)
        needles.touches(page)
    else:
        werkzeug_cookies_and_date(login_response.headers)
        werkzeug_cookies_and_date(page.headers)
'''


def per_item(env: dict[str, str], root: Path, piece: str, skip: bool) -> float:
    def command(size: int) -> list[str]:
        program = PROGRAM.format(requests=REQUESTS)
        return [sys.executable, "-c", program, piece, str(size), "skip" if skip else "run"]

    sizes = SIZES_WITH_REQUESTS if piece in REQUESTS else SIZES
    return growth_per_item(command, sizes, env, root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append", dest="trees")
    parser.add_argument("--pieces", nargs="+", choices=PIECES, default=list(PIECES))
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.trees or [Path(__file__).parent.parent]]
    rows, costs = [], {}
    with tempfile.TemporaryDirectory(prefix="securecookie-pieces-") as directory:
        root = Path(directory)
        (root / "app.py").write_text(APP)
        for tree in trees:
            env = tree_env(root, tree)
            for piece in args.pieces:
                cost = per_item(env, root, piece, skip=False) - per_item(env, root, piece, True)
                costs[tree, piece] = cost
                rows.append((label(tree), piece, f"{cost / 1e3:,.1f} k"))
                print(f"  {label(tree)} {piece}: {cost:,.0f}", file=sys.stderr)
    print(f"Python {sys.version.split()[0]}, instructions per item under callgrind with the "
          f"garbage collector off ({SIZES[0]} and {SIZES[1]} items, {SIZES_WITH_REQUESTS[0]} and "
          f"{SIZES_WITH_REQUESTS[1]} for the pieces that request; less the same program "
          "skipping the piece)")
    print(table(["tree", "piece", "per item"], rows))
    for tree in trees:
        if (tree, "recording") in costs and (tree, "minimal-wrapper") in costs:
            ratio = costs[tree, "recording"] / costs[tree, "minimal-wrapper"]
            print(verdict(f"{label(tree)}: recording <= 2x the minimal wrapper per response",
                          ratio <= 2, f"{ratio:.1f}x"))


if __name__ == "__main__":
    main()
