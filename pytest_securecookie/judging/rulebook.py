"""What a rule is, and the registry every rule joins: ``Finding``, ``Requirements``, the
``Context`` a rule reads, ``Rule`` with its CWE, severity and ASVS requirement, and ``RULES``.

Read ``RULES`` through ``judging.rules``: importing that module registers every rule (SC001-SC015
there, the profile, exposure, session and token rules in their own modules), in id order.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from ..parsing.redaction import hide_value
from .value_facts import VALUE_FACTS

if TYPE_CHECKING:
    from ..parsing.parser import SetCookie
    from .fixes import Fixer


@dataclass(frozen=True)
class Finding:
    """One problem with one cookie. ``rule`` is a stable id (SC001-SC015); never holds a value."""

    rule: str
    cookie: str
    problem: str
    why: str
    fix: str


@dataclass(frozen=True)
class Requirements:
    """What the policy asks of one cookie, given its classification."""

    judged: bool  # auth or CSRF: the policy's rules apply, not only what browsers enforce
    secure: bool
    httponly: bool
    samesite: tuple[str, ...]  # allowed values; () = not required
    max_lifetime: int | None
    host_only: bool
    prefix: str | None = None  # an ASVS profile's: "__Secure-" (either prefix) or "__Host-"
    shared_names: tuple[str, ...] = ()  # may be __Secure- with Domain (``judging.profiles``)
    # Auth-like (not a chunk of a larger cookie): the value is the session's token, which the
    # token rules (``judging.tokens``) read.
    session: bool = False
    entropy: bool = False  # a session token's randomness is judged too (SC022, SC023)


class Context:
    """What the rules look at for one cookie: its requirements, its fixes, the moment."""

    __slots__ = ("cookie", "facts_read", "fixer", "need", "now", "read_token", "showed_attributes")

    def __init__(self, cookie: SetCookie, need: Requirements, fixer: Fixer, now: datetime):
        self.cookie = cookie
        self.need = need
        self.fixer = fixer
        self.now = now
        # Whether a finding shows attribute text: then it depends on the value hidden in it.
        self.showed_attributes = False
        # Whether a finding depends on what the value tells as a token (``tokens.token_facts``).
        self.read_token = False
        self.facts_read: tuple[str, ...] = ()  # the value facts a rule read (``value_fact``)

    def value_fact(self, name: str) -> Hashable:
        """A fact of the cookie's value (``judging.value_facts``), noted as read: a judgement
        cached for this line then holds only for values with the same fact."""
        if name not in self.facts_read:
            self.facts_read = (*self.facts_read, name)
        return VALUE_FACTS[name](self.cookie.value)

    def show(self, text: str) -> str:
        """Attribute text as written (``Path=/magic/<token>``, a lowered Domain) with the
        cookie's value hidden, before any truncation: no finding holds a piece of a value."""
        self.showed_attributes = True
        return hide_value(text, self.cookie.value)


Check = Callable[[Context], Iterator[Finding]]


# high: anyone on the network reads the cookie; medium: another flaw (XSS, a forged request,
# a subdomain) reaches it; low: browsers refuse or cap it, so the app breaks rather than leaks.
# CWE-436 (interpretation conflict) is for what the server sends and browsers ignore.
Severity = Literal["high", "medium", "low"]
ASVS_VERSION = "5.0.0"  # the OWASP ASVS release whose requirement numbers ``Rule.asvs`` uses


@dataclass(frozen=True)
class Rule:
    """A rule: stable id, what it finds, why it matters, whether browsers enforce it, and
    where security teams file it: its CWE, its severity and the OWASP ASVS requirement it
    serves (``"3.3.1"``: ``v5.0.0-3.3.1``; None where no requirement applies)."""

    id: str
    what: str
    why: str
    check: Check
    browser: bool  # enforced by browsers: applies to every cookie, not only auth/CSRF
    cwe: int
    severity: Severity
    asvs: str | None


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, what: str, why: str, *, cwe: int, severity: Severity, asvs: str | None,
    browser: bool = False,
) -> Callable[[Check], Check]:
    """Register a check under its stable id; its CWE, severity and ASVS requirement are
    required, so that no rule reaches a report without them."""

    def register(check: Check) -> Check:
        RULES[rule_id] = Rule(rule_id, what, why, check, browser, cwe, severity, asvs)
        # Rule modules import each other through this one: whichever registers first, RULES
        # stays in id order (the rules after this id move behind it).
        for later in [known for known in RULES if known > rule_id]:
            RULES[later] = RULES.pop(later)
        return check

    return register
