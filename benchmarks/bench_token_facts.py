"""What a fresh cookie value costs the token facts (issue 14): µs per value, per shape.

Run: ``python benchmarks/bench_token_facts.py [--rounds N]``.

Every login sets a fresh session value, and enforcement works out what it tells as a token
(``judging.tokens.token_facts``: its credential shape, the session it decodes to, the secret
keys, its entropy) once per distinct value; the credential shape alone
(``judging.shapes.credential_shape``) is read of any cookie a name does not classify.  Each
shape's values are made beforehand by the real library (or as it makes them), more of them
than the facts' cache holds, so each call is a miss; CPU time per call, median of alternated
rounds.  Targets (issue 14, this machine): a Flask session ≤ 6 µs, a 32-hex id ≤ 3 µs, a
Django signed-cookies session ≤ 8 µs.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import itertools
import json
import secrets
import string
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _timing import median_seconds, table, verdict  # noqa: E402
from itsdangerous import TimestampSigner, URLSafeTimedSerializer  # noqa: E402

from pytest_securecookie.judging.shapes import credential_shape  # noqa: E402
from pytest_securecookie.judging.tokens import token_facts  # noqa: E402

VALUES = 3000  # per shape: more than token_facts caches (1024), so every call decodes
TARGETS = {"flask session": 6.0, "hex id (32)": 3.0, "django signed_cookies session": 8.0}


def flask_session(n: int) -> str:
    return URLSafeTimedSerializer("bench", salt="cookie-session").dumps({"user": f"user{n}"})


def flask_compressed(n: int) -> str:
    data = {"_user_id": str(n), "_fresh": True, "note": "remember me " * 20}
    return URLSafeTimedSerializer("bench", salt="cookie-session").dumps(data)


def starlette_session(n: int) -> str:
    # starlette.middleware.sessions: standard base64 of the JSON, signed by TimestampSigner.
    data = base64.b64encode(json.dumps({"user": f"user{n}", "role": "admin"}).encode())
    return TimestampSigner("bench").sign(data).decode()


def django_signing() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY="bench-secret-key", INSTALLED_APPS=[], DATABASES={})


def django_session(n: int) -> str:
    from django.contrib.sessions.serializers import JSONSerializer
    from django.core import signing

    data = {"_auth_user_id": str(n), "_auth_user_hash": hashlib.sha256(b"%d" % n).hexdigest(),
            "_auth_user_backend": "django.contrib.auth.backends.ModelBackend"}
    return signing.dumps(data, compress=True, serializer=JSONSerializer,
                         salt="django.contrib.sessions.backends.signed_cookies")


def django_signed_cookie(n: int) -> str:
    from django.core import signing

    return signing.get_cookie_signer(salt="user").sign(f"user{n}")


def jwt_token(n: int) -> str:
    import jwt

    return jwt.encode({"sub": str(n)}, "bench-key-of-at-least-32-bytes!!", "HS256")


def express_cookie_session(n: int) -> str:
    return base64.b64encode(json.dumps({"user": f"user{n}"}).encode()).decode()


def express_signed(n: int) -> str:
    signature = base64.b64encode(hashlib.sha256(b"%d" % n).digest()).decode().rstrip("=")
    return f"s:{secrets.token_urlsafe(24)}.{signature}"


def rails_cookie(n: int) -> str:
    data = base64.b64encode(secrets.token_bytes(48)).decode()
    return f"{data}--{base64.b64encode(secrets.token_bytes(12)).decode()}"


def django_sessionid(n: int) -> str:
    return "".join(secrets.choice(string.ascii_lowercase + string.digits) for _ in range(32))


MAKERS: dict[str, Callable[[int], str]] = {
    "flask session": flask_session,
    "flask session, compressed": flask_compressed,
    "starlette session": starlette_session,
    "django signed_cookies session": django_session,
    "django set_signed_cookie": django_signed_cookie,
    "JWT (HS256)": jwt_token,
    "express cookie-session": express_cookie_session,
    "express signed id": express_signed,
    "rails signed cookie": rails_cookie,
    "hex id (32)": lambda n: secrets.token_hex(16),
    "urlsafe id (43)": lambda n: secrets.token_urlsafe(32),
    "uuid4": lambda n: str(uuid.uuid4()),
    "django sessionid": django_sessionid,
}


def each_call(function: Callable[[str], object], values: list[str]) -> Callable[[], object]:
    cycle: Iterator[str] = itertools.cycle(values)
    return lambda: function(next(cycle))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    django_signing()
    made = {label: [make(n) for n in range(VALUES)] for label, make in MAKERS.items()}
    candidates: dict[str, Callable[[], object]] = {}
    for label, values in made.items():
        candidates[f"{label}: facts"] = each_call(token_facts, values)
        candidates[f"{label}: shape"] = each_call(credential_shape, values)
    for call in candidates.values():  # warm: imports, compiled patterns, the caches full
        for _ in range(VALUES):
            call()
    times = median_seconds(candidates, rounds)
    rows = [(label, str(credential_shape(made[label][0])),
             f"{times[f'{label}: facts'] * 1e6:.1f}", f"{times[f'{label}: shape'] * 1e6:.1f}")
            for label in made]
    print(f"CPU µs per fresh value, median of {rounds} rounds")
    print(table(("value", "shape", "token_facts µs", "credential_shape µs"), rows))
    for label, target in TARGETS.items():
        spent = times[f"{label}: facts"] * 1e6
        print(verdict(f"token_facts of a fresh {label} ≤ {target:g} µs", spent <= target,
                      f"{spent:.1f} µs"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
