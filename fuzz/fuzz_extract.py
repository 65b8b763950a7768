"""Coverage-guided fuzzing of the Set-Cookie extractor on plain data (atheris).

Run: ``python fuzz/fuzz_extract.py -max_total_time=300 fuzz/corpus_extract`` (see README.md).

The input is read as a header block or one line (str and bytes), split into a list of
lines, into WSGI ``(name, value)`` pairs, into an ASGI ``http.response.start`` message with
bytes headers, and into a mapping.  ``read_lines`` may refuse a malformed header block with
``ValueError`` (documented); anything else it raises is a crash.  Every line it returns is
then parsed, and ``set_cookies`` must agree with parsing those lines one by one.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["pytest_securecookie"]):
    from pytest_securecookie.parsing.parser import parse_set_cookie
    from pytest_securecookie.parsing.readers import read_lines, set_cookies

NAMES = ["Set-Cookie", "set-cookie", "SET-COOKIE", "Content-Type", "Date", "X"]


def shapes(provider: atheris.FuzzedDataProvider) -> list[object]:
    text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    parts = text.split("|")
    pairs = [(NAMES[len(part) % len(NAMES)], part) for part in parts]
    return [
        text,
        text.encode("utf-8"),
        parts,
        [part.encode("utf-8", "replace") for part in parts],
        pairs,
        {"type": "http.response.start", "status": 200,
         "headers": [(key.lower().encode(), value.encode()) for key, value in pairs]},
        dict(pairs),
    ]


def check(response: object) -> None:
    try:
        lines = read_lines(response)
    except ValueError:
        if isinstance(response, (str, bytes)):
            return  # a malformed raw header block is refused, by design
        raise
    if not all(isinstance(line, str) for line in lines):
        raise AssertionError("read_lines returned a line that is not str")
    parsed = [cookie for cookie in map(parse_set_cookie, lines) if cookie is not None]
    if [c.raw for c in set_cookies(response)] != [c.raw for c in parsed]:
        raise AssertionError("set_cookies disagrees with parsing read_lines one by one")


def test_one_input(data: bytes) -> None:
    for response in shapes(atheris.FuzzedDataProvider(data)):
        check(response)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
