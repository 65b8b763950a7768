"""The reference the docs' build hook writes (docs/hooks/generate.py) says what the code says:
every rule has its section at the anchor the reports link to, every option pytest knows and
every marker keyword is listed, every default name is shown, every example breaks its rule."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from pytest_securecookie.judging import markers, names
from pytest_securecookie.judging.rules import RULES
from pytest_securecookie.reporting.catalog import DOCS, RULES_DOCS, rule_url

PROJECT = Path(__file__).resolve().parent.parent.parent
DOCS_DIR = PROJECT / "docs"


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_generate", DOCS_DIR / "hooks/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("docs_generate", module)
    spec.loader.exec_module(module)
    return module


hook = load_hook()


def test_the_reports_link_to_the_rules_page_of_the_documented_site() -> None:
    pyproject = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Documentation = "{DOCS}"' in pyproject
    page = RULES_DOCS.removeprefix(DOCS).rstrip("/")
    assert "<!-- generated: rules -->" in (DOCS_DIR / f"{page}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_has_its_section_at_the_anchor_the_reports_link_to(rule_id: str) -> None:
    anchor = rule_url(rule_id).rsplit("#", 1)[1]
    section = re.search(rf"^### {rule_id}: (.+) \{{#{anchor}\}}$", hook.rules_reference(), re.M)
    assert section is not None
    text = hook.rule_section(RULES[rule_id])
    rule = RULES[rule_id]
    assert f"CWE-{rule.cwe}" in text and rule.severity in text
    assert (rule.asvs or "no requirement") in text


@pytest.mark.parametrize("rule_id", list(hook.EXAMPLES))
def test_each_example_breaks_its_rule_for_every_stack(rule_id: str) -> None:
    assert rule_id in RULES
    fixes = [hook.example_fix(rule_id, name, client) for _, name, client in hook.STACKS]
    assert all(fixes)


def test_the_options_listed_are_the_ones_pytest_knows(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig()
    known = {name for name in config._parser._inidict if name.startswith("secure_cookies")}
    listed = set(re.findall(r"^\| `(secure_cookies\w*)` \|", hook.options_reference(), re.M))
    assert listed == known
    for name in known:
        flag = "--" + name.replace("_", "-")
        assert f"`{flag}" in hook.options_reference()


def test_every_marker_keyword_is_listed() -> None:
    listed = re.findall(r"^\| `(\w+)` \|", hook.marker_reference(), re.M)
    assert listed == list(markers.marker_signature().parameters)


def test_every_default_name_is_shown() -> None:
    text = hook.names_reference()
    every = (*names.DEFAULT_AUTH_NAMES, *names.DEFAULT_CSRF_NAMES, *names.DEFAULT_IGNORE_NAMES,
             *names.NOT_CREDENTIAL_NAMES, *names.FRAMEWORK_COOKIE_NAMES)
    for name in every:
        assert f"`{name.replace('[0-9a-f]' * 32, '<32 hex digits>')}`" in text


def test_every_generated_line_of_the_pages_is_written() -> None:
    for page in DOCS_DIR.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        written = hook.on_page_markdown(text)
        assert not re.search(r"^<!-- generated:", written, re.M), page


def test_the_readme_links_only_to_pages_the_site_has() -> None:
    """The README is PyPI's long description too: its links are absolute, into the docs."""
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    pyproject = (PROJECT / "pyproject.toml").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)]+)\)|<(https://[^>]+)>", readme)
    links = [a or b for a, b in targets]
    assert links and all(link.startswith("https://") for link in links), links
    changelog = re.search(r'^Changelog = "([^"]+)"', pyproject, re.M)
    assert changelog is not None
    for link in [*links, changelog.group(1)]:
        if link.startswith(DOCS):
            page = link.removeprefix(DOCS).split("#")[0].rstrip("/") or "index"
            assert (DOCS_DIR / f"{page}.md").is_file(), link
