"""The code snippets of README.md and of the pages in docs/, as tests/docs/test_snippets.py
runs them.

Every ```python, ```ini and ```toml block is a snippet.  A comment line right before a block
(blank lines between are allowed) says how it runs; docs/development.md documents them:

- no comment: a Python block runs on its own (it is executed, in a fresh namespace);
  an ini block must be followed by its ``[tool.pytest.ini_options]`` twin, a toml block,
  and pytest must read the same values from both;
- ``<!-- snippet: file NAME -->``: the block is the file NAME of the next ``pytest`` snippet
  of the page (an app, a conftest.py, a pytest.ini);
- ``<!-- snippet: pytest [APP] [subprocess] [passed=N] [failed=N] [errors=N] [args=...] -->``:
  the block is a test file (``test_snippet.py``, or split into files at each ``# NAME.py``
  line that starts a file), run by pytest with the page's files and, if named, the support
  app ``tests/docs/apps/APP.py`` (its fixtures ``app`` and ``client``); the outcomes must be
  the ones given;
- ``<!-- snippet: output -->`` before a ```text block: these lines must be in the output of
  the page's previous ``pytest`` snippet, one after the other (``*`` matches any text);
- ``<!-- snippet: skip REASON -->``: not run, for the reason given (Node.js, a browser).
"""

from __future__ import annotations

import re
import shlex
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHECKED = frozenset({"python", "ini", "toml"})
KINDS = frozenset({"file", "pytest", "output", "skip"})

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>[\w+-]*)[ \t]*$")
_DIRECTIVE = re.compile(r"^[ \t]*<!-- snippet: (?P<text>.*?) -->[ \t]*$")
_FILE_HEADER = re.compile(r"^# (?P<name>[\w./-]+\.(?:py|ini|toml|cfg))(?:[: ].*)?$")


@dataclass
class Snippet:
    """One fenced block: where it is, its language, its code and its directive words."""

    page: str  # relative to the project root
    line: int  # of the opening fence, 1-based
    language: str
    code: str
    directive: list[str]
    files: dict[str, str] = field(default_factory=dict)  # a pytest snippet's page files
    output: list[str] = field(default_factory=list)  # lines its run must print
    twin: Snippet | None = None  # an ini snippet's [tool.pytest.ini_options] form

    @property
    def id(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def kind(self) -> str:
        return self.directive[0] if self.directive else ""

    def options(self) -> dict[str, str]:
        return dict(word.split("=", 1) for word in self.directive[1:] if "=" in word)

    def words(self) -> list[str]:
        return [word for word in self.directive[1:] if "=" not in word]


def pages() -> list[Path]:
    """README.md and every page of the docs."""
    return [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]


def blocks(path: Path) -> list[Snippet]:
    """Every fenced block of a page, with the directive written before it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    page = path.relative_to(PROJECT).as_posix()
    found: list[Snippet] = []
    directive: list[str] = []
    number = 0
    while number < len(lines):
        text = lines[number]
        said = _DIRECTIVE.match(text)
        fence = _FENCE.match(text)
        if said:
            directive = shlex.split(said.group("text"))
        elif fence:
            end = _closing(lines, number, fence.group("indent") + fence.group("fence"))
            code = textwrap.dedent("\n".join(lines[number + 1:end])) + "\n"
            found.append(Snippet(page, number + 1, fence.group("info"), code, directive))
            directive, number = [], end
        elif text.strip() and not text.startswith("===") and directive:
            raise ValueError(f"{page}:{number + 1}: a snippet comment not followed by a block")
        number += 1
    return found


def _closing(lines: list[str], start: int, fence: str) -> int:
    for number in range(start + 1, len(lines)):
        if lines[number].rstrip() == fence:
            return number
    raise ValueError(f"unclosed code block at line {start + 1}")


def snippets(path: Path) -> list[Snippet]:
    """The page's checked snippets, each with what it needs from the blocks around it."""
    found: list[Snippet] = []
    files: dict[str, str] = {}
    last_run: Snippet | None = None
    for block in blocks(path):
        if block.kind and block.kind not in KINDS:
            raise ValueError(f"{block.id}: unknown snippet kind {block.kind!r}")
        if block.kind == "output":
            if last_run is None:
                raise ValueError(f"{block.id}: an output block with no pytest snippet before it")
            last_run.output = block.code.splitlines()
        elif block.kind == "file":
            files[block.words()[0]] = block.code
        elif block.language in CHECKED:
            if block.kind == "pytest":
                block.files, files, last_run = files, {}, block
            if block.language == "toml" and found and found[-1].language == "ini":
                found[-1].twin = block
                continue
            found.append(block)
    if files:
        raise ValueError(f"{path.name}: file snippets no pytest snippet uses: {sorted(files)}")
    return found


def files_of(snippet: Snippet) -> dict[str, str]:
    """A pytest snippet's own files: split at each ``# NAME.py`` line that starts a file."""
    lines = snippet.code.splitlines(keepends=True)
    header = _FILE_HEADER.match(lines[0].strip()) if lines else None
    if header is None:
        return {"test_snippet.py": snippet.code}
    files: dict[str, str] = {}
    name = ""
    for line in lines:
        starts = _FILE_HEADER.match(line.rstrip("\n"))
        if starts:
            name = starts.group("name")
            files[name] = ""
        files[name] += line
    return files


def all_snippets() -> list[Snippet]:
    return [snippet for path in pages() for snippet in snippets(path)]
