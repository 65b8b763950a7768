"""One cookie checked against a policy: what its classification requires (the profile's floor
included), and the findings of every rule that calls for, at one moment.

``check_cookie`` (``judging.policy``) is the public entry; ``judging.lines`` calls
:func:`checked_cookie` with the classification and the moment it already has.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from ..parsing.misuse import hidden_for_misuse
from ..parsing.parser import SetCookie
from .classification import Classification
from .fixes import Fixer
from .profiles import cited, floor
from .rules import Context, Finding, Requirements, run_rules
from .value_facts import TOKEN

if TYPE_CHECKING:
    from .policy import CookiePolicy

# pytest hides this module's frames for a caller's mistake, as it does the policy's.
__tracebackhide__ = hidden_for_misuse


def requirements(policy: CookiePolicy, classification: Classification) -> Requirements:
    """What a cookie of this kind must carry, the profile's floor included; other/ignored:
    only what browsers enforce."""
    kind = classification.kind
    judged = kind in ("auth", "csrf")
    session = kind == "auth" and not classification.chunk
    need = Requirements(
        judged=judged,
        secure=judged and policy.require_secure,
        httponly=policy.require_httponly if kind == "auth" else judged and policy.csrf_httponly,
        samesite=policy.samesite if judged else (),
        max_lifetime=policy.max_lifetime if judged else None,
        host_only=judged and policy.host_only,
        session=session,
        entropy=session and policy.token_entropy,
    )
    return floor(need, kind, policy.profile, policy.shared_names)


class Checked(NamedTuple):
    """The findings for one cookie, and what of its value they depend on."""

    findings: tuple[Finding, ...]
    deletion: bool  # at ``now``
    read_shape: bool  # the fix texts were chosen by the value's credential shape
    # A finding depends on the value itself: it shows attribute text with the value hidden in
    # it, or its fix names what the value tells (the aiohttp-session storage that wrote it).
    showed_attributes: bool
    # The value facts a rule read (``Context.value_fact``; ``Context.read_token``: TOKEN).
    facts_read: tuple[str, ...]


def checked_cookie(
    cookie: SetCookie,
    policy: CookiePolicy,
    classification: Classification,
    *,
    framework: str | None,
    url: str | None,
    now: datetime,
) -> Checked:
    """:func:`check_cookie` at the moment ``now`` (the response's Date), its deletion judged
    at that same moment for the rules and the fix texts alike."""
    deletion = cookie.is_deletion_at(now)
    app_name = policy.app_name(cookie.name) if policy.app_names else None
    fixer = Fixer.for_cookie(
        cookie, deletion=deletion, framework=framework, url=url, samesite=policy.samesite,
        app_stack=(app_name.family, app_name.stack) if app_name else None,
    )
    ctx = Context(cookie, requirements(policy, classification), fixer, now)
    findings = cited(run_rules(ctx, deletion=deletion), policy.profile)
    kept = tuple(finding for finding in findings if finding.rule not in policy.ignore_rules)
    showed = ctx.showed_attributes or fixer.read_value
    facts = (*ctx.facts_read, TOKEN) if ctx.read_token else ctx.facts_read
    return Checked(kept, deletion, fixer.read_shape, showed, facts)
