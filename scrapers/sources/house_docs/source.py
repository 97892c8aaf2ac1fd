"""docs.house.gov: committee meeting feeds and XML, and the floor schedule of a week.

Fetching only; parsing is ``.parse`` (pure) and ``.feed``. The base URL comes
in the constructor (mirrors, tests); never reads settings.

- ``{base}/Committee/RSS.ashx?Code={II00}``: a committee's feed (one request per
  committee with tracked bills, whatever the number of bills);
- the meeting XML each feed item links to (only meetings not yet past);
- ``{base}/billsthisweek/{yyyymmdd}/{yyyymmdd}.xml``: the floor week starting that Monday.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar
from urllib.parse import urlsplit

from scrapers.http import PoliteClient
from scrapers.meetings import Meeting
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources._schedule_fetch import get_document
from scrapers.sources.house_docs.feed import meeting_xml_urls
from scrapers.sources.house_docs.parse import parse_house_schedule

DEFAULT_BASE_URL = "https://docs.house.gov"


class HouseDocs:
    name: ClassVar[str] = "house_docs"

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    def committee_feed_url(self, code: str) -> str:
        return f"{self._base_url}/Committee/RSS.ashx?Code={code.upper()}"

    def floor_week_url(self, monday: date) -> str:
        return f"{self._base_url}/billsthisweek/{monday:%Y%m%d}/{monday:%Y%m%d}.xml"

    def meeting_urls(self, feed: Fetched, *, since: date) -> list[str]:
        """The feed's meeting XML addresses, re-rooted on our base URL (mirrors, tests)."""
        return [self._rebase(url) for url in meeting_xml_urls(feed.content, since=since)]

    def fetch(self, url: str, prior: Validators | None = None) -> Fetched | NotModified:
        return get_document(self._client, url, prior)

    @staticmethod
    def parse(doc: Fetched) -> list[Meeting]:
        return parse_house_schedule(doc.content, where=doc.url, url=_public(doc.url))

    def _rebase(self, url: str) -> str:
        parts = urlsplit(url)
        return f"{self._base_url}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def _public(url: str) -> str:
    # Links in emails and the calendar point at the public site, not at a mirror.
    parts = urlsplit(url)
    return f"{DEFAULT_BASE_URL}{parts.path}"
