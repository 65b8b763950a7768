"""SC023: an auth cookie's tokens counting up, or a token a logout ended coming back.

One test's lines are judged with what the earlier tests of the run (of the same process,
under pytest-xdist: of the same worker) set: separate logins are separate clients, usually
separate tests.  Only opaque tokens are compared (``tokens.opaque``): a signed session or a
JSON Web Token may repeat, its content being the same.  Memory stays bounded: hashes of
values, a few per cookie name, for a bounded number of names; no value is ever kept or shown.
"""

from __future__ import annotations

import re

from .lines import JudgedLine
from .recorded import Verdict
from .rules import RULES, Finding
from .tokens import opaque, token_facts

_NAMES_MAX = 64  # cookie names followed in one run
_ENDED_MAX = 256  # tokens ended by a logout remembered per name
_STEP_MAX = 1000  # a counter shared with other logins moves on by more than one
_NUMBERED = re.compile(r"(.*?)(\d{1,18})")  # a longer run of digits counts nothing
_FIX = ("issue a fresh token from a cryptographic random source at each login "
        "(Python: secrets.token_urlsafe(32)), never a counter, a time or an ended token")


class _Seen:
    """What the run saw of one cookie's tokens."""

    __slots__ = ("counter", "ended", "last")

    def __init__(self) -> None:
        self.last: int | None = None  # hash of the token set last
        self.ended: dict[int, None] = {}  # hashes of tokens a deletion (logout) ended
        self.counter: tuple[int, int] | None = None  # (hash of the prefix, its number)


class Logins:
    """The tokens each auth cookie was set to in the run, as hashes."""

    __slots__ = ("_seen",)

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}

    def judged(self, verdict: Verdict) -> Verdict:
        """One test's ``verdict`` with SC023 on the lines whose token counts up from an earlier
        login's or is one a logout ended."""
        if not any(line.classification.kind == "auth" for line in verdict.lines):
            return verdict  # most tests: nothing to compare, nothing to remember
        return Verdict(tuple(self._judged(line) for line in verdict.lines))

    def _judged(self, line: JudgedLine) -> JudgedLine:
        if line.classification.kind != "auth" or line.dropped is not None:
            return line
        seen = self._for(line.cookie.name)
        if seen is None:
            return line
        if line.deletion:
            if seen.last is not None:
                _remember(seen.ended, seen.last)
            seen.last = None
            return line
        value = line.cookie.value
        if not opaque(token_facts(value)):
            return line
        problem = _problem(seen, line.cookie.name, value)
        if problem is None:
            return line
        finding = Finding("SC023", line.cookie.name, problem, RULES["SC023"].why, _FIX)
        return line._replace(findings=(*line.findings, finding))

    def _for(self, name: str) -> _Seen | None:
        seen = self._seen.get(name)
        if seen is None and len(self._seen) < _NAMES_MAX:
            seen = self._seen[name] = _Seen()
        return seen


def _problem(seen: _Seen, name: str, value: str) -> str | None:
    """Why token ``value`` repeats or counts up (None if it does neither); ``seen`` learns it."""
    token = hash(value)
    numbered = _NUMBERED.fullmatch(value)
    counter = (hash(numbered.group(1)), int(numbered.group(2))) if numbered else None
    problem = None
    if token in seen.ended:
        problem = f"'{name}' was set to a token that a logout earlier in the run had ended"
    elif token != seen.last and counter and seen.counter and counter[0] == seen.counter[0]:
        step = counter[1] - seen.counter[1]
        if 0 < step <= _STEP_MAX:
            problem = f"'{name}' counts up: its token is an earlier login's plus {step}"
    seen.last, seen.counter = token, counter
    return problem


def _remember(ended: dict[int, None], token: int) -> None:
    if len(ended) >= _ENDED_MAX:
        del ended[next(iter(ended))]  # the oldest
    ended[token] = None
