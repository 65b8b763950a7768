"""Fix texts that name the exact setting of the stack that set a cookie.

``judging.stacks`` reads the stack from what the test reveals (the cookie's name, the framework
or client that received it, the shape of its value); this module writes the fix for it: the
stack's own setting, else the framework's call, else the raw header.  Texts name settings and
attributes only, never a cookie's value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..parsing.clients import client_named
from .stack_settings import PREFIX_SETTINGS, STACK_SETTINGS
from .stacks import FAMILIES, Stack, aiohttp_storage, stack_by_name, stack_by_value

if TYPE_CHECKING:
    from ..parsing.parser import SetCookie

# How each framework sets one cookie by hand: {flags} is filled with the keyword needed.
_SET_COOKIE_CALLS = {
    "flask": 'response.set_cookie("{name}", ..., {flag})',
    "werkzeug": 'response.set_cookie("{name}", ..., {flag})',
    "quart": 'response.set_cookie("{name}", ..., {flag})',
    "django": 'response.set_cookie("{name}", ..., {flag})',
    "starlette": 'response.set_cookie("{name}", ..., {flag})',
    "litestar": 'response.set_cookie("{name}", ..., {flag})',
    "aiohttp": 'response.set_cookie("{name}", ..., {flag})',
    "falcon": 'resp.set_cookie("{name}", ..., {flag})',
    "tornado": 'self.set_signed_cookie("{name}", ..., {flag}) '
               '(set_secure_cookie before Tornado 6.3)',
    "sanic": 'response.add_cookie("{name}", ..., {flag})',
    "pyramid": 'response.set_cookie("{name}", ..., {flag})',
    "bottle": 'response.set_cookie("{name}", ..., {flag})',
    "express": "res.cookie('{name}', value, {{{flag}}})",
}
# How each framework deletes a cookie, where that call takes secure= (or "" where it does
# not: then the deletion is written as a set_cookie with an empty value and max_age=0).
# Django's delete_cookie (5.2) has no secure=: it adds Secure itself only to names that
# start, case-sensitively, with "__Secure-" or "__Host-" (or with samesite="None").
_DELETE_CALLS = {
    "flask": 'response.delete_cookie("{name}", ..., {flag})',
    "werkzeug": 'response.delete_cookie("{name}", ..., {flag})',
    "quart": 'response.delete_cookie("{name}", ..., {flag})',
    "starlette": 'response.delete_cookie("{name}", ..., {flag})',
    "aiohttp": 'response.del_cookie("{name}", ..., {flag})',
    "tornado": 'self.clear_cookie("{name}", ..., {flag})',
    "bottle": 'response.delete_cookie("{name}", ..., {flag})',
    "express": "res.clearCookie('{name}', {{{flag}}})",
    "django": 'response.delete_cookie("{name}") adds Secure only to a name spelt exactly '
              '"__Secure-..."/"__Host-..."; else response.set_cookie("{name}", "", '
              "max_age=0, ..., {flag})",
}
# The flag argument of a _SET_COOKIE_CALLS template, with the comma before it.
_FLAG_ARGUMENT = re.compile(r", \{+flag\}+")
_FLAGS = {
    "secure": {"express": "secure: true"},
    "httponly": {"falcon": "http_only=True", "express": "httpOnly: true"},
    "samesite": {"falcon": 'same_site="{SameSite}"', "express": "sameSite: '{samesite}'",
                 "flask": 'samesite="{SameSite}"', "werkzeug": 'samesite="{SameSite}"',
                 "django": 'samesite="{SameSite}"',
                 "quart": 'samesite="{SameSite}"', "aiohttp": 'samesite="{SameSite}"',
                 "tornado": 'samesite="{SameSite}"', "sanic": 'samesite="{SameSite}"',
                 "pyramid": 'samesite="{SameSite}"'},
    "lifetime": {"express": "maxAge: <milliseconds>", "tornado": "expires_days=<days>"},
    "host_only": {"express": "domain: undefined"},
}
_DEFAULT_FLAGS = {
    "secure": "secure=True", "httponly": "httponly=True", "samesite": 'samesite="{samesite}"',
    "lifetime": "max_age=<seconds>", "host_only": "domain=None",
}
_GENERIC = {
    "secure": "add `; Secure` to the Set-Cookie line of '{name}'",
    "httponly": "add `; HttpOnly` to the Set-Cookie line of '{name}'",
    "samesite": "add `; SameSite={SameSite}` to the Set-Cookie line of '{name}'",
    "lifetime": "give '{name}' a shorter Max-Age (or Expires)",
    "host_only": "drop `Domain=` from the Set-Cookie line of '{name}' (or name it __Host-...)",
}

# For clients of a server listening on a socket (a live server, a browser: the recorder's
# "wsgi"/"asgi" wrappers), where no test-client argument turns on https; the others' spec
# (``parsing.clients``) says how their tests talk https.
_LIVE_HINT = (
    "if Secure is off only because the test server speaks plain http, serve it over https "
    "for the test (or, behind a TLS-terminating proxy the app trusts, send "
    "X-Forwarded-Proto: https)"
)


@dataclass(frozen=True)
class Fixer:
    """The fix texts for one cookie, written for the stack that set it."""

    name: str
    family: str | None = None
    stack: str | None = None
    samesite: str = "Lax"
    plain_http: bool = False
    client: str | None = None  # the recorder's label: "flask", "requests", "asgi", ...
    deletion: bool = False  # at the moment the cookie is judged (its response's Date)
    read_shape: bool = False  # the stack was told by the value's shape: it depends on the value
    read_value: bool = False  # ... or by more of the value than its shape

    @classmethod
    def for_cookie(
        cls,
        cookie: SetCookie,
        *,
        deletion: bool,
        framework: str | None = None,
        url: str | None = None,
        samesite: tuple[str, ...] = (),
        app_stack: Stack | None = None,
    ) -> Fixer:
        """Read the stack from the cookie's name, the framework/client and the value's shape,
        unless the caller knows it (``app_stack``: the app's own setting names the cookie);
        ``deletion`` is whether the line deletes the cookie at the moment it is judged."""
        client = (framework or "").strip().lower() or None
        family = FAMILIES.get(client or "")
        known = app_stack or stack_by_name(cookie, family)
        found_family, stack = known or stack_by_value(cookie, client)
        storage = aiohttp_storage(cookie.value) if stack == "aiohttp-session" else None
        return cls(
            name=cookie.name,
            family=found_family,
            stack=storage or stack,
            samesite=_recommended(samesite),
            plain_http=plain_http(url),
            client=client,
            deletion=deletion,
            read_shape=known is None,
            read_value=storage is not None,
        )

    def fix(self, need: str) -> str:
        """The fix for ``need``: "secure", "httponly", "samesite", "lifetime" or "host_only"."""
        text = self._setting(need).format(
            name=self.name, SameSite=self.samesite, samesite=self.samesite.lower()
        )
        if need == "secure" and self.plain_http:
            text += "; " + self._https_hint()
        return text

    def _setting(self, need: str) -> str:
        settings = STACK_SETTINGS.get(self.stack or "", {})
        if need in settings:
            return settings[need]
        call = _SET_COOKIE_CALLS.get(self.family or "")
        if call is None:
            return _GENERIC[need]
        flag = _FLAGS[need].get(self.family or "", _DEFAULT_FLAGS[need])
        if self.deletion and need == "secure":
            return deletion_call(self.family or "", flag)
        return call.replace("{flag}", flag)

    def prefixed(self, prefix: str) -> str:
        """The fix that names the cookie with ``prefix`` (an ASVS profile's SC016/SC017):
        a __Host- cookie also needs Path=/ and no Domain."""
        renamed = prefix + _unprefixed(self.name)
        host = prefix == "__Host-"
        setting = PREFIX_SETTINGS.get(self.stack or "")
        if setting is not None:
            return setting[0].format(prefixed=renamed, host=setting[1] if host else "")
        call = _SET_COOKIE_CALLS.get(self.family or "")
        if call is None:
            extra = ", Path=/ and no Domain" if host else ""
            return f"rename '{self.name}' to '{renamed}' and set it with Secure{extra}"
        flags = _FLAGS["secure"].get(self.family or "", _DEFAULT_FLAGS["secure"])
        if host:
            flags += ", path: '/'" if self.family == "express" else ', path="/"'
        text = call.replace("{flag}", flags).format(name=renamed)
        return text + (", no domain" if host else "")

    def own_line(self, packed: str) -> str:
        """The fix for cookie ``packed`` written into another cookie's line (SC015)."""
        call = _SET_COOKIE_CALLS.get(self.family or "")
        if call is None:
            return (f"send '{packed}' in a Set-Cookie header of its own: one cookie per "
                    "header, never several joined with ';'")
        own_call = _FLAG_ARGUMENT.sub("", call).replace("{name}", packed)
        return f"set each cookie with its own call, one Set-Cookie header each: {own_call}"

    def _https_hint(self) -> str:
        client, family = client_named(self.client), client_named(self.family)
        if client is not None and client.live:
            return _LIVE_HINT
        how = (client and client.https_hint) or (family and family.https_hint)
        return (
            "if Secure is off only so that the http test client keeps its session, "
            f"test over https instead: {how or 'point the test client at an https:// URL'}"
        )


def deletion_call(family: str, flag: str) -> str:
    """The framework's call that deletes a cookie with ``flag`` (secure=True) set."""
    call = _DELETE_CALLS.get(family)
    if call is None:  # delete_cookie without secure= (Litestar, Falcon, WebOb, Sanic)
        call = _SET_COOKIE_CALLS[family].replace(", ...,", ', "", max_age=0, ...,')
    return call.replace("{flag}", flag)


def _unprefixed(name: str) -> str:
    for prefix in ("__host-", "__secure-"):
        if name.lower().startswith(prefix):
            return name[len(prefix):]
    return name


def _recommended(allowed: tuple[str, ...]) -> str:
    """The SameSite value to suggest: Lax if allowed (least breaking), else the strictest."""
    for value in ("Lax", "Strict", "None"):
        if value in allowed or not allowed and value == "Lax":
            return value
    return "Lax"


def plain_http(url: str | None) -> bool:
    """Whether the request went over plain http: all a judgement reads of its URL (the fix
    for a missing Secure then says how to test over https)."""
    return url is not None and url[:5].lower() == "http:"
