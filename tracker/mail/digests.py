"""Daily and weekly digests: gather what changed, render one email, put it in the outbox.

When is a digest due? At ``advocate.digest_hour`` local time (in
``advocate.timezone``): every day for ``daily``, every **Monday** for
``weekly``. An advocate is due when that moment has come since their last
digest of that cadence (``last_daily_digest_at`` / ``last_weekly_digest_at``;
before the first one, since the advocate was created). A daemon that was down
at 8:00 sends the digest when it comes back; one digest per moment.

What goes in? Every event on the bills the advocate follows with that
cadence, detected since the last digest (a first digest: since the
subscription was created), that is not already in a digest of that cadence:
``digest_items`` is unique per (advocate, event, cadence), so no event is in
two digests. The window reaches ``LOOKBACK`` before the last digest, so an
event written by a check that committed just after the previous digest read
the table is not lost (``digest_items`` drops the ones already sent).
Nothing new: no email, but the last digest time still moves on.

How does it scale? Advocates are read in id-ordered batches; each batch costs
the same handful of set-based queries (subscriptions, events, existing digest
items, bills, actions) and three bulk writes (outbox rows, digest items,
advocates), however many advocates follow a bill. Each bill's part of the
email is rendered once per set of new events and each call-to-action once per
(district, bill, stance); only the short outer template runs per advocate.

Planning (reads and rendering) is ``tracker.mail.digest_plan``; this module owns
the schedule and the writes.

Concurrency: each batch is one transaction. Two runs racing for the same
advocate produce the same outbox dedupe key ``digest:{cadence}:{advocate}:
{local date}``; the insert is ``ON CONFLICT DO NOTHING`` and the loser writes
nothing for that advocate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, exists, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from db.models import Advocate, DigestItem, Notification, Subscription
from tracker.core.clock import Clock
from tracker.core.errors import InvalidInput
from tracker.core.settings import Settings
from tracker.mail.calls import ContactFinder, ScriptWriter
from tracker.mail.digest_plan import (
    LOOKBACK,
    WEEKLY_DAY,
    DigestBuilder,
    DueAdvocate,
    PlannedDigest,
    due_moment,
)
from tracker.mail.render import RenderedEmail
from tracker.mail.tokens import require_secret_key
from tracker.people.quiet_hours import advocate_zone

CADENCES = ("daily", "weekly")
BATCH_SIZE = 1000
_LAST_COLUMN = {"daily": "last_daily_digest_at", "weekly": "last_weekly_digest_at"}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Core tables for the bulk writes (no ORM unit-of-work per row).
_OUTBOX = cast(Table, Notification.__table__)
_DIGEST_ITEMS = cast(Table, DigestItem.__table__)
_ADVOCATES = cast(Table, Advocate.__table__)


@dataclass(slots=True, kw_only=True)
class DigestReport:
    due: int = 0  # advocates whose digest time had come
    queued: int = 0  # digest emails put in the outbox
    empty: int = 0  # due but nothing new: no email
    events: int = 0  # digest items written
    skipped: int = 0  # another run queued the same digest first

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def queue_due_digests(
    sessions: sessionmaker[Session],
    *,
    clock: Clock,
    settings: Settings,
    batch_size: int = BATCH_SIZE,
    finder: ContactFinder | None = None,
    script: ScriptWriter | None = None,
) -> DigestReport:
    """Queue every digest that is due now; one transaction per batch of advocates."""
    secret_key = require_secret_key(settings)
    now = clock()
    report = DigestReport()
    for cadence in CADENCES:
        builder = DigestBuilder(
            cadence=cadence,
            now=now,
            settings=settings,
            secret_key=secret_key,
            finder=finder,
            script=script,
        )
        after = 0
        while True:
            with sessions.begin() as session:
                batch = _advocate_batch(session, cadence, after=after, size=batch_size)
                if not batch:
                    break
                after = batch[-1].id
                due = [d for a in batch if (d := _if_due(a, cadence, now)) is not None]
                if due:
                    planned, empty = builder.plan(session, due)
                    write_digests(session, planned, empty, cadence=cadence, now=now, report=report)
                report.due += len(due)
    return report


#: Signs a preview's unsubscribe links when TRACKER_SECRET_KEY is not set: they do not work.
UNSIGNED_PREVIEW_KEY = "unsigned-preview: these links do not work"


def preview_digest(
    session: Session,
    email: str,
    *,
    cadence: str,
    now: datetime,
    settings: Settings,
    finder: ContactFinder | None = None,
    script: ScriptWriter | None = None,
) -> RenderedEmail | None:
    """The digest ``email`` would get if it were due now (None: nothing new). Writes nothing."""
    if cadence not in CADENCES:
        raise InvalidInput(f"unknown cadence {cadence!r}: use daily or weekly")
    rows = _advocate_rows(session, cadence, Advocate.email == email.strip(), limit=1)
    if not rows:
        raise InvalidInput(f"no advocate with the email {email!r}")
    builder = DigestBuilder(
        cadence=cadence,
        now=now,
        settings=settings,
        # A preview sends nothing: without the real key its links are signed with a
        # placeholder that no tracker accepts (the CLI says so).
        secret_key=settings.secret_key or UNSIGNED_PREVIEW_KEY,
        finder=finder,
        script=script,
    )
    planned, _ = builder.plan(session, rows)
    return planned[0].email if planned else None


# --- reading advocates ------------------------------------------------------------------


def _advocate_batch(session: Session, cadence: str, *, after: int, size: int) -> list[DueAdvocate]:
    """The next ``size`` subscribed advocates (by id) who follow a bill with this cadence."""
    follows = exists().where(
        Subscription.advocate_id == Advocate.id,
        Subscription.digest == cadence,
        Subscription.bill_id.is_not(None),
    )
    return _advocate_rows(
        session,
        cadence,
        Advocate.id > after,
        Advocate.unsubscribed_at.is_(None),
        follows,
        limit=size,
    )


def _advocate_rows(session: Session, cadence: str, *where: Any, limit: int) -> list[DueAdvocate]:
    last = getattr(Advocate, _LAST_COLUMN[cadence])
    rows = session.execute(
        select(
            Advocate.id,
            Advocate.email,
            Advocate.name,
            Advocate.state,
            Advocate.district,
            Advocate.timezone,
            Advocate.digest_hour,
            Advocate.created_at,
            last,
            Advocate.uk_constituency,
            Advocate.state_senate_district,
            Advocate.state_house_district,
        )
        .where(*where)
        .order_by(Advocate.id)
        .limit(limit)
    )
    return [
        DueAdvocate(
            id=r[0],
            email=r[1],
            name=r[2],
            state=r[3],
            district=r[4],
            timezone=r[5],
            digest_hour=r[6],
            created_at=r[7],
            last_digest_at=r[8],
            uk_constituency=r[9],
            state_districts=(r[10], r[11]),
        )
        for r in rows
    ]


def _if_due(adv: DueAdvocate, cadence: str, now: datetime) -> DueAdvocate | None:
    """``adv`` with the local date of its due digest moment, or None when not due."""
    moment = due_moment(now, cadence=cadence, timezone=adv.timezone, hour=adv.digest_hour)
    if (adv.last_digest_at or adv.created_at or _EPOCH) >= moment:
        return None
    return replace(adv, due_day=moment.astimezone(advocate_zone(adv.timezone)).date())


# --- writing (bulk) ---------------------------------------------------------------------


def write_digests(
    session: Session,
    planned: Sequence[PlannedDigest],
    empty: Sequence[int],
    *,
    cadence: str,
    now: datetime,
    report: DigestReport,
) -> None:
    """Queue ``planned`` and move the last digest time on for them and for ``empty``.

    A digest whose dedupe key is already in the outbox (another run was first)
    writes nothing: no items, and its advocate's last digest time is left alone.
    """
    inserted = _insert_notifications(session, planned, now=now)
    items = [
        (p.advocate_id, e, cadence, nid)
        for p in planned
        if (nid := inserted.get(p.dedupe_key)) is not None
        for e in p.event_ids
    ]
    _insert_digest_items(session, items)
    done = [p.advocate_id for p in planned if p.dedupe_key in inserted] + list(empty)
    if done:
        session.execute(
            update(_ADVOCATES).where(_ADVOCATES.c.id.in_(done)).values({_LAST_COLUMN[cadence]: now})
        )
    report.queued += len(inserted)
    report.skipped += len(planned) - len(inserted)
    report.empty += len(empty)
    report.events += len(items)


def _insert_digest_items(session: Session, items: list[tuple[int, int, str, int]]) -> None:
    """One executemany straight to the driver: a digest run writes an item per event per
    advocate (1.25 million for 50,000 advocates), and SQLAlchemy's per-row parameter
    processing cost more than the insert itself. The values are plain ints and text."""
    if not items:
        return
    mark = "?" if session.get_bind().dialect.paramstyle == "qmark" else "%s"
    sql = (
        f"INSERT INTO {_DIGEST_ITEMS.name} (advocate_id, event_id, cadence, notification_id) "
        f"VALUES ({mark}, {mark}, {mark}, {mark})"
    )
    session.connection().exec_driver_sql(sql, items)


def _insert_notifications(
    session: Session, planned: Sequence[PlannedDigest], *, now: datetime
) -> dict[str, int]:
    """Insert the digests' outbox rows; dedupe key -> id of those actually inserted."""
    if not planned:
        return {}
    table = _OUTBOX
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = (
        insert(table)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(table.c.id, table.c.dedupe_key)
    )
    rows = [
        {
            "dedupe_key": p.dedupe_key,
            "advocate_id": p.advocate_id,
            "kind": "digest",
            "event_id": None,
            "subscription_id": None,
            "reason": p.reason,
            "subject": p.email.subject,
            "body_text": p.email.text,
            "body_html": p.email.html,
            "message_id": p.message_id,
            "status": "pending",
            "attempts": 0,
            "not_before": None,
            "next_attempt_at": now,
            "created_at": now,
        }
        for p in planned
    ]
    result = session.execute(stmt, rows)
    return {key: nid for nid, key in result}


__all__ = [
    "CADENCES",
    "LOOKBACK",
    "WEEKLY_DAY",
    "DigestBuilder",
    "DigestReport",
    "due_moment",
    "preview_digest",
    "queue_due_digests",
    "write_digests",
]
