"""assert_session_rotated and assert_session_ended: the session renewed at login, ended at logout.

Both compare more than one line can show (SC020, SC021 in ``judging.sessions``): the session
cookie before and after a login, and what the app answers when the cookie from before a
logout is sent again.  No message ever shows a cookie's value.  Failures are
:class:`InsecureCookieError`; a call that cannot prove anything (no session cookie to compare,
a client without a known jar) is the caller's mistake and raises ``ValueError`` /
``TypeError``: it never passes without having checked.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urljoin, urlsplit

from .capturing.jars import replay
from .judging.arguments import DEFAULT_SAMESITE, check_name, effective_policy
from .judging.policy import CookiePolicy, Finding
from .judging.sessions import not_ended, not_rotated, session_groups
from .parsing.appnames import response_names
from .parsing.clients import JAR_CLIENTS, JarClient, jar_client_of
from .parsing.misuse import misuse, raised_here
from .parsing.origin import Line, lines_of, origin_of
from .parsing.parser import SetCookie
from .parsing.readers import client_of, read_again
from .parsing.redaction import escape_controls, hide_value, scrub_all, shown_url
from .reporting.catalog import docs_line
from .reporting.messages import InsecureCookieError, names_listing

Refused = Callable[[Any], bool]

_PLANT = (
    "\n  rotation can only be proven for a session the client held before logging in: pass the "
    "response of a request that starts one (a page that writes to the session, as a cart or a "
    "language choice does), or its SetCookie; if the app starts no session before the login, "
    "there is none to fix"
)

# -- the cookies of a response ----------------------------------------------------------------


def _lines(response: object) -> tuple[list[Line], datetime]:
    """The response's lines and its moment (its Date, else now: what a deletion is judged at)."""
    response = read_again(response)
    origin = origin_of(response)
    return lines_of(response, origin), origin.now or datetime.now(timezone.utc)


def _held(given: object) -> dict[str, SetCookie]:
    """The cookies ``given`` (a response, a line, a ``SetCookie``) leaves the client holding,
    by name: the last line of each name, unless it deletes the cookie."""
    if isinstance(given, SetCookie):
        cookies, moment = [given], datetime.now(timezone.utc)
    else:
        lines, moment = _lines(given)
        cookies = [line.cookie for line in lines if line.cookie is not None]
    last = {cookie.name: cookie for cookie in cookies}
    return {name: cookie for name, cookie in last.items() if not cookie.is_deletion_at(moment)}


def _session_policy(policy: CookiePolicy | None, response: object) -> CookiePolicy:
    """``policy`` (or the defaults) knowing the app's own session cookie names."""
    __tracebackhide__ = True
    base = effective_policy(policy, True, True, DEFAULT_SAMESITE)
    label = None if isinstance(response, SetCookie) else origin_of(response).framework
    return base.with_app_names(response_names(response, label))


def _sessions(
    held: dict[str, SetCookie], name: str | None, policy: CookiePolicy, what: str,
    advice: str = "",
) -> list[list[SetCookie]]:
    """The sessions of ``held``, each as its cookies (the session cookie first, then its
    companions: ``session.sig``, ``session-0``): ``name``'s, else every auth-like one; a
    ``ValueError`` (names only) when there is none."""
    groups = session_groups(held.values(), policy)
    if name is not None:
        if name not in held:
            raise misuse(ValueError(
                f"{what} holds no cookie '{name}'; {names_listing(list(held))}{advice}"))
        groups = {name: groups.get(name, [])}
    if not groups:
        anyway = "; to check one of them anyway, pass name='<cookie>'" if held else ""
        raise misuse(ValueError(
            f"{what} holds no auth-like cookie: nothing to compare; "
            f"{names_listing(list(held))}{anyway}{advice}"))
    return [[held[n] for n in dict.fromkeys([key, *members]) if n in held]
            for key, members in groups.items()]


def _one_session(sessions: list[list[SetCookie]], what: str) -> list[SetCookie]:
    """The one session of ``sessions``; several is a ``ValueError`` naming them."""
    if len(sessions) != 1:
        listed = ", ".join(f"'{cookies[0].name}'" for cookies in sessions)
        raise misuse(ValueError(escape_controls(
            f"{what} holds several auth-like cookies: {listed}; pass name= to say which one")))
    return sessions[0]


def _failure(problem: str, finding_of: Callable[[str, str], Finding], cookies: list[SetCookie]
             ) -> InsecureCookieError:
    """The error for a finding on ``cookies[0]``, scrubbed of every value in ``cookies``
    (a ``SetCookie`` made by hand has no raw line to scrub by: its value is hidden too)."""
    values = [cookie.value for cookie in cookies if cookie.value and not cookie.raw]
    shown = hide_value(scrub_all(problem, [cookie.raw for cookie in cookies]), *values)
    finding = finding_of(cookies[0].name, shown)
    lines = [shown, f"  {finding.rule}: {finding.why}", f"  fix: {finding.fix}"]
    lines += [docs] if (docs := docs_line([finding.rule])) else []
    return InsecureCookieError("\n".join(map(escape_controls, lines)), [finding], cookies[0].name)


# -- assert_session_rotated -------------------------------------------------------------------


@raised_here
def assert_session_rotated(
    before: object, after: object, name: str | None = None, *, policy: CookiePolicy | None = None
) -> SetCookie:
    """Fail unless the login response ``after`` sets the session cookie anew, to a new value.

    ``before``: the response (or ``SetCookie``) whose session cookie the client held before
    logging in; ``after``: the login response (the redirect hops the client kept included).
    The session cookie is ``name``, else every auth-like cookie ``before`` sets (the policy
    and the app's own cookie names decide; a companion such as ``session.sig`` goes with its
    cookie): each must be renewed.  ``before`` without one is a ``ValueError`` too: there is
    nothing to compare, and a pass would prove nothing.  Returns the new ``SetCookie``;
    raises ``InsecureCookieError`` (SC020) when the session goes on (session fixation).
    """
    __tracebackhide__ = True
    checked = None if name is None else check_name(name)
    after = read_again(after)
    lines, moment = _lines(after)
    sessions = _sessions(_held(before), checked, _session_policy(policy, after), "`before`", _PLANT)
    olds = [cookies[0] for cookies in sessions]
    if not {old.name for old in olds} <= {line.name for line in lines if line.cookie is not None}:
        _refuse_lost_hops(after)
    renewals = [_renewal(old, lines, moment, origin_of(after).source) for old in olds]
    failed = [(old, did) for old, did in zip(olds, renewals, strict=True) if isinstance(did, tuple)]
    if failed:
        raise _not_renewed(failed)
    return next(new for new in renewals if isinstance(new, SetCookie))


def _refuse_lost_hops(after: object) -> None:
    """A response that followed redirects without keeping their lines cannot show that the
    login did not set the cookie: the error says so rather than fail the app for it."""
    spec = client_of(after)
    chain = getattr(after, spec.lost_hops, None) if spec and spec.lost_hops else None
    if chain:
        raise misuse(ValueError(
            f"`after` followed {len(chain)} redirect(s) and keeps none of their Set-Cookie lines "
            f"({spec.label if spec else 'this client'}): pass the response of the login request "
            "itself (without follow=True)"))


_Unrenewed = tuple[str, list[SetCookie]]  # what the login did instead, the lines it set


def _renewal(
    old: SetCookie, lines: list[Line], moment: datetime, source: str | None
) -> SetCookie | _Unrenewed:
    """The login's new session cookie, else what the login did instead; ``source`` names the
    login (a line names its hop)."""
    mine = [line for line in lines if line.cookie is not None and line.name == old.name]
    new = mine[-1].cookie if mine else None
    login = (mine[-1].source if mine else None) or source or "the login response"
    set_lines = [line.cookie for line in mine if line.cookie is not None]
    if new is None or new.is_deletion_at(moment):
        did = "does not set it anew" if new is None else "deletes it and sets no new one"
        return f"{login} {did}: the session from before the login goes on", set_lines
    if new.value == old.value:
        return f"{login} sets it to the same value as before the login", set_lines
    return new


def _not_renewed(failed: list[tuple[SetCookie, _Unrenewed]]) -> InsecureCookieError:
    """The SC020 error naming every session cookie the login did not renew."""
    if len(failed) == 1:
        (old, (problem, _)), = failed
        what = f"session cookie '{old.name}' (SC020): {problem}"
    else:
        names = ", ".join(f"'{old.name}'" for old, _ in failed)
        problems = "; ".join(f"'{old.name}': {problem}" for old, (problem, _) in failed)
        what = f"session cookies {names} (SC020): {problems}"
    cookies = [cookie for old, (_, set_lines) in failed for cookie in (old, *set_lines)]
    return _failure(f"the login did not renew {what}", not_rotated, cookies)


# -- assert_session_ended ---------------------------------------------------------------------


def _jar_client(client: object, *, awaiting: bool) -> JarClient:
    __tracebackhide__ = True
    spec = jar_client_of(client)
    if spec is None:
        kind = type(client)
        listed = "".join(f"\n  - {name}" for name in JAR_CLIENTS)
        raise misuse(TypeError(
            f"cannot replay a cookie through a {kind.__module__}.{kind.__qualname__}: "
            f"assert_session_ended needs a test client that keeps a cookie jar:{listed}"))
    if spec.awaits and not awaiting:
        raise misuse(TypeError(
            f"{type(client).__qualname__} is an async client: use "
            "'await assert_session_ended_async(client, old, url)'"))
    return spec


def _old_cookies(old: object, name: str | None, policy: CookiePolicy | None) -> list[SetCookie]:
    """The one session of ``old``: its cookie, then its companions (all are replayed)."""
    __tracebackhide__ = True
    checked = None if name is None else check_name(name)
    held = _held(old)
    if isinstance(old, SetCookie) and not held:
        raise misuse(ValueError(f"`old` deletes cookie '{old.name}': pass the line that set it"))
    return _one_session(_sessions(held, checked, _session_policy(policy, old), "`old`"), "`old`")


_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@raised_here
def _check_answer(status: int, location: str | None, url: str) -> None:
    """A page that is missing, crashed, or only moves to its own address (a trailing slash,
    https) proves nothing about the session: the caller's mistake, never a pass."""
    __tracebackhide__ = True
    if status in (404, 405) or status >= 500:
        raise misuse(ValueError(
            f"`url` must be a page that answers 200 when logged in: {shown_url(url)} "
            f"answered {status}"))
    if status in _REDIRECTS and location and _same_page(url, location):
        raise misuse(ValueError(
            f"`url` redirects to {shown_url(location)}; pass the final URL"))


def _same_page(url: str, location: str) -> bool:
    """Whether ``location`` is ``url``'s own path, give or take a trailing slash or http."""
    moved = urlsplit(urljoin(url, location))
    return moved.path.rstrip("/") == urlsplit(url).path.rstrip("/")


def _judge_answer(
    response: Any, spec: JarClient, cookies: list[SetCookie], url: str, refused: Refused | None
) -> None:
    """``cookies``: the session cookie replayed, then its companions sent with it."""
    __tracebackhide__ = True
    status = int(getattr(response, spec.status))
    if refused is not None and refused(response):
        return  # the caller said what a refusal looks like: a 404 that hides the page, say
    location = response.headers.get("Location")
    _check_answer(status, location, url)
    if status in (401, 403) or status in _REDIRECTS:
        return
    shown = shown_url(location)  # no query: it may hold a secret
    answer = f"{status}, Location: {shown}" if shown else f"{status}"
    request = origin_of(response).source or "the request"
    old, *companions = cookies
    sent = " and " + ", ".join(f"'{cookie.name}'" for cookie in companions) if companions else ""
    problem = (f"the app still accepts session cookie '{old.name}' from before the logout "
               f"(SC021): {request} with only that cookie{sent} answered {answer}, where a 401, "
               "a 403 or a redirect would refuse it")
    raise _failure(problem, not_ended, cookies)


def _check_url(url: object) -> str:
    if not isinstance(url, str):
        raise misuse(TypeError(f"url must be a str, got {type(url).__name__}"))
    return url


@raised_here
def _replayed(
    client: object, old: object, url: object, name: str | None, policy: CookiePolicy | None,
    *, awaiting: bool,
) -> tuple[JarClient, list[SetCookie], Any]:
    """The client's spec, the old session cookie, and the answer to the replay of its session
    (for an async client, a coroutine giving it); the caller's mistakes raised from here,
    before anything is sent."""
    __tracebackhide__ = True
    spec = _jar_client(client, awaiting=awaiting)
    cookies = _old_cookies(old, name, policy)
    answer = replay(client, spec, _check_url(url), [(c.name, c.value) for c in cookies])
    return spec, cookies, answer


def assert_session_ended(
    client: object, old: object, url: str, *, refused: Refused | None = None,
    name: str | None = None, policy: CookiePolicy | None = None,
) -> None:
    """Fail unless the app refuses the session cookie from before a logout.

    ``old`` (a ``SetCookie``, or the response that set it: its one auth-like cookie, or
    ``name``) is sent alone through ``client`` to ``url``, a page that needs a login; the
    client's own cookies are set aside for that request and are exactly as before afterwards.
    Its companions (``session.sig``, chunks such as ``session-0``) are sent with it.
    The app refuses it with an answer ``refused(response)`` accepts, a 401 or 403, or a
    redirect (301, 302, 303, 307, 308) elsewhere; a 404, 405 or 5xx, or a redirect to
    ``url``'s own path (a trailing slash, https) is a ``ValueError``: it proves nothing; else
    ``InsecureCookieError`` (SC021) says what the app answered.  Clients: see
    ``JAR_CLIENTS``; an async one needs ``await assert_session_ended_async(...)``.
    """
    __tracebackhide__ = True
    spec, cookies, response = _replayed(client, old, url, name, policy, awaiting=False)
    _judge_answer(response, spec, cookies, url, refused)


async def assert_session_ended_async(
    client: object, old: object, url: str, *, refused: Refused | None = None,
    name: str | None = None, policy: CookiePolicy | None = None,
) -> None:
    """:func:`assert_session_ended` for any of its clients, the async ones included
    (``await assert_session_ended_async(client, old, url)``)."""
    __tracebackhide__ = True
    spec, cookies, response = _replayed(client, old, url, name, policy, awaiting=True)
    if spec.awaits:
        response = await response
    _judge_answer(response, spec, cookies, url, refused)
