"""The policy with the app's own cookie names, ``scope="all"``, and Flask-Login's remember-me
value: what each classifies, why, and the fix texts the app's setting chooses."""

from __future__ import annotations

import pytest

from pytest_securecookie import CookiePolicy, check_cookie, parse_set_cookie
from pytest_securecookie.judging.markers import marker_signature, policy_with
from pytest_securecookie.judging.policy import Classification
from pytest_securecookie.parsing.appnames import AppName
from pytest_securecookie.parsing.parser import SetCookie

MYSITE = AppName("mysite", "auth", "session", "Django settings.SESSION_COOKIE_NAME", "django",
                 "django-session")  # fmt: skip
GUARD = AppName("mysite_guard", "csrf", "CSRF", "Django settings.CSRF_COOKIE_NAME", "django",
                "django-csrf")  # fmt: skip
DEFAULT_SESSION = AppName("sessionid", "auth", "session", "Django settings.SESSION_COOKIE_NAME",
                          "django", "django-session")  # fmt: skip
# A CSRF cookie renamed to a name the auth patterns claim ("*session").
CSRF_NAMED_LIKE_A_SESSION = AppName("csrf_session", "csrf", "CSRF",
                                    "Django settings.CSRF_COOKIE_NAME", "django", "django-csrf")
REMEMBER = "42|" + "0123456789abcdef" * 8


def cookie(line: str) -> SetCookie:
    parsed = parse_set_cookie(line)
    assert parsed is not None
    return parsed


POLICY = CookiePolicy().with_app_names([MYSITE, GUARD, DEFAULT_SESSION, CSRF_NAMED_LIKE_A_SESSION])


@pytest.mark.parametrize(
    "line, kind, reason",
    [
        ("mysite=abc", "auth", "the app's session cookie (Django settings.SESSION_COOKIE_NAME)"),
        ("__Host-MYSITE=abc", "auth",
         "the app's session cookie (Django settings.SESSION_COOKIE_NAME)"),
        ("mysite_guard=abc", "csrf", "the app's CSRF cookie (Django settings.CSRF_COOKIE_NAME)"),
        ("sessionid=abc", "auth", "name matches 'sessionid'"),  # the lists agree: their reason
        ("csrf_session=abc", "csrf", "name matches the pattern '*csrf*'"),
        ("mysite-0=abc", "auth", "'mysite-0' is a chunk of the auth-like cookie 'mysite'"),
        ("mysite.sig=abc", "auth", "'mysite.sig' signs the auth-like cookie 'mysite'"),
        ("theme=dark", "other", "name and value look like no auth or CSRF cookie"),
    ],
)  # fmt: skip
def test_the_apps_names_decide_the_kind(line: str, kind: str, reason: str) -> None:
    classified = POLICY.classify(cookie(line))
    assert (classified.kind, classified.reason) == (kind, reason)


def test_the_apps_name_beats_the_name_lists_and_loses_to_ignore_and_the_hook() -> None:
    renamed_csrf = AppName("my_session", "csrf", "CSRF", "Django settings.CSRF_COOKIE_NAME",
                           "django", "django-csrf")  # fmt: skip
    policy = CookiePolicy(app_names=(renamed_csrf,))
    assert policy.classify(cookie("my_session=x")).kind == "csrf"  # "*session" says auth
    assert policy.extended(ignore=["my_session"]).classify(cookie("my_session=x")).kind == (
        "ignored"
    )
    hooked = CookiePolicy(app_names=(MYSITE,), classifier=lambda c, s: "other")
    assert hooked.classify(cookie("mysite=x")).kind == "other"


def test_with_app_names_adds_once_and_returns_itself_when_nothing_is_new() -> None:
    assert POLICY.with_app_names([MYSITE]) is POLICY
    base = CookiePolicy()
    assert base.with_app_names([MYSITE]) is base.with_app_names([MYSITE])  # its cache is found
    assert CookiePolicy().with_app_names([]) == CookiePolicy()
    assert POLICY.app_names == (MYSITE, GUARD, DEFAULT_SESSION, CSRF_NAMED_LIKE_A_SESSION)
    with pytest.raises(ValueError, match="app_names must hold AppName entries"):
        CookiePolicy(app_names=("mysite",))  # type: ignore[arg-type]


def test_the_apps_setting_writes_the_fix() -> None:
    findings = check_cookie(cookie("mysite=abc; Path=/"), POLICY, framework="django")
    assert [(f.rule, f.fix) for f in findings][:2] == [
        ("SC001", "SESSION_COOKIE_SECURE = True in settings.py"),
        ("SC002", "SESSION_COOKIE_HTTPONLY = True in settings.py"),
    ]
    csrf = check_cookie(cookie("mysite_guard=abc; Path=/; HttpOnly; SameSite=Lax"), POLICY)
    assert [f.fix for f in csrf] == ["CSRF_COOKIE_SECURE = True in settings.py"]


def test_flask_login_remember_value_is_credential_shaped() -> None:
    classified = CookiePolicy().classify(cookie(f"myname={REMEMBER}; Path=/"))
    assert classified == Classification("auth", "value is a Flask-Login remember-me token")
    fixes = [f.fix for f in check_cookie(cookie(f"myname={REMEMBER}; Path=/"))]
    assert fixes[0] == 'app.config["REMEMBER_COOKIE_SECURE"] = True (Flask-Login)'
    for not_a_token in ("42|abc", f"a b|{'0' * 128}", f"42|{'0' * 127}", f"42|{'0' * 129}"):
        assert CookiePolicy().classify(cookie(f"myname={not_a_token}")).kind == "other"


def test_scope_all_judges_every_cookie_not_ignored() -> None:
    everything = CookiePolicy(scope="all")
    assert everything.classify(cookie("theme=dark")) == Classification(
        "auth", "name and value look like no auth or CSRF cookie; judged anyway: scope is 'all'"
    )
    assert everything.classify(cookie("ai_session=x")).kind == "auth"  # analytics too
    assert everything.classify(cookie("AWSALB=x")).kind == "ignored"
    assert everything.classify(cookie("csrftoken=x")).kind == "csrf"
    assert [f.rule for f in check_cookie(cookie("theme=dark"), everything)] == [
        "SC001", "SC002", "SC003"
    ]  # fmt: skip
    assert check_cookie(cookie("theme=dark")) == []


def test_scope_is_checked_and_is_a_marker_keyword_but_app_names_is_not() -> None:
    with pytest.raises(ValueError, match="scope must be 'auth' or 'all', got 'every'"):
        CookiePolicy(scope="every")  # type: ignore[arg-type]
    assert policy_with(CookiePolicy(), scope="all").scope == "all"
    assert "scope" in marker_signature().parameters
    assert "app_names" not in marker_signature().parameters
