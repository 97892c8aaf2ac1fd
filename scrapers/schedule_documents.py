"""Recognising a saved schedule document and parsing it, whichever publisher it is from.

For ``tracker parse``: docs.house.gov committee meetings, floor weeks and witness
lists, and the Senate's ``hearings.xml``. Pure over bytes.
"""

from __future__ import annotations

from scrapers.meetings import Meeting
from scrapers.sources.house_docs import looks_like_house_schedule, parse_house_schedule
from scrapers.sources.senate_hearings import looks_like_senate_hearings, parse_senate_hearings


def parse_schedule_document(content: bytes, *, where: str) -> list[Meeting] | None:
    """The document's meetings, or None when it is not a schedule document."""
    if looks_like_house_schedule(content):
        return parse_house_schedule(content, where=where)
    if looks_like_senate_hearings(content):
        return parse_senate_hearings(content, where=where)
    return None
