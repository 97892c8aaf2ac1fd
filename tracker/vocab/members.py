"""Who a member of Congress is, across sources and spellings: one identity string.

A cosponsor row, a cosponsor event and a diff all name a member by it. Its own module,
standard library only, because a bulk import's workers need it for every cosponsor row
and nothing else of ``tracker.vocab.events``, whose event classes take some 30 ms to
load in each process before it can parse.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def member_identity(bioguide_id: str | None, name: str) -> str:
    """A member's identity: the bioguide id, else the spacing- and case-folded name."""
    return bioguide_id or "name:" + _SPACES.sub(" ", name).strip().casefold()
