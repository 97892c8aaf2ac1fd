"""docs.house.gov schedules: committee meetings (feed + meeting XML) and the floor week.

``parse`` reads ``<committee-meeting>``, ``<floorschedule>`` and ``<witness-list>``
documents into ``scrapers.meetings.Meeting`` values; ``source`` fetches them.
"""

from __future__ import annotations

from scrapers.sources.house_docs.parse import looks_like_house_schedule, parse_house_schedule
from scrapers.sources.house_docs.source import HouseDocs

__all__ = ["HouseDocs", "looks_like_house_schedule", "parse_house_schedule"]
