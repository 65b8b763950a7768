"""Reporting: findings → words and files.

Owns ``InsecureCookieError`` and every message about a cookie, the run's tally (summary, ``-v``
listing, JSON report and its schema), the rules as security tooling files them (``catalog``),
the SARIF log and the GitHub job summary.  Every text it makes is redacted through
``parsing.redaction``.

Imports: ``parsing`` and ``judging`` (never ``capturing``); no pytest.
"""
