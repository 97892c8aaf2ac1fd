"""A snapshot as the rows the database stores: the bill's own columns and the rows of
its child tables, as plain values.

One definition for both writers: a check (``tracker.checking.store.apply_snapshot``)
and a bulk import (``tracker.bulk.prepare``, in worker processes). No SQLAlchemy here:
a worker that imported it would carry some 40 MB for nothing, and a test
(tests/tracker/checking/test_rows.py) holds these names against ``db.models``.

Child rows are tuples in the order of their table's ``columns``, without ``bill_id``
(not known yet when a worker builds them; the writer puts it first). Dates go through
the caller's ``day``: a check keeps ``date`` objects, an import turns them into the
ISO text that SQLite stores for a DATE and PostgreSQL's COPY reads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from scrapers.model import BillSnapshot
from tracker.vocab.members import member_identity

#: A row of plain values, in one table's column order.
Row = tuple[Any, ...]
#: How a builder writes a date (None stays None).
Day = Callable[[date | None], Any]


def same_day(value: date | None) -> date | None:
    return value


@dataclass(frozen=True, slots=True)
class ChildTable:
    """A table whose rows are a projection of the snapshot (rewritten wholesale)."""

    name: str
    columns: tuple[str, ...]  # without bill_id
    build: Callable[[BillSnapshot, Day], list[Row]]


#: The ``bills`` columns a snapshot sets (``bill_columns``).
BILL_COLUMNS = (
    "title",
    "official_title",
    "short_title",
    "popular_title",
    "policy_area",
    "introduced_on",
    "sponsor_bioguide_id",
    "sponsor_name",
    "stage",
    "stage_chamber",
    "stage_date",
    "stage_detail",
    "next_chamber",
    "latest_action_date",
    "latest_action_text",
    "became_law",
    "source_url",
    "source_updated_at",
)


def bill_columns(s: BillSnapshot, day: Day = same_day) -> dict[str, Any]:
    """The ``BILL_COLUMNS`` of ``s`` (``source_url`` is the snapshot's, possibly None)."""
    sponsor, stage, latest = s.sponsor, s.stage, s.latest_action
    return {
        "title": s.title,
        "official_title": s.official_title,
        "short_title": s.short_title,
        "popular_title": s.popular_title,
        "policy_area": s.policy_area,
        "introduced_on": day(s.introduced_on),
        "sponsor_bioguide_id": sponsor.bioguide_id if sponsor else None,
        "sponsor_name": sponsor.name if sponsor else None,
        "stage": stage.stage.value,
        "stage_chamber": stage.chamber.value if stage.chamber else None,
        "stage_date": day(stage.on),
        "stage_detail": stage.detail,
        "next_chamber": stage.next_chamber.value if stage.next_chamber else None,
        "latest_action_date": day(latest.on) if latest else None,
        "latest_action_text": latest.text if latest else None,
        "became_law": s.became_law,
        "source_url": s.source_url,
        "source_updated_at": s.updated_at,
    }


def action_rows(s: BillSnapshot, day: Day = same_day) -> list[Row]:
    return [
        (
            position,
            day(a.on),
            a.time,
            a.text,
            a.chamber.value if a.chamber else None,
            a.code,
            a.action_type,
            a.source_system,
        )
        for position, a in enumerate(s.actions)
    ]


def cosponsor_rows(s: BillSnapshot, day: Day = same_day) -> list[Row]:
    rows: dict[str, Row] = {}
    for c in s.cosponsors:
        m = c.member
        key = member_identity(m.bioguide_id, m.name)
        # A member listed twice (withdrawn, then re-added) keeps the latest entry.
        rows[key] = (
            key,
            m.bioguide_id,
            m.name,
            m.party,
            m.state,
            m.district,
            day(c.sponsored_on),
            day(c.withdrawn_on),
            c.is_original,
        )
    return list(rows.values())


def referral_rows(s: BillSnapshot, day: Day = same_day) -> list[Row]:
    rows: dict[str, Row] = {}
    for c in s.committees:
        dated = [a for a in c.activities if a.on is not None]
        latest = max(dated, key=lambda a: a.on or date.min) if dated else None
        rows[c.code] = (
            c.code,
            c.name,
            c.chamber.value if c.chamber else None,
            c.parent_code,
            latest.name if latest else None,
            day(latest.on) if latest else None,
        )
    return list(rows.values())


def text_rows(s: BillSnapshot, day: Day = same_day) -> list[Row]:
    rows = {(v.name, v.on): (v.name, day(v.on), v.url) for v in s.text_versions}
    return list(rows.values())


def vote_link_rows(s: BillSnapshot, day: Day = same_day) -> list[Row]:
    """The roll calls the actions name (the first action naming a vote wins): fetched
    once the bill is tracked, so a bill imported first has its votes at its first check."""
    rows: dict[str, Row] = {}
    for action in s.actions:
        for vote in action.recorded_votes:
            if vote.key not in rows:
                rows[vote.key] = (
                    vote.key,
                    vote.chamber.value,
                    vote.congress,
                    vote.session,
                    vote.number,
                    day(action.on),
                    action.text,
                    action.code,
                )
    return list(rows.values())


ACTIONS = ChildTable(
    "bill_actions",
    (
        "position",
        "acted_on",
        "action_time",
        "text",
        "chamber",
        "code",
        "action_type",
        "source_system",
    ),
    action_rows,
)
COSPONSORS = ChildTable(
    "cosponsors",
    (
        "member_key",
        "bioguide_id",
        "name",
        "party",
        "state",
        "district",
        "sponsored_on",
        "withdrawn_on",
        "is_original",
    ),
    cosponsor_rows,
)
REFERRALS = ChildTable(
    "committee_referrals",
    ("committee_code", "name", "chamber", "parent_code", "latest_activity", "latest_activity_on"),
    referral_rows,
)
TEXTS = ChildTable("text_versions", ("name", "issued_on", "url"), text_rows)
#: ``bill_votes`` has a life of its own as well (a fetched vote's state), so a check
#: merges these rows (``db.votes.replace_bill_votes``) rather than rewriting them.
VOTE_LINKS = ChildTable(
    "bill_votes",
    (
        "vote_key",
        "chamber",
        "congress",
        "session",
        "number",
        "action_on",
        "action_text",
        "action_code",
    ),
    vote_link_rows,
)

#: Every child table a snapshot fills, in the order a bulk import sends them.
CHILD_TABLES = (ACTIONS, COSPONSORS, REFERRALS, TEXTS, VOTE_LINKS)


def as_dicts(table: ChildTable, bill_id: int, rows: list[Row]) -> list[dict[str, Any]]:
    """Rows as the column dicts a SQLAlchemy insert takes, ``bill_id`` included."""
    return [{"bill_id": bill_id, **dict(zip(table.columns, row, strict=True))} for row in rows]
