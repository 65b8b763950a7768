"""The pytest glue of the options: the "secure cookies" command-line group and its ini twins,
and how a run reads them (the command line wins over the ini).

What the option strings mean is ``judging.options`` (pytest-free); ``plugin.py`` registers
these declarations and hands what it reads to the policy and the run state.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from . import enforcement as _run
from .judging.options import POLICY_OPTIONS, Read, option_bool


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("secure cookies")
    _add_policy_options(group, parser)
    _add_enforcement_options(group, parser)


def _add_policy_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    """Each ini option, and its command-line twin in the "secure cookies" group (which wins)."""
    for name, kind, help_text, shown_default in POLICY_OPTIONS:
        default: object = False if kind == "bool" else ([] if kind == "linelist" else "")
        parser.addini(name, f"{help_text} (default: {shown_default})", type=kind,  # type: ignore[arg-type]
                      default=default)
        flag = "--" + name.replace("_", "-")
        if kind == "bool":
            group.addoption(flag, action="store_true", default=None, dest=name,
                            help=f"{help_text} (ini: {name} = true)")
        else:
            metavar = "NAMES" if kind == "linelist" else "VALUE"
            group.addoption(flag, action="store", default=None, dest=name, metavar=metavar,
                            help=f"{help_text} (ini: {name})")


def _add_enforcement_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption("--secure-cookies", action="store_true", default=None, dest="secure_cookies",
                    help="record every test's responses and fail a test that receives an "
                    "insecure auth-like cookie (ini: secure_cookies).")
    parser.addini("secure_cookies", type="bool", default=False,
                  help="apply @pytest.mark.secure_cookies to every test (like --secure-cookies).")
    group.addoption("--secure-cookies-audit", action="store_true", default=None,
                    dest="secure_cookies_audit", help="record and judge every test as "
                    "--secure-cookies does, fail none (tests marked secure_cookies excepted) and "
                    "list the insecure cookies at the end (ini: secure_cookies_audit).")
    parser.addini("secure_cookies_audit", type="bool", default=False,
                  help="judge every test and report, without failing, its insecure cookies "
                  "(like --secure-cookies-audit).")
    group.addoption("--secure-cookies-report", metavar="PATH", default=None,
                    dest="secure_cookies_report", help="write every cookie the recorded tests "
                    "received to PATH as JSON (never values) (ini: secure_cookies_report).")
    parser.addini("secure_cookies_report", default="", help="write every cookie the recorded "
                  "tests received to this path as JSON (relative to the rootdir; like "
                  "--secure-cookies-report).")
    group.addoption("--secure-cookies-sarif", metavar="PATH", default=None,
                    dest="secure_cookies_sarif", help="write the findings to PATH as SARIF "
                    "2.1.0, for GitHub code scanning (ini: secure_cookies_sarif).")
    parser.addini("secure_cookies_sarif", default="", help="write the findings to this path "
                  "as SARIF 2.1.0 (relative to the rootdir; like --secure-cookies-sarif).")


def reader(config: pytest.Config) -> Read:
    """An option's command-line value if given, else its ini value."""

    def read(name: str) -> object:
        given = config.getoption(name, None)
        if given is not None:
            return given
        try:
            return config.getini(name)
        except (TypeError, ValueError, pytest.UsageError) as error:  # pytest >= 9: UsageError
            raise ValueError(str(error)) from None

    return read


def audit_mode(config: pytest.Config) -> bool:
    """Whether the run audits: ``--secure-cookies-audit``, or its ini line unless
    ``--secure-cookies`` is given (a flag beats the ini).  Both flags, or both ini lines
    without a flag to choose: a usage error."""
    audit_flag = config.getoption("secure_cookies_audit", None)
    if config.getoption("secure_cookies", None):
        if audit_flag:
            raise pytest.UsageError(
                "--secure-cookies and --secure-cookies-audit: pass one (--secure-cookies fails "
                "the tests receiving insecure cookies, --secure-cookies-audit only reports them)"
            )
        return False
    if audit_flag:
        return True
    read = reader(config)  # no flag: both values are the ini's
    audit = option_bool(read, "secure_cookies_audit")
    if audit and option_bool(read, "secure_cookies"):
        where = config.inipath.name if config.inipath else "the ini file"
        raise pytest.UsageError(
            f"secure_cookies = true and secure_cookies_audit = true in {where}: keep one "
            "(secure_cookies fails the tests receiving insecure cookies, secure_cookies_audit "
            "only reports them), or choose for one run with --secure-cookies or "
            "--secure-cookies-audit"
        )
    return audit


def output_path(config: pytest.Config, name: str, example: str) -> Path | None:
    """An output file's option: from the current directory, else its ini (from the rootdir);
    ``example`` names a file to suggest when a directory is given."""
    given: str | None = config.getoption(name)
    written: str = given or config.getini(name)
    if not written:
        return None
    base = config.invocation_params.dir if given else config.rootpath
    return _run.output_path(base, written, f"--{name.replace('_', '-')}", example)
