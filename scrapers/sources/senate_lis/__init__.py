"""The Senate's roll-call votes from LIS: one XML record per vote (root ``roll_call_vote``).

``parse`` reads a record into a ``scrapers.votes.RollCall`` (a pure function over
bytes); ``source`` fetches it from
``{base}/legislative/LIS/roll_call_votes/vote{congress}{session}/vote_{congress}_{session}_{NNNNN}.xml``.
"""

from __future__ import annotations

from scrapers.sources.senate_lis.parse import (
    SOURCE,
    looks_like_senate_roll_call,
    parse_senate_roll_call,
)
from scrapers.sources.senate_lis.source import SenateLisVotes

__all__ = ["SOURCE", "SenateLisVotes", "looks_like_senate_roll_call", "parse_senate_roll_call"]
