"""Searching bills by their words: titles, subjects, policy area, summary and actions.

``search_bills`` is what ``tracker search`` and the web page's search box call.
A query reads like a web search: words are all required, ``"quoted words"`` are a
phrase, ``or`` offers alternatives, ``-word`` excludes. Stemming makes
"assaults" find "assault". Results are ranked (a word in a title counts most)
and carry a snippet of the text that matched.

What the index holds is ``tracker.checking.search_index`` (written with the
bill, in the same transaction, so search never lags the bills). The database
side is ``db.search``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import search as index
from db.models import Bill
from db.search import MARK_END, MARK_START

__all__ = ["SearchHit", "ranked_bill_ids", "search_bills", "snippet_parts", "snippets_of"]

MAX_LIMIT = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchHit:
    """One bill found, with the part of its text that matched."""

    key: str  # "hr4030-115"
    title: str | None
    congress: str
    stage: str | None
    tracked: bool
    introduced_on: date | None
    latest_action_date: date | None
    latest_action_text: str | None
    score: float  # higher is better; only comparable within one search
    snippet_parts: tuple[tuple[str, bool], ...]  # (text, matched) in reading order

    @property
    def snippet(self) -> str:
        """The snippet as one line, matched words in [brackets]."""
        return "".join(f"[{t}]" if hit else t for t, hit in self.snippet_parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.key,
            "title": self.title,
            "congress": self.congress,
            "stage": self.stage,
            "tracked": self.tracked,
            "introduced_on": _day(self.introduced_on),
            "latest_action": {
                "date": _day(self.latest_action_date),
                "text": self.latest_action_text,
            },
            "score": round(self.score, 6),
            "snippet": self.snippet,
        }


def search_bills(
    session: Session,
    query: str,
    *,
    congress: int | str | None = None,
    stage: str | None = None,
    limit: int = 20,
    phrase: bool = False,
    with_actions: bool = True,
) -> list[SearchHit]:
    """The bills that best match ``query``, best first (at most ``limit``, up to 500).

    ``congress`` and ``stage`` narrow the search; ``phrase`` reads the whole query
    as one phrase; ``with_actions=False`` leaves the actions' text out (both as
    topics match). An empty query finds nothing.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    rows = index.search(
        session,
        query,
        mode="phrase" if phrase else "words",
        congress=None if congress is None else str(congress),
        stage=stage,
        limit=limit,
        with_actions=with_actions,
    )
    bills = _bills_by_id(session, [r.bill_id for r in rows])
    return [_hit(bills[r.bill_id], r) for r in rows if r.bill_id in bills]


def ranked_bill_ids(
    session: Session, query: str, *, stage: str | None, tracked_only: bool, limit: int
) -> list[int]:
    """The ids ``search_bills`` would list for ``query``, in its order, without snippets.

    For a caller that pages through many results (the web list) and asks
    ``snippets_of`` for the page it shows.
    """
    ranked = index.rank(session, query, stage=stage, tracked_only=tracked_only, limit=limit)
    return [bill_id for bill_id, _ in ranked]


def snippets_of(
    session: Session, ids: list[int], query: str
) -> dict[int, tuple[tuple[str, bool], ...]]:
    """bill id -> the snippet ``search_bills`` shows for it, as (text, matched) parts."""
    found = index.snippets(session, ids, query, mode="words")
    return {bill_id: snippet_parts(text) for bill_id, text in found.items()}


def snippet_parts(snippet: str) -> tuple[tuple[str, bool], ...]:
    """Split a marked snippet into (text, matched) parts, spacing folded to single spaces.

    Marked words next to each other read as one match ("[Title IX]"), as SQLite's
    snippets mark a phrase; PostgreSQL's ``ts_headline`` marks each word.
    """
    parts: list[tuple[str, bool]] = []
    folded = " ".join(snippet.split()).replace(f"{MARK_END} {MARK_START}", " ")
    for n, piece in enumerate(folded.split(MARK_START)):
        matched, _, rest = piece.partition(MARK_END) if n else ("", "", piece)
        if matched:
            parts.append((matched, True))
        if rest:
            parts.append((rest, False))
    return tuple(parts)


_HIT_COLUMNS = (
    Bill.id,
    Bill.key,
    Bill.title,
    Bill.session,
    Bill.stage,
    Bill.tracked,
    Bill.introduced_on,
    Bill.latest_action_date,
    Bill.latest_action_text,
)


def _bills_by_id(session: Session, ids: list[int]) -> dict[int, Any]:
    if not ids:
        return {}
    # Only the columns a hit shows: the stored snapshot JSON is large.
    query = select(*_HIT_COLUMNS).where(Bill.id.in_(ids))
    return {row.id: row for row in session.execute(query)}


def _hit(bill: Any, row: index.SearchRow) -> SearchHit:
    return SearchHit(
        key=bill.key,
        title=bill.title,
        congress=bill.session,
        stage=bill.stage,
        tracked=bill.tracked,
        introduced_on=bill.introduced_on,
        latest_action_date=bill.latest_action_date,
        latest_action_text=bill.latest_action_text,
        score=row.score,
        snippet_parts=snippet_parts(row.snippet),
    )


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None
