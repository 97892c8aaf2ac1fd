"""What the search index stores of one bill (``db.search`` writes and reads it).

Apart from ``db.search`` because a bulk import's worker processes build these
documents, and should not import SQLAlchemy to do it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchDocument:
    """The text of one bill that search reads, in four weighted parts."""

    titles: str
    subjects: str  # legislative subjects and the policy area
    summary: str  # the latest CRS summary
    actions: str  # every action's text
