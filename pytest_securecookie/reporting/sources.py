"""The request a report names, as the recorder writes it (``"POST http://localhost/login
(flask)"``), read back in two parts: the short request a one-line summary shows
(``POST /login``) and the framework or client label (``flask``) the grouped summary groups by.

Pure: no pytest.  The text is already scrubbed of values; nothing here adds any.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# The label ``parsing.origin`` and the recorder append: `` (flask)``.
_LABEL = re.compile(r" \(([\w.+-]+)\)\Z")


def framework_of(source: str | None) -> str | None:
    """The framework or client label at the end of ``source``, if it has one."""
    found = _LABEL.search(source or "")
    return found.group(1) if found else None


def short_request(source: str | None) -> str | None:
    """``POST /login`` for ``POST http://localhost/login?next=/ (flask)``: the method and the
    URL's path, without scheme, host, query or label."""
    if not source:
        return None
    request = _LABEL.sub("", source)
    method, _, url = request.partition(" ")
    if not (method.isalpha() and method.isupper() and url):
        method, url = "", request
    if "://" in url:
        url = urlsplit(url).path or "/"
    return f"{method} {url}" if method else url
