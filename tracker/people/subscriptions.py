"""Subscriptions: an advocate following a bill (with a stance) or a topic.

Following a bill that is not tracked starts tracking it, since a
subscription to a bill nobody checks would never alert. Topic subscriptions
are stored and listed only; matching bills to topics comes later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from db import advocates as advocate_rows
from db import bills as bill_rows
from db.models import Advocate, Subscription
from tracker.core.errors import InvalidInput
from tracker.core.references import ResolvedRef

MAX_TOPIC_LENGTH = 200  # the column's size


class Stance(StrEnum):
    """Where the advocate stands; it decides what their call script asks for."""

    SUPPORT = "support"
    OPPOSE = "oppose"
    WATCH = "watch"


class AlertLevel(StrEnum):
    """Which changes send an email at once: all of them, major ones, or none."""

    ALL = "all"
    MAJOR = "major"
    NONE = "none"


class DigestCadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    NONE = "none"


@dataclass(frozen=True, slots=True, kw_only=True)
class SubscriptionOptions:
    """Options as given; ``None`` keeps the stored value (or the default for a new one)."""

    stance: Stance | None = None
    alerts: AlertLevel | None = None
    digest: DigestCadence | None = None


DEFAULT_OPTIONS = SubscriptionOptions(
    stance=Stance.SUPPORT, alerts=AlertLevel.MAJOR, digest=DigestCadence.WEEKLY
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscribed:
    subscription: Subscription
    created: bool  # False: an existing subscription was updated
    started_tracking: bool  # the bill was not tracked before


def subscribe_to_bill(
    session: Session,
    advocate: Advocate,
    resolved: ResolvedRef,
    options: SubscriptionOptions,
    *,
    now: datetime,
) -> Subscribed:
    ref = resolved.ref
    bill, started = bill_rows.track_bill(
        session,
        key=ref.key,
        jurisdiction=ref.jurisdiction,
        bill_session=ref.session,
        bill_type=ref.bill_type,
        number=ref.number,
        source=resolved.source,
        now=now,
    )
    existing = advocate_rows.get_bill_subscription(session, advocate.id, bill.id)
    subscription, created = _upsert(
        session, existing, options, advocate_id=advocate.id, bill_id=bill.id, now=now
    )
    return Subscribed(subscription=subscription, created=created, started_tracking=started)


@dataclass(frozen=True, slots=True, kw_only=True)
class Moved:
    old: Subscription  # deleted
    new: Subscribed


def move_subscription(
    session: Session,
    advocate: Advocate,
    old_key: str,
    successor: ResolvedRef,
    options: SubscriptionOptions,
    *,
    now: datetime,
) -> Moved:
    """Move the advocate's subscription to ``old_key`` (stance, alerts, digest) onto
    ``successor``; ``options`` given override. Only ever on the advocate's request."""
    bill = bill_rows.get_bill(session, old_key)
    old = bill and advocate_rows.get_bill_subscription(session, advocate.id, bill.id)
    if not old:
        raise InvalidInput(f"{advocate.email} does not follow {old_key}")
    kept = SubscriptionOptions(
        stance=options.stance or Stance(old.stance),
        alerts=options.alerts or AlertLevel(old.alerts),
        digest=options.digest or DigestCadence(old.digest),
    )
    new = subscribe_to_bill(session, advocate, successor, kept, now=now)
    advocate_rows.delete_subscription(session, old)
    return Moved(old=old, new=new)


def subscribe_to_topic(
    session: Session, advocate: Advocate, topic: str, options: SubscriptionOptions, *, now: datetime
) -> Subscribed:
    topic = normalise_topic(topic)
    existing = _topic_subscription(session, advocate, topic)
    subscription, created = _upsert(
        session, existing, options, advocate_id=advocate.id, topic=topic, now=now
    )
    return Subscribed(subscription=subscription, created=created, started_tracking=False)


def unsubscribe_from_bill(session: Session, advocate: Advocate, bill_key: str) -> None:
    """Stop following a bill; the bill stays tracked (the operator decides that)."""
    bill = bill_rows.get_bill(session, bill_key)
    subscription = bill and advocate_rows.get_bill_subscription(session, advocate.id, bill.id)
    if not subscription:
        raise InvalidInput(f"{advocate.email} does not follow {bill_key}")
    advocate_rows.delete_subscription(session, subscription)


def unsubscribe_from_topic(session: Session, advocate: Advocate, topic: str) -> None:
    subscription = _topic_subscription(session, advocate, normalise_topic(topic))
    if subscription is None:
        raise InvalidInput(f"{advocate.email} does not follow the topic {topic!r}")
    advocate_rows.delete_subscription(session, subscription)


def normalise_topic(text: str) -> str:
    topic = " ".join(text.split())
    if not topic:
        raise InvalidInput("the topic is empty")
    if len(topic) > MAX_TOPIC_LENGTH:
        raise InvalidInput(f"the topic is longer than {MAX_TOPIC_LENGTH} characters")
    return topic


def _topic_subscription(session: Session, advocate: Advocate, topic: str) -> Subscription | None:
    # "Title IX" and "title ix" are one topic; the first spelling given is kept.
    wanted = topic.casefold()
    return next(
        (
            s
            for s in advocate_rows.topic_subscriptions(session, advocate.id)
            if (s.topic or "").casefold() == wanted
        ),
        None,
    )


def _upsert(
    session: Session,
    existing: Subscription | None,
    options: SubscriptionOptions,
    *,
    advocate_id: int,
    now: datetime,
    bill_id: int | None = None,
    topic: str | None = None,
) -> tuple[Subscription, bool]:
    subscription = existing or Subscription(
        advocate_id=advocate_id, bill_id=bill_id, topic=topic, created_at=now
    )
    fallback = DEFAULT_OPTIONS if existing is None else SubscriptionOptions()
    for field in ("stance", "alerts", "digest"):
        value = getattr(options, field) or getattr(fallback, field)
        if value is not None:
            setattr(subscription, field, str(value))
    if existing is None:
        session.add(subscription)
    session.flush()
    return subscription, existing is None
