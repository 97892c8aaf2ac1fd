"""Fetching Senate roll calls from LIS:
``{base}/legislative/LIS/roll_call_votes/vote{congress}{session}/vote_{congress}_{session}_{NNNNN}.xml``.

Knows HTTP through ``PoliteClient`` only; the base URL comes in the constructor.
"""

from __future__ import annotations

from typing import ClassVar

from scrapers.http import PoliteClient
from scrapers.model import Chamber, RecordedVote
from scrapers.sources.house_clerk.source import require_xml
from scrapers.sources.senate_lis.parse import parse_senate_roll_call
from scrapers.votes import RollCall, VoteDocument

DEFAULT_BASE_URL = "https://www.senate.gov"


class SenateLisVotes:
    name: ClassVar[str] = "senate_lis"

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    def document_url(self, vote: RecordedVote) -> str:
        if vote.chamber is not Chamber.SENATE:
            raise ValueError(f"not a Senate vote: {vote.key}")
        c, s, n = vote.congress, vote.session, vote.number
        return (
            f"{self._base_url}/legislative/LIS/roll_call_votes/vote{c}{s}/vote_{c}_{s}_{n:05d}.xml"
        )

    def fetch(self, vote: RecordedVote) -> VoteDocument:
        response = self._client.get(self.document_url(vote))
        require_xml(response.content, response.headers.get("Content-Type"), url=response.url)
        return VoteDocument(vote=vote, url=response.url, content=response.content)

    def parse(self, doc: VoteDocument) -> RollCall:
        return parse_senate_roll_call(doc.content, where=doc.url, source_url=doc.url)
