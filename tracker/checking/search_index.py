"""The text of a bill that search reads, written whenever its snapshot is stored.

``tracker.checking.store`` (and the bulk import) call ``search_document`` in the
same transaction as the bill, so search never lags the bills. Querying the
index is ``tracker.report.search``; the database side is ``db.search``.
"""

from __future__ import annotations

from collections.abc import Iterable

from db.search import SearchDocument
from scrapers.model import BillSnapshot

_SEP = " · "  # between titles, subjects, actions: shows in snippets


def search_document(s: BillSnapshot) -> SearchDocument:
    """The text of ``s`` that search reads (``db.search`` weights the four parts)."""
    return SearchDocument(
        titles=_joined((s.title, s.official_title, s.short_title, s.popular_title)),
        subjects=_joined((s.policy_area, *s.subjects)),
        summary=s.latest_summary.text if s.latest_summary else "",
        actions=_joined(a.text for a in s.actions),
    )


def _joined(parts: Iterable[str | None]) -> str:
    # dict.fromkeys: drop repeats (a short title is often the display title) in order.
    return _SEP.join(dict.fromkeys(p for p in parts if p))
