"""Did you mean": the attribute (or SameSite value) a misspelt name probably meant."""

from __future__ import annotations

ATTRIBUTES = ("Expires", "Max-Age", "Domain", "Path", "Secure", "HttpOnly", "SameSite",
              "Partitioned")
_ALIASES = {"expiry": "Expires", "expiration": "Expires", "expire": "Expires",
            "expiresat": "Expires", "maxage": "Max-Age", "samesitemode": "SameSite",
            "partition": "Partitioned", "secureonly": "Secure"}


def _folded(text: str) -> str:
    """Case-folded, without the separators people put in by mistake (Http-Only, Max_Age)."""
    return "".join(char for char in text.casefold() if char not in "-_ .")


def did_you_mean(written: str, choices: tuple[str, ...] = ATTRIBUTES) -> str | None:
    """The known name ``written`` is probably a misspelling of, or None."""
    folded = _folded(written)
    if not folded:
        return None
    for choice in choices:
        if _folded(choice) == folded:
            return choice
    if choices is ATTRIBUTES and folded in _ALIASES:
        return _ALIASES[folded]
    scored = [(_distance(folded, _folded(choice)), choice) for choice in choices]
    best, choice = min(scored)
    return choice if best <= (1 if len(folded) <= 4 else 2) else None


def _distance(left: str, right: str) -> int:
    """Damerau-Levenshtein (optimal string alignment): a transposition costs 1 ("Secrue")."""
    rows = [list(range(len(right) + 1))]
    for i, char in enumerate(left, 1):
        row = [i] + [0] * len(right)
        for j, other in enumerate(right, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (char != other))
            if i > 1 and j > 1 and char == right[j - 2] and left[i - 2] == other:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]
