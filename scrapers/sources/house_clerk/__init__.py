"""The House Clerk's roll-call votes: one XML record per vote (root ``rollcall-vote``).

``parse`` reads a record into a ``scrapers.votes.RollCall`` (a pure function over
bytes); ``source`` fetches it from ``{base}/evs/{year}/roll{NNN}.xml``.
"""

from __future__ import annotations

from scrapers.sources.house_clerk.parse import (
    SOURCE,
    looks_like_house_roll_call,
    parse_house_roll_call,
)
from scrapers.sources.house_clerk.source import HouseClerkVotes

__all__ = ["SOURCE", "HouseClerkVotes", "looks_like_house_roll_call", "parse_house_roll_call"]
