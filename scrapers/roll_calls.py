"""Both chambers' roll-call records behind one door: fetch a named vote, or read a saved one.

``RollCallSources`` picks the House Clerk or Senate LIS source by the vote's chamber;
``parse_roll_call_document`` recognises a saved record by its root element.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapers.model import Chamber, RecordedVote
from scrapers.sources.house_clerk import (
    HouseClerkVotes,
    looks_like_house_roll_call,
    parse_house_roll_call,
)
from scrapers.sources.senate_lis import (
    SenateLisVotes,
    looks_like_senate_roll_call,
    parse_senate_roll_call,
)
from scrapers.votes import RollCall


@dataclass(frozen=True, slots=True, kw_only=True)
class RollCallSources:
    house: HouseClerkVotes
    senate: SenateLisVotes

    def fetch(self, vote: RecordedVote) -> RollCall:
        """Fetch and parse one vote; raises ``FetchError`` or ``ParseError``."""
        source = self.house if vote.chamber is Chamber.HOUSE else self.senate
        return source.parse(source.fetch(vote))


def parse_roll_call_document(content: bytes, *, where: str) -> RollCall | None:
    """The vote in a saved House Clerk or Senate LIS record; None for any other document."""
    if looks_like_house_roll_call(content):
        return parse_house_roll_call(content, where=where)
    if looks_like_senate_roll_call(content):
        return parse_senate_roll_call(content, where=where)
    return None
