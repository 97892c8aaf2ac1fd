"""Topics: advocates who follow words ("Title IX") rather than bill numbers.

A topic matches a bill whose titles, subjects, policy area or summary prose
contain it, read by the search index (``db.search``): the topic's words as one
phrase, or, when it is written with search syntax (``"quoted"``, ``or``,
``-word``), as that search. The summary is indexed without its division labels
("TITLE IX--...", see ``tracker.checking.search_index``).

The actions' text does not count. It says what happened to the bill, not what
the bill is about: committee names ("Committee on Education and the Workforce"),
and other bills' words quoted in amendment actions ("to strike section 906 in
title IX", "Motion to ... sexual harassment" of an amendment that failed). A
bill is about a topic when its titles, subjects or summary say so; CRS writes
the summary of every bill that moves, and a bill with no summary yet is
matched by its titles and subjects. ``tracker search`` still reads the actions.

This module says how a topic reads and who follows one;
``tracker.checking.topic_alerts`` tells followers of new bills and
``tracker.report.topics`` lists what matches now.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Advocate, Subscription
from db.search import Mode, matching_bill_ids

#: A topic written like a search (a quote, ``or`` between words, a leading ``-``).
_SEARCH_SYNTAX = re.compile(r'"|(?:^|\s)or\s|(?:^|\s)-\S', re.IGNORECASE)
Follower = tuple[Subscription, Advocate]


def reads_as_phrase(topic: str) -> bool:
    """True when the topic's words are matched as one phrase (no search syntax in it)."""
    return _SEARCH_SYNTAX.search(topic) is None


def topic_matches(session: Session, topic: str, *, among: Collection[int]) -> set[int]:
    """Which of the bills ``among`` match ``topic`` (titles, subjects, summary; no actions)."""
    mode: Mode = "phrase" if reads_as_phrase(topic) else "words"
    return matching_bill_ids(session, topic, among=among, mode=mode, with_actions=False)


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
