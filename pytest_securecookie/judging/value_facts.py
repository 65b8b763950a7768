"""What a judgement may read of a cookie's value, named, so a cached judgement can say which.

A judgement that reads nothing of the value holds for every value of the cookie; one that
read some facts of it (its credential shape, its entropy ...) holds for every value with the
same facts; one that shows the value hidden in attribute text holds for no other value.  A
rule reads a fact through ``Context.value_fact(name)``: the judgement then remembers the name
and the session's cache (``judging.assessments``) keys the line on that fact's value.  A rule
that needs a new fact registers it here with ``register_value_fact`` on import.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from .shapes import credential_shape

ValueFact = Callable[[str], Hashable]  # the value -> the fact (hashable: part of a cache key)

SHAPE = "shape"  # which credential shape the value has (``shapes.credential_shape``), or None
TOKEN = "token"  # what the value tells as a token (``tokens.token_facts``, registered there)
VALUE_FACTS: dict[str, ValueFact] = {SHAPE: credential_shape}


# Facts another fact already holds: ``name -> (holder, how to read it from the holder's)``.
_HELD_BY: dict[str, tuple[str, Callable[[Hashable], Hashable]]] = {}


def register_value_fact(
    name: str, fact: ValueFact, holds: dict[str, Callable[[Hashable], Hashable]] | None = None
) -> None:
    """Make ``name`` a fact rules may read; the same name twice must be the same function.
    ``holds``: the facts this one's value already tells, and how to read each from it (they are
    then not worked out again when both are read)."""
    known = VALUE_FACTS.setdefault(name, fact)
    if known is not fact:
        raise ValueError(f"value fact {name!r} is already registered")
    for held, read in (holds or {}).items():
        _HELD_BY[held] = (name, read)


def facts_of(names: tuple[str, ...], value: str) -> tuple[Hashable, ...]:
    """The values of the facts ``names`` (sorted, as judgements list them) for ``value``."""
    if len(names) == 1:  # the usual case
        return (VALUE_FACTS[names[0]](value),)
    worked: dict[str, Hashable] = {}
    for name in names:
        if _HELD_BY.get(name, ("",))[0] not in names:
            worked[name] = VALUE_FACTS[name](value)
    for name in names:
        if name not in worked:
            holder, read = _HELD_BY[name]
            worked[name] = read(worked[holder])
    return tuple(worked[name] for name in names)
