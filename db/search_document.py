"""What the search index stores of one bill (``db.search`` writes and reads it).

Apart from ``db.search`` because a bulk import's worker processes build these
documents, and should not import SQLAlchemy to do it.
"""

from __future__ import annotations

from typing import NamedTuple


class SearchDocument(NamedTuple):
    """The text of one bill that search reads, in four weighted parts.

    A named tuple: an import's workers send thousands of these to the writer, and a
    tuple pickles in one step (a dataclass goes field by field through Python code).
    """

    titles: str
    subjects: str  # legislative subjects and the policy area
    summary: str  # the latest CRS summary
    actions: str  # every action's text
