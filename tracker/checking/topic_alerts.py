"""New bills on a followed topic: track them, record the event, alert the followers.

When a bill the tracker did not know appears (a bulk import, or the first check
of a newly tracked bill) and matches a topic, ``alert_topic_followers`` does, in
the caller's transaction: track the bill, record one ``NewBillOnTopic`` event per
matching topic, subscribe each follower to the bill (stance "watch", the topic's
alert and digest levels, so its later moves reach them), and queue one alert per
advocate and bill. Nothing is sent here.

Only bills of a Congress still in session are news: a bill of an ended Congress
cannot move again, and importing the 114th Congress must not subscribe anyone
to the Bipartisan Budget Act of 2015 or send them a call script about it
(``tracker topics`` still lists such bills). How a topic matches is
``tracker.people.topics``; listing what matches now is ``tracker.report.topics``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db import advocates as advocate_rows
from db.models import Advocate, Bill, Notification, Subscription
from db.models import BillEvent as EventRow
from tracker.checking.alerts import StoredEvent, insert_events
from tracker.core.sessions import congress_ended
from tracker.people.quiet_hours import alert_not_before
from tracker.people.topics import Follower, topic_followers, topic_matches
from tracker.vocab.events import NewBillOnTopic


@dataclass(frozen=True, slots=True, kw_only=True)
class TopicNews:
    """What ``alert_topic_followers`` did."""

    bills: int = 0  # new bills that matched a topic (now tracked)
    events: int = 0
    alerts: int = 0


def alert_topic_followers(
    session: Session, bill_ids: Collection[int], *, now: datetime
) -> TopicNews:
    """Tell topic followers about the new bills among ``bill_ids`` that match their topics.

    The bills' search documents must already be written (in this transaction).
    """
    followers = topic_followers(session, active_only=True) if bill_ids else []
    current = _in_session(session, bill_ids, now=now) if followers else []
    if not current:
        return TopicNews()
    matches = _matches(session, followers, current)
    if not matches:
        return TopicNews()
    bills = session.scalars(select(Bill).where(Bill.id.in_(matches)).order_by(Bill.key))
    events = alerts = count = 0
    for bill in bills:
        new_events, new_alerts = _tell(session, bill, matches[bill.id], now=now)
        events, alerts, count = events + new_events, alerts + new_alerts, count + 1
    return TopicNews(bills=count, events=events, alerts=alerts)


def _in_session(session: Session, bill_ids: Collection[int], *, now: datetime) -> list[int]:
    """The bills among ``bill_ids`` whose Congress has not ended (state bills: all)."""
    query = select(Bill.id, Bill.jurisdiction, Bill.session).where(Bill.id.in_(list(bill_ids)))
    return [
        bill_id
        for bill_id, jurisdiction, session_ in session.execute(query)
        if not (
            jurisdiction == "us"
            and session_.isdigit()
            and congress_ended(int(session_), now.date())
        )
    ]


def _matches(
    session: Session, followers: list[Follower], bill_ids: Collection[int]
) -> dict[int, list[Follower]]:
    """bill id -> the followers whose topic it matches (one index query per distinct topic)."""
    by_topic: dict[str, list[Follower]] = defaultdict(list)
    for follower in followers:
        by_topic[(follower[0].topic or "").casefold()].append(follower)
    matches: dict[int, list[Follower]] = defaultdict(list)
    for group in by_topic.values():
        for bill_id in topic_matches(session, group[0][0].topic or "", among=bill_ids):
            matches[bill_id].extend(group)
    return matches


def _tell(
    session: Session, bill: Bill, followers: list[Follower], *, now: datetime
) -> tuple[int, int]:
    """Track ``bill``, record its topic events, subscribe and alert its followers."""
    if not bill.tracked:
        bill.tracked, bill.tracked_at, bill.next_check_at, bill.updated_at = True, now, now, now
    stored = _topic_events(session, bill, followers, now=now)
    alerts, seen = 0, set()
    for sub, advocate in followers:
        if advocate.id in seen:  # one alert per advocate and bill, whatever the topics
            continue
        seen.add(advocate.id)
        bill_sub = _follow_bill(session, sub, advocate, bill, now=now)
        event = stored[(sub.topic or "").casefold()]
        if sub.alerts != "none" and _queue(session, bill, sub, advocate, bill_sub, event, now=now):
            alerts += 1
    return len(stored), alerts


def _topic_events(
    session: Session, bill: Bill, followers: list[Follower], *, now: datetime
) -> dict[str, StoredEvent]:
    """One event per distinct topic (first spelling wins), new or already stored."""
    events = {
        (sub.topic or "").casefold(): NewBillOnTopic(
            bill_key=bill.key,
            occurred_on=bill.introduced_on,
            topic=sub.topic or "",
            title=bill.title,
        )
        for sub, _ in reversed(followers)
    }
    inserted = {
        s.event.dedupe_key: s for s in insert_events(session, bill, list(events.values()), now=now)
    }
    stored = {}
    for topic, event in events.items():
        item = inserted.get(event.dedupe_key)
        if item is None:  # already recorded: one event per bill and topic, ever
            query = select(EventRow.id).where(EventRow.dedupe_key == event.dedupe_key)
            item = StoredEvent(id=session.execute(query).scalar_one(), event=event)
        stored[topic] = item
    return stored


def _follow_bill(
    session: Session, topic_sub: Subscription, advocate: Advocate, bill: Bill, *, now: datetime
) -> Subscription:
    existing = advocate_rows.get_bill_subscription(session, advocate.id, bill.id)
    if existing is not None:
        return existing
    # "watch": nobody has said where they stand on this bill yet.
    sub = Subscription(
        advocate_id=advocate.id,
        bill_id=bill.id,
        stance="watch",
        alerts=topic_sub.alerts,
        digest=topic_sub.digest,
        created_at=now,
    )
    session.add(sub)
    session.flush()
    return sub


def _queue(
    session: Session,
    bill: Bill,
    topic_sub: Subscription,
    advocate: Advocate,
    bill_sub: Subscription,
    event: StoredEvent,
    *,
    now: datetime,
) -> bool:
    not_before = alert_not_before(advocate, now)
    values: dict[str, Any] = {
        "dedupe_key": f"topic:{advocate.id}:{bill.key}",
        "advocate_id": advocate.id,
        "kind": "alert",
        "event_id": event.id,
        "subscription_id": bill_sub.id,
        "reason": (
            f"You follow the topic \u201c{topic_sub.topic}\u201d with instant alerts, and "
            f"{bill.key} is a bill the tracker had not seen before that matches it."
        ),
        "status": "pending",
        "attempts": 0,
        "not_before": not_before,
        "next_attempt_at": not_before or now,
        "created_at": now,
    }
    insert_fn = (
        postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    )
    stmt = (
        insert_fn(Notification)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    return bool(session.execute(stmt.returning(Notification.id)).scalar_one_or_none())
