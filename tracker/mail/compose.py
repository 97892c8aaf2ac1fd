"""Turning stored rows into the view values templates render, and the shared fragments.

Views are small frozen values with every string already one line where it
must be (titles, names, headlines), so the templates stay dumb. Reads here
are set-based (``latest_actions`` takes many bills at once); the caller owns
the session.

Calls to action are ``tracker.mail.calls``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Bill, BillAction
from scrapers.model import Stage
from scrapers.refs import SLUG_FOR_TYPE, citation, congress_gov_url, ref_of
from tracker.mail.message import one_line
from tracker.mail.render import Fragment, render_part, safe_url
from tracker.mail.tokens import make_unsubscribe_token
from tracker.vocab.facts import one_per_fact
from tracker.vocab.progress import Step, progress_steps, progress_text
from tracker.vocab.wording import (
    DETAIL_KINDS,
    HEADLINES,
    headline,
    long_date,
    stage_label,
    stage_when,
)

LATEST_ACTIONS = 3
_END_STATES = frozenset({Stage.VETOED, Stage.STALLED, Stage.FAILED, Stage.ADOPTED})


class StoredEvent(Protocol):
    """A ``bill_events`` row: the ORM row, or ``EventRecord`` (plain, cheaper to read)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def significance(self) -> str: ...
    @property
    def occurred_on(self) -> date | None: ...
    @property
    def summary(self) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EventRecord:
    """A ``bill_events`` row as a plain value (digest runs read thousands of these)."""

    id: int
    bill_id: int
    kind: str
    significance: str
    occurred_on: date | None
    detected_at: datetime
    summary: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionView:
    on: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EventView:
    headline: str
    summary: str
    on: str | None
    major: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class BillView:
    key: str
    citation: str
    congress: str | None
    title: str
    stage: str
    stage_date: str | None
    stage_when: str  # "on December 22, 2017" / "since ..." / ""
    steps: tuple[Step, ...]
    progress: str
    actions: tuple[ActionView, ...]
    bill_url: str
    tracker_url: str


def bill_citation(bill: Bill) -> str:
    """``H.R. 4030`` for a federal bill, ``CA AB 123`` for a state's."""
    return citation(ref_of(bill))


def bill_title(bill: Bill) -> str:
    return one_line(
        bill.popular_title or bill.short_title or bill.title or bill.official_title, 300
    ) or bill_citation(bill)


def bill_page_url(bill: Bill) -> str:
    """Congress.gov's page for a federal bill (GovInfo's source URL is XML), else the source's."""
    if bill.jurisdiction == "us" and bill.bill_type in SLUG_FOR_TYPE and bill.session.isdigit():
        return congress_gov_url(ref_of(bill))
    return safe_url(bill.source_url)


def tracker_page_url(public_url: str, bill_key: str) -> str:
    return f"{public_url.rstrip('/')}/bills/{quote(bill_key, safe='/')}"


def latest_actions(
    session: Session, bill_ids: Iterable[int], *, limit: int = LATEST_ACTIONS
) -> dict[int, tuple[ActionView, ...]]:
    """The newest ``limit`` actions of each bill, each fact once, in one query, newest first.

    Reads three times ``limit`` rows per bill: BILLSTATUS lists an action up to
    three times (once per source system), and the copies are folded here.
    """
    ids = sorted(set(bill_ids))
    if not ids:
        return {}
    rank = (
        func.row_number()
        .over(partition_by=BillAction.bill_id, order_by=BillAction.position.desc())
        .label("rank")
    )
    inner = (
        select(BillAction.bill_id, BillAction.acted_on, BillAction.text, BillAction.chamber, rank)
        .where(BillAction.bill_id.in_(ids))
        .subquery()
    )
    rows = session.execute(
        select(inner.c.bill_id, inner.c.acted_on, inner.c.text, inner.c.chamber)
        .where(inner.c.rank <= limit * _COPIES)
        .order_by(inner.c.bill_id, inner.c.rank)
    )
    found: dict[int, list[tuple[date, str, str | None]]] = {i: [] for i in ids}
    for bill_id, acted_on, text, chamber in rows:
        found[bill_id].append((acted_on, text, chamber))
    return {k: _action_views(v, limit) for k, v in found.items()}


#: The most copies of one action BILLSTATUS lists (one per source system).
_COPIES = 3


def _action_views(rows: list[tuple[date, str, str | None]], limit: int) -> tuple[ActionView, ...]:
    distinct = one_per_fact(rows, on=lambda r: r[0], text=lambda r: r[1], chamber=lambda r: r[2])
    return tuple(
        ActionView(on=on.isoformat(), text=one_line(text, 500)) for on, text, _ in distinct[:limit]
    )


def bill_view(
    bill: Bill, actions: tuple[ActionView, ...], *, public_url: str, reached: str | None = None
) -> BillView:
    federal = bill.jurisdiction == "us"
    steps = progress_steps(
        bill.bill_type, bill.stage, reached=reached, federal=federal, jurisdiction=bill.jurisdiction
    )
    return BillView(
        key=bill.key,
        citation=bill_citation(bill),
        congress=f"{_ordinal(int(bill.session))} Congress"
        if federal and bill.session.isdigit()
        else None,
        title=bill_title(bill),
        stage=stage_label(bill.stage, federal=federal),
        stage_date=long_date(bill.stage_date) if bill.stage_date else None,
        stage_when=stage_when(bill.stage, bill.stage_date),
        steps=steps,
        progress=progress_text(steps),
        actions=actions,
        bill_url=bill_page_url(bill),
        tracker_url=tracker_page_url(public_url, bill.key),
    )


def event_view(row: StoredEvent, bill: Bill) -> EventView:
    title = one_line(
        headline(
            row.kind,
            citation=bill_citation(bill),
            bill_key=bill.key,
            occurred_on=row.occurred_on,
            payload=row.payload,
            summary=row.summary,
        ),
        300,
    )
    summary = one_line(row.summary, 500)
    # "Passed the House" adds nothing under "H.R. 4030 passed the House".
    redundant = row.kind not in DETAIL_KINDS or summary.casefold() in title.casefold()
    return EventView(
        headline=title,
        summary="" if redundant and row.kind in HEADLINES else summary,
        on=long_date(row.occurred_on) if row.occurred_on else None,
        major=row.significance == "major",
    )


def reached_before_end(events: Iterable[StoredEvent]) -> str | None:
    """The stage a bill left when it stalled or failed, from its stage-change event."""
    for row in events:
        if row.kind == "stage_changed" and row.payload.get("new") in _END_STATES:
            old = row.payload.get("old")
            return old if isinstance(old, str) else None
    return None


def bill_fragment(bill: BillView, changes: Any) -> Fragment:
    """The bill part: ``changes`` is a ``tracker.mail.changes.Changes`` (which reads this
    module, hence ``Any`` here)."""
    return render_part("bill", bill, changes)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unsubscribe_url(
    public_url: str, secret_key: str, advocate_id: int, subscription_id: int | None = None
) -> str:
    token = make_unsubscribe_token(secret_key, advocate_id, subscription_id)
    return f"{public_url.rstrip('/')}/unsubscribe?token={token}"


def unsubscribe_mailto(address: str | None, secret_key: str, advocate_id: int) -> str:
    """``mailto:`` for ``List-Unsubscribe`` (RFC 2369), or "" when no address is set up.

    The subject carries the signed token, so whoever reads that mailbox can apply
    it at ``/unsubscribe?token=...`` without guessing who asked.
    """
    if not address:
        return ""
    token = make_unsubscribe_token(secret_key, advocate_id, None)
    return f"mailto:{quote(address.strip(), safe='@')}?subject={quote('unsubscribe ' + token)}"
