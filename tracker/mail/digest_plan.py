"""Planning digests: what is new for each advocate, rendered, for a batch at a time.

``DigestBuilder.plan`` reads, for a batch of due advocates, their
subscriptions, the new events on those bills, the events already in a digest
of this cadence and the bills: one query each, however many advocates follow
a bill. It renders each digest from parts it keeps for the whole run (a bill's
part per set of new events, whom-to-call per district, bill and stance) and
writes nothing; ``tracker.mail.digests`` does the writing and owns the schedule.

A digest reads in thirty seconds: per bill, where it stands now, at most
``MOVES_PER_BILL`` changes that moved it (``tracker.mail.changes``), and the
procedural actions as a count; at most ``BILLS_PER_DIGEST`` bills in full, the
others named in one line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, BillEvent, DigestItem, Subscription
from tracker.core.settings import Settings
from tracker.mail.calls import CallPlanner, ContactFinder, ScriptWriter
from tracker.mail.changes import changes_of
from tracker.mail.compose import (
    BillView,
    EventRecord,
    bill_fragment,
    bill_view,
    reached_before_end,
    unsubscribe_url,
)
from tracker.mail.digest_email import DigestBill, digest_reason, render_digest
from tracker.mail.message import message_id_for, one_line
from tracker.mail.render import Fragment, RenderedEmail
from tracker.people.quiet_hours import advocate_zone, local_moment

WEEKLY_DAY = 0  # Monday (date.weekday())
#: Changes listed per bill in a digest; the others are counted ("and 3 more changes").
MOVES_PER_BILL = 5
#: Bills told in full in one digest; the others are named in one line at the end.
BILLS_PER_DIGEST = 8
#: How far before the last digest new events are looked for (see tracker.mail.digests).
LOOKBACK = timedelta(hours=6)
_PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True, slots=True, kw_only=True)
class DueAdvocate:
    """An advocate as a digest run reads them (plain values, one cadence)."""

    id: int
    email: str
    name: str | None
    state: str | None
    district: int | None
    timezone: str
    digest_hour: int
    created_at: datetime
    last_digest_at: datetime | None
    due_day: date | None = None  # the local date of the digest moment that has come
    uk_constituency: str | None = None  # finds the advocate's MP for UK bills
    # Their state legislative districts: the calls for a state bill name their own.
    state_districts: tuple[str | None, str | None] = (None, None)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Sub:
    bill_id: int
    stance: str
    since: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class PlannedDigest:
    advocate_id: int
    dedupe_key: str
    email: RenderedEmail
    event_ids: tuple[int, ...]
    message_id: str
    reason: str


@dataclass(slots=True)
class _RunCache:
    """What a run renders once and reuses across advocates and batches (plain values)."""

    views: dict[tuple[int, str | None], BillView] = field(default_factory=dict)
    sections: dict[tuple[int, tuple[int, ...]], tuple[BillView, Fragment, bool]] = field(
        default_factory=dict
    )


def due_moment(now: datetime, *, cadence: str, timezone: str, hour: int) -> datetime:
    """The latest scheduled digest moment at or before ``now``, in UTC."""
    zone = advocate_zone(timezone)
    local = now.astimezone(zone)
    day = local.date()
    if cadence == "weekly":
        day -= timedelta(days=(local.weekday() - WEEKLY_DAY) % 7)
    moment = local_moment(day, hour % 24, zone)
    if moment > now:
        moment = local_moment(day - _PERIOD[cadence], hour % 24, zone)
    return moment


class DigestBuilder:
    """Plans digests for batches of advocates of one cadence (reads and renders, no writes)."""

    def __init__(
        self,
        *,
        cadence: str,
        now: datetime,
        settings: Settings,
        secret_key: str,
        finder: ContactFinder | None = None,
        script: ScriptWriter | None = None,
    ) -> None:
        self.cadence, self.now, self.settings, self.secret_key = cadence, now, settings, secret_key
        self._finder, self._script = finder, script
        self._planner: CallPlanner | None = None
        self._cache = _RunCache()

    def plan(
        self, session: Session, advocates: Sequence[DueAdvocate]
    ) -> tuple[list[PlannedDigest], list[int]]:
        """(digests to queue, ids of advocates with nothing new) for ``advocates``."""
        subs = self._subscriptions(session, advocates)
        bill_ids = {s.bill_id for group in subs.values() for s in group}
        since = min((s.since for group in subs.values() for s in group), default=self.now)
        events = self._events(session, bill_ids, since)
        done = self._already_digested(session, advocates, events)
        bills = self._bills(session, bill_ids)
        planned, empty = [], []
        for adv in advocates:
            found = self._new_events(adv, subs.get(adv.id, ()), events, done)
            if not found:
                empty.append(adv.id)
                continue
            planned.append(self._render(session, adv, found, bills))
        return planned, empty

    # --- reads (set-based: one query each per batch) ------------------------------------

    def _subscriptions(
        self, session: Session, advocates: Sequence[DueAdvocate]
    ) -> dict[int, list[_Sub]]:
        by_id = {a.id: a for a in advocates}
        rows = session.execute(
            select(
                Subscription.advocate_id,
                Subscription.bill_id,
                Subscription.stance,
                Subscription.created_at,
            )
            .where(
                Subscription.advocate_id.in_(by_id),
                Subscription.digest == self.cadence,
                Subscription.bill_id.is_not(None),
            )
            .order_by(Subscription.advocate_id, Subscription.bill_id)
        )
        out: dict[int, list[_Sub]] = defaultdict(list)
        for advocate_id, bill_id, stance, created_at in rows:
            last = by_id[advocate_id].last_digest_at
            since = max(created_at, last - LOOKBACK) if last else created_at
            out[advocate_id].append(_Sub(bill_id=bill_id or 0, stance=stance, since=since))
        return out

    def _events(
        self, session: Session, bill_ids: set[int], since: datetime
    ) -> dict[int, list[EventRecord]]:
        if not bill_ids:
            return {}
        rows = session.execute(
            select(
                BillEvent.id,
                BillEvent.bill_id,
                BillEvent.kind,
                BillEvent.significance,
                BillEvent.occurred_on,
                BillEvent.detected_at,
                BillEvent.summary,
                BillEvent.payload,
            )
            .where(
                BillEvent.bill_id.in_(bill_ids),
                BillEvent.detected_at > since,
                BillEvent.detected_at <= self.now,
            )
            .order_by(BillEvent.bill_id, BillEvent.detected_at, BillEvent.id)
        )
        out: dict[int, list[EventRecord]] = defaultdict(list)
        for r in rows:
            event = EventRecord(
                id=r[0],
                bill_id=r[1],
                kind=r[2],
                significance=r[3],
                occurred_on=r[4],
                detected_at=r[5],
                summary=r[6],
                payload=r[7],
            )
            out[event.bill_id].append(event)
        for group in out.values():  # in the order things happened; announced ones last
            group.sort(key=lambda e: (e.occurred_on or date.max, e.detected_at, e.id))
        return out

    def _already_digested(
        self,
        session: Session,
        advocates: Sequence[DueAdvocate],
        events: dict[int, list[EventRecord]],
    ) -> set[tuple[int, int]]:
        event_ids = {e.id for group in events.values() for e in group}
        if not event_ids:
            return set()
        rows = session.execute(
            select(DigestItem.advocate_id, DigestItem.event_id).where(
                DigestItem.cadence == self.cadence,
                DigestItem.advocate_id.in_([a.id for a in advocates]),
                DigestItem.event_id.in_(event_ids),
            )
        )
        return set(rows)

    def _bills(self, session: Session, bill_ids: set[int]) -> dict[int, Bill]:
        if not bill_ids:
            return {}
        return {b.id: b for b in session.scalars(select(Bill).where(Bill.id.in_(bill_ids)))}

    # --- per advocate (no queries) ------------------------------------------------------

    @staticmethod
    def _new_events(
        adv: DueAdvocate,
        subs: Sequence[_Sub],
        events: dict[int, list[EventRecord]],
        done: set[tuple[int, int]],
    ) -> list[tuple[_Sub, list[EventRecord]]]:
        found = []
        for sub in subs:
            new = [
                e
                for e in events.get(sub.bill_id, ())
                if e.detected_at > sub.since and (adv.id, e.id) not in done
            ]
            if new:
                found.append((sub, new))
        return found

    def _render(
        self,
        session: Session,
        adv: DueAdvocate,
        found: list[tuple[_Sub, list[EventRecord]]],
        bills: dict[int, Bill],
    ) -> PlannedDigest:
        sections = [self._section(events, bills[sub.bill_id]) for sub, events in found]
        # Bills with a major change first, then by citation; the first one's call to
        # action carries a script (one per digest keeps a several-bill email short).
        order = sorted(
            range(len(found)), key=lambda i: (not sections[i][2], sections[i][0].citation)
        )
        shown, left_out = order[:BILLS_PER_DIGEST], order[BILLS_PER_DIGEST:]
        parts = [
            self._bill_part(
                session, adv, found[i][0], bills[found[i][0].bill_id], sections[i], n == 0
            )
            for n, i in enumerate(shown)
        ]
        others = [sections[i][0].citation for i in left_out]
        reason = digest_reason(self.cadence, [p.citation for p in parts] + others)
        local_day = adv.due_day or self._local_day(adv)
        dedupe_key = f"digest:{self.cadence}:{adv.id}:{local_day.isoformat()}"
        email = render_digest(
            cadence=self.cadence,
            greeting_name=one_line(adv.name, 100),
            bills=parts,
            others=others,
            since=self._since_day(adv),
            reason=reason,
            public_url=self.settings.public_url,
            unsubscribe_url=unsubscribe_url(self.settings.public_url, self.secret_key, adv.id),
        )
        return PlannedDigest(
            advocate_id=adv.id,
            dedupe_key=dedupe_key,
            email=email,
            event_ids=tuple(e.id for _, events in found for e in events),
            message_id=message_id_for(dedupe_key, self.settings.mail_from),
            reason=reason,
        )

    def _section(self, events: list[EventRecord], bill: Bill) -> tuple[BillView, Fragment, bool]:
        """(view, rendered part, has a major change) of a bill, once per set of new events.

        Where the bill stands now, then the few changes that moved it (at most
        ``MOVES_PER_BILL``, each fact once, the weightiest first), then the count of
        procedural actions, folded behind a link to the bill's page.
        """
        key = (bill.id, tuple(e.id for e in events))
        part = self._cache.sections.get(key)
        if part is None:
            view = self._view(bill, reached_before_end(events))
            changes = changes_of(events, bill, limit=MOVES_PER_BILL, fold=True)
            major = any(e.significance == "major" for e in events)
            part = self._cache.sections[key] = (view, bill_fragment(view, changes), major)
        return part

    def _bill_part(
        self,
        session: Session,
        adv: DueAdvocate,
        sub: _Sub,
        bill: Bill,
        section: tuple[BillView, Fragment, bool],
        with_script: bool,
    ) -> DigestBill:
        view, fragment, _ = section
        calls = self._calls(session).fragment(
            state=adv.state,
            district=adv.district,
            bill=bill,
            view=view,
            stance=sub.stance,
            with_script=with_script,
            constituency=adv.uk_constituency,
            state_districts=adv.state_districts,
        )
        return DigestBill(citation=view.citation, section=fragment, calls=calls)

    def _view(self, bill: Bill, reached: str | None) -> BillView:
        # No "latest actions" in a digest: the changes say what moved, the rest is folded.
        key = (bill.id, reached)
        view = self._cache.views.get(key)
        if view is None:
            view = bill_view(bill, (), public_url=self.settings.public_url, reached=reached)
            self._cache.views[key] = view
        return view

    def _calls(self, session: Session) -> CallPlanner:
        if self._planner is None:
            self._planner = CallPlanner(
                session, finder=self._finder, script=self._script, brief=True
            )
        self._planner.bind(session)
        return self._planner

    def _local_day(self, adv: DueAdvocate) -> date:
        moment = due_moment(
            self.now, cadence=self.cadence, timezone=adv.timezone, hour=adv.digest_hour
        )
        return moment.astimezone(advocate_zone(adv.timezone)).date()

    def _since_day(self, adv: DueAdvocate) -> date | None:
        if adv.last_digest_at is None:
            return None
        return adv.last_digest_at.astimezone(advocate_zone(adv.timezone)).date()
