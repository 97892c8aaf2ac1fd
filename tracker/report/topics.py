"""What each topic matches now: ``tracker topics`` and the advocate's topic list.

How a topic reads as a search is ``tracker.people.topics``; the ranking is
``tracker.report.search``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.models import Advocate
from tracker.people.topics import reads_as_phrase, topic_followers
from tracker.report.search import SearchHit, search_bills


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicView:
    """One topic subscription and the bills that match it now."""

    email: str
    topic: str
    alerts: str
    digest: str
    bills: tuple[SearchHit, ...]


def topic_bills(session: Session, topic: str, *, limit: int = 20) -> list[SearchHit]:
    """The bills that match ``topic`` now, best first (read as ``topic_matches`` reads it)."""
    return search_bills(
        session, topic, limit=limit, phrase=reads_as_phrase(topic), with_actions=False
    )


def list_topics(session: Session, advocate: Advocate | None, *, limit: int = 20) -> list[TopicView]:
    """Every topic subscription (of one advocate, or of all) with its matching bills."""
    views = []
    for sub, adv in topic_followers(session, advocate_id=advocate.id if advocate else None):
        hits = tuple(topic_bills(session, sub.topic or "", limit=limit))
        views.append(
            TopicView(
                email=adv.email,
                topic=sub.topic or "",
                alerts=sub.alerts,
                digest=sub.digest,
                bills=hits,
            )
        )
    return views
