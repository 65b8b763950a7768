"""The ASVS profiles (``judging.profiles``): each level's rules SC016-SC018, the floor it puts
under the policy, the ASVS requirement each finding names, and the values it refuses."""

from __future__ import annotations

import pytest

from pytest_securecookie import CookiePolicy, check_cookie, parse_set_cookie
from pytest_securecookie.judging.lines import Clock, Received, judge_line
from pytest_securecookie.judging.markers import MarkerError, resolve_marks
from pytest_securecookie.judging.options import policy_from_options
from pytest_securecookie.judging.policy import Finding
from pytest_securecookie.judging.rules import RULES

HARDENED = "; Path=/; Secure; HttpOnly; SameSite=Lax"
LEVELS = ("default", "asvs-l1", "asvs-l2", "asvs-l3")


def found(line: str, profile: str = "default", framework: str | None = None,
          **policy: object) -> list[Finding]:
    cookie = parse_set_cookie(line)
    assert cookie is not None
    return check_cookie(cookie, CookiePolicy(profile=profile, **policy),  # type: ignore[arg-type]
                        framework=framework)


def rules(line: str, profile: str = "default", **policy: object) -> list[str]:
    return [finding.rule for finding in found(line, profile, **policy)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # (default, asvs-l1, asvs-l2, asvs-l3)
        ("session=v" + HARDENED, ([], ["SC016"], ["SC016"], ["SC016"])),
        ("__Secure-session=v" + HARDENED, ([], [], ["SC017"], ["SC017"])),
        ("__Host-session=v" + HARDENED, ([], [], [], [])),
        ("__Host-session=v; Path=/; Secure", (["SC002", "SC003"],) * 4),
        ("__Host-session=v; Path=/; Secure; SameSite=Lax", (["SC002"],) * 4),
    ],
)
def test_each_level_adds_its_rules_to_the_one_below(
    line: str, expected: tuple[list[str], ...]
) -> None:
    assert tuple(rules(line, level) for level in LEVELS) == expected


def test_default_is_todays_policy_exactly() -> None:
    for line in ("session=v", "session=v; Domain=example.com; Secure", "sid=" + "v" * 5000):
        cookie = parse_set_cookie(line)
        if cookie is not None:
            assert check_cookie(cookie, CookiePolicy(profile="default")) == check_cookie(cookie)
    assert CookiePolicy(profile="default") == CookiePolicy()


def test_a_profile_is_a_floor_under_relaxed_options() -> None:
    relaxed = {"require_secure": False, "require_httponly": False, "samesite": ()}
    assert rules("__Host-session=v; Path=/", **relaxed) == ["SC008"]  # browsers refuse it
    # asvs-l1 asks Secure back; asvs-l2 HttpOnly and SameSite too (any value: it must be set).
    assert rules("__Host-session=v; Path=/", "asvs-l1", **relaxed) == ["SC001", "SC008"]
    assert rules("__Host-session=v; Path=/; Secure", "asvs-l2", **relaxed) == ["SC002", "SC003"]
    assert rules("__Host-session=v; Path=/; Secure; HttpOnly; SameSite=None", "asvs-l2",
                 **relaxed) == []  # fmt: skip
    # ... and only a rule named in ignore_rules is waived under a profile.
    assert rules("session=v; Secure; SameSite=Lax", "asvs-l2", require_httponly=False,
                 ignore_rules="SC002 SC016") == []  # fmt: skip


def test_the_policy_samesite_values_still_apply_under_a_profile() -> None:
    assert rules("__Host-session=v; Path=/; Secure; HttpOnly; SameSite=None", "asvs-l2") == [
        "SC006"
    ]


def test_csrf_cookies_get_the_floor_but_need_no_prefix_nor_httponly() -> None:
    assert rules("csrftoken=v; Path=/; SameSite=Lax", "asvs-l3") == ["SC001"]
    assert rules("csrftoken=v; Path=/; Secure", "asvs-l2") == ["SC003"]


def test_other_cookies_are_not_judged_by_a_profile() -> None:
    assert rules("theme=dark", "asvs-l3") == []


def test_a_deletion_needs_no_prefix() -> None:
    assert rules("session=; Path=/; Max-Age=0", "asvs-l3") == []


def test_domain_on_purpose_is_declared_by_shared_names() -> None:
    shared = "__Secure-session=v; Domain=example.com" + HARDENED
    assert rules(shared, "asvs-l1") == []
    assert rules(shared, "asvs-l2") == ["SC017"]
    assert rules(shared, "asvs-l2", shared_names="session") == []
    assert rules(shared, "asvs-l2", shared_names=["*session"]) == []
    # Declared shared but host-only after all: nothing stops it from being __Host-.
    assert rules("__Secure-session=v" + HARDENED, "asvs-l2", shared_names="session") == [
        "SC017"
    ]
    [finding] = found(shared, "asvs-l2")
    assert finding.problem == (
        "'__Secure-session' has the __Secure- prefix, not __Host-; it sets Domain: if "
        "subdomains must receive it, list it in secure_cookies_shared_names (ASVS v5.0.0-3.3.3)"
    )


def test_an_unprefixed_cookie_is_one_finding_whose_fix_fits_its_domain() -> None:
    line = "session=v; Domain=example.com" + HARDENED
    [l1] = found(line, "asvs-l1", "flask")
    assert l1.fix == (
        'app.config["SESSION_COOKIE_NAME"] = "__Secure-session", '
        'app.config["SESSION_COOKIE_SECURE"] = True'
    )
    [l2] = found(line, "asvs-l2", "flask")
    assert l2.rule == "SC016" and '"__Host-session"' in l2.fix
    [shared] = found(line, "asvs-l2", "flask", shared_names="session")
    assert shared.rule == "SC016" and '"__Secure-session"' in shared.fix


def test_every_finding_names_the_asvs_requirement_it_fails_under_a_profile() -> None:
    [secure, prefix] = found("session=v; Path=/; HttpOnly; SameSite=Lax", "asvs-l1")
    assert secure.problem == "'session' has no Secure attribute (ASVS v5.0.0-3.3.1)"
    assert prefix.problem == "'session' has no __Secure- or __Host- prefix (ASVS v5.0.0-3.3.1)"
    assert prefix.why == RULES["SC016"].why
    [misspelt] = found("__Host-session=v; Path=/; Secure; HttpOnly; SameSite=Lax; HttpOnyl",
                       "asvs-l3")  # fmt: skip
    assert not misspelt.problem.endswith(")")  # SC012 serves no ASVS requirement
    [plain] = found("session=v; Path=/; HttpOnly; SameSite=Lax")
    assert plain.problem == "'session' has no Secure attribute"


def judged_dropped(line: str, profile: str) -> list[Finding]:
    received = Received("GET http://localhost/big", None, None, None, Clock())
    return list(judge_line(line, None, CookiePolicy(profile=profile), received).findings)


def test_an_oversized_line_is_sc011_then_sc018_under_asvs_l3_never_both() -> None:
    line = "sid=" + "v" * 4100 + "; Secure"
    [l2] = judged_dropped(line, "asvs-l2")
    assert l2.rule == "SC011"
    assert l2.problem == "browsers ignore this Set-Cookie line (ASVS v5.0.0-3.3.5)"
    [l3] = judged_dropped(line, "asvs-l3")
    assert l3.rule == "SC018"
    assert l3.problem == (
        "'sid' is too large: name and value together are 4103 octets, over the 4096 browsers "
        "accept, so browsers ignore the line (ASVS v5.0.0-3.3.5)"
    )
    assert l3.fix == l2.fix and "v" * 20 not in l3.problem
    # A line dropped for another reason stays SC011 at every level.
    assert [f.rule for f in judged_dropped("=", "asvs-l3")] == ["SC011"]


def test_the_rules_are_registered_with_their_metadata() -> None:
    filed = {rule_id: (RULES[rule_id].cwe, RULES[rule_id].severity, RULES[rule_id].asvs)
             for rule_id in ("SC016", "SC017", "SC018")}  # fmt: skip
    assert filed == {
        "SC016": (565, "medium", "3.3.1"),
        "SC017": (668, "medium", "3.3.3"),
        "SC018": (436, "low", "3.3.5"),
    }


@pytest.mark.parametrize(
    ("framework", "line", "fix"),
    [
        ("django", "sessionid=v; Secure; HttpOnly; SameSite=Lax",
         'SESSION_COOKIE_NAME = "__Host-sessionid", SESSION_COOKIE_SECURE = True, '
         'SESSION_COOKIE_PATH = "/", no SESSION_COOKIE_DOMAIN in settings.py'),
        ("flask", "session=v; Secure; HttpOnly; SameSite=Lax",
         'app.config["SESSION_COOKIE_NAME"] = "__Host-session", '
         'app.config["SESSION_COOKIE_SECURE"] = True, app.config["SESSION_COOKIE_PATH"] = "/", '
         'app.config["SESSION_COOKIE_DOMAIN"] = None'),
        ("flask", "remember_token=v; Secure; HttpOnly; SameSite=Lax",
         'app.config["REMEMBER_COOKIE_NAME"] = "__Host-remember_token", '
         'app.config["REMEMBER_COOKIE_SECURE"] = True, app.config["REMEMBER_COOKIE_PATH"] = '
         '"/", app.config["REMEMBER_COOKIE_DOMAIN"] = None (Flask-Login)'),
        ("starlette", "__Secure-session=v; Secure; HttpOnly; SameSite=Lax",
         'SessionMiddleware(app, secret_key=..., session_cookie="__Host-session", '
         'https_only=True, path="/", domain=None)'),
        (None, "connect.sid=v; Secure; HttpOnly; SameSite=Lax",
         "session({name: '__Host-connect.sid', cookie: {secure: true, path: '/'}}) "
         "(express-session)"),
        ("falcon", "auth=v; Secure; HttpOnly; SameSite=Lax",
         'resp.set_cookie("__Host-auth", ..., secure=True, path="/"), no domain'),
        (None, "auth=v; Secure; HttpOnly; SameSite=Lax",
         "rename 'auth' to '__Host-auth' and set it with Secure, Path=/ and no Domain"),
    ],
)
def test_the_fix_names_the_setting_that_renames_the_cookie(
    framework: str | None, line: str, fix: str
) -> None:
    [finding] = found(line, "asvs-l2", framework)
    assert finding.fix == fix


def test_a_prefixed_name_is_still_classified_auth_like() -> None:
    policy = CookiePolicy(profile="asvs-l2")
    for name in ("__Host-session", "__Secure-sessionid", "__Host-connect.sid", "__HOST-jwt"):
        cookie = parse_set_cookie(f"{name}=v")
        assert cookie is not None
        assert policy.classify(cookie).kind == "auth", name


def test_a_bad_profile_names_what_was_given_and_what_is_accepted() -> None:
    accepted = "'default', 'asvs-l1', 'asvs-l2' or 'asvs-l3'"
    with pytest.raises(ValueError, match=f"^profile must be {accepted}, got 'asvs-l4'$"):
        CookiePolicy(profile="asvs-l4")  # type: ignore[arg-type]
    assert CookiePolicy(profile=" ASVS-L2 ").profile == "asvs-l2"  # type: ignore[arg-type]

    def read(option: str) -> object:
        return {"secure_cookies_profile": "level2"}.get(option, [] if "names" in option or
                                                         "rules" in option else "")

    with pytest.raises(ValueError) as raised:
        policy_from_options(read)
    assert str(raised.value) == (
        "secure_cookies_profile: 'level2' is not accepted; use default, asvs-l1, asvs-l2 or "
        "asvs-l3"
    )


class _Mark:
    name = "secure_cookies"
    args: tuple[object, ...] = ()

    def __init__(self, **kwargs: object) -> None:
        self.kwargs = kwargs


def test_the_marker_keyword_is_the_policy_field() -> None:
    marked = resolve_marks([_Mark(profile="asvs-l3", shared_names="sso")], CookiePolicy())
    assert (marked.policy.profile, marked.policy.shared_names) == ("asvs-l3", ("sso",))
    with pytest.raises(MarkerError) as raised:
        resolve_marks([_Mark(profile=2)], CookiePolicy())
    assert str(raised.value) == (
        "bad @pytest.mark.secure_cookies(profile=2): profile must be 'default', 'asvs-l1', "
        "'asvs-l2' or 'asvs-l3', got 2"
    )
