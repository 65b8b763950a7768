"""A count with its noun, singular or plural: ``1 cookie``, ``2 cookies``.

Pure and tiny, so that the summary line, which every recorded run prints, loads nothing else
to say it (``messages`` loads only when a cookie fails).
"""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun``, plural unless the count is one (``plural``: when not noun + s)."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
