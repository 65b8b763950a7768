"""A FastAPI app with Starlette's ``SessionMiddleware`` and a JWT ``access_token`` cookie.

``create_app("hardened")`` sets ``https_only=True`` on the session and Secure, HttpOnly,
SameSite=Strict on the token; ``create_app("defaults")`` keeps Starlette's defaults, which
send the session without ``Secure`` and the token without ``Secure`` and without
``HttpOnly``.  ``EXAMPLE_CONFIG`` chooses when no name is given (default: hardened).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from typing import Any

from fastapi import FastAPI, HTTPException, Request, Response
from pydantic import BaseModel
from starlette.middleware.sessions import SessionMiddleware

SECRET = os.environ.get("EXAMPLE_SECRET", "example-only-not-a-secret").encode()
USERS = {"alice": "correct horse battery staple"}
TOKEN_LIFETIME = 15 * 60

# Keyword arguments for the access_token cookie, per configuration.
TOKEN_COOKIE: dict[str, dict[str, Any]] = {
    "defaults": {},
    "hardened": {"secure": True, "httponly": True, "samesite": "strict"},
}


class Credentials(BaseModel):
    username: str
    password: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_jwt(subject: str, lifetime: int = TOKEN_LIFETIME) -> str:
    """An HS256 JSON Web Token made with the standard library (PyJWT does the same)."""
    header = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = _b64(json.dumps({"sub": subject, "exp": int(time.time()) + lifetime}).encode())
    signature = hmac.new(SECRET, f"{header}.{claims}".encode(), hashlib.sha256).digest()
    return f"{header}.{claims}.{_b64(signature)}"


def read_jwt(token: str) -> str | None:
    """The subject of a valid, unexpired token, else None."""
    try:
        header, claims, signature = token.split(".")
        expected = hmac.new(SECRET, f"{header}.{claims}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(_b64(expected), signature):
            return None
        payload = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    except ValueError:
        return None
    return str(payload["sub"]) if payload.get("exp", 0) > time.time() else None


def create_app(config_name: str | None = None) -> FastAPI:
    config = config_name or os.environ.get("EXAMPLE_CONFIG", "hardened")
    app = FastAPI()
    hardened = config == "hardened"
    app.add_middleware(
        SessionMiddleware, secret_key=SECRET.decode(), https_only=hardened, same_site="lax"
    )
    _add_routes(app, TOKEN_COOKIE[config])
    return app


def _add_routes(app: FastAPI, cookie: dict[str, Any]) -> None:
    @app.post("/login")
    def login(credentials: Credentials, request: Request, response: Response) -> dict[str, str]:
        if USERS.get(credentials.username) != credentials.password:
            raise HTTPException(status_code=401, detail="wrong user name or password")
        request.session["user"] = credentials.username
        token = make_jwt(credentials.username)
        response.set_cookie("access_token", token, max_age=TOKEN_LIFETIME, **cookie)
        return {"user": credentials.username}

    @app.get("/me")
    def me(request: Request) -> dict[str, str | None]:
        user = read_jwt(request.cookies.get("access_token", ""))
        if user is None:
            raise HTTPException(status_code=401, detail="log in first")
        return {"user": user, "session_user": request.session.get("user")}

    @app.post("/logout")
    def logout(request: Request, response: Response) -> dict[str, str]:
        request.session.clear()
        response.delete_cookie("access_token", **cookie)  # the same attributes as when set
        return {"user": ""}
