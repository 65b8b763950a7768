"""Configure Django for the tests (pytest-django does this for a project that uses it)."""

from __future__ import annotations

import os
from typing import Any

import django
import pytest
from django.test import Client

_SETTINGS = {"defaults": "django_example.settings_defaults", "hardened": "django_example.settings"}
os.environ.setdefault(
    "DJANGO_SETTINGS_MODULE", _SETTINGS[os.environ.get("EXAMPLE_CONFIG", "hardened")]
)
django.setup()


class HttpsClient(Client):
    """Every request over https, as browsers send them in production (``secure=True``)."""

    def generic(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["secure"] = True
        return super().generic(*args, **kwargs)


@pytest.fixture
def client() -> Client:
    # Over https, with the Origin header a browser sends and with CSRF checks on, as in
    # production: the tests need neither SESSION_COOKIE_SECURE = False nor csrf_exempt.
    return HttpsClient(enforce_csrf_checks=True, headers={"Origin": "https://testserver"})
