"""The Senate's committee hearings schedule (``hearings.xml``), parsed into meetings.

``parse`` is pure over bytes; ``source`` fetches the one feed conditionally.
"""

from __future__ import annotations

from scrapers.sources.senate_hearings.parse import looks_like_senate_hearings, parse_senate_hearings
from scrapers.sources.senate_hearings.source import SenateHearings

__all__ = ["SenateHearings", "looks_like_senate_hearings", "parse_senate_hearings"]
