"""The pytest glue: the only module of the package that imports pytest."""

from __future__ import annotations

import pytest  # noqa: F401
