"""senate.gov's committee hearings feed: one document for every Senate committee.

``{base}/general/committee_schedules/hearings.xml``. One conditional request a
poll covers all committees, so there is no per-committee filter to apply at
the source. Fetching only; parsing is ``.parse``. Never reads settings.
"""

from __future__ import annotations

from typing import ClassVar

from scrapers.http import PoliteClient
from scrapers.meetings import Meeting
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources._schedule_fetch import get_document
from scrapers.sources.senate_hearings.parse import parse_senate_hearings

DEFAULT_BASE_URL = "https://www.senate.gov"
PUBLIC_URL = "https://www.senate.gov/committees/hearings_meetings.htm"


class SenateHearings:
    name: ClassVar[str] = "senate_hearings"

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    @property
    def feed_url(self) -> str:
        return f"{self._base_url}/general/committee_schedules/hearings.xml"

    def fetch(self, prior: Validators | None = None) -> Fetched | NotModified:
        return get_document(self._client, self.feed_url, prior)

    @staticmethod
    def parse(doc: Fetched) -> list[Meeting]:
        return parse_senate_hearings(doc.content, where=doc.url, url=PUBLIC_URL)
