"""Judging: ``SetCookie`` → classification → findings.

Owns the policy (``policy``) and its inputs (ini text, marker and assertion keywords), the
classification of a cookie (``classification``), the default names, the credential value
shapes, what a rule is (``rulebook``), the rules SC001-SC015 (``rules``; and, in modules of
their own, the rules about the session: SC020/SC021 in ``sessions``; the token rules
SC022-SC025 in ``tokens``, with ``entropy``, ``decoding`` and, across a run's logins,
``logins``), one cookie checked against the policy (``checking``), the stack that set a cookie
(``stacks``) and the fix per stack (``fixes``), deletions, the judge of one line (``lines``:
what the assertions and enforcement share) and the judge of the lines one test recorded.

Imports: ``parsing`` only (never ``capturing`` or ``reporting``); no pytest, no HTTP client.
"""
