"""The pytest glue: the only module of the package that imports pytest.

Two owners share this file while it is being built; each edits only its own section.
"""

from __future__ import annotations

import pytest

# ---------------------------------------------------------------------------------------------
# Policy, assertion fixture, ini options, classification hook (issue 3)
# ---------------------------------------------------------------------------------------------


def _add_policy_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    pass


def _configure_policy(config: pytest.Config) -> None:
    pass


# ---------------------------------------------------------------------------------------------
# Recording and enforcement: cookie_recorder, markers, --secure-cookies, reports (issue 4)
# ---------------------------------------------------------------------------------------------


def _add_enforcement_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    pass


def _configure_enforcement(config: pytest.Config) -> None:
    pass


# ---------------------------------------------------------------------------------------------
# Entry points shared by both sections
# ---------------------------------------------------------------------------------------------


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("secure cookies")
    _add_policy_options(group, parser)
    _add_enforcement_options(group, parser)


def pytest_configure(config: pytest.Config) -> None:
    _configure_policy(config)
    _configure_enforcement(config)
