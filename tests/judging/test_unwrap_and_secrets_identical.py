"""``unwrap_value`` and ``secret_keys`` answer as the code before their fast paths (issue 14).

``unwrap_value`` returns a value with plain first and last characters as it is, and
``secret_keys`` answers a flat session of short strings from its key names alone; the
references below are the code as it was, over values and sessions around each condition.
"""

from __future__ import annotations

import itertools
import json

import pytest

from pytest_securecookie.judging import decoding
from pytest_securecookie.judging.decoding import secret_keys
from pytest_securecookie.judging.shapes import unwrap_value
from tests.judging.test_token_facts_identical import table


def ref_unwrap(value: str) -> str:
    text = value.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    for scheme in ("Bearer ", "Bearer%20", "bearer ", "bearer%20"):
        if text.startswith(scheme):
            return text[len(scheme):]
    return text


def ref_secret_keys(data: object, *, cut: bool = False) -> tuple[str, ...]:
    found = list(dict.fromkeys(
        decoding._keys_in_text(str(data)) if cut else decoding._secrets(data)))  # fmt: skip
    shown = found[:3]
    if len(found) > len(shown):
        shown.append(f"{len(found) - len(shown)} more")
    return tuple(shown)


EDGES = ["", " ", '"', "B", "b", "x", "\t", "\u00a0", "\u2003", "\x1c", "é", "'", "~", "%"]
CORES = ["", "B", "Bearer abc", "bearer%20abc", "Bearertoken", '"q"', "eyJhIjoxfQ.x.y", " a "]


def _values() -> list[str]:
    made = {first + core + last for first, core, last in itertools.product(EDGES, CORES, EDGES)}
    return sorted(made | set(table()))


def test_unwrap_value_is_the_reference() -> None:
    values = _values()
    assert [unwrap_value(value) for value in values] == [ref_unwrap(value) for value in values]


KEYS = ["user", "password", "api_key", "csrf_token", "theme", "passwords", "", "number"]
HELD: list[object] = [
    "", "ann", "x" * 12, "x" * 13, "4111111111111", "4222222222222", "4111 1111 1111 1111",
    "411111111111",
    0, 7, 4111111111111111, True, None, 1.5, [], ["secret"], {}, {"password": "p"},
    "-----BEGIN PRIVATE KEY-----" + "A" * 40,
]


def _sessions() -> list[object]:
    flat = [{key: held} for key, held in itertools.product(KEYS, HELD)]
    pairs = [{"user": held, key: "short"} for key, held in itertools.product(KEYS, HELD)]
    odd: list[object] = [{}, {1: "x"}, {None: "password"}, [], "password", 5, None,
                         [{"password": "p"}], {"a": {"b": {"ssn": "1"}}}]  # fmt: skip
    return [*flat, *pairs, *odd, *(dict.fromkeys(KEYS[:n], "v") for n in range(len(KEYS)))]


@pytest.mark.parametrize("cut", [False, True])
def test_secret_keys_is_the_reference(cut: bool) -> None:
    sessions = _sessions()
    if cut:  # a session cut short: the text of its first bytes
        sessions = [json.dumps(data, default=str)[:-1] for data in sessions]
    found = [secret_keys(data, cut=cut) for data in sessions]
    assert found == [ref_secret_keys(data, cut=cut) for data in sessions]
    assert sum(bool(keys) for keys in found) > 50  # secrets are found where they are
