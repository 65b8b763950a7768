from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi_example import create_app
from starlette.testclient import TestClient


@pytest.fixture
def client() -> Iterator[TestClient]:
    # https, as in production: the client's cookie jar (http.cookiejar) sends Secure cookies
    # only over https, so an http base URL would silently log the tests out.
    with TestClient(create_app(), base_url="https://testserver") as client:
        yield client
