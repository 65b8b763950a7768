"""``assert_secure_cookie(..., profile=...)`` on real Flask and Django apps: each ASVS level's
failing and passing configuration, the fix naming the framework's setting, no value shown."""

from __future__ import annotations

import re
import secrets
import warnings
from collections.abc import Iterator
from typing import Any

import django  # type: ignore[import-untyped]
import flask
import pytest
from django.conf import settings  # type: ignore[import-untyped]
from django.http import HttpRequest, HttpResponse  # type: ignore[import-untyped]
from django.middleware.csrf import get_token  # type: ignore[import-untyped]
from django.test import Client, override_settings  # type: ignore[import-untyped]
from django.urls import path  # type: ignore[import-untyped]

from pytest_securecookie import CookiePolicy, InsecureCookieError, assert_secure_cookie

SECRET = "planted-SECRET-profile-77"
LEVELS = ("default", "asvs-l1", "asvs-l2", "asvs-l3")


def flask_login(**config: object) -> Any:
    app = flask.Flask("profiles")
    app.secret_key = "test"
    app.config.update(config)

    @app.get("/login")  # type: ignore[untyped-decorator]
    def login() -> str:
        flask.session["user"] = SECRET
        flask.session["notes"] = flask.request.args.get("notes", "")
        return "ok"

    return app.test_client()


def failed_rules(response: object, profile: str) -> list[str]:
    try:
        assert_secure_cookie(response, profile=profile)
    except InsecureCookieError as error:
        assert SECRET not in str(error)
        return [finding.rule for finding in error.findings]
    return []


def per_level(response: object) -> tuple[list[str], ...]:
    return tuple(failed_rules(response, level) for level in LEVELS)


def test_flask_defaults_fail_secure_then_the_prefix() -> None:
    response = flask_login().get("/login")
    assert per_level(response) == (["SC001", "SC003"], *[["SC001", "SC003", "SC016"]] * 3)


def test_flask_secure_prefix_passes_asvs_l1_and_fails_asvs_l2() -> None:
    client = flask_login(SESSION_COOKIE_NAME="__Secure-session", SESSION_COOKIE_SECURE=True,
                         SESSION_COOKIE_SAMESITE="Lax")  # fmt: skip
    assert per_level(client.get("/login")) == ([], [], ["SC017"], ["SC017"])


def test_flask_host_prefix_passes_every_level() -> None:
    client = flask_login(SESSION_COOKIE_NAME="__Host-session", SESSION_COOKIE_SECURE=True,
                         SESSION_COOKIE_SAMESITE="Lax")  # fmt: skip
    response = client.get("/login")
    assert per_level(response) == ([], [], [], [])
    assert assert_secure_cookie(response, "__Host-session", profile="asvs-l3").secure


def test_flask_session_over_4096_octets_is_sc018_under_asvs_l3() -> None:
    client = flask_login(SESSION_COOKIE_NAME="__Host-session", SESSION_COOKIE_SECURE=True,
                         SESSION_COOKIE_SAMESITE="Lax")  # fmt: skip
    with warnings.catch_warnings():  # werkzeug warns of the size itself
        warnings.simplefilter("ignore")
        response = client.get("/login", query_string={"notes": secrets.token_urlsafe(4500)})
    assert per_level(response) == (["SC011"], ["SC011"], ["SC011"], ["SC018"])


def test_the_asvs_l2_failure_message_names_the_requirement_and_the_flask_setting() -> None:
    client = flask_login(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax",
                         SESSION_COOKIE_HTTPONLY=False)  # fmt: skip
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(client.get("/login"), "session", profile="asvs-l2",
                             httponly=False)  # a profile is a floor: HttpOnly comes back
    lines = str(raised.value).splitlines()
    assert re.fullmatch(r"  Set-Cookie: session=<redacted \d+ chars>; Secure; Path=/; SameSite=Lax",
                        lines.pop(1))
    assert lines == [
        "cookie 'session' set by GET http://localhost/login (flask) is insecure: 2 problems",
        f"  SC002 'session' has no HttpOnly attribute (ASVS v5.0.0-3.3.4): {_why('SC002')}",
        '    fix: app.config["SESSION_COOKIE_HTTPONLY"] = True',
        "  SC016 'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1): "
        f"{_why('SC016')}",
        '    fix: app.config["SESSION_COOKIE_NAME"] = "__Host-session", '
        'app.config["SESSION_COOKIE_SECURE"] = True, app.config["SESSION_COOKIE_PATH"] = "/", '
        'app.config["SESSION_COOKIE_DOMAIN"] = None',
        "docs: https://pytest-securecookie.readthedocs.io/en/latest/rules/#sc002 (also #sc016)",
    ]


def _why(rule_id: str) -> str:
    from pytest_securecookie.judging.rules import RULES

    return RULES[rule_id].why


def test_the_keyword_overrides_a_policy_passed_in_and_refuses_an_unknown_profile() -> None:
    response = flask_login(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax").get("/login")
    l1 = CookiePolicy(profile="asvs-l1")
    with pytest.raises(InsecureCookieError):
        assert_secure_cookie(response, policy=l1)
    assert assert_secure_cookie(response, policy=l1, profile="default")
    with pytest.raises(ValueError) as raised:
        assert_secure_cookie(response, profile="owasp")
    assert str(raised.value) == (
        "profile='owasp' is not an ASVS profile; use 'default', 'asvs-l1', 'asvs-l2' or 'asvs-l3'"
    )


# -- Django ---------------------------------------------------------------------------------


def django_login(request: HttpRequest) -> HttpResponse:
    request.session["user"] = SECRET
    get_token(request)  # Django sets csrftoken once a token is used
    return HttpResponse("ok")


urlpatterns = [path("login", django_login)]

PROJECT = {
    "ROOT_URLCONF": __name__,
    "ALLOWED_HOSTS": ["testserver"],
    "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
    "MIDDLEWARE": [
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
    ],
}
SECURE = {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True}


@pytest.fixture(scope="module", autouse=True)
def django_project() -> Iterator[None]:
    if not settings.configured:
        settings.configure(SECRET_KEY="profile-tests", INSTALLED_APPS=[], DATABASES={})
    django.setup()
    yield


def django_response(**overrides: object) -> Any:
    with override_settings(**PROJECT, **overrides):
        return Client().get("/login")


def by_cookie(response: object, profile: str) -> dict[str, list[str]]:
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(response, profile=profile)
    found: dict[str, list[str]] = {}
    for finding in raised.value.findings:
        found.setdefault(finding.cookie, []).append(finding.rule)
    return found


def test_django_secure_settings_pass_by_default_and_fail_asvs_l1_on_the_session_name() -> None:
    response = django_response(**SECURE)
    assert {cookie.name for cookie in assert_secure_cookie(response)} == {"csrftoken", "sessionid"}
    assert by_cookie(response, "asvs-l1") == {"sessionid": ["SC016"]}  # CSRF: no prefix needed
    with pytest.raises(InsecureCookieError) as raised:
        assert_secure_cookie(response, "sessionid", profile="asvs-l1")
    assert raised.value.findings[0].fix == (
        'SESSION_COOKIE_NAME = "__Host-sessionid", SESSION_COOKIE_SECURE = True, '
        'SESSION_COOKIE_PATH = "/", no SESSION_COOKIE_DOMAIN in settings.py'
    )


def test_django_host_session_passes_asvs_l3() -> None:
    response = django_response(**SECURE, SESSION_COOKIE_NAME="__Host-sessionid")
    names = {cookie.name for cookie in assert_secure_cookie(response, profile="asvs-l3")}
    assert names == {"__Host-sessionid", "csrftoken"}


def test_django_renamed_host_session_is_still_the_apps_auth_cookie() -> None:
    # "__Host-z" is in no name list: the app's own SESSION_COOKIE_NAME makes it auth-like.
    response = django_response(**SECURE, SESSION_COOKIE_NAME="__Secure-z")
    assert by_cookie(response, "asvs-l2") == {"__Secure-z": ["SC017"]}
    shared = django_response(**SECURE, SESSION_COOKIE_NAME="__Secure-z",
                             SESSION_COOKIE_DOMAIN="example.com")  # fmt: skip
    assert by_cookie(shared, "asvs-l2") == {"__Secure-z": ["SC017"]}
    declared = CookiePolicy(shared_names=("z",))
    assert assert_secure_cookie(shared, policy=declared, profile="asvs-l2")


def test_django_csrf_cookie_gets_the_asvs_floor() -> None:
    response = django_response(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_NAME="__Host-s",
                               CSRF_COOKIE_SAMESITE=None)  # fmt: skip
    assert by_cookie(response, "asvs-l2") == {"csrftoken": ["SC001", "SC003"]}
