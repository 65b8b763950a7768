"""Instructions of the pieces of a test's end that run once per fresh value or response.

Run: ``python benchmarks/bench_piece_instructions.py [--tree PATH ...]``.

Each piece runs N times in a fresh interpreter under callgrind, on what the Flask suite of
``bench_instructions.py`` receives (a login answered with a fresh itsdangerous session, then a
page), against the same program that skips the piece; per item = the difference of the two
counts' growth from N = 500 to 2,500, divided by 2,000.  The pieces:

- ``token-facts``: ``judging.tokens`` facts of one fresh Flask session value (SC022-SC025);
- ``sc019-search``: the anchors of one fresh token, searched in the login response and the
  page (``judging.exposure``, the pass every test makes);
- ``werkzeug-headers``: the Set-Cookie lines and Date of both responses, as the recorder
  reads them.

Opcodes are no guide here: a change that ran fewer Python opcodes counted more instructions
(the objects it built cost more than the loop it replaced), so each piece is counted whole.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import table  # noqa: E402
from bench_instructions import growth_per_item, label, tree_env  # noqa: E402
from bench_overhead import APP  # noqa: E402

SIZES = (500, 2500)
PIECES = ("token-facts", "sc019-search", "werkzeug-headers")
PROGRAM = '''
import base64, json, sys
from app import app  # bench_overhead's Flask app, written beside
from pytest_securecookie.capturing.wrapping import werkzeug_cookies_and_date
from pytest_securecookie.judging import exposure, tokens

piece, runs, skip = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "skip"
client = app.test_client()
login_response = client.post("/login", data={{"user": "user"}})
page = client.get("/me")


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# Fresh session values as Flask writes them: base64 JSON, a timestamp, a signature.
payloads = (b64(json.dumps({{"user": f"user{{n}}"}}).encode()) for n in range(runs))
values = [f"{{payload}}.Z1x9Ag.{{b64(bytes([n % 251]) * 20)}}"
          for n, payload in enumerate(payloads)]
for value in values:
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
        return [sys.executable, "-c", PROGRAM.format(), piece, str(size), "skip" if skip else "run"]

    return growth_per_item(command, SIZES, env, root)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", type=Path, action="append", dest="trees")
    parser.add_argument("--pieces", nargs="+", choices=PIECES, default=list(PIECES))
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.trees or [Path(__file__).parent.parent]]
    rows = []
    with tempfile.TemporaryDirectory(prefix="securecookie-pieces-") as directory:
        root = Path(directory)
        (root / "app.py").write_text(APP)
        for tree in trees:
            env = tree_env(root, tree)
            for piece in args.pieces:
                cost = per_item(env, root, piece, skip=False) - per_item(env, root, piece, True)
                rows.append((label(tree), piece, f"{cost / 1e3:,.1f} k"))
                print(f"  {label(tree)} {piece}: {cost:,.0f}", file=sys.stderr)
    print(f"Python {sys.version.split()[0]}, instructions per item under callgrind "
          f"({SIZES[0]} and {SIZES[1]} items, less the same program skipping the piece)")
    print(table(["tree", "piece", "per item"], rows))


if __name__ == "__main__":
    main()
