"""Fetching House roll calls from the Clerk: ``{base}/evs/{year}/roll{NNN}.xml``.

The year is the session's calendar year. Knows HTTP through ``PoliteClient`` only;
the base URL comes in the constructor (mirrors, tests), never from settings.
"""

from __future__ import annotations

from typing import ClassVar

from scrapers.errors import TransientFetchError
from scrapers.http import PoliteClient, looks_like_html
from scrapers.model import Chamber, RecordedVote
from scrapers.sources.house_clerk.parse import parse_house_roll_call
from scrapers.votes import RollCall, VoteDocument, session_year

DEFAULT_BASE_URL = "https://clerk.house.gov"


class HouseClerkVotes:
    name: ClassVar[str] = "house_clerk"

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    def document_url(self, vote: RecordedVote) -> str:
        if vote.chamber is not Chamber.HOUSE:
            raise ValueError(f"not a House vote: {vote.key}")
        year = session_year(vote.congress, vote.session)
        return f"{self._base_url}/evs/{year}/roll{vote.number:03d}.xml"

    def fetch(self, vote: RecordedVote) -> VoteDocument:
        response = self._client.get(self.document_url(vote))
        require_xml(response.content, response.headers.get("Content-Type"), url=response.url)
        return VoteDocument(vote=vote, url=response.url, content=response.content)

    def parse(self, doc: VoteDocument) -> RollCall:
        return parse_house_roll_call(doc.content, where=doc.url, source_url=doc.url)


def require_xml(content: bytes, content_type: str | None, *, url: str) -> None:
    """A 200 with an HTML or empty body is a server having a bad moment: try later."""
    if looks_like_html(content, content_type) or not content.strip():
        raise TransientFetchError(f"expected a roll-call XML record, got none: {url}", url=url)
