"""The OWASP ASVS 5.0 profiles and their rules SC016-SC018.

``default`` is the policy as configured.  Each ASVS level adds to the one below: ``asvs-l1``
V3.3.1 (Secure, and a ``__Secure-``/``__Host-`` name on auth-like cookies: SC016),
``asvs-l2`` V3.3.2-V3.3.4 (SameSite and HttpOnly required, ``__Host-`` unless the cookie is
declared shared with subdomains and sets Domain: SC017), ``asvs-l3`` V3.3.5 (name and value
at most 4096 octets: SC018, in place of SC011's "browsers ignore this line").

A profile is a floor: it raises what the options, markers and keywords ask and never lowers
it; a requirement is waived under a profile only by naming its rule in ``ignore_rules``.
Under a profile every finding names the ASVS requirement it fails.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Literal, get_args

from .names import bare_name, compiled
from .rules import ASVS_VERSION, RULES, Context, Finding, Requirements, ignored_line, rule

Profile = Literal["default", "asvs-l1", "asvs-l2", "asvs-l3"]
PROFILES: tuple[Profile, ...] = get_args(Profile)
LEVEL: dict[str, int] = {name: level for level, name in enumerate(PROFILES)}
# What asvs-l2 asks of SameSite: that it is set; the policy's allowed values still apply.
ANY_SAMESITE = ("Lax", "Strict", "None")
SHARED_OPTION = "secure_cookies_shared_names"


def profile_named(value: object) -> Profile | None:
    """The profile ``value`` names (any case, spaces around), or None."""
    if not isinstance(value, str):
        return None
    wanted = value.strip().lower()
    return next((name for name in PROFILES if name == wanted), None)


def accepted() -> str:
    """``'default', 'asvs-l1', 'asvs-l2' or 'asvs-l3'``."""
    *first, last = (repr(name) for name in PROFILES)
    return f"{', '.join(first)} or {last}"


def floor(need: Requirements, kind: str, profile: str, shared: tuple[str, ...]) -> Requirements:
    """``need`` raised to what ``profile`` asks of a cookie of this kind (judged kinds only);
    ``shared``: the names declared shared with subdomains."""
    level = LEVEL[profile]
    if level == 0 or not need.judged:
        return need
    auth = kind == "auth"
    return dataclasses.replace(
        need,
        secure=True,
        httponly=need.httponly or (auth and level >= 2),
        samesite=need.samesite or (ANY_SAMESITE if level >= 2 else ()),
        prefix=("__Host-" if level >= 2 else "__Secure-") if auth else None,
        shared_names=shared,
    )


def cited(findings: list[Finding], profile: str) -> list[Finding]:
    """Under an ASVS profile, each finding's problem ends with the requirement it fails."""
    if LEVEL[profile] == 0:
        return findings
    return [_cited(finding) for finding in findings]


def _cited(finding: Finding) -> Finding:
    asvs = RULES[finding.rule].asvs
    if asvs is None:
        return finding
    return dataclasses.replace(finding, problem=f"{finding.problem} (ASVS v{ASVS_VERSION}-{asvs})")


def dropped(name: str, reason: str, profile: str) -> Finding:
    """The finding for a line browsers ignore whole: SC011, or under asvs-l3 SC018 when its
    name and value are too large (one finding for one line, citing ASVS V3.3.5)."""
    ignored = ignored_line(name, reason)
    if LEVEL[profile] < 3 or "4096" not in reason:
        return ignored if LEVEL[profile] == 0 else _cited(ignored)
    problem = f"'{name}' is too large: {reason}, so browsers ignore the line"
    return _cited(Finding("SC018", name, problem, RULES["SC018"].why, ignored.fix))


def _found(rule_id: str, ctx: Context, problem: str, fix: str) -> Finding:
    return Finding(rule_id, ctx.cookie.name, problem, RULES[rule_id].why, fix)


def _shared(ctx: Context) -> bool:
    """The cookie sets Domain, and the user declared it shared with subdomains."""
    names = ctx.need.shared_names
    return bool(names) and ctx.cookie.domain is not None and (
        compiled(names).match(bare_name(ctx.cookie.name)) is not None
    )


def _wanted(ctx: Context) -> str:
    """The prefix to suggest: __Host- unless the cookie sets Domain (declared shared, or
    under asvs-l1, which accepts __Secure-)."""
    if ctx.cookie.domain is not None and (ctx.need.prefix == "__Secure-" or _shared(ctx)):
        return "__Secure-"
    return "__Host-"


def _domain_hint(ctx: Context) -> str:
    if ctx.cookie.domain is None or ctx.need.prefix != "__Host-" or _shared(ctx):
        return ""
    return f"; it sets Domain: if subdomains must receive it, list it in {SHARED_OPTION}"


# The rules' texts use the words of ``parsing.redaction``'s vocabulary (a test checks it).
@rule("SC016", "auth cookie without a __Secure- or __Host- prefix",
      "without a prefix, a cookie set over plain http or in another subdomain can overwrite "
      "it; browsers refuse a __Secure- or __Host- cookie that lacks Secure",
      cwe=565, severity="medium", asvs="3.3.1")
def _prefix(ctx: Context) -> Iterator[Finding]:
    if ctx.need.prefix is None or ctx.fixer.deletion or ctx.cookie.prefix is not None:
        return
    problem = f"'{ctx.cookie.name}' has no __Secure- or __Host- prefix{_domain_hint(ctx)}"
    yield _found("SC016", ctx, problem, ctx.fixer.prefixed(_wanted(ctx)))


@rule("SC017", "auth cookie with the __Secure- prefix when the policy asks for __Host-",
      "any subdomain can overwrite a __Secure- cookie; browsers refuse a __Host- cookie with "
      "Domain, so that no subdomain can set it",
      cwe=668, severity="medium", asvs="3.3.3")
def _host_prefix(ctx: Context) -> Iterator[Finding]:
    cookie = ctx.cookie
    if ctx.need.prefix != "__Host-" or ctx.fixer.deletion or cookie.prefix != "__Secure-":
        return
    if not _shared(ctx):
        problem = f"'{cookie.name}' has the __Secure- prefix, not __Host-{_domain_hint(ctx)}"
        yield _found("SC017", ctx, problem, ctx.fixer.prefixed("__Host-"))


@rule("SC018", "the server sets a cookie whose name+value is over 4096 octets",
      "browsers never store it, so the server never receives it back and the user is logged "
      "out",
      cwe=436, severity="low", asvs="3.3.5", browser=True)
def _too_large(ctx: Context) -> Iterator[Finding]:
    return iter(())  # a line that large never parses: see ``dropped``
