"""How much read_lines costs per response, for the kinds the recorder meets most.

Run: ``python benchmarks/bench_extract.py``.  Prints nanoseconds of CPU time per call (best of
5; CPU time so that other processes on a busy machine do not inflate it).
"""

from __future__ import annotations

import time
import timeit
from collections.abc import Callable

import flask

from pytest_securecookie.parsing.readers import read_lines, set_cookies

LINES = [
    "a=1; Expires=Thu, 01 Jan 2037 00:00:00 GMT; Path=/; HttpOnly",
    "b=2; Path=/; Secure; SameSite=Lax",
    "a=3; Path=/sub",
]


def flask_response() -> object:
    app = flask.Flask(__name__)

    @app.route("/")
    def view() -> flask.Response:
        response = flask.make_response("ok")
        for line in LINES:
            response.headers.add("Set-Cookie", line)
        return response

    return app.test_client().get("/")


def cases() -> dict[str, Callable[[], object]]:
    response = flask_response()
    pairs = [("Content-Type", "text/html")] + [("Set-Cookie", line) for line in LINES]
    message = {
        "type": "http.response.start",
        "headers": [(b"set-cookie", line.encode()) for line in LINES],
    }
    return {
        "str (one line)": lambda: read_lines(LINES[0]),
        "list of 3 str": lambda: read_lines(LINES),
        "werkzeug/Flask response, 3 lines": lambda: read_lines(response),
        "WSGI header list, 3 lines": lambda: read_lines(pairs),
        "ASGI message, 3 lines": lambda: read_lines(message),
        "set_cookies(Flask response)": lambda: set_cookies(response),
    }


def main() -> None:
    for name, call in cases().items():
        number = 20_000
        timer = timeit.Timer(call, timer=time.process_time)
        best = min(timer.repeat(number=number, repeat=5)) / number
        print(f"{name:36} {best * 1e9:8.0f} ns")


if __name__ == "__main__":
    main()
