"""Polling the House and Senate schedules: what is coming for the tracked bills.

One poll (``poll_schedules``; the daemon's schedule tick, ``tracker schedules poll``):

1. work out what to read from the tracked federal bills: the docs.house.gov feed
   of each House committee they were referred to (one feed per committee, which
   covers its subcommittees), the House floor weeks (this one and the next) when
   a tracked bill can reach the House floor, and the Senate's one hearings feed
   when one can reach a Senate committee. The number of documents depends on
   committees and weeks, never on the number of bills;
2. fetch each document conditionally with its stored validators (304, or the
   same content hash, ends the work for it); from a committee feed, fetch the
   XML of each meeting not yet past, also conditionally;
3. store and diff (``schedule_store``), one transaction per document, then link
   the future meetings to the tracked bills and raise their events and alerts.

A failing document is logged and counted; the others go on.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select, true
from sqlalchemy.orm import Session, sessionmaker

from db.models import Bill, CommitteeReferral, ScheduleDocument
from scrapers.errors import NotFound, SourceError
from scrapers.http import PoliteClient
from scrapers.meetings import CAPITOL_ZONE, Meeting
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.house_docs import HouseDocs
from scrapers.sources.senate_hearings import SenateHearings
from tracker.checking.check import FetchRecorder, write_fetch_log
from tracker.checking.schedule_match import tracked_bills
from tracker.checking.schedule_store import StoreReport, drop_missing, link_tracked, upsert_meetings
from tracker.core.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleSources:
    house: HouseDocs
    senate: SenateHearings


def make_schedule_sources(settings: Settings, client: PoliteClient) -> ScheduleSources:
    return ScheduleSources(
        house=HouseDocs(client, base_url=settings.house_docs_base_url),
        senate=SenateHearings(client, base_url=settings.senate_hearings_base_url),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Targets:
    """What one poll reads, decided from the tracked bills."""

    house_committees: tuple[str, ...]  # docs.house.gov codes: "II00"
    house_floor: bool
    senate: bool


@dataclass(slots=True, kw_only=True)
class SchedulePollReport:
    requests: int = 0  # HTTP attempts, retries included
    documents: int = 0  # documents asked for
    unchanged: int = 0  # 304 or the same content as last time
    store: StoreReport = field(default_factory=StoreReport)
    failures: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def poll_schedules(
    sessions: sessionmaker[Session],
    sources: ScheduleSources,
    *,
    now: datetime,
    recorder: FetchRecorder,
) -> SchedulePollReport:
    report = SchedulePollReport()
    with sessions.begin() as session:
        targets = find_targets(session)
    today = now.astimezone(CAPITOL_ZONE).date()
    poll = _Poll(sessions=sessions, sources=sources, now=now, report=report, recorder=recorder)
    for code in targets.house_committees:
        poll.committee(code, since=today)
    if targets.house_floor:
        monday = today - timedelta(days=today.weekday())
        for week in (monday, monday + timedelta(days=7)):
            poll.document(sources.house.floor_week_url(week), prefix=f"floor:{week:%Y%m%d}:")
    if targets.senate:
        poll.document(sources.senate.feed_url, prefix="senate:")
    with sessions.begin() as session:
        link_tracked(session, tracked_bills(session), now=now, report=report.store)
        report.requests += write_fetch_log(
            session, recorder.drain(), bill_id=None, source="schedules"
        )
    return report


def find_targets(session: Session) -> Targets:
    """Committees and chambers that have tracked federal bills in a Congress still sitting."""
    live = (Bill.tracked == true(), Bill.jurisdiction == "us", Bill.session_ended.is_not(True))
    types = set(session.scalars(select(Bill.bill_type).where(*live).distinct()))
    referrals = session.execute(
        select(CommitteeReferral.committee_code, CommitteeReferral.chamber)
        .join(Bill, Bill.id == CommitteeReferral.bill_id)
        .where(*live)
        .distinct()
    ).all()
    house = sorted(
        {house_docs_code(code) for code, chamber in referrals if _is_house(code, chamber)}
    )
    return Targets(
        house_committees=tuple(c for c in house if c),
        # Any bill may reach the House floor (a Senate bill once passed) and a Senate
        # committee (a House bill once passed); each is one document a poll, so asking
        # for it whenever a federal bill is tracked costs one request, not one per bill.
        house_floor=bool(types),
        senate=bool(types),
    )


def house_docs_code(code: str) -> str:
    """BILLSTATUS ``hsii10`` -> docs.house.gov ``II00`` (the full committee's feed)."""
    letters = code.strip().upper()
    return f"{letters[2:4]}00" if len(letters) >= 4 and letters.startswith("HS") else ""


def _is_house(code: str, chamber: str | None) -> bool:
    return (chamber or "").lower() == "house" or code.lower().startswith("hs")


@dataclass(slots=True, kw_only=True)
class _Poll:
    sessions: sessionmaker[Session]
    sources: ScheduleSources
    now: datetime
    report: SchedulePollReport
    recorder: FetchRecorder

    def committee(self, code: str, *, since: date) -> None:
        feed = self._fetch(self.sources.house.committee_feed_url(code))
        if feed is None:
            return
        for url in self.sources.house.meeting_urls(feed, since=since):
            self.document(url, prefix=None)

    def document(self, url: str, *, prefix: str | None) -> None:
        fetched = self._fetch(url)
        if fetched is None:
            return
        try:
            meetings: list[Meeting] = (
                self.sources.senate.parse(fetched)
                if url == self.sources.senate.feed_url
                else self.sources.house.parse(fetched)
            )
        except SourceError as exc:
            self._failed(url, exc)
            return
        source = "senate_hearings" if prefix == "senate:" else "house_docs"
        with self.sessions.begin() as session:
            upsert_meetings(
                session, meetings, source=source, now=self.now, report=self.report.store
            )
            if prefix is not None:
                present = {m.key for m in meetings}
                drop_missing(
                    session, prefix=prefix, present=present, now=self.now, report=self.report.store
                )

    def _fetch(self, url: str) -> Fetched | None:
        """The document if it changed since the last poll (not 304, not the same bytes).

        A committee feed that did not change means its meetings did not either: a
        moved or cancelled meeting changes its item in the feed."""
        self.report.documents += 1
        with self.sessions.begin() as session:
            prior = _stored(session, url)
        validators = (
            None
            if prior is None
            else Validators(etag=prior.etag, last_modified=prior.last_modified)
        )
        try:
            # Both sources fetch the same way (one conditional GET through the client).
            result = self.sources.house.fetch(url, validators)
        except NotFound:
            return None  # next week's floor schedule is not out yet
        except SourceError as exc:
            self._failed(url, exc)
            return None
        if isinstance(result, NotModified):
            self.report.unchanged += 1
            return None
        digest = hashlib.sha256(result.content).hexdigest()
        with self.sessions.begin() as session:
            unchanged = _remember(session, url, result, digest, now=self.now)
        if unchanged:
            self.report.unchanged += 1
            return None
        return result

    def _failed(self, url: str, exc: Exception) -> None:
        logger.warning("schedule %s: %s", url, exc)
        self.report.failures.append(f"{url}: {exc}")


def _stored(session: Session, url: str) -> ScheduleDocument | None:
    return session.scalar(select(ScheduleDocument).where(ScheduleDocument.url == url))


def _remember(session: Session, url: str, doc: Fetched, digest: str, *, now: datetime) -> bool:
    """Store the document's validators and hash; True when the content is as last time."""
    row = _stored(session, url)
    if row is None:
        row = ScheduleDocument(url=url[:512], fetched_at=now)
        session.add(row)
    same = row.content_hash == digest
    row.etag, row.last_modified = doc.validators.etag, doc.validators.last_modified
    row.content_hash, row.fetched_at = digest, now
    return same
