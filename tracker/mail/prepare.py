"""Getting claimed outbox rows ready to send: render what has no body, fix the Message-ID.

Runs in one short transaction after the claim. Rows are loaded with their
advocates, events, subscriptions, bills and latest actions in a handful of
set-based queries (never one query per row). What is rendered is stored on
the row (subject, both bodies, Message-ID) before anything is sent, so a
retry, or another daemon taking over an expired lease, sends the same bytes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from db.base import Base
from db.models import Advocate, AlertEvent, Bill, BillEvent, Notification, Subscription
from tracker.core.settings import Settings
from tracker.mail.alert_email import render_alert
from tracker.mail.calls import CallPlanner, ContactFinder, ScriptWriter
from tracker.mail.compose import (
    ActionView,
    latest_actions,
    unsubscribe_mailto,
)
from tracker.mail.compose import unsubscribe_url as make_unsubscribe_url
from tracker.mail.message import Outgoing, message_id_for

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=Base)


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedMail:
    id: int
    attempts: int
    created_at: datetime
    outgoing: Outgoing


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedBatch:
    mails: tuple[PreparedMail, ...]
    failed: int  # could not be rendered: marked failed
    cancelled: int  # the advocate unsubscribed since the row was written


@dataclass(frozen=True, slots=True, kw_only=True)
class _Related:
    advocates: dict[int, Advocate]
    events: dict[int, BillEvent]
    groups: dict[int, list[int]]  # outbox id -> the ids of the events the alert tells
    subscriptions: dict[int, Subscription]
    bills: dict[int, Bill]
    actions: dict[int, tuple[ActionView, ...]]


def prepare_claimed(
    session: Session,
    ids: Sequence[int],
    *,
    owner: str,
    settings: Settings,
    secret_key: str,
    finder: ContactFinder | None = None,
    script: ScriptWriter | None = None,
) -> PreparedBatch:
    rows = list(
        session.scalars(
            select(Notification)
            .where(
                Notification.id.in_(ids),
                Notification.claimed_by == owner,
                Notification.status == "pending",
            )
            .order_by(Notification.id)
        )
    )
    related = _load_related(session, rows)
    planner: CallPlanner | None = None
    prepared, failed, cancelled = [], 0, 0
    for row in rows:
        advocate = related.advocates[row.advocate_id]
        if advocate.unsubscribed_at is not None:
            _cancel(row)
            cancelled += 1
            continue
        if row.subject is None:
            planner = planner or CallPlanner(session, finder=finder, script=script)
            if not _render_into(session, row, advocate, related, planner, settings, secret_key):
                failed += 1
                continue
        row.message_id = row.message_id or message_id_for(row.dedupe_key, settings.mail_from)
        prepared.append(_prepared(row, advocate, settings, secret_key))
    return PreparedBatch(mails=tuple(prepared), failed=failed, cancelled=cancelled)


def _load_related(session: Session, rows: Sequence[Notification]) -> _Related:
    to_render = [r for r in rows if r.subject is None]
    groups = _alert_groups(session, to_render)
    events = _by_id(session, BillEvent, BillEvent.id, (i for ids in groups.values() for i in ids))
    bills = _by_id(session, Bill, Bill.id, (e.bill_id for e in events.values()))
    return _Related(
        advocates=_by_id(session, Advocate, Advocate.id, (r.advocate_id for r in rows)),
        events=events,
        groups=groups,
        subscriptions=_by_id(
            session, Subscription, Subscription.id, (r.subscription_id for r in to_render)
        ),
        bills=bills,
        actions=latest_actions(session, bills),
    )


def _alert_groups(session: Session, rows: Sequence[Notification]) -> dict[int, list[int]]:
    """Each row's events: its ``alert_events``, else its one ``event_id`` (older rows)."""
    ids = [r.id for r in rows]
    groups: dict[int, list[int]] = {}
    if ids:
        linked = session.execute(
            select(AlertEvent.notification_id, AlertEvent.event_id)
            .where(AlertEvent.notification_id.in_(ids))
            .order_by(AlertEvent.notification_id, AlertEvent.event_id)
        )
        for notification_id, event_id in linked:
            groups.setdefault(notification_id, []).append(event_id)
    for r in rows:
        if r.id not in groups and r.event_id is not None:
            groups[r.id] = [r.event_id]
    return groups


def _by_id(
    session: Session, model: type[M], column: InstrumentedAttribute[int], ids: Iterable[int | None]
) -> dict[int, M]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(select(model, column).where(column.in_(wanted)))
    return {key: obj for obj, key in rows}


def _render_into(
    session: Session,
    row: Notification,
    advocate: Advocate,
    related: _Related,
    planner: CallPlanner,
    settings: Settings,
    secret_key: str,
) -> bool:
    """Render an alert and store it on the row; False (row failed) when it cannot be."""
    events = [related.events[i] for i in related.groups.get(row.id, ()) if i in related.events]
    if row.kind != "alert" or not events:
        _fail(row, f"nothing to send: a {row.kind} row without a stored body or event")
        return False
    bill = related.bills[events[0].bill_id]
    try:
        # A savepoint, so a failing query inside one rendering cannot spoil the batch.
        with session.begin_nested():
            email = render_alert(
                advocate=advocate,
                events=events,
                bill=bill,
                subscription=related.subscriptions.get(row.subscription_id or -1),
                reason=row.reason,
                actions=related.actions.get(bill.id, ()),
                calls=planner,
                public_url=settings.public_url,
                secret_key=secret_key,
            )
    except Exception as exc:  # per-row isolation: one broken row must not block the outbox
        logger.exception("cannot render outbox row %s", row.id)
        _fail(row, f"cannot render: {exc.__class__.__name__}: {exc}")
        return False
    row.subject, row.body_text, row.body_html = email.subject, email.text, email.html
    return True


def _prepared(
    row: Notification, advocate: Advocate, settings: Settings, secret_key: str
) -> PreparedMail:
    assert row.subject is not None and row.message_id is not None  # set just before
    outgoing = Outgoing(
        to_email=advocate.email,
        to_name=advocate.name,
        subject=row.subject,
        text=row.body_text or "",
        html=row.body_html or "",
        message_id=row.message_id,
        created_at=row.created_at,
        unsubscribe_url=make_unsubscribe_url(settings.public_url, secret_key, advocate.id),
        unsubscribe_mailto=unsubscribe_mailto(settings.unsubscribe_email, secret_key, advocate.id),
    )
    return PreparedMail(
        id=row.id, attempts=row.attempts, created_at=row.created_at, outgoing=outgoing
    )


def _cancel(row: Notification) -> None:
    row.status, row.claimed_by, row.claimed_until = "cancelled", None, None


def _fail(row: Notification, error: str) -> None:
    row.status, row.last_error, row.claimed_by, row.claimed_until = "failed", error, None, None
