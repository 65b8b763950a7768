"""SC024 on real Flask sessions the first version missed or over-shared: a compressed session
inflating past the decoding bound, plural and OAuth/OTP secret keys, and the keys on the way
to a secret (data, such as a user name, never shown)."""

from __future__ import annotations

import flask
import pytest

from pytest_securecookie import (
    Classification,
    CookiePolicy,
    InsecureCookieError,
    SetCookie,
    assert_secure_cookie,
)

FLASK = "'session' is a Flask/itsdangerous signed session anyone can decode without the key, and"


def flask_app(**stored: object) -> flask.Flask:
    app = flask.Flask(__name__)
    app.secret_key = "sc024-review-only"
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_SAMESITE="Lax")

    @app.get("/login")
    def login() -> str:
        flask.session.update(stored)
        return "ok"

    return app


def sc024(app: flask.Flask, policy: CookiePolicy | None = None) -> str | None:
    response = app.test_client().get("/login", base_url="https://app.test")
    try:
        assert_secure_cookie(response, policy=policy)
    except InsecureCookieError as error:
        problems = [f.problem for f in error.findings if f.rule == "SC024"]
        return problems[0] if problems else None
    return None


def test_a_session_inflating_past_the_bound_is_judged_by_its_first_bytes() -> None:
    app = flask_app(api_key="k-planted", blob="x" * 20000)  # Flask sorts the keys
    assert sc024(app) == (
        f"{FLASK} it inflates past 8192 bytes: the first 8192 hold 'api_key', the rest was "
        "not judged"
    )


def test_a_session_inflating_past_the_bound_without_a_secret_in_sight_still_fails() -> None:
    # What was not read may hold a secret: said, never a silent pass.
    app = flask_app(blob="x" * 20000, password="hunter2-planted")  # sorted past the bound
    assert sc024(app) == (
        f"{FLASK} it inflates past 8192 bytes: the first 8192 hold no secret key, the rest was "
        "not judged"
    )


@pytest.mark.parametrize(("stored", "held"), [
    ({"passwords": ["hunter2-planted"]}, "'passwords'"),
    ({"github_oauth_token": {"access_token": "gho_planted16C7e42F292c6912E771",
                             "token_type": "bearer"}}, "'access_token' (2 levels deep)"),
    ({"refresh_token": "r-planted"}, "'refresh_token'"),
    ({"id_token": "eyJ-planted"}, "'id_token'"),
    ({"totp_seed": "JBSWY3DPEHPK3PXP"}, "'totp_seed'"),
    ({"otp": "493021"}, "'otp'"),
    ({"api_keys": ["k-planted"]}, "'api_keys'"),
])  # fmt: skip
def test_plural_oauth_and_one_time_password_secrets_fail(stored: dict[str, object], held: str
                                                         ) -> None:
    assert sc024(flask_app(**stored)) == f"{FLASK} it holds {held}"


def test_flask_login_and_csrf_keys_are_no_secret() -> None:
    app = flask_app(_user_id="7", _fresh=True, _id="b" * 128, csrf_token="a" * 40,
                    _csrf="c" * 40, _remember="set", _remember_seconds=3600)
    assert sc024(app) is None


def test_the_keys_on_the_way_to_a_secret_are_never_shown() -> None:
    problem = sc024(flask_app(vault={"alice": {"password": "x"}}))
    assert problem == f"{FLASK} it holds 'password' (3 levels deep)"
    assert "alice" not in problem and "vault" not in problem


def test_a_card_number_under_a_data_key_is_under_a_key() -> None:
    problem = sc024(flask_app(cards={"alice": "4111 1111 1111 1111"}))
    assert problem == f"{FLASK} it holds a key (2 levels deep, a card number)"


def chunk_words(cookie: SetCookie, source: str | None) -> Classification:
    return Classification("auth", f"'{cookie.name}' is a chunk of the auth-like cookie 'x'")


def test_a_classify_hooks_reason_cannot_switch_the_token_rules_off() -> None:
    policy = CookiePolicy(classifier=chunk_words)
    assert sc024(flask_app(password="hunter2-planted"), policy) == f"{FLASK} it holds 'password'"


def test_a_chunk_of_an_auth_cookie_is_still_not_judged_as_a_token() -> None:
    app = flask.Flask(__name__)

    @app.get("/login")
    def login() -> flask.Response:
        response = flask.make_response("ok")
        response.set_cookie("session-0", "17", secure=True, httponly=True, samesite="Lax")
        return response

    response = app.test_client().get("/login", base_url="https://app.test")
    assert_secure_cookie(response, "session-0", policy=CookiePolicy(token_entropy=True))
