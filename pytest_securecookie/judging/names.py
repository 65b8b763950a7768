"""The default cookie names, and name lists compiled for matching.

Entries are exact names or anchored globs (fnmatch on the whole name: ``*_session_id``
matches ``app_session_id`` but never ``my_session_id_old``), compared case-insensitively
after a ``__Host-``/``__Secure-`` prefix is stripped.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from functools import lru_cache

_HEX32 = "[0-9a-f]" * 32

# The first block is the documented contract (API.md); the rest are the names real
# frameworks and products give their auth cookies.  "*session" (any name ending in
# "session") and the "sid"/"sess" suffixes catch the names apps choose themselves; the
# analytics cookies those patterns would also claim (ai_session) are _NOT_CREDENTIALS below.
# There is deliberately no "*session*": it would flag _hjSessionUser_<id>, intercom-session-<id>.
DEFAULT_AUTH_NAMES: tuple[str, ...] = (
    "session", "sessionid", "session_id", "sid", "sessid", "_session_id", "connect.sid",
    "phpsessid", "jsessionid", "asp.net_sessionid", ".aspnetcore.session",
    ".aspnetcore.cookies", "laravel_session", "ci_session", "rack.session", "play_session",
    "beaker.session.id", "aiohttp_session", "remember_token", "remember_user_token",
    "rememberme", "jwt", "token", "access_token", "refresh_token", "id_token", "auth",
    "auth_token", "authtoken",
    "*_session_id", "*sessionid", "_*_session", "aspsessionid*", "wordpress_logged_in_*",
    "remember_web_*", "*-auth-token", "*_auth_token",
    # Python: Tornado's and many tutorials' "user", Pyramid's auth_tkt, Flask-JWT-Extended,
    # FastAPI Users, Quart-Auth, web2py, Zope/Plone.
    "user", "account", "auth_tkt", "access_token_cookie", "refresh_token_cookie",
    "fastapiusersauth", "quart_auth", "session_id_*", "__ac",
    # JavaScript: cookie-session's old default, Koa, Sails, Remix/Firebase, Meteor,
    # Auth.js/NextAuth, Supabase, Gradio.
    "express:sess", "koa.sess", "koa:sess", "sails.sid", "__session", "meteor_login_token",
    "session_token", "session-token", "sessiontoken", "*.session-token", "*_session_token",
    "access-token", "*-access-token", "*_access_token", "*-refresh-token", "*_refresh_token",
    # .NET: forms authentication, OWIN, ASP.NET Core Identity.
    ".aspxauth", ".aspnet.applicationcookie", ".aspnetcore.identity.*",
    # Elsewhere: Spring Security's remember-me, Phoenix (_<app>_key), Vapor, CakePHP, Yii 2,
    # Jenkins.
    "remember-me", "remember_me", "_*_key", "vapor-session", "cakephp", "_identity",
    "jsessionid.*",
    # Products: WordPress (wordpress_<hash>, wordpress_sec_<hash>), Drupal (SESS<hash>,
    # SSESS<hash>), Joomla (<hash>), PrestaShop, OpenCart, Moodle, Roundcube, Jira/Confluence,
    # Tomcat single sign-on, Keycloak, oauth2-proxy, Authelia, Grafana, Mattermost, Sentry,
    # Gitea, Argo CD, Rancher, SonarQube, Metabase, pgAdmin.
    f"wordpress_{_HEX32}", "wordpress_sec_*", f"sess{_HEX32}", f"ssess{_HEX32}", _HEX32,
    f"prestashop-{_HEX32}", "ocsessid", "moodlesession", "roundcube_sessid",
    "roundcube_sessauth", "seraph.rememberme.cookie", "jsessionidsso", "keycloak_identity*",
    "keycloak_session*", "_oauth2_proxy*", "authelia_session", "grafana_session",
    "mmauthtoken", "sentrysid", "i_like_gitea", "gitea_incredible", "argocd.token", "r_sess",
    "jwt-session", "metabase.session", "pga4_session",
    # Single sign-on: the Shibboleth SP's _shibsession_<id>, SimpleSAMLphp's auth token
    # (its SimpleSAMLSessionID matches "*sessionid"); the bare form of "*-auth-token".
    "_shibsession_*", "simplesamlauthtoken", "auth-token",
    # Names apps choose: Ktor's user_session, AdonisJS adonis-session, Vert.x
    # vertx-web.session, Quarkus q_session, Ghost ghost-admin-api-session, gin/gorilla
    # mysession, express-openid-connect appSession; express-session's "<app>.sid",
    # Koa-style "<app>.sess"; actix-session's and tower-sessions' default "id".
    "*session", "*.sid", "*_sid", "*-sid", "*.sess", "*_sess", "id",
)

# CSRF tokens: HttpOnly is waived for them by default (double-submit needs JavaScript).
DEFAULT_CSRF_NAMES: tuple[str, ...] = (
    "csrftoken", "csrf_token", "_csrf", "xsrf-token", "*csrf*", "*xsrf*",
    "__requestverificationtoken", ".aspnetcore.antiforgery.*", "*antiforgery*",
)

# Set by the infrastructure in front of the application, which cannot fix them.
_LOAD_BALANCERS = (
    "AWSALB", "AWSALBCORS", "AWSALBTG", "AWSALBTGCORS", "AWSALBAPP-*", "AWSELB",
    "ARRAffinity", "ARRAffinitySameSite", "heroku-session-affinity", "GCLB", "__cflb",
    "BIGipServer*", "SERVERID", "INGRESSCOOKIE", "NSC_*",
)
_CDN_BOT_CHECKS = ("__cf_bm", "cf_clearance", "__cfruid", "_cfuvid")
DEFAULT_IGNORE_NAMES: tuple[str, ...] = _LOAD_BALANCERS + _CDN_BOT_CHECKS
IGNORE_WHY = {
    **{name.lower(): "load-balancer affinity cookie" for name in _LOAD_BALANCERS},
    **{name.lower(): "Cloudflare bot-management cookie" for name in _CDN_BOT_CHECKS},
}

# Set by a third-party script for its own use, with names an auth *pattern* would claim
# (ai_session ends in "session", __stripe_sid in "_sid"): no credential of the app's.
# Consulted only when a pattern matched, so an exact auth name a user adds always wins.
_NOT_CREDENTIALS: dict[str, str] = {
    "ai_session": "analytics cookie (Application Insights)",
    "ai_user": "analytics cookie (Application Insights)",
    "_parsely_session": "analytics cookie (Parse.ly)",
    "_hjSession_*": "analytics cookie (Hotjar)",
    "_hjSessionUser_*": "analytics cookie (Hotjar)",
    "_pk_ses.*": "analytics cookie (Matomo)",
    "apt.sid": "analytics cookie (Gainsight PX)",
    "_biz_sid": "marketing-attribution cookie (Bizible)",
    "QuantumMetricSessionID": "session-replay cookie (Quantum Metric)",
    "ABTastySession": "A/B-testing cookie (AB Tasty)",
    "_dyjsession": "personalisation cookie (Dynamic Yield)",
    "QSI_HistorySession": "survey cookie (Qualtrics)",
    "__stripe_sid": "fraud-prevention cookie (Stripe.js)",
    "liveagent_sid": "live-chat cookie (Salesforce Chat)",
    "has-sid": "login-state flag for scripts (Salesforce Experience Cloud)",
    "intercom-session-*": "live-chat cookie (Intercom)",
}
# Set by a framework for something other than login, in a value signed or encrypted like a
# session's: the value's shape must not make them auth-like (an exact auth name still wins).
_FRAMEWORK_COOKIES: dict[str, str] = {
    "messages": "flash-message cookie (Django contrib.messages)",
    ".AspNetCore.Mvc.CookieTempDataProvider": "TempData cookie (ASP.NET Core MVC)",
}
NOT_CREDENTIAL_NAMES: tuple[str, ...] = tuple(_NOT_CREDENTIALS)
FRAMEWORK_COOKIE_NAMES: tuple[str, ...] = tuple(_FRAMEWORK_COOKIES)
_NOT_CREDENTIAL_WHY = {
    name.lower(): why for name, why in (*_NOT_CREDENTIALS.items(), *_FRAMEWORK_COOKIES.items())
}

_GLOB_CHARS = frozenset("*?[")
_PREFIXES = ("__host-", "__secure-")


def bare_name(name: str) -> str:
    """Lower-case name without a __Host-/__Secure- prefix (matched case-insensitively)."""
    lowered = name.lower()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix):
            return lowered[len(prefix):]
    return lowered


def split_names(text: str | Iterable[str]) -> tuple[str, ...]:
    """Names from ini text: split on commas and whitespace (neither occurs in a cookie name)."""
    lines = [text] if isinstance(text, str) else list(text)
    return tuple(name for line in lines for name in re.split(r"[,\s]+", line) if name)


class NameList:
    """A compiled name list: exact names in a dict, all globs in one alternation (in order)."""

    def __init__(self, entries: tuple[str, ...]) -> None:
        self.exact: dict[str, str] = {}
        self.globs: list[str] = []
        for entry in entries:
            key = entry.lower()
            if _GLOB_CHARS & set(key):
                self.globs.append(entry)
            else:
                self.exact.setdefault(key, entry)
        self._pattern: re.Pattern[str] | None = None  # compiled when a name is not exact

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """All globs in one alternation, compiled on first use (a few ms for the defaults,
        which a suite whose cookies all have exact names never needs)."""
        if self._pattern is None and self.globs:
            # Not "g0", "g1", ...: before Python 3.11 fnmatch names its own groups so.
            alternatives = (
                f"(?P<glob{index}>{fnmatch.translate(entry.lower())})"
                for index, entry in enumerate(self.globs)
            )
            self._pattern = re.compile("|".join(alternatives))
        return self._pattern

    def match(self, bare: str) -> tuple[str, bool] | None:
        """(entry matched, whether it is a pattern) for a bare lower-case name, or None."""
        if bare in self.exact:
            return self.exact[bare], False
        pattern = self.pattern
        found = pattern.match(bare) if pattern is not None else None
        if found is None or found.lastgroup is None:
            return None
        return self.globs[int(found.lastgroup.removeprefix("glob"))], True


@lru_cache(maxsize=64)
def compiled(entries: tuple[str, ...]) -> NameList:
    """The list compiled once per distinct tuple (policies are frozen, lists are tuples)."""
    return NameList(entries)


def not_credential(bare: str, names: tuple[str, ...] = NOT_CREDENTIAL_NAMES) -> str | None:
    """Why a bare name is a known non-credential cookie ("analytics cookie (...), not a
    credential ('ai_session')"), or None; ``names``: the list to look in."""
    matched = compiled(names).match(bare)
    if matched is None:
        return None
    entry = matched[0]
    return f"{_NOT_CREDENTIAL_WHY[entry.lower()]}, not a credential ('{entry}')"
