"""Every Python, ini and toml snippet of README.md and of docs/ runs, as the text says it does
(the conventions are in tests/_snippets.py and docs/development.md): a snippet that raises,
a test file whose outcomes differ from the page's, an ini block pytest reads differently from
its pyproject.toml twin, all fail here."""

from __future__ import annotations

import configparser
from pathlib import Path

import flask  # noqa: F401  (imported once here: pytester's in-process runs drop what they import)
import flask_login  # noqa: F401
import pytest

from pytest_securecookie.plugin import policy_for
from tests._snippets import PROJECT, Snippet, all_snippets, files_of

SNIPPETS = all_snippets()
APPS = Path(__file__).resolve().parent / "apps"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.id for s in SNIPPETS])
def test_snippet(snippet: Snippet, pytester: pytest.Pytester) -> None:
    if snippet.kind == "skip":
        pytest.skip(" ".join(snippet.directive[1:]))
    elif snippet.kind == "pytest":
        run_tests(snippet, pytester)
    elif snippet.language == "python":
        run_python(snippet)
    elif snippet.language == "ini":
        check_ini(snippet, pytester)
    else:
        assert read_ini(pytester, "pyproject.toml", snippet.code, keys_of_toml(snippet.code))


def run_python(snippet: Snippet) -> None:
    """Run in pytester's own directory (it changed into it), in a namespace of its own."""
    code = compile(snippet.code, snippet.id, "exec")
    namespace: dict = {"__name__": "__snippet__"}
    exec(code, namespace)
    tests = [name for name in namespace if name.startswith("test_")]
    assert not tests, f"{snippet.id} defines {tests}: run it as <!-- snippet: pytest ... -->"


def run_tests(snippet: Snippet, pytester: pytest.Pytester) -> None:
    for name, text in {**snippet.files, **files_of(snippet)}.items():
        path = pytester.path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # Hypothesis' plugin adds seconds to each run and nothing a snippet uses.
    # pytest 7.4 warns, in-process, that the already imported plugin cannot be rewritten.
    args = ["-p", "no:cacheprovider", "-p", "no:hypothesispytest",
            "-W", "ignore::pytest.PytestAssertRewriteWarning",
            *snippet.options().get("args", "").split()]
    apps = [word for word in snippet.words() if word != "subprocess"]
    for module in APPS.glob("*.py"):
        (pytester.path / f"docs_app_{module.name}").write_text(module.read_text("utf-8"))
    for app in apps:
        args[:0] = ["-p", f"docs_app_{app}"]
    pytester.syspathinsert()
    if "subprocess" in snippet.words():
        result = pytester.runpytest_subprocess(*args)
    else:
        result = pytester.runpytest(*args)
    outcomes = {k: int(v) for k, v in snippet.options().items() if k != "args"}
    result.assert_outcomes(**outcomes)
    if snippet.output:
        # Lines as printed: only "*" is a wildcard ("[" is literal, as in ignore_rules=[...]).
        lines = [line.replace("[", "[[]") for line in snippet.output]
        result.stdout.fnmatch_lines(lines, consecutive=True)


def check_ini(snippet: Snippet, pytester: pytest.Pytester) -> None:
    """Both forms are read by pytest, with the same values."""
    assert snippet.twin is not None, (
        f"{snippet.id}: show the [tool.pytest.ini_options] form next (pyproject.toml ignores "
        "a [pytest] section)")
    parser = configparser.ConfigParser()
    parser.read_string(snippet.code)
    keys = list(parser["pytest"])
    from_ini = read_ini(pytester, "pytest.ini", snippet.code, keys)
    from_toml = read_ini(pytester, "pyproject.toml", snippet.twin.code, keys)
    assert from_ini == from_toml
    assert sorted(keys) == sorted(keys_of_toml(snippet.twin.code))


def keys_of_toml(text: str) -> list[str]:
    section = text.split("[tool.pytest.ini_options]", 1)[1]
    return [line.split("=", 1)[0].strip() for line in section.splitlines()
            if "=" in line and not line.startswith((" ", "#", "]"))]


def read_ini(pytester: pytest.Pytester, filename: str, text: str, keys: list[str]) -> dict:
    """The values pytest reads for ``keys`` from a project holding only that file; pytest
    refuses an option it does not know."""
    where = pytester.mkdir(filename.replace(".", "_"))
    (where / filename).write_text(text, encoding="utf-8")
    config = pytester.parseconfig(where)
    assert config.inipath == where / filename, "pytest did not read the file"
    values = {key: config.getini(key) for key in keys}  # an unknown key raises here
    # ini and TOML spell a name list differently: what counts is the policy read from it.
    return {**{k: v for k, v in values.items() if not k.startswith("secure_cookies_")},
            "policy": policy_for(config)}


def test_every_page_has_snippets_and_they_are_found() -> None:
    assert {s.page for s in SNIPPETS} >= {"README.md", "docs/getting-started.md"}
    assert PROJECT.joinpath("docs", "index.md").is_file()
