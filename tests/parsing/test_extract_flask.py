"""read_lines on werkzeug and Flask test responses, through the real test clients."""

from __future__ import annotations

import flask
import pytest
import werkzeug
import werkzeug.test

from pytest_securecookie.parsing.readers import read_lines, response_date, set_cookie_headers
from tests._apps import DATE, LINES, REDIRECT_LINE, wsgi_app


def make_flask_app() -> flask.Flask:
    app = flask.Flask(__name__)

    @app.route("/cookies")
    def cookies() -> flask.Response:
        response = flask.make_response("ok")
        for line in LINES:
            response.headers.add("Set-Cookie", line)
        response.headers["Date"] = DATE
        return response

    @app.route("/redirect")
    def redirect() -> werkzeug.Response:
        response = flask.redirect("/cookies")
        response.headers.add("Set-Cookie", REDIRECT_LINE)
        return response

    @app.route("/set_cookie")
    def set_cookie() -> flask.Response:
        response = flask.make_response("ok")
        response.set_cookie("session", "x", httponly=True, secure=True, samesite="Lax")
        response.set_cookie("session", "y", path="/admin")
        return response

    return app


@pytest.fixture
def flask_client() -> flask.testing.FlaskClient:
    return make_flask_app().test_client()


def test_flask_lines_are_exact_and_in_order(flask_client: flask.testing.FlaskClient) -> None:
    response = flask_client.get("/cookies")
    assert response.headers["Set-Cookie"] == LINES[0]  # the trap: first line only
    assert read_lines(response) == LINES


def test_flask_followed_redirect_gives_the_302_line_first(
    flask_client: flask.testing.FlaskClient,
) -> None:
    response = flask_client.get("/redirect", follow_redirects=True)
    assert [hop.status_code for hop in response.history] == [302]
    assert set_cookie_headers(response) == [REDIRECT_LINE, *LINES]
    assert read_lines(response, history=False) == LINES
    assert read_lines(response.history[0], history=False) == [REDIRECT_LINE]


def test_flask_unfollowed_redirect_has_its_own_line(
    flask_client: flask.testing.FlaskClient,
) -> None:
    assert read_lines(flask_client.get("/redirect")) == [REDIRECT_LINE]


def test_flask_set_cookie_twice_with_one_name_gives_two_lines(
    flask_client: flask.testing.FlaskClient,
) -> None:
    lines = read_lines(flask_client.get("/set_cookie"))
    assert [line.split(";")[0] for line in lines] == ["session=x", "session=y"]
    assert "Path=/admin" in lines[1]


def test_flask_response_date(flask_client: flask.testing.FlaskClient) -> None:
    when = response_date(flask_client.get("/cookies"))
    assert when is not None and when.year == 1994 and when.utcoffset() is not None


def test_werkzeug_client_over_a_bare_wsgi_app() -> None:
    client = werkzeug.test.Client(wsgi_app)
    response = client.get("/redirect", follow_redirects=True)
    assert read_lines(response) == [REDIRECT_LINE, *LINES]


def test_a_werkzeug_response_built_by_hand() -> None:
    response = werkzeug.Response("ok")
    response.headers.add("Set-Cookie", LINES[0])
    response.set_cookie("b", "2")
    assert read_lines(response) == [LINES[0], "b=2; Path=/"]


def test_werkzeug_headers_object_alone_is_read(flask_client: flask.testing.FlaskClient) -> None:
    assert read_lines(flask_client.get("/cookies").headers) == LINES
