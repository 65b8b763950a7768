"""The JSON report's cookie entries, kept on disk as each test is counted, not in memory.

A report lists every Set-Cookie line of the run: 10,000 tests of 50 lines each held 2.4 GB as
Python objects.  Each test's entries are written to a temporary file as JSON text when the
test is counted (indented as they will stand in the report), so the run holds only where each
test's part starts; the report is written from the file, one test at a time.
"""

from __future__ import annotations

import json
import tempfile
import weakref
from collections.abc import Iterator, Sequence
from typing import IO, Any

_INDENT = "    "  # a cookie entry stands two levels deep in the report: {"cookies": [{...}]}


class EntrySpill:
    """Each test's report entries, by test id: a test run again keeps its last run's, in the
    place of its first (as ``Tally.counted`` does)."""

    __slots__ = ("__weakref__", "_file", "_parts")

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self._parts: dict[str, tuple[int, int]] = {}  # test id -> (offset, length)

    def put(self, test_id: str, entries: Sequence[dict[str, Any]]) -> None:
        if not entries and test_id not in self._parts:
            return
        data = ",\n".join(map(entry_text, entries)).encode("utf-8")
        file = self._opened()
        offset = file.seek(0, 2)
        file.write(data)
        self._parts[test_id] = (offset, len(data))

    def texts(self) -> Iterator[str]:
        """Each test's entries as report text (``entry_text`` joined by ``",\\n"``)."""
        for offset, length in self._parts.values():
            if length and self._file is not None:
                self._file.seek(offset)
                yield self._file.read(length).decode("utf-8")

    def entries(self) -> list[dict[str, Any]]:
        """Every entry read back, in report order (for tests and small runs)."""
        return [entry for text in self.texts() for entry in json.loads(f"[{text}]")]

    def _opened(self) -> IO[bytes]:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="securecookie-report-")  # noqa: SIM115
            weakref.finalize(self, self._file.close)  # closed (and gone) with the tally
        return self._file


def entry_text(entry: dict[str, Any]) -> str:
    """One entry as ``json.dumps(report, indent=2)`` writes it inside the cookies list."""
    return _INDENT + json.dumps(entry, indent=2).replace("\n", "\n" + _INDENT)


def report_chunks(document: dict[str, Any], spill: EntrySpill) -> Iterator[str]:
    """The report (``document`` with an empty cookies list) with the spilled entries in that
    list: the text ``json.dumps(full document, indent=2)`` would make, written piece by piece."""
    head, marker, tail = json.dumps(document, indent=2).partition('"cookies": []')
    yield head + '"cookies": ['
    separator = "\n"
    for text in spill.texts():
        yield separator + text
        separator = ",\n"
    yield ("\n  ]" if separator != "\n" else "]") + tail + "\n"
