"""read_lines on plain inputs: str, bytes, lists, pairs, WSGI, ASGI, mappings; errors."""

from __future__ import annotations

import email
import subprocess
import sys
from datetime import datetime, timezone

import multidict
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_securecookie.parsing.readers import (
    read_lines,
    response_date,
    set_cookie_headers,
    set_cookies,
)
from tests._apps import DATE, L1, L2, L3, LINES


def test_a_lone_line_is_returned_as_is() -> None:
    assert read_lines(L1) == [L1]


def test_a_lone_line_keeps_its_spaces_and_oddities() -> None:
    assert read_lines("  odd=1;;Secure  ") == ["  odd=1;;Secure  "]


def test_a_set_cookie_prefix_on_one_line_is_removed() -> None:
    assert read_lines("set-COOKIE:   " + L1) == [L1]


def test_a_cookie_line_with_a_colon_in_expires_is_not_a_header_field() -> None:
    line = "x=1; Expires=Thu, 01 Jan 2037 00:00:00 GMT"
    assert read_lines(line) == [line]


def test_a_header_block_gives_its_set_cookie_fields_in_order() -> None:
    block = "\r\n".join(["HTTP/1.1 200 OK", "Content-Type: text/plain"] + [
        f"Set-Cookie: {line}" for line in LINES
    ])
    assert read_lines(block) == LINES


def test_a_header_block_stops_at_the_body() -> None:
    block = f"Set-Cookie: {L1}\nSet-Cookie: {L2}\n\nSet-Cookie: {L3}\n"
    assert read_lines(block) == [L1, L2]


def test_a_folded_field_joins_its_continuation() -> None:
    assert read_lines("Set-Cookie: a=1;\r\n Path=/\r\nX: y") == ["a=1; Path=/"]


def test_a_block_of_bare_lines_is_refused_without_showing_them() -> None:
    with pytest.raises(ValueError, match="line 1 of the header block") as info:
        read_lines("secretname=secretvalue\nother=2")
    assert "secret" not in str(info.value)


def test_bytes_are_read_like_text() -> None:
    assert read_lines(L1.encode()) == [L1]
    assert read_lines(b"Set-Cookie: a=1\r\nset-cookie: b=2") == ["a=1", "b=2"]


def test_bytes_that_are_not_utf8_are_read_as_latin1() -> None:
    assert read_lines(b"a=\xe9") == ["a=\xe9"]
    assert read_lines("a=é".encode()) == ["a=é"]


def test_a_list_of_lines_comes_back_unchanged() -> None:
    assert read_lines(list(LINES)) == LINES
    assert read_lines([line.encode() for line in LINES]) == LINES


def test_an_empty_list_has_no_lines() -> None:
    assert read_lines([]) == []


def test_wsgi_pairs_keep_only_set_cookie_in_order() -> None:
    headers = [("Set-Cookie", L1), ("Content-Type", "text/html"), ("set-cookie", L2)]
    assert read_lines(headers + [("SET-COOKIE", L3)]) == LINES


def test_wsgi_values_lose_one_leading_space_as_django_sends_them() -> None:
    assert read_lines([("Set-Cookie", " sessionid=1"), ("Set-Cookie", "  b=2")]) == [
        "sessionid=1",
        " b=2",
    ]


def test_asgi_start_message_headers_any_case_tuples_or_lists() -> None:
    message = {
        "type": "http.response.start",
        "status": 200,
        "headers": [(b"set-cookie", L1.encode()), [b"Set-Cookie", L2.encode()], (b"x", b"y")],
    }
    assert read_lines(message) == [L1, L2]


def test_an_asgi_body_message_is_refused() -> None:
    with pytest.raises(TypeError, match="http.response.body"):
        read_lines({"type": "http.response.body", "headers": []})


def test_a_mapping_of_names_to_values_or_lists() -> None:
    assert read_lines({"Set-Cookie": L1, "X": "y"}) == [L1]
    assert read_lines({"set-cookie": [L1, L2]}) == [L1, L2]


def test_a_generator_of_pairs_is_read() -> None:
    assert read_lines(("Set-Cookie", line) for line in LINES) == LINES


def test_history_false_changes_nothing_for_plain_inputs() -> None:
    assert read_lines(list(LINES), history=False) == LINES


def test_set_cookie_headers_is_read_lines() -> None:
    assert set_cookie_headers([("Set-Cookie", L1)]) == [L1]


@pytest.mark.parametrize("value", [None, 42, 1.5, object()])
def test_other_types_raise_type_error_naming_the_type(value: object) -> None:
    kind = type(value)
    with pytest.raises(TypeError) as info:
        read_lines(value)
    message = str(info.value)
    assert f"{kind.__module__}.{kind.__qualname__}" in message
    assert "requests.Response" in message and "django HttpResponse" in message


def test_a_list_of_something_else_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="builtins.int"):
        read_lines([1, 2])


@pytest.mark.parametrize(
    ("data", "received"),
    [([(1, "a")], "header name of type builtins.int"),
     ([("set-cookie", 5)], "Set-Cookie value of type builtins.int"),
     ({1: "a"}, "header name of type builtins.int"),
     ({"set-cookie": None}, "Set-Cookie value of type builtins.NoneType"),
     ({"Set-Cookie": ["a=b", 7]}, "Set-Cookie value of type builtins.int"),
     ({"headers": [(b"set-cookie", 3)]}, "Set-Cookie value of type builtins.int")],
)
def test_a_pair_of_something_else_is_a_type_error_not_an_attribute_error(
    data: object, received: str
) -> None:
    # perf-findings F5: these raised AttributeError ('int' object has no attribute 'lower').
    with pytest.raises(TypeError) as info:
        set_cookie_headers(data)
    assert received in str(info.value)
    assert "(name, value) pairs of str or bytes" in str(info.value)


def test_a_header_of_another_name_may_hold_anything() -> None:
    assert set_cookie_headers({"Content-Length": 5, "Set-Cookie": [L1]}) == [L1]


def test_response_date_from_a_header_block() -> None:
    when = response_date(f"HTTP/1.1 200 OK\r\nDate: {DATE}\r\nSet-Cookie: {L1}")
    assert when == datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone.utc)


def test_response_date_is_utc_even_from_another_zone() -> None:
    when = response_date([("Date", "Sun, 06 Nov 1994 10:49:37 +0200")])
    assert when == datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone.utc)
    assert when is not None and when.utcoffset() is not None


def test_response_date_absent_or_unreadable_is_none() -> None:
    assert response_date(L1) is None
    assert response_date([("Date", "not a date")]) is None
    assert response_date({"Set-Cookie": L1}) is None


def test_importing_the_package_imports_no_client() -> None:
    code = (
        "import sys, pytest_securecookie.parsing.readers as e;"
        "e.read_lines('a=1'); e.read_lines([('Set-Cookie', 'a=1')]);"
        "bad = {'requests','werkzeug','django','httpx','aiohttp','falcon','tornado','urllib3',"
        "'webob','quart','flask','pytest'} & {m.split('.')[0] for m in sys.modules};"
        "print(sorted(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_set_cookies_parses_in_order_and_drops_ignored_lines() -> None:
    lines = [L1, "=", "bad=1\x01; Path=/", "n=" + "v" * 5000, L2, L3]
    cookies = set_cookies(lines)
    assert [cookie.raw for cookie in cookies] == LINES
    assert [(c.name, c.path, c.httponly, c.secure) for c in cookies] == [
        ("a", "/", True, False),
        ("b", "/", False, True),
        ("a", "/sub", False, False),
    ]
    assert cookies[0].expires == datetime(2037, 1, 1, tzinfo=timezone.utc)


def test_set_cookies_is_exported_with_set_cookie_headers() -> None:
    import pytest_securecookie

    assert pytest_securecookie.set_cookies is set_cookies
    assert pytest_securecookie.set_cookie_headers is set_cookie_headers


def test_an_email_message_uses_get_all() -> None:
    message = email.message_from_string(
        f"Set-Cookie: {L1}\nDate: {DATE}\nSet-Cookie: {L2}\n\nbody"
    )
    assert read_lines(message) == [L1, L2]
    assert response_date(message) == datetime(1994, 11, 6, 8, 49, 37, tzinfo=timezone.utc)


def test_the_readme_block_example() -> None:
    block = "HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\n\r\n"
    assert set_cookie_headers(block) == ["a=1; Path=/", "b=2"]


def test_a_multidict_alone_is_read_with_getall() -> None:
    headers = multidict.CIMultiDict([("Set-Cookie", L1), ("X", "y"), ("set-cookie", L2)])
    assert read_lines(headers) == [L1, L2]
    assert read_lines(multidict.CIMultiDict([("X", "y")])) == []


# A Set-Cookie line as a server could send it: no CR/LF, no surrounding whitespace (a header
# block's OWS is not part of the value), at least one character.
header_values = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\r\n"), min_size=1
).map(lambda text: text.strip(" \t")).filter(bool)


@given(st.lists(header_values, max_size=5))
def test_lines_survive_every_container(lines: list[str]) -> None:
    assert read_lines(list(lines)) == lines
    assert read_lines([("Set-Cookie", line) for line in lines]) == lines
    asgi = [(b"set-cookie", line.encode()) for line in lines]
    assert read_lines({"type": "http.response.start", "headers": asgi}) == lines
    block = "".join(f"Set-Cookie: {line}\r\n" for line in lines)
    assert read_lines("HTTP/1.1 200 OK\r\n" + block + "\r\n") == lines


@given(header_values)
def test_a_lone_line_comes_back_unchanged(line: str) -> None:
    expected = line[11:].strip(" \t") if line[:11].lower() == "set-cookie:" else line
    assert read_lines(line) == [expected]


def test_a_message_like_mapping_without_a_type_is_read_by_its_headers() -> None:
    assert read_lines({"status": 302, "headers": [(b"Set-Cookie", b"r=1")]}) == ["r=1"]
    assert read_lines({"headers": "x", "Set-Cookie": "a=1"}) == ["a=1"]  # a header named so


def test_a_block_error_counts_the_status_line() -> None:
    with pytest.raises(ValueError, match="line 3 of the header block"):
        read_lines("HTTP/1.1 200 OK\nSet-Cookie: a=1\nb=2; Path=/")
