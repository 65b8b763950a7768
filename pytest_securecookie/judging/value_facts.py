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


def register_value_fact(name: str, fact: ValueFact) -> None:
    """Make ``name`` a fact rules may read; the same name twice must be the same function."""
    known = VALUE_FACTS.setdefault(name, fact)
    if known is not fact:
        raise ValueError(f"value fact {name!r} is already registered")


def facts_of(names: tuple[str, ...], value: str) -> tuple[Hashable, ...]:
    """The values of the facts ``names`` (sorted, as judgements list them) for ``value``."""
    return tuple(VALUE_FACTS[name](value) for name in names)
