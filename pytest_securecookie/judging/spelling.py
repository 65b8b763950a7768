"""Did you mean": the attribute (or SameSite value) a misspelt name probably meant.

Bounded work on hostile input: a name whose length alone rules every choice out is
answered without any distance computed, and the distance keeps two rows, not a table.
"""

from __future__ import annotations

from functools import lru_cache

ATTRIBUTES = ("Expires", "Max-Age", "Domain", "Path", "Secure", "HttpOnly", "SameSite",
              "Partitioned")
_ALIASES = {"expiry": "Expires", "expiration": "Expires", "expire": "Expires",
            "expiresat": "Expires", "maxage": "Max-Age", "samesitemode": "SameSite",
            "partition": "Partitioned", "secureonly": "Secure"}
_SEPARATORS = str.maketrans("", "", "-_ .")


def _folded(text: str) -> str:
    """Case-folded, without the separators people put in by mistake (Http-Only, Max_Age)."""
    return text.casefold().translate(_SEPARATORS)  # C speed, even on a 1 MiB name


@lru_cache(maxsize=16)  # called with ATTRIBUTES and the three SameSite values
def _folded_choices(choices: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((_folded(choice), choice) for choice in choices)


def _limit(folded: str) -> int:
    """How many edits still count as a misspelling: 1 for a short name, else 2."""
    return 1 if len(folded) <= 4 else 2


def did_you_mean(written: str, choices: tuple[str, ...] = ATTRIBUTES) -> str | None:
    """The known name ``written`` is probably a misspelling of, or None."""
    folded = _folded(written)
    if not folded:
        return None
    known = _folded_choices(choices)
    for folded_choice, choice in known:
        if folded_choice == folded:
            return choice
    if choices is ATTRIBUTES and folded in _ALIASES:
        return _ALIASES[folded]
    limit = _limit(folded)
    # The distance is at least the difference in length, so a choice that differs by more
    # than the limit can never be within it: skipping it leaves the best match unchanged
    # (ties still go to the alphabetically first choice, as min() over the pairs did).
    scored = [(_distance(folded, folded_choice), choice) for folded_choice, choice in known
              if abs(len(folded) - len(folded_choice)) <= limit]
    if not scored:
        return None
    best, choice = min(scored)
    return choice if best <= limit else None


# SC012 on one cookie.  A real cookie has a handful of unknown attributes; a broken or
# hostile line can have a hundred thousand.  Each distinct name is judged once, and only
# the first MISSPELT_JUDGED distinct ones (past the linear dedupe, the work per cookie is
# bounded); at most MISSPELT_REPORTED are reported, the last saying how many more there
# are.  A misspelling behind 256 other distinct unknown names goes unreported: only a
# generator gone wrong writes such a line.
MISSPELT_JUDGED = 256
MISSPELT_REPORTED = 5


def misspellings(names: tuple[str, ...]) -> tuple[list[tuple[str, str]], int]:
    """(written, meant) per distinct misspelt name in order, and how many names went unjudged."""
    distinct = list(dict.fromkeys(names))  # a name repeated 100,000 times is judged once
    judged = distinct[:MISSPELT_JUDGED]
    found = [(written, meant) for written in judged
             if (meant := did_you_mean(written)) is not None]
    return found, len(distinct) - len(judged)


def more_words(misspelt: int, unchecked: int) -> str:
    """What the findings shown leave out, e.g. ``" (and 3 more misspelt attributes)"``."""
    parts = []
    if misspelt:
        parts.append(f"{misspelt} more misspelt attribute{'s' if misspelt != 1 else ''}")
    if unchecked:
        parts.append(f"{unchecked} more unknown attribute{'s' if unchecked != 1 else ''} "
                     "not checked")
    return f" (and {'; '.join(parts)})" if parts else ""


def _distance(left: str, right: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a transposition costs 1 ("Secrue").

    Only the last two rows are kept: a transposition looks back two rows, no further.
    """
    before: list[int] = []
    previous = list(range(len(right) + 1))
    for i, char in enumerate(left, 1):
        row = [i] + [0] * len(right)
        for j, other in enumerate(right, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == right[j - 2] and left[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
        before, previous = previous, row
    return previous[-1]
