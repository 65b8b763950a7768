"""The reference parts of the docs, written from the code when the site is built.

A page asks for one with a marker line, ``<!-- generated: rules -->``; ``on_page_markdown``
(the MkDocs hook, see mkdocs.yml) puts the text in its place.  Each text iterates what the
code declares (``RULES``, the option declarations, the policy's fields, the default name
lists), so a rule or an option added to the code is in the docs at the next build;
tests/docs/test_reference.py checks what this writes against the code.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any

from pytest_securecookie import options as declared_options
from pytest_securecookie.judging import markers, names
from pytest_securecookie.judging.lines import Clock, Received, judge_line
from pytest_securecookie.judging.policy import CookiePolicy
from pytest_securecookie.judging.rules import ASVS_VERSION, RULES, Rule
from pytest_securecookie.parsing.parser import parse_set_cookie
from pytest_securecookie.reporting.catalog import asvs_id, rule_url

MARKER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.MULTILINE)

# A Set-Cookie line that breaks each rule ({name} is the stack's session cookie), and the
# policy fields it is judged with: the fix each stack gets for it is what check_cookie says.
EXAMPLES: dict[str, tuple[str, dict[str, Any]]] = {
    "SC001": ("{name}=v; HttpOnly; SameSite=Lax; Path=/", {}),
    "SC002": ("{name}=v; Secure; SameSite=Lax; Path=/", {}),
    "SC003": ("{name}=v; Secure; HttpOnly; Path=/", {}),
    "SC004": ("{name}=v; Secure; HttpOnly; SameSite=Laxx; Path=/", {}),
    "SC005": ("{name}=v; HttpOnly; SameSite=None; Path=/", {}),
    "SC006": ("{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/", {"samesite": ("Strict",)}),
    "SC007": ("__Secure-{name}=v; HttpOnly; SameSite=Lax; Path=/", {}),
    "SC008": ("__Host-{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/app", {}),
    "SC009": ("{name}=v; HttpOnly; SameSite=Lax; Partitioned; Path=/", {}),
    "SC010": ("{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/; Max-Age=86400",
              {"max_lifetime": 3600}),
    "SC011": ("{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/" + "a" * 1100, {}),
    "SC012": ("{name}=v; Secrue; HttpOnly; SameSite=Lax; Path=/", {}),
    "SC013": ("{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/; Domain=example.com",
              {"host_only": True}),
    "SC014": ("__Host-{name}=; Max-Age=0; Path=/", {}),
    "SC015": ("{name}=v; refresh_token=w; Secure; HttpOnly; SameSite=Lax; Path=/", {}),
    "SC016": ("{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/", {"profile": "asvs-l1"}),
    "SC017": ("__Secure-{name}=v; Secure; HttpOnly; SameSite=Lax; Path=/",
              {"profile": "asvs-l2"}),
    "SC018": ("{name}=" + "v" * 4100 + "; Secure; HttpOnly; SameSite=Lax; Path=/",
              {"profile": "asvs-l3"}),
    "SC022": ("{name}=3f9a2c7e41b8; Secure; HttpOnly; SameSite=Lax; Path=/",
              {"token_entropy": True}),
    # A Flask session signed with a key, holding {"user": "ann", "password": "hunter2"}.
    "SC024": ("{name}=eyJ1c2VyIjoiYW5uIiwicGFzc3dvcmQiOiJodW50ZXIyIn0.axUtQg."
              "irAZgd3YBiyzm-jQGqR1O_xHPeU; Secure; HttpOnly; SameSite=Lax; Path=/", {}),
    # A JSON Web Token with the header {"alg": "none", "typ": "JWT"} and no signature.
    "SC025": ("{name}=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIn0.; Secure; HttpOnly; "
              "SameSite=Lax; Path=/", {}),
}

# Who a rule judges, where that is not "auth-like and CSRF cookies" (or "every cookie").
APPLIES: dict[str, str] = {
    "SC016": "auth-like cookies, under the profile `asvs-l1` and up",
    "SC017": "auth-like cookies, under the profile `asvs-l2` and up (a cookie listed in "
             "`secure_cookies_shared_names` that sets Domain may keep `__Secure-`)",
    "SC018": "every cookie, under the profile `asvs-l3` (below it, such a line is SC011)",
    "SC019": "auth-like cookies whose value has 16 characters or more (not CSRF tokens, which "
             "belong in pages), under `--secure-cookies`, the marker or audit",
    "SC020": "the session cookie (an auth-like cookie), when a test asks",
    "SC021": "the session cookie (an auth-like cookie), when a test asks",
    "SC022": "the opaque tokens of auth-like cookies, with `secure_cookies_token_entropy = true`",
    "SC023": "auth-like cookies, with `secure_cookies_token_entropy = true`",
    "SC024": "auth-like cookies (on by default)",
    "SC025": "auth-like cookies (on by default)",
}
# How an example line is shown, where the line itself is too long to read.
SHOWN = {"SC018": "{name}=<a value of 4,100 octets>; Secure; HttpOnly; SameSite=Lax; Path=/"}

# The rules no single Set-Cookie line breaks: how each is checked, and the page that shows it.
ACROSS_LINES: dict[str, str] = {
    "SC019": "searches the test's other responses for each auth cookie's value (as written, "
             "URL-decoded and percent-encoded): every header but `Set-Cookie`, and each body the "
             "client has already read (a streamed body is never read), see "
             "[a token outside Set-Cookie](session-security.md#sc019)",
    "SC020": "compares the session cookie before and after a login: call "
             "`assert_session_rotated(before, after)` (a function and a fixture), see "
             "[renewed at login](session-security.md#login-logout)",
    "SC021": "replays the session cookie from before a logout to a page that needs a login: "
             "call `assert_session_ended(client, old, url)` (or `await "
             "assert_session_ended_async(...)`; both are fixtures too), see "
             "[ended at logout](session-security.md#login-logout)",
    "SC023": "under `--secure-cookies` (or audit), with `secure_cookies_token_entropy = true`, "
             "compares an auth cookie's opaque tokens across the tests of a run (under "
             "pytest-xdist, within each worker), keeping only hashes, see "
             "[tokens](session-security.md#tokens)",
}

# How the options table words pytest's ini types.
_KINDS = {"bool": "true / false", "linelist": "a list", "string": "a value"}

# (stack, its session cookie's name, the client the recorder would name).
STACKS: tuple[tuple[str, str, str | None], ...] = (
    ("Flask", "session", "flask"),
    ("Django", "sessionid", "django"),
    ("Starlette / FastAPI", "session", "starlette"),
    ("Litestar", "session", "litestar"),
    ("Quart", "session", "quart"),
    ("Tornado", "user", "tornado"),
    ("Falcon", "session", "falcon"),
    ("express-session (Node)", "connect.sid", None),
    ("PHP", "PHPSESSID", None),
    ("Java servlets", "JSESSIONID", None),
    ("any other server", "token", None),
)


def on_page_markdown(markdown: str, **_: Any) -> str:
    """MkDocs hook: each ``<!-- generated: NAME -->`` line becomes that reference text."""
    return MARKER.sub(lambda found: GENERATORS[found.group(1)](), markdown)


def rules_reference() -> str:
    """One section per rule, anchored ``#sc001`` as ``catalog.rule_url`` links to it."""
    return "\n\n".join(rule_section(rule) for rule in RULES.values())


def rule_section(rule: Rule) -> str:
    anchor = rule_url(rule.id).rsplit("#", 1)[1]
    applies = APPLIES.get(rule.id) or (
        "every cookie (browsers enforce it)" if rule.browser
        else "auth-like and CSRF cookies (and every cookie under `scope = all`)")
    asvs = asvs_id(rule)
    facts = [
        f"**Applies to:** {applies}",
        f"**Severity:** {rule.severity}",
        f"**CWE:** [CWE-{rule.cwe}](https://cwe.mitre.org/data/definitions/{rule.cwe}.html)",
        f"**OWASP ASVS {ASVS_VERSION}:** " + (f"`{asvs}`" if asvs else "no requirement"),
    ]
    return "\n\n".join([
        f"### {rule.id}: {_text(rule.what)} {{#{anchor}}}",
        f"**Why it matters:** {_text(rule.why)}.",
        " · ".join(facts),
        fix_text(rule.id),
    ])


def fix_text(rule_id: str) -> str:
    """The fix of each stack for the rule's example line, as check_cookie words it."""
    if rule_id in ACROSS_LINES:
        how = ACROSS_LINES[rule_id]
        return f"**How it is checked:** no single line breaks it: the plugin {how}."
    if rule_id not in EXAMPLES:
        return "**Fix:** the finding names the fix for the stack that set the cookie."
    fixes = [(stack, example_fix(rule_id, name, client)) for stack, name, client in STACKS]
    line = SHOWN.get(rule_id) or EXAMPLES[rule_id][0]
    shown = _code(line.format(name="session")[:120] + ("..." if len(line) > 120 else ""))
    if len({fix for _, fix in fixes}) == 1:
        return f"Example: {shown}. **Fix:** {_text(fixes[0][1])}"
    rows = [f"| {stack} | {_text(fix)} |" for stack, fix in fixes]
    return "\n".join([f"Example: {shown}. **Fix**, per stack:", "", "| stack | fix |",
                      "| --- | --- |", *rows])


def example_fix(rule_id: str, name: str, client: str | None) -> str:
    line, changes = EXAMPLES[rule_id]
    raw = line.format(name=name)
    policy = dataclasses.replace(CookiePolicy(auth_names=(name.lower(),)), **changes)
    received = Received(None, client, "https://example.com/login", None, Clock())
    judged = judge_line(raw, parse_set_cookie(raw), policy, received)  # None: browsers drop it
    return next(finding.fix for finding in judged.findings if finding.rule == rule_id)


class _Declarations:
    """Stands in for pytest's parser and option group: keeps what ``add_options`` declares."""

    def __init__(self) -> None:
        self.ini: dict[str, tuple[str, str]] = {}
        self.flags: dict[str, tuple[str, str | None]] = {}

    def getgroup(self, name: str) -> _Declarations:
        return self

    def addini(self, name: str, help: str, type: str | None = None, **_: Any) -> None:
        self.ini[name] = (help, type or "string")

    def addoption(self, flag: str, **kwargs: Any) -> None:
        self.flags[kwargs["dest"]] = (flag, kwargs.get("metavar"))


def declared() -> _Declarations:
    """Every option the plugin declares, as pytest receives them."""
    found = _Declarations()
    declared_options.add_options(found)  # type: ignore[arg-type]
    return found


def options_reference() -> str:
    """The ini options, each with its command-line twin, its type and its help."""
    options = declared()
    rows = ["| ini option | command line | takes | what it does |", "| --- | --- | --- | --- |"]
    for name, (help_text, kind) in options.ini.items():
        flag, metavar = options.flags.get(name, ("", None))
        command = f"`{flag}={metavar}`" if metavar else (f"`{flag}`" if flag else "")
        rows.append(f"| `{name}` | {command} | {_KINDS.get(kind, kind)} | {_text(help_text)} |")
    return "\n".join(rows)


def marker_reference() -> str:
    """The ``secure_cookies`` marker's keywords: the policy's fields, with their defaults."""
    ini = declared().ini
    rows = ["| keyword | default | ini option |", "| --- | --- | --- |"]
    for parameter in markers.marker_signature().parameters.values():
        option = f"secure_cookies_{parameter.name}"
        default = parameter.default
        long_list = isinstance(default, tuple) and len(default) > 3
        shown = "the built-in list below" if long_list else _code(repr(default))
        twin = f"`{option}`" if option in ini else "—"
        rows.append(f"| `{parameter.name}` | {shown} | {twin} |")
    return "\n".join(rows)


def names_reference() -> str:
    """The built-in name lists, as the policy uses them."""
    return "\n\n".join([
        f"**Auth-like names** (`DEFAULT_AUTH_NAMES`, {len(names.DEFAULT_AUTH_NAMES)} entries): "
        + _names(names.DEFAULT_AUTH_NAMES),
        f"**CSRF names** (`DEFAULT_CSRF_NAMES`): {_names(names.DEFAULT_CSRF_NAMES)}",
        "**Ignored names** (`DEFAULT_IGNORE_NAMES`): "
        + _names_with_why(names.DEFAULT_IGNORE_NAMES, names.IGNORE_WHY),
        "**Not credentials, when only a pattern matches** (`NOT_CREDENTIAL_NAMES`): "
        + _names_with_why(names.NOT_CREDENTIAL_NAMES, _why_not_credential()),
        "**Framework cookies that hold no credential** (`FRAMEWORK_COOKIE_NAMES`): "
        + _names_with_why(names.FRAMEWORK_COOKIE_NAMES, _why_not_credential()),
    ])


def _why_not_credential() -> dict[str, str]:
    return {name.lower(): why for name, why in names._NOT_CREDENTIAL_WHY.items()}


def _names(entries: Iterable[str]) -> str:
    return ", ".join(_code(entry.replace("[0-9a-f]" * 32, "<32 hex digits>")) for entry in entries)


def _names_with_why(entries: Iterable[str], why: dict[str, str]) -> str:
    return ", ".join(f"{_code(entry)} ({why[entry.lower()]})" for entry in entries)


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def _text(text: str) -> str:
    """Plain text for a Markdown table cell or paragraph: no HTML, no broken table."""
    return text.replace("<", "&lt;").replace("|", "\\|").replace("*", "\\*")


GENERATORS: dict[str, Callable[[], str]] = {
    "rules": rules_reference,
    "options": options_reference,
    "marker-keywords": marker_reference,
    "names": names_reference,
}
