"""CookiePolicy.classify: real-world cookie names and values, with the exact reason given."""

from __future__ import annotations

import base64
import json

import pytest

from pytest_securecookie.judging.policy import (
    DEFAULT_AUTH_NAMES,
    DEFAULT_CSRF_NAMES,
    DEFAULT_IGNORE_NAMES,
    Classification,
    CookiePolicy,
)
from pytest_securecookie.parsing.parser import SetCookie
from tests._helpers import cookie


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(header: dict[str, str]) -> str:
    body = b64url(json.dumps({"sub": "42"}).encode())
    return f"{b64url(json.dumps(header).encode())}.{body}.{'s' * 43}"


LARAVEL = base64.b64encode(
    json.dumps({"iv": "aXY=", "value": "dmFsdWU=", "mac": "f" * 64, "tag": ""}).encode()
).decode().replace("=", "%3D")

BY_NAME = [
    # The documented defaults and what real frameworks and products call their cookies.
    ("sessionid", "auth", "name matches 'sessionid'"),
    ("SESSIONID", "auth", "name matches 'sessionid'"),
    ("session", "auth", "name matches 'session'"),
    ("__Host-session", "auth", "name matches 'session'"),
    ("__secure-SessionId", "auth", "name matches 'sessionid'"),
    ("connect.sid", "auth", "name matches 'connect.sid'"),
    ("PHPSESSID", "auth", "name matches 'phpsessid'"),
    ("JSESSIONID", "auth", "name matches 'jsessionid'"),
    ("ASP.NET_SessionId", "auth", "name matches 'asp.net_sessionid'"),
    (".AspNetCore.Cookies", "auth", "name matches '.aspnetcore.cookies'"),
    (".AspNetCore.Identity.Application", "auth",
     "name matches the pattern '.aspnetcore.identity.*'"),
    (".ASPXAUTH", "auth", "name matches '.aspxauth'"),
    ("laravel_session", "auth", "name matches 'laravel_session'"),
    ("remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d", "auth",
     "name matches the pattern 'remember_web_*'"),
    ("_myapp_session", "auth", "name matches the pattern '_*_session'"),
    ("_gitlab_session", "auth", "name matches the pattern '_*_session'"),
    ("remember_user_token", "auth", "name matches 'remember_user_token'"),
    ("remember_token", "auth", "name matches 'remember_token'"),
    ("AIOHTTP_SESSION", "auth", "name matches 'aiohttp_session'"),
    ("beaker.session.id", "auth", "name matches 'beaker.session.id'"),
    ("auth_tkt", "auth", "name matches 'auth_tkt'"),
    ("user", "auth", "name matches 'user'"),
    ("account", "auth", "name matches 'account'"),
    ("ci_session", "auth", "name matches 'ci_session'"),
    ("PLAY_SESSION", "auth", "name matches 'play_session'"),
    ("ASPSESSIONIDQACTRBSA", "auth", "name matches the pattern 'aspsessionid*'"),
    ("wordpress_logged_in_9f8e7d6c5b4a", "auth",
     "name matches the pattern 'wordpress_logged_in_*'"),
    ("wordpress_sec_9f8e7d6c5b4a", "auth", "name matches the pattern 'wordpress_sec_*'"),
    ("wordpress_0123456789abcdef0123456789abcdef", "auth",
     "name matches the pattern 'wordpress_<32 hex digits>'"),
    ("SSESS0123456789abcdef0123456789abcdef", "auth",
     "name matches the pattern 'ssess<32 hex digits>'"),
    ("app_session_id", "auth", "name matches the pattern '*_session_id'"),
    ("sb-abcdefgh-auth-token", "auth", "name matches the pattern '*-auth-token'"),
    ("next-auth.session-token", "auth", "name matches the pattern '*.session-token'"),
    ("access_token_cookie", "auth", "name matches 'access_token_cookie'"),
    ("jwt", "auth", "name matches 'jwt'"),
    ("refresh_token", "auth", "name matches 'refresh_token'"),
    ("fastapiusersauth", "auth", "name matches 'fastapiusersauth'"),
    ("koa.sess", "auth", "name matches 'koa.sess'"),
    ("_myapp_key", "auth", "name matches the pattern '_*_key'"),
    ("remember-me", "auth", "name matches 'remember-me'"),
    ("MoodleSession", "auth", "name matches 'moodlesession'"),
    ("PrestaShop-0123456789abcdef0123456789abcdef", "auth",
     "name matches the pattern 'prestashop-<32 hex digits>'"),
    ("QUART_AUTH", "auth", "name matches 'quart_auth'"),
    # Names apps choose: any name ending in "session", "<app>.sid", "<app>.sess", and "id".
    ("user_session", "auth", "name matches the pattern '*session'"),  # Ktor
    ("adonis-session", "auth", "name matches the pattern '*session'"),  # AdonisJS
    ("vertx-web.session", "auth", "name matches the pattern '*session'"),  # Vert.x
    ("q_session", "auth", "name matches the pattern '*session'"),  # Quarkus OIDC
    ("__Host-q_session", "auth", "name matches the pattern '*session'"),
    ("ghost-admin-api-session", "auth", "name matches the pattern '*session'"),  # Ghost
    ("mysession", "auth", "name matches the pattern '*session'"),  # gin, gorilla examples
    ("appSession", "auth", "name matches the pattern '*session'"),  # express-openid-connect
    ("myapp.sid", "auth", "name matches the pattern '*.sid'"),  # express-session, custom
    ("my_app_sid", "auth", "name matches the pattern '*_sid'"),
    ("my-app-sid", "auth", "name matches the pattern '*-sid'"),
    ("myapp.sess", "auth", "name matches the pattern '*.sess'"),  # Koa-style
    ("myapp_sess", "auth", "name matches the pattern '*_sess'"),
    ("id", "auth", "name matches 'id'"),  # actix-session, tower-sessions, MDN's example
    ("ID", "auth", "name matches 'id'"),
    # Exact names keep their own reason; Rails-style names keep theirs.
    ("laravel_session", "auth", "name matches 'laravel_session'"),
    ("_app_session", "auth", "name matches the pattern '_*_session'"),
    # Analytics, A/B-testing, chat and payment scripts: a pattern matches, but no credential.
    ("ai_session", "other", "analytics cookie (Application Insights), not a credential "
     "('ai_session')"),
    ("_parsely_session", "other", "analytics cookie (Parse.ly), not a credential "
     "('_parsely_session')"),
    ("ABTastySession", "other", "A/B-testing cookie (AB Tasty), not a credential "
     "('ABTastySession')"),
    ("_dyjsession", "other", "personalisation cookie (Dynamic Yield), not a credential "
     "('_dyjsession')"),
    ("QSI_HistorySession", "other", "survey cookie (Qualtrics), not a credential "
     "('QSI_HistorySession')"),
    ("QuantumMetricSessionID", "other", "session-replay cookie (Quantum Metric), not a "
     "credential ('QuantumMetricSessionID')"),
    ("apt.sid", "other", "analytics cookie (Gainsight PX), not a credential ('apt.sid')"),
    ("_biz_sid", "other", "marketing-attribution cookie (Bizible), not a credential "
     "('_biz_sid')"),
    ("__stripe_sid", "other", "fraud-prevention cookie (Stripe.js), not a credential "
     "('__stripe_sid')"),
    ("liveagent_sid", "other", "live-chat cookie (Salesforce Chat), not a credential "
     "('liveagent_sid')"),
    ("__Secure-has-sid", "other", "login-state flag for scripts (Salesforce Experience "
     "Cloud), not a credential ('has-sid')"),
    # CSRF tokens
    ("csrftoken", "csrf", "name matches 'csrftoken'"),
    ("XSRF-TOKEN", "csrf", "name matches 'xsrf-token'"),
    ("_xsrf", "csrf", "name matches the pattern '*xsrf*'"),
    ("_csrf", "csrf", "name matches '_csrf'"),
    ("csrf_access_token", "csrf", "name matches the pattern '*csrf*'"),
    ("csrf_session", "csrf", "name matches the pattern '*csrf*'"),  # CSRF before '*session'
    ("xsrf-session", "csrf", "name matches the pattern '*xsrf*'"),
    ("__Host-next-auth.csrf-token", "csrf", "name matches the pattern '*csrf*'"),
    ("__RequestVerificationToken", "csrf", "name matches '__requestverificationtoken'"),
    (".AspNetCore.Antiforgery.9fXoN5jHCXs", "csrf",
     "name matches the pattern '.aspnetcore.antiforgery.*'"),
    # Single sign-on: Shibboleth SP, SimpleSAMLphp; and the bare form of "*-auth-token".
    ("_shibsession_64656661756c7468747470733a2f2f", "auth",
     "name matches the pattern '_shibsession_*'"),
    ("SimpleSAMLAuthToken", "auth", "name matches 'simplesamlauthtoken'"),
    ("SimpleSAMLSessionID", "auth", "name matches the pattern '*sessionid'"),
    ("auth-token", "auth", "name matches 'auth-token'"),
    # Infrastructure
    ("AWSALB", "ignored", "ignored: load-balancer affinity cookie ('AWSALB')"),
    ("awsalbcors", "ignored", "ignored: load-balancer affinity cookie ('AWSALBCORS')"),
    ("ARRAffinity", "ignored", "ignored: load-balancer affinity cookie ('ARRAffinity')"),
    ("heroku-session-affinity", "ignored",
     "ignored: load-balancer affinity cookie ('heroku-session-affinity')"),
    ("BIGipServerpool_web", "ignored", "ignored: load-balancer affinity cookie ('BIGipServer*')"),
    ("__cf_bm", "ignored", "ignored: Cloudflare bot-management cookie ('__cf_bm')"),
]

LEFT_ALONE = [
    "theme=dark", "lang=en", "locale=de_DE", "cookie_consent=accepted",
    "_ga=GA1.1.1234567890.1700000000", "_gid=GA1.2.987654321.1700000000",
    "_ga_ABC123=GS1.1.1700000000.1.1.1700000001.0.0.0",
    "ai_session=UH6lp|1700000000000|1700000000000", "ai_user=k3Yd1|2023-11-22T00:00:00.000Z",
    "_fbp=fb.1.1700000000000.1234567890", "django_language=fr",
    "_hjSessionUser_123=eyJpZCI6IjEifQ==",
    "wordpress_test_cookie=WP%20Cookie%20check", "my_session_id_backup=1", "notasession_flag=1",
    "sessions=3", "_pk_ses.1.abcd=1", "intercom-session-abc=", "__stripe_sid=abc",
    "tz=Europe%2FBerlin", "sidebar=collapsed", "username=alice",
    "_hjSession_123=eyJpZCI6IjEifQ==", "_hjIncludedInSessionSample_123=0",
    "_hjAbsoluteSessionInProgress=0", "_pk_id.1.abcd=1", "_dy_lu_ses=1", "sessionstart=1",
    "user_id=42", "identity_hint=x", "ids=1,2", "_uetsid=abc", "sidenav=open",
]


@pytest.mark.parametrize(("name", "kind", "reason"), BY_NAME)
def test_classifies_real_world_names(name: str, kind: str, reason: str) -> None:
    assert CookiePolicy().classify(cookie(f"{name}=x")) == Classification(kind, reason)  # type: ignore[arg-type]


@pytest.mark.parametrize("line", LEFT_ALONE)
def test_leaves_preference_and_analytics_cookies_alone(line: str) -> None:
    assert CookiePolicy().classify(cookie(line)).kind == "other"


BY_VALUE = [
    (jwt({"alg": "HS256", "typ": "JWT"}), "value is a JSON Web Token"),
    (f"Bearer%20{jwt({'alg': 'RS256'})}", "value is a JSON Web Token"),
    (f"{jwt({'alg': 'dir', 'enc': 'A256GCM'})}.{'c' * 20}.{'t' * 22}",
     "value is an encrypted JSON Web Token (JWE)"),
    ("eyJ1c2VyX2lkIjoxfQ.awI0YA.WeYFRhDsPSsUwh_CN5mpmheHOSc",
     "value is a Flask/itsdangerous signed session"),
    (".eJyrVkpJLElUslJKHAUjDijpKJUWpxbFZ6YoWRnWAgBqKcSP.awI0YA.BozT-vbn_bnPOa_RAic671y_uE8",
     "value is a Flask/itsdangerous signed session"),
    ("alice:1xUvFw:C12Bc3u0uXiY-CQiXKjd8EbEyPmtbKW5y_SNs6ZzICE",
     "value is a Django signed value (django.core.signing)"),
    ('"2|1:0|10:1795306592|4:user|8:YWxpY2U=|'
     'e2d2c5965cfeae087b954999958962aa754455c34653bab5a2c50230decde9dc"',
     "value is a Tornado signed value"),
    ("s%3AJ7sRk3w2Vt1Qy0hNq0gZx8sYk1kP2m3n.4%2BgL0dM8Z%2FkN7s4XoQm1bVyC9e7hT2jR5pWqLsUaA0c",
     "value is an Express signed session id"),
    ("s:J7sRk3w2Vt1Qy0hNq0gZx8sYk1kP2m3n.4+gL0dM8Z/kN7s4XoQm1bVyC9e7hT2jR5pWqLsUaA0c",
     "value is an Express signed session id"),
    ('"!gCeT1Oe+0zrqUpXqZeKzaHaZE93X3fAUF3oEENf5jwQ=?gAWVFwAAAAAAAABdlCiMB2FjY291bnSUjAVh"',
     "value is a Bottle signed cookie"),
    ("aGVsbG8gd29ybGQgdGhpcyBpcw%3D%3D--c2VjcmV0aXZpdjEy--YXV0aHRhZ2F1dGh0YWcxMjM0NQ%3D%3D",
     "value is a Rails/Rack signed or encrypted cookie"),
    (LARAVEL, "value is a Laravel encrypted cookie"),
    ("gAAAAA" + "B" * 120, "value is a Fernet token (aiohttp-session encrypted storage)"),
    ("CfDJ8" + "x" * 80, "value is an ASP.NET Core Data Protection ticket"),
]


@pytest.mark.parametrize(("value", "reason"), BY_VALUE)
def test_credential_shaped_values_are_auth_whatever_the_name(value: str, reason: str) -> None:
    assert CookiePolicy().classify(cookie(f"prefs={value}")) == Classification("auth", reason)


def test_value_recognition_can_be_turned_off() -> None:
    policy = CookiePolicy(recognise_values=False)
    assert policy.classify(cookie(f"prefs={BY_VALUE[0][0]}")).kind == "other"


def test_a_jwt_lookalike_without_alg_is_not_a_token() -> None:
    lookalike = jwt({"typ": "JWT"})
    assert CookiePolicy().classify(cookie(f"prefs={lookalike}")).kind == "other"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("session.sig", "'session.sig' signs the auth-like cookie 'session'"),
        ("express:sess.sig", "'express:sess.sig' signs the auth-like cookie 'express:sess'"),
        ("session-0", "'session-0' is a chunk of the auth-like cookie 'session'"),
        ("session-12", "'session-12' is a chunk of the auth-like cookie 'session'"),
        ("__Host-session-1",
         "'__Host-session-1' is a chunk of the auth-like cookie '__Host-session'"),
        ("next-auth.session-token.0",
         "'next-auth.session-token.0' is a chunk of the auth-like cookie "
         "'next-auth.session-token'"),
        (".AspNetCore.CookiesC1",
         "'.AspNetCore.CookiesC1' is a chunk of the auth-like cookie '.AspNetCore.Cookies'"),
    ],
)
def test_companions_of_auth_cookies_are_auth(name: str, reason: str) -> None:
    chunk = not name.endswith(".sig")
    assert CookiePolicy().classify(cookie(f"{name}=x")) == Classification("auth", reason, chunk)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("user_session.sig", "'user_session.sig' signs the auth-like cookie 'user_session'"),
        ("myapp.sess.sig", "'myapp.sess.sig' signs the auth-like cookie 'myapp.sess'"),
        ("appSession.0", "'appSession.0' is a chunk of the auth-like cookie 'appSession'"),
        ("q_session-1", "'q_session-1' is a chunk of the auth-like cookie 'q_session'"),
        ("id.sig", "'id.sig' signs the auth-like cookie 'id'"),
    ],
)
def test_companions_of_pattern_matched_cookies_are_auth(name: str, reason: str) -> None:
    chunk = not name.endswith(".sig")
    assert CookiePolicy().classify(cookie(f"{name}=x")) == Classification("auth", reason, chunk)


@pytest.mark.parametrize(
    "name", ["theme.sig", "theme-0", "lang-1", "sessionc1", "ai_session.sig", "ai_session-0"]
)
def test_companions_of_other_cookies_are_not_auth(name: str) -> None:
    assert CookiePolicy().classify(cookie(f"{name}=x")).kind == "other"


def test_an_exact_auth_name_wins_over_the_analytics_exclusions() -> None:
    policy = CookiePolicy().extended(auth=["ai_session", "_hjsession_*"])
    assert policy.classify(cookie("ai_session=1")) == Classification(
        "auth", "name matches 'ai_session'"
    )
    # A user's own pattern is held back by the exclusions like the defaults are.
    assert policy.classify(cookie("_hjSession_9=1")).reason == (
        "analytics cookie (Hotjar), not a credential ('_hjSession_*')"
    )


def test_an_excluded_name_stays_other_whatever_its_value() -> None:
    token = jwt({"alg": "HS256", "typ": "JWT"})
    assert CookiePolicy().classify(cookie(f"ai_session={token}")).kind == "other"
    assert CookiePolicy().classify(cookie(f"ai_user={token}")).kind == "auth"


def test_the_ignore_list_still_comes_first() -> None:
    policy = CookiePolicy().extended(ignore=["*session"])
    assert policy.classify(cookie("user_session=1")) == Classification(
        "ignored", "ignored: name matches the pattern '*session'"
    )
    assert CookiePolicy().classify(cookie("heroku-session-affinity=1")).kind == "ignored"


def test_patterns_are_anchored_globs_not_substrings() -> None:
    policy = CookiePolicy(auth_names=("*_sid", "app?"), csrf_names=(), ignore_names=())
    assert policy.classify(cookie("my_sid=1")).reason == "name matches the pattern '*_sid'"
    assert policy.classify(cookie("appx=1")).reason == "name matches the pattern 'app?'"
    for name in ("my_sid_copy", "app", "appxy", "sid"):
        assert policy.classify(cookie(f"{name}=1")).kind == "other", name


def test_csrf_wins_over_auth_and_ignore_wins_over_everything() -> None:
    policy = CookiePolicy().extended(auth=["csrf_session"], ignore=["sessionid"])
    assert policy.classify(cookie("csrf_session=1")).kind == "csrf"
    assert policy.classify(cookie("sessionid=1")) == Classification(
        "ignored", "ignored: name matches 'sessionid'"
    )


def test_extended_adds_and_with_names_replaces() -> None:
    extended = CookiePolicy().extended(auth=["MyApp_*"], csrf=["antiforgery_field"])
    assert extended.auth_names[: len(DEFAULT_AUTH_NAMES)] == DEFAULT_AUTH_NAMES
    assert extended.classify(cookie("myapp_login=1")).reason == (
        "name matches the pattern 'MyApp_*'"
    )
    replaced = CookiePolicy().with_names(auth=["login"])
    assert replaced.classify(cookie("sessionid=1")).kind == "other"
    assert replaced.classify(cookie("login=1")).kind == "auth"
    assert replaced.csrf_names == DEFAULT_CSRF_NAMES
    assert replaced.ignore_names == DEFAULT_IGNORE_NAMES


def test_names_may_be_given_as_ini_text() -> None:
    policy = CookiePolicy(auth_names="login, remember\n  token_*")  # type: ignore[arg-type]
    assert policy.auth_names == ("login", "remember", "token_*")


def test_classifier_hook_comes_after_the_ignore_list() -> None:
    calls: list[tuple[str, str | None]] = []

    def hook(seen: SetCookie, source: str | None) -> str | None:
        calls.append((seen.name, source))
        return "auth" if seen.name == "prefs" else None

    policy = CookiePolicy(classifier=hook)  # type: ignore[arg-type]
    assert policy.classify(cookie("prefs=1"), "GET http://x/ (flask)") == Classification(
        "auth", "the classify hook says auth"
    )
    assert policy.classify(cookie("theme=1")).kind == "other"
    assert policy.classify(cookie("AWSALB=1")).kind == "ignored"
    assert calls == [("prefs", "GET http://x/ (flask)"), ("theme", None)]


def test_classifier_may_give_its_own_reason_and_must_return_a_kind() -> None:
    own = Classification("csrf", "our form token")
    assert CookiePolicy(classifier=lambda c, s: own).classify(cookie("f=1")) is own
    wrong = Classification("maybe", "?")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="returned Classification"):
        CookiePolicy(classifier=lambda c, s: wrong).classify(cookie("f=1"))
    with pytest.raises(ValueError, match="returned 'yes'"):
        CookiePolicy(classifier=lambda c, s: "yes").classify(cookie("f=1"))  # type: ignore[arg-type,return-value]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"samesite": ("Lax", "Sometimes")}, "SameSite values must be Strict, Lax or None"),
        ({"samesite": 5}, "SameSite values must be Strict, Lax or None"),
        ({"samesite": ("Lax", 5)}, "SameSite values must be Strict, Lax or None"),
        ({"ignore_rules": ("SC999",)}, "unknown rule ids"),
        ({"max_lifetime": -1}, "max_lifetime"),
        ({"auth_names": ("ok", "")}, "auth_names must hold non-empty names"),
    ],
)
def test_invalid_policies_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CookiePolicy(**kwargs)  # type: ignore[arg-type]


def test_samesite_is_normalised() -> None:
    assert CookiePolicy(samesite="strict").samesite == ("Strict",)  # type: ignore[arg-type]
    assert CookiePolicy(samesite=("lax", "NONE")).samesite == ("Lax", "None")


def test_every_default_entry_is_lower_case_or_an_ignore_name() -> None:
    for entry in DEFAULT_AUTH_NAMES + DEFAULT_CSRF_NAMES:
        assert entry == entry.lower(), entry
    assert len(set(DEFAULT_AUTH_NAMES)) == len(DEFAULT_AUTH_NAMES)


def test_other_says_why() -> None:
    assert CookiePolicy().classify(cookie("theme=dark")) == Classification(
        "other", "name and value look like no auth or CSRF cookie"
    )


# -- values produced by the real libraries --------------------------------------------------


def real_values() -> list[tuple[str, str]]:
    """(value, expected reason) produced by each library's own signing code."""
    import bottle  # type: ignore[import-untyped]
    import itsdangerous
    import jwt as pyjwt
    import tornado.web

    bottle_response = bottle.BaseResponse()
    bottle_response.set_cookie("account", "alice", secret="k" * 32)
    [bottle_line] = [value for key, value in bottle_response.headerlist if key == "Set-Cookie"]
    flask_like = itsdangerous.URLSafeTimedSerializer("k", salt="cookie-session")
    return [
        (cookie(bottle_line).value, "value is a Bottle signed cookie"),
        (tornado.web.create_signed_value("k", "user", "alice").decode(),
         "value is a Tornado signed value"),
        (tornado.web.create_signed_value("k", "user", "alice", version=1).decode(),
         "value is a Tornado signed value"),
        (flask_like.dumps({"user_id": 1}), "value is a Flask/itsdangerous signed session"),
        (pyjwt.encode({"sub": "1"}, "k" * 32, algorithm="HS256"), "value is a JSON Web Token"),
    ]


def test_values_signed_by_the_real_libraries() -> None:
    for value, reason in real_values():
        assert CookiePolicy().classify(cookie(f"prefs={value}")).reason == reason


def test_django_signing_and_session_serializer() -> None:
    from django.conf import settings  # type: ignore[import-untyped]
    from django.core import signing  # type: ignore[import-untyped]

    if not settings.configured:
        settings.configure(SECRET_KEY="policy-tests", INSTALLED_APPS=[], DATABASES={})
    reason = "value is a Django signed value (django.core.signing)"
    values = [
        signing.dumps({"_auth_user_id": "1"}, compress=True),  # signed_cookies sessions
        signing.dumps([1, 2, 3]),
        signing.get_cookie_signer(salt="user").sign("alice"),  # set_signed_cookie
        signing.Signer(key="k" * 50).sign("alice"),
    ]
    for value in values:
        assert CookiePolicy().classify(cookie(f"prefs={value}")).reason == reason, value


def test_single_strings_are_name_lists_not_characters() -> None:
    policy = CookiePolicy().extended(auth="login_a, login_b").with_names(ignore="lb_*")
    assert policy.auth_names[-2:] == ("login_a", "login_b")
    assert policy.ignore_names == ("lb_*",)


def test_rule_ids_and_lifetimes_are_normalised() -> None:
    from datetime import timedelta

    policy = CookiePolicy(ignore_rules="sc001 SC002", max_lifetime=timedelta(hours=1))  # type: ignore[arg-type]
    assert policy.ignore_rules == ("SC001", "SC002")
    assert policy.max_lifetime == 3600
    with pytest.raises(ValueError, match="max_lifetime"):
        CookiePolicy(max_lifetime="1h")  # type: ignore[arg-type]
