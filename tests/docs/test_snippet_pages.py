"""How tests/_snippets.py reads a page: which block is what, and the mistakes in a page it
refuses (a comment with no block, a file no test uses, an unknown kind)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import _snippets
from tests._snippets import files_of, snippets

PAGE = '''# A page

<!-- snippet: file app.py -->
```python
APP = 1
```

<!-- snippet: pytest flask passed=2 -->
```python
# conftest.py
import app
# test_app.py
def test_it(): ...
```

<!-- snippet: output -->
```text
1 passed
```

```ini
[pytest]
secure_cookies = true
```

Or in pyproject.toml:

```toml
[tool.pytest.ini_options]
secure_cookies = true
```

```bash
pip install nothing-checked
```
'''


def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    monkeypatch.setattr(_snippets, "PROJECT", tmp_path)
    path = tmp_path / "page.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_page_s_blocks_and_what_each_needs(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    found = snippets(page(tmp_path, monkeypatch, PAGE))
    assert [(s.line, s.language, s.kind) for s in found] == [
        (9, "python", "pytest"), (21, "ini", ""),
    ]
    run, ini = found
    assert run.files == {"app.py": "APP = 1\n"}
    assert run.output == ["1 passed"]
    assert run.words() == ["flask"] and run.options() == {"passed": "2"}
    assert list(files_of(run)) == ["conftest.py", "test_app.py"]
    assert ini.twin is not None and ini.twin.language == "toml"


@pytest.mark.parametrize(("text", "error"), [
    ("<!-- snippet: file a.py -->\nsome prose\n", "not followed by a block"),
    ("<!-- snippet: file a.py -->\n```python\nA = 1\n```\n", "no pytest snippet uses"),
    ("<!-- snippet: run -->\n```python\nA = 1\n```\n", "unknown snippet kind 'run'"),
    ("<!-- snippet: output -->\n```text\nx\n```\n", "no pytest snippet before it"),
])
def test_a_page_s_mistakes_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      text: str, error: str) -> None:
    with pytest.raises(ValueError, match=error):
        snippets(page(tmp_path, monkeypatch, text))
