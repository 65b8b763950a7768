"""A second cookie packed into the attributes of a Set-Cookie line (SC015).

A line sets one cookie: ``session=x; refresh_token=y; Path=/`` sets ``session``, and browsers
take ``refresh_token=y`` for an attribute they do not know and ignore it (RFC 6265bis §5.6).
An unknown attribute written ``name=value`` counts as such a cookie unless it is a misspelt
attribute (SC012) or one of the obsolete RFC 2109/2965 attributes.  Only names are kept:
the value of a packed cookie is as secret as any other.
"""

from __future__ import annotations

import string

from ..parsing.attributes import VALUED_ATTRIBUTES, WSP
from .spelling import MISSPELT_JUDGED, did_you_mean

# RFC 2109/2965 attributes some servers still write: not a cookie, though browsers ignore them.
_OBSOLETE = frozenset({"comment", "commenturl", "discard", "port", "version"})
# A cookie name is an HTTP token (RFC 6265 §4.1.1).
_TOKEN = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
PACKED_SHOWN = 3  # names a finding shows; the rest are counted


def packed_cookies(raw: str) -> list[str]:
    """The names of the cookies packed into the attributes of line ``raw``, each once, in
    order.  As for misspellings, only the first ``MISSPELT_JUDGED`` distinct names are judged:
    the work per line stays bounded on a hostile one."""
    valued = dict.fromkeys(_valued_names(raw))
    return [name for name in list(valued)[:MISSPELT_JUDGED] if _is_cookie_name(name)]


def _valued_names(raw: str) -> list[str]:
    """The names of the attributes written ``name=value``, as written (trimmed)."""
    named = (cookie_av.partition("=") for cookie_av in raw.partition(";")[2].split(";"))
    return [name.strip(WSP) for name, eq, _ in named if eq]


def _is_cookie_name(name: str) -> bool:
    folded = name.lower()
    return (
        bool(name)
        and _TOKEN.issuperset(name)
        and folded not in VALUED_ATTRIBUTES
        and folded not in _OBSOLETE
        and did_you_mean(name) is None  # also every attribute spelt right (Secure=...)
    )


def packed_problem(names: list[str], sets: str) -> str:
    """``this line sets one cookie; 'refresh_token=...' is ignored by browsers``."""
    shown = [f"'{name}=...'" for name in names[:PACKED_SHOWN]]
    more = len(names) - len(shown)
    if more:
        listed = f"{', '.join(shown)} and {more} more are"
    elif len(shown) > 1:
        listed = f"{', '.join(shown[:-1])} and {shown[-1]} are"
    else:
        listed = f"{shown[0]} is"
    return f"this line sets {sets}; {listed} ignored by browsers"
