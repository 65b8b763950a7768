"""The rules SC001-SC015: one small function each, with its id, problem, why and fix.

A rule looks at one parsed cookie and the requirements its classification calls for, and
yields findings.  No finding ever holds the cookie's value: problems name the cookie and its
attributes (SameSite, Domain, Path, Max-Age), never what it carries.  The checks of a line
meant to delete a cookie against the line that set it are in ``judging.deletion``.  What a
rule is (``Rule``, ``Finding``, ``Context``, the registry ``RULES``) is ``judging.rulebook``,
re-exported here: importing this module registers every rule, the other rule modules' too.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from ..parsing.attributes import SAMESITE_VALUES
from ..parsing.parser import SetCookie, decode_line, ignore_reason, lifetime_seconds
from ..parsing.redaction import line_name
from .fixes import Fixer
from .packed import packed_cookies, packed_problem
from .rulebook import (
    ASVS_VERSION,
    RULES,
    Check,
    Context,
    Finding,
    Requirements,
    Rule,
    Severity,
    rule,
)
from .spelling import MISSPELT_REPORTED, did_you_mean, misspellings, more_words

__all__ = [
    "ASVS_VERSION", "BROWSER_CAP_SECONDS", "DELETION_EXEMPT", "REJECTING", "RULES", "Check",
    "Context", "Finding", "Requirements", "Rule", "Severity", "check_ignored_line", "duration",
    "ignored_line", "lifetime", "packed_into_dropped", "refused", "rule", "run_rules",
]

# RFC 6265bis §5.6.1/§5.6.2: user agents cap a cookie's lifetime at 400 days.
BROWSER_CAP_SECONDS = 400 * 24 * 3600


def _found(rule_id: str, ctx: Context, problem: str, fix: str) -> Finding:
    return Finding(rule_id, ctx.cookie.name, problem, RULES[rule_id].why, fix)


def duration(seconds: int) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


@rule("SC001", "missing Secure",
      "browsers also send it over plain http, where anyone on the network can read and replay it",
      cwe=614, severity="high", asvs="3.3.1")
def _secure(ctx: Context) -> Iterator[Finding]:
    if ctx.need.secure and not ctx.cookie.secure:
        yield _found("SC001", ctx, f"'{ctx.cookie.name}' has no Secure attribute",
                     ctx.fixer.fix("secure"))


@rule("SC002", "missing HttpOnly",
      "any script on the page (an XSS payload, a compromised dependency) can read it and "
      "send it away",
      cwe=1004, severity="medium", asvs="3.3.4")
def _httponly(ctx: Context) -> Iterator[Finding]:
    if ctx.need.httponly and not ctx.cookie.httponly:
        yield _found("SC002", ctx, f"'{ctx.cookie.name}' has no HttpOnly attribute",
                     ctx.fixer.fix("httponly"))


@rule("SC003", "missing SameSite",
      "each browser then applies its own default (Lax in Chrome, none in Safari and Firefox), "
      "so cross-site requests can carry it: cross-site request forgery",
      cwe=1275, severity="medium", asvs="3.3.2")
def _samesite_missing(ctx: Context) -> Iterator[Finding]:
    if ctx.need.samesite and ctx.cookie.samesite_raw is None:
        yield _found("SC003", ctx, f"'{ctx.cookie.name}' has no SameSite attribute",
                     ctx.fixer.fix("samesite"))


@rule("SC004", "SameSite value browsers ignore",
      "browsers ignore a SameSite value they do not recognise and fall back to their own "
      "default, which differs between browsers",
      cwe=1275, severity="medium", asvs="3.3.2")
def _samesite_invalid(ctx: Context) -> Iterator[Finding]:
    raw = ctx.cookie.samesite_raw
    if not ctx.need.judged or raw is None or ctx.cookie.samesite is not None:
        return
    written = "a bare SameSite with no value" if not raw else f"SameSite={ctx.show(raw)[:40]!r}"
    guess = did_you_mean(raw, SAMESITE_VALUES) if raw else None
    hint = f" (did you mean {guess}?)" if guess else ""
    fix = f"spell it SameSite={guess}" if guess else ctx.fixer.fix("samesite")
    yield _found("SC004", ctx,
                 f"'{ctx.cookie.name}' has {written}, which browsers do not recognise{hint}", fix)


@rule("SC005", "SameSite=None without Secure",
      "browsers reject a SameSite=None cookie without Secure: it is never stored",
      cwe=614, severity="low", asvs="3.3.1", browser=True)
def _none_without_secure(ctx: Context) -> Iterator[Finding]:
    if ctx.cookie.samesite == "None" and not ctx.cookie.secure:
        yield _found("SC005", ctx, f"'{ctx.cookie.name}' has SameSite=None but no Secure",
                     ctx.fixer.fix("secure"))


_STRENGTH = {"None": 0, "Lax": 1, "Strict": 2}


@rule("SC006", "SameSite weaker than the policy requires",
      "SameSite=None sends it with every cross-site request, Lax with cross-site top-level "
      "navigations: weaker than this project allows",
      cwe=1275, severity="medium", asvs="3.3.2")
def _samesite_weak(ctx: Context) -> Iterator[Finding]:
    value, allowed = ctx.cookie.samesite, ctx.need.samesite
    # Weaker than every allowed value: Strict where Lax is asked is stronger, not a finding.
    if allowed and value is not None and _STRENGTH[value] < min(
        _STRENGTH[each] for each in allowed
    ):
        yield _found("SC006", ctx,
                     f"'{ctx.cookie.name}' has SameSite={value}; the policy allows "
                     f"{' or '.join(allowed)}", ctx.fixer.fix("samesite"))


@rule("SC007", "__Secure- prefix without Secure",
      "browsers refuse to store a __Secure- cookie without Secure",
      cwe=614, severity="low", asvs="3.3.1", browser=True)
def _secure_prefix(ctx: Context) -> Iterator[Finding]:
    if ctx.cookie.prefix == "__Secure-" and not ctx.cookie.secure:
        yield _found("SC007", ctx, f"'{ctx.cookie.name}' has the __Secure- prefix but no Secure",
                     ctx.fixer.fix("secure"))


@rule("SC008", "__Host- prefix without Secure, without Path=/, or with Domain",
      "browsers refuse to store a __Host- cookie unless it has Secure, Path=/ and no Domain",
      cwe=436, severity="low", asvs="3.3.3", browser=True)
def _host_prefix(ctx: Context) -> Iterator[Finding]:
    cookie = ctx.cookie
    if cookie.prefix != "__Host-":
        return
    unmet = [text for failed, text in (
        (not cookie.secure, "no Secure"),
        (cookie.path != "/", "no Path=/"),
        (cookie.domain is not None, f"Domain={ctx.show(cookie.domain or '')}"),
    ) if failed]
    if unmet:
        fixes = [ctx.fixer.fix("secure")] if not cookie.secure else []
        fixes += ["set Path=/"] if cookie.path != "/" else []
        fixes += ["drop Domain"] if cookie.domain is not None else []
        yield _found("SC008", ctx,
                     f"'{cookie.name}' has the __Host- prefix but {', '.join(unmet)}",
                     "; ".join(fixes))


@rule("SC009", "Partitioned without Secure",
      "browsers reject a Partitioned cookie without Secure",
      cwe=614, severity="low", asvs="3.3.1", browser=True)
def _partitioned(ctx: Context) -> Iterator[Finding]:
    if ctx.cookie.partitioned and not ctx.cookie.secure:
        yield _found("SC009", ctx, f"'{ctx.cookie.name}' is Partitioned but has no Secure",
                     ctx.fixer.fix("secure"))


def lifetime(cookie: SetCookie, now: datetime) -> int | None:
    """Whole seconds the cookie lives from ``now`` (``lifetime_seconds``), None for a session
    cookie."""
    seconds = lifetime_seconds(cookie, now)
    return None if seconds is None else int(seconds)


@rule("SC010", "lifetime over the policy maximum or the 400-day browser cap",
      "a stolen or forgotten cookie stays valid that long; browsers cut anything over 400 days, "
      "so the server's idea of the lifetime is wrong",
      cwe=613, severity="low", asvs="7.3.2")
def _lifetime(ctx: Context) -> Iterator[Finding]:
    seconds = lifetime(ctx.cookie, ctx.now)
    limit = ctx.need.max_lifetime
    if seconds is None:
        return
    lives = f"'{ctx.cookie.name}' lives {duration(seconds)}"
    if limit is not None and seconds > limit:
        yield _found("SC010", ctx, f"{lives}, over the policy maximum of {duration(limit)}",
                     ctx.fixer.fix("lifetime"))
    elif seconds > BROWSER_CAP_SECONDS:
        yield _found("SC010", ctx, f"{lives}, over the 400 days browsers allow",
                     ctx.fixer.fix("lifetime"))


@rule("SC011", "name+value over 4096 octets, or an attribute value over 1024",
      "browsers drop a cookie whose name and value exceed 4096 octets, and ignore an attribute "
      "whose value exceeds 1024 (the cookie is stored without it)",
      cwe=436, severity="low", asvs="3.3.5", browser=True)
def _oversized(ctx: Context) -> Iterator[Finding]:
    for attribute in ctx.cookie.oversized_attributes:
        yield _found("SC011", ctx,
                     f"'{ctx.cookie.name}' has a {attribute} value over 1024 octets, "
                     "which browsers ignore",
                     f"shorten the {attribute} value to at most 1024 octets")


_SIZE_FIX = ("keep name and value under 4096 octets: store the data server-side, and put only "
             "a session id in the cookie")
_VALID_LINE_FIX = ("send a valid Set-Cookie line: encode the value (e.g. base64url) so it holds "
                   "no control characters, and give the cookie a name")


def ignored_line(name: str, reason: str) -> Finding:
    """SC011 for a whole line browsers ignore (``ignore_reason`` gives ``reason``): the one
    text every entry point gives for it."""
    return Finding(
        "SC011", name, "browsers ignore this Set-Cookie line",
        f"{reason}; browsers drop the whole line, so the cookie is never set",
        _SIZE_FIX if "octets" in reason else _VALID_LINE_FIX,
    )


def check_ignored_line(line: str | bytes) -> list[Finding]:
    """SC011 for a Set-Cookie line the parser ignored because it is too large; else [].

    ``parse_set_cookie`` returns None for such a line, so ``check_cookie`` never sees it:
    call this with the raw line.  Other reasons a browser ignores a line (a control
    character, neither name nor value) are not rule findings; ``ignore_reason`` words them.
    """
    reason = ignore_reason(line)
    if reason is None or "4096" not in reason:
        return []
    return [ignored_line(line_name(decode_line(line)), reason)]


@rule("SC012", "misspelt attribute browsers ignore",
      "browsers silently ignore an attribute they do not know, so the cookie lacks what the "
      "misspelt attribute was meant to give it",
      cwe=436, severity="medium", asvs=None, browser=True)
def _misspelt(ctx: Context) -> Iterator[Finding]:
    found, unchecked = misspellings(ctx.cookie.unknown_attributes)
    shown = found[:MISSPELT_REPORTED]
    for number, (written, meant) in enumerate(shown, 1):
        more = more_words(len(found) - len(shown), unchecked) if number == len(shown) else ""
        yield _found("SC012", ctx,
                     f"'{ctx.cookie.name}' has an attribute {ctx.show(written)[:40]!r} "
                     "that browsers "
                     f"ignore: did you mean {meant}?{more}", f"spell the attribute {meant}")


@rule("SC013", "Domain on an auth cookie when the policy asks for host-only cookies",
      "every subdomain receives a cookie with Domain, and any of them (a compromised or "
      "user-controlled one) can read or overwrite it",
      cwe=668, severity="medium", asvs="3.3.3")
def _domain(ctx: Context) -> Iterator[Finding]:
    if ctx.need.host_only and ctx.cookie.domain is not None:
        yield _found("SC013", ctx,
                     f"'{ctx.cookie.name}' sets Domain={ctx.show(ctx.cookie.domain)}; "
                     "the policy asks "
                     "for host-only cookies", ctx.fixer.fix("host_only"))


@rule("SC014", "a deletion browsers will not honour",
      "browsers keep the cookie, so the user stays logged in after logging out",
      cwe=613, severity="medium", asvs="7.4.1", browser=True)
def _deletion(ctx: Context) -> Iterator[Finding]:
    return iter(())  # SC014 comes from the rejection rules run on a deletion, see run_rules


@rule("SC015", "another cookie packed into the line",
      "a Set-Cookie line sets one cookie: browsers take a second name=value after ';' for an "
      "attribute they do not know and ignore it, so that cookie is never set",
      cwe=436, severity="low", asvs=None, browser=True)
def _packed(ctx: Context) -> Iterator[Finding]:
    packed = packed_cookies(ctx.cookie.raw) if ctx.cookie.unknown_attributes else []
    if packed:
        names = [ctx.show(name) for name in packed]
        problem = packed_problem(names, "one cookie")
        yield _found("SC015", ctx, problem, ctx.fixer.own_line(names[0]))


def packed_into_dropped(stand_in: SetCookie, framework: str | None) -> list[Finding]:
    """SC015 for a line browsers ignore whole (``; session=...``: an empty pair first) that
    packs cookies into its attributes; ``stand_in`` carries the line's name and raw text."""
    packed = packed_cookies(stand_in.raw)
    if not packed:
        return []
    fixer = Fixer.for_cookie(stand_in, deletion=False, framework=framework)
    problem = packed_problem(packed, "no cookie")
    return [Finding("SC015", stand_in.name, problem, RULES["SC015"].why, fixer.own_line(packed[0]))]


# A deletion needs none of what protects a live cookie; real hardened apps delete without
# flags (Django, Flask-Login, aiohttp-session, Express clearCookie, Bottle).  Browsers delete
# whatever SameSite says (SC004), and a deletion must repeat the Domain the cookie was set
# with (SC013's "drop Domain" would leave the cookie in place).
DELETION_EXEMPT = frozenset({"SC001", "SC002", "SC003", "SC004", "SC006", "SC010", "SC013"})
# Rules whose finding means a browser refuses the line: on a deletion, the logout fails.
REJECTING = ("SC005", "SC007", "SC008", "SC009")


def refused(finding: Finding) -> Finding:
    """A rejection finding on a deletion, restated as the failed logout it causes (SC014)."""
    return Finding("SC014", finding.cookie, f"deletion refused: {finding.problem}",
                   f"{finding.why}; {RULES['SC014'].why}", finding.fix)


def run_rules(ctx: Context, *, deletion: bool) -> list[Finding]:
    """Every finding for one cookie, in rule order; a deletion's rejections become SC014."""
    findings: list[Finding] = []
    for rule_id, entry in RULES.items():
        if (deletion and rule_id in DELETION_EXEMPT) or not (entry.browser or ctx.need.judged):
            continue
        for finding in entry.check(ctx):
            findings.append(refused(finding) if deletion and rule_id in REJECTING else finding)
    return findings


# Rules about the session rather than one line's attributes live in their own modules and
# register themselves with ``rule`` on import; importing them here keeps RULES whole (and in
# id order) wherever it is read.  One line per module, in the order of their first SC number.
from . import profiles as _profiles  # noqa: E402, F401  (SC016-SC018)

# isort: split
from . import exposure as _exposure  # noqa: E402, F401  SC019

# isort: split
from . import sessions as _sessions  # noqa: E402, F401  (SC020, SC021)
from . import tokens as _tokens  # noqa: E402, F401 (SC022-SC025)
