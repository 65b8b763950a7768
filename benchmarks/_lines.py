"""The realistic Set-Cookie lines the benchmarks parse: what real frameworks send.

Shared by ``bench_parse.py`` (throughput) and the differential test's seed corpus, so one
list says what "realistic" means.  Values are made up; the shapes are the frameworks' own.
"""

from __future__ import annotations

import base64
import json

_JWT_HEADER = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
_JWT_BODY = base64.urlsafe_b64encode(json.dumps({"sub": "42", "exp": 1893456000}).encode())
JWT = f"{_JWT_HEADER.decode().rstrip('=')}.{_JWT_BODY.decode().rstrip('=')}.c2lnbmF0dXJlX2J5dGVz"
BIG = "Zm9v" * 768  # a 3 KB value (a fat session or a chunked token)

REALISTIC = [
    # Flask / Werkzeug
    "session=eyJ1c2VyX2lkIjo0Mn0.ZzK3Aw.abcdefghijklmnopqrstuvwxyz1; HttpOnly; Path=/",
    "session=eyJ1c2VyX2lkIjo0Mn0.ZzK3Aw.abcdefghijklmnopqrstuvwxyz1; Secure; HttpOnly; Path=/;"
    " SameSite=Lax",
    "remember_token=42|0f1e2d3c4b5a69788796a5b4c3d2e1f0; Expires=Mon, 21 Dec 2026 00:10:18 GMT;"
    " Secure; HttpOnly; Path=/",
    "session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
    # Django
    "sessionid=7c4e8a1b9f2d4e6a8b0c1d2e3f4a5b6c; expires=Sun, 06 Dec 2026 00:10:18 GMT;"
    " HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure",
    "csrftoken=Zx9mQ2vL8kP4nR7tY1wE3uI6oA5sD0fG; expires=Sun, 21 Nov 2027 00:10:18 GMT;"
    " Max-Age=31449600; Path=/; SameSite=Lax",
    'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax',
    'messages="W1siX19qc29uX21lc3NhZ2UiLDAsMjUsIkxvZ2dlZCBpbiJdXQ:1tDrjK:abc"; HttpOnly;'
    " Path=/; SameSite=Lax",
    # Express
    "connect.sid=s%3AabcDEF123.xyzSignature456%2Bk%2F; Path=/; HttpOnly; SameSite=Strict",
    "connect.sid=s%3AabcDEF123.xyzSignature456; Path=/; Expires=Tue, 22 Dec 2026 00:00:00 GMT;"
    " HttpOnly; Secure",
    "session=eyJ1c2VyIjoiYWxpY2UifQ==; path=/; httponly",
    "session.sig=k3Dd9bYtXsF0Q1w2e3r4t5y6u7; path=/; httponly",
    # Rails
    "_myapp_session=QmFzZTY0RW5jb2RlZA%3D%3D--0123456789abcdef; path=/; secure; httponly;"
    " samesite=lax",
    "remember_user_token=eyJfcmFpbHMiOnsibWVzc2FnZSI6IkJBaGIifX0%3D--b4c3d2e1; path=/;"
    " expires=Sat, 21 Nov 2027 00:00:00 GMT; secure; httponly; samesite=lax",
    # ASP.NET
    "ASP.NET_SessionId=q1w2e3r4t5y6u7i8o9p0a1s2; path=/; HttpOnly; SameSite=Lax",
    ".AspNetCore.Cookies=CfDJ8Abcdefghijklmnopqrstuvwxyz0123456789_-ABCDEFGHIJ; path=/;"
    " secure; samesite=lax; httponly",
    ".AspNetCore.Antiforgery.Xyz=CfDJ8Qwertyuiopasdfghjklzxcvbnm; path=/; samesite=strict;"
    " httponly",
    "ARRAffinity=0123456789abcdef0123456789abcdef; Path=/; HttpOnly; Domain=app.example.net",
    # Java, PHP
    "JSESSIONID=8A1B2C3D4E5F60718293A4B5C6D7E8F9; Path=/app; Secure; HttpOnly",
    "JSESSIONID=node01abc123def456.node0; Path=/; HttpOnly",
    "PHPSESSID=q1w2e3r4t5y6u7i8o9p0; path=/; HttpOnly",
    "PHPSESSID=q1w2e3r4t5y6u7i8o9p0; path=/; secure; HttpOnly; SameSite=Strict",
    "laravel_session=eyJpdiI6IjEyMyIsInZhbHVlIjoiYWJjIiwibWFjIjoiZGVmIn0%3D;"
    " expires=Sun, 22-Nov-2026 02:00:00 GMT; Max-Age=7200; path=/; httponly; samesite=lax",
    "XSRF-TOKEN=eyJpdiI6IjQ1NiIsInZhbHVlIjoiZ2hpIiwibWFjIjoiamtsIn0%3D;"
    " expires=Sun, 22-Nov-2026 02:00:00 GMT; Max-Age=7200; path=/; samesite=lax",
    # Tokens
    f"jwt={JWT}; Path=/; Secure; HttpOnly; SameSite=Strict",
    f"access_token={JWT}; Max-Age=900; Path=/api; Secure; HttpOnly; SameSite=None; Partitioned",
    f"refresh_token={JWT}; Max-Age=2592000; Path=/auth/refresh; Secure; HttpOnly; SameSite=Strict",
    f'id_token="{JWT}"; Path=/; Secure',
    "__Host-sid=abc123def456; Path=/; Secure; HttpOnly; SameSite=Strict",
    "__Secure-next-auth.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..abc.def.ghi;"
    " Path=/; HttpOnly; Secure; SameSite=Lax",
    # Other frameworks and infrastructure
    "aiohttp_session=gAAAAABnQ1x2abcdefghijklmnopqrstuvwxyz0123456789; Max-Age=86400; Path=/;"
    " HttpOnly",
    'user="2|1:0|10:1732233018|4:user|8:YWxpY2U=|0123456789abcdef"; expires=Tue, 22 Dec 2026'
    " 00:00:00 GMT; Path=/",
    "rack.session=BAh7BkkiD3Nlc3Npb25faWQGOgZFVEki; path=/; HttpOnly",
    "_ga=GA1.1.1234567890.1732233018; Domain=.example.com; Expires=Wed, 22 Dec 2027 00:00:00 GMT;"
    " Path=/",
    "AWSALB=abcDEF123/ghiJKL456+mnoPQR789==; Expires=Sun, 29 Nov 2026 00:10:18 GMT; Path=/",
    "AWSALBCORS=abcDEF123/ghiJKL456+mnoPQR789==; Expires=Sun, 29 Nov 2026 00:10:18 GMT; Path=/;"
    " SameSite=None; Secure",
    "theme=dark",
    "theme=dark; Path=/",
    "lang=en-US; Path=/; Max-Age=31536000",
    'prefs="a=1,b=2"; Path=/',
    'quoted="hello world"; Path=/',
    "tz=Europe%2FParis; Path=/; SameSite=Lax",
    "cart=; Max-Age=0; Path=/",
    "consent=yes; Expires=Friday, 21-Nov-2027 00:10:18 GMT; Path=/; Domain=example.com",
    "legacy=1; expires=Fri, 31 Dec 9999 23:59:59 GMT; path=/",
    "ab_test=variant_b; Max-Age=604800; Path=/; SameSite=Lax; Priority=High",
    "csrf_token=Zm9vYmFyYmF6cXV4; Path=/; SameSite=Strict; Secure",
    "_csrf=Zm9vYmFy; Path=/; HttpOnly",
    "remember_web_59ba36addc2b2f9401580f014c7f58ea4e30989d=eyJpdiI6IjEifQ%3D%3D;"
    " expires=Thu, 21-Nov-2031 00:10:18 GMT; Max-Age=157680000; path=/; httponly; samesite=lax",
    f"big_session={BIG}; Path=/; Secure; HttpOnly; SameSite=Lax",
]


def with_fresh_values(lines: list[str], copies: int) -> list[str]:
    """``copies`` variants of every line, each with its own value (as sessions change)
    and the same attributes (as a framework sends them): what a test suite sees."""
    fresh = []
    for number in range(copies):
        for line in lines:
            name, eq, rest = line.partition("=")
            quote = '"' if rest.startswith('"') else ""
            fresh.append(f"{name}={quote}{number:06d}{rest[len(quote):]}" if eq else line)
    return fresh
