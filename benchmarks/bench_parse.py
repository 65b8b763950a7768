"""Parse throughput: ``parse_set_cookie`` against the other Set-Cookie parsers.

Run: ``python benchmarks/bench_parse.py [--rounds N]`` (install ``.[bench]`` first for the
PyPI peers; a peer that is not installed is left out and said so).

The workload is what a test suite sends: the ~50 realistic lines of ``_lines.py`` (Flask,
Django, Express, Rails, ASP.NET, JSESSIONID, PHPSESSID, JWTs, Expires with commas, quoted
values, a 3 KB value), each in 40 variants with a fresh value and the framework's usual
attributes.  Every candidate parses the same 2,000 lines per pass; passes alternate between
candidates over the rounds and each figure is a median.  One more candidate runs the parser
with its attribute cache switched off: the price of attributes never seen before.

Targets (issue 5): at least half the rate of a bare ``split(';')``/``partition('=')`` loop,
at least 4x ``http.cookies.SimpleCookie`` and at least 10x ``setcookie``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.cookiejar
import http.cookies
import importlib.util
import platform
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _lines import REALISTIC, with_fresh_values  # noqa: E402
from _timing import median_seconds, table, verdict  # noqa: E402

import pytest_securecookie.parsing.parser as parse_module  # noqa: E402
from pytest_securecookie import parse_set_cookie  # noqa: E402

LINES = with_fresh_values(REALISTIC, 40)
Parser = Callable[[list[str]], None]


def bare(lines: list[str]) -> None:
    """The ceiling: the least any parser does, in straight-line code.  The pair is split
    once on "=", the attributes on ";" and each once on "="; names and values are
    stripped, attribute names lower-cased and kept in a dict.  No rule of RFC 6265bis is
    applied: no control characters, sizes, dates, Max-Age, Domain, Path nor SameSite."""
    for line in lines:
        pair, _, tail = line.partition(";")
        name, _, value = pair.partition("=")
        attributes = {}
        for cookie_av in tail.split(";"):
            key, _, text = cookie_av.partition("=")
            attributes[key.strip().lower()] = text.strip()
        (name.strip(), value.strip(), attributes)


def split_only(lines: list[str]) -> None:
    """Shown for scale, not a target: split and partition, keeping and deriving nothing."""
    for line in lines:
        for part in line.split(";"):
            part.partition("=")


def ours(lines: list[str]) -> None:
    for line in lines:
        parse_set_cookie(line)


def ours_uncached(lines: list[str]) -> None:
    """The parser with its tail cache switched off (an attribute string never seen)."""
    saved = parse_module._TAIL_CACHED_LENGTH
    parse_module._TAIL_CACHED_LENGTH = -1
    parse_module._TAILS.clear()
    try:
        ours(lines)
    finally:
        parse_module._TAIL_CACHED_LENGTH = saved


def simple_cookie(lines: list[str]) -> None:
    for line in lines:
        http.cookies.SimpleCookie(line)


def ns_headers(lines: list[str]) -> None:
    for line in lines:
        http.cookiejar.parse_ns_headers([line])


def werkzeug_test_client() -> Parser | None:
    """What werkzeug's test client uses on each Set-Cookie line (``Cookie`` in werkzeug.test)."""
    if importlib.util.find_spec("werkzeug") is None:
        return None
    from werkzeug.test import Cookie

    read = Cookie._from_response_header

    def parse(lines: list[str]) -> None:
        for line in lines:
            with contextlib.suppress(ValueError, StopIteration):  # no answer for some lines
                read("localhost", "/", line)

    return parse


def setcookie_parser() -> Parser | None:
    if importlib.util.find_spec("setcookie") is None:
        return None
    import setcookie

    read, error = setcookie.parse, setcookie.CookieError

    def parse(lines: list[str]) -> None:
        for line in lines:
            with contextlib.suppress(error):  # a line a browser ignores
                read(line)

    return parse


def cookiespec_parser() -> Parser | None:
    if importlib.util.find_spec("cookiespec") is None:
        return None
    import cookiespec

    read, error = cookiespec.parse_set_cookie, cookiespec.CookieSpecError

    def parse(lines: list[str]) -> None:
        for line in lines:
            with contextlib.suppress(error):
                read(line)

    return parse


def candidates() -> dict[str, Parser]:
    found: dict[str, Parser | None] = {
        "bare split/partition loop": bare,
        "split only (derives nothing)": split_only,
        "parse_set_cookie": ours,
        "parse_set_cookie, tail cache off": ours_uncached,
        "http.cookies.SimpleCookie": simple_cookie,
        "http.cookiejar.parse_ns_headers": ns_headers,
        "werkzeug test client Cookie": werkzeug_test_client(),
        "setcookie.parse": setcookie_parser(),
        "cookiespec.parse_set_cookie": cookiespec_parser(),
    }
    for name, parser in found.items():
        if parser is None:
            print(f"left out: {name} (not installed; pip install -e '.[bench]')")
    return {name: parser for name, parser in found.items() if parser is not None}


def report(seconds: dict[str, float]) -> None:
    rate = {name: len(LINES) / time for name, time in seconds.items()}
    base, mine = rate["bare split/partition loop"], rate["parse_set_cookie"]
    rows = [
        (name, f"{r / 1000:,.0f}k", f"{r / base:.2f}", f"{mine / r:.2f}x")
        for name, r in sorted(rate.items(), key=lambda item: item[1], reverse=True)
    ]
    print(table(["parser", "lines/s", "vs bare loop", "parse_set_cookie is"], rows))
    print()
    print(verdict(">= 0.5x the bare loop", mine / base >= 0.5, f"{mine / base:.2f}x"))
    uncached = rate["parse_set_cookie, tail cache off"]
    print(f"(tail cache off: {uncached / base:.2f}x the bare loop, not a target)")
    for peer, wanted in (("http.cookies.SimpleCookie", 4), ("setcookie.parse", 10)):
        if peer in rate:
            ratio = mine / rate[peer]
            print(verdict(f">= {wanted}x {peer}", ratio >= wanted, f"{ratio:.1f}x"))


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--rounds", type=int, default=21)
    rounds = arguments.parse_args().rounds
    print(f"Python {platform.python_version()}, {len(LINES)} lines per pass "
          f"({len(REALISTIC)} realistic lines x 40 fresh values), {rounds} rounds, "
          "median CPU time per pass")
    parsers = candidates()
    seconds = median_seconds({name: (lambda p=p: p(LINES)) for name, p in parsers.items()}, rounds)
    report(seconds)


if __name__ == "__main__":
    main()
