"""Topics: advocates who follow words ("Title IX") rather than bill numbers.

A topic matches a bill whose titles, subjects, policy area, summary or actions
contain it, read by the search index (``db.search``): the topic's words as one
phrase, or, when it is written with search syntax (``"quoted"``, ``or``,
``-word``), as that search. This module says how a topic reads and who follows
one; ``tracker.checking.topic_alerts`` tells followers of new bills and
``tracker.report.topics`` lists what matches now.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Advocate, Subscription

#: A topic written like a search (a quote, ``or`` between words, a leading ``-``).
_SEARCH_SYNTAX = re.compile(r'"|(?:^|\s)or\s|(?:^|\s)-\S', re.IGNORECASE)
Follower = tuple[Subscription, Advocate]


def reads_as_phrase(topic: str) -> bool:
    """True when the topic's words are matched as one phrase (no search syntax in it)."""
    return _SEARCH_SYNTAX.search(topic) is None


def topic_followers(
    session: Session, *, advocate_id: int | None = None, active_only: bool = False
) -> list[Follower]:
    """Topic subscriptions with their advocates (of one advocate, or all; active only)."""
    query = (
        select(Subscription, Advocate)
        .join(Advocate, Advocate.id == Subscription.advocate_id)
        .where(Subscription.topic.is_not(None))
        .order_by(Advocate.email, Subscription.id)
    )
    if advocate_id is not None:
        query = query.where(Advocate.id == advocate_id)
    if active_only:
        query = query.where(Advocate.unsubscribed_at.is_(None))
    return [(sub, adv) for sub, adv in session.execute(query)]
