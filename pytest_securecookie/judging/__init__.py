"""Judging: ``SetCookie`` → classification → findings.

Owns the policy and its inputs (ini text, marker and assertion keywords), the default names,
the credential value shapes, the rules SC001-SC015 (and, in modules of their own, the rules
about the session: SC020/SC021 in ``sessions``; the token rules SC022-SC025 in ``tokens``,
with ``entropy``, ``decoding`` and, across a run's logins, ``logins``), the fixes per
framework, deletions, the judge of one line (``lines``: what the assertions and enforcement
share) and the judge of the lines one test recorded.

Imports: ``parsing`` only (never ``capturing`` or ``reporting``); no pytest, no HTTP client.
"""
