"""The words a lone value may be without being scrubbed: every word of the rules' texts."""

from __future__ import annotations

import re

from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.parsing.redaction import _VOCABULARY


def test_the_vocabulary_holds_every_word_of_the_rules_texts() -> None:
    texts = " ".join(f"{rule.what} {rule.why}" for rule in RULES.values())
    words = {word.lower() for word in re.findall(r"[A-Za-z][A-Za-z-]*[A-Za-z]", texts)}
    assert sorted(words - _VOCABULARY) == []
