"""RULES stays in id order whichever rule module is imported first (they import each other
through ``judging.rules``)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("first", ["profiles", "sessions", "tokens", "rules", "policy"])
def test_rules_are_in_id_order_whatever_is_imported_first(first: str) -> None:
    code = (
        f"import pytest_securecookie.judging.{first}\n"
        "from pytest_securecookie.judging.rules import RULES\n"
        "assert list(RULES) == sorted(RULES), list(RULES)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
