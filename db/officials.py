"""Officials, committees and committee memberships: bulk sync and the few reads we need.

Each function takes a ``Session``; the caller owns the transaction. Rows come
in as plain mappings of column values (``db`` never imports ``scrapers``).
A sync loads what is stored once, then writes with one bulk INSERT and one
bulk UPDATE (executemany by primary key), never a SELECT per row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from db.models import CommitteeInfo, CommitteeMembership, Official

Row = Mapping[str, Any]

#: Columns an import compares to decide whether a stored official changed.
OFFICIAL_COLUMNS: tuple[str, ...] = (
    "name",
    "first_name",
    "last_name",
    "chamber",
    "state",
    "district",
    "party",
    "phone",
    "office_address",
    "contact_form_url",
    "website",
    "term_start",
    "term_end",
    "in_office",
    "left_office_at",
    "lis_id",
)
COMMITTEE_COLUMNS: tuple[str, ...] = ("name", "chamber", "parent_code", "url", "current")


@dataclass(frozen=True, slots=True, kw_only=True)
class SyncCounts:
    """What a sync did: rows added, changed, left as they were, and retired."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0  # officials marked out of office, committees marked not current


def sync_officials(session: Session, rows: Sequence[Row], *, now: datetime) -> SyncCounts:
    """Make ``rows`` (keyed by ``bioguide_id``) the officials in office.

    Officials missing from ``rows`` are marked ``in_office=False`` with
    ``left_office_at=now`` and kept, so their history (sponsorships, alerts)
    still names them. Someone who returns is in office again.
    """
    incoming = {
        row["bioguide_id"]: {**row, "in_office": True, "left_office_at": None} for row in rows
    }
    stored = _stored(session, Official, "bioguide_id", OFFICIAL_COLUMNS)
    departed = [
        {"id": old["id"], "in_office": False, "left_office_at": now, "updated_at": now}
        for key, old in stored.items()
        if key not in incoming and old["in_office"]
    ]
    counts = _write(
        session, Official, incoming, stored, OFFICIAL_COLUMNS, stamp={"updated_at": now}
    )
    _bulk_update(session, Official, departed)
    return SyncCounts(
        added=counts.added,
        updated=counts.updated,
        unchanged=counts.unchanged,
        retired=len(departed),
    )


def sync_committees(session: Session, rows: Sequence[Row]) -> SyncCounts:
    """Make ``rows`` (keyed by thomas id ``code``) the current committees; others stay."""
    incoming = {row["code"]: {**row, "current": True} for row in rows}
    stored = _stored(session, CommitteeInfo, "code", COMMITTEE_COLUMNS)
    retired = [
        {"id": old["id"], "current": False}
        for key, old in stored.items()
        if key not in incoming and old["current"]
    ]
    counts = _write(session, CommitteeInfo, incoming, stored, COMMITTEE_COLUMNS, stamp={})
    _bulk_update(session, CommitteeInfo, retired)
    return SyncCounts(
        added=counts.added, updated=counts.updated, unchanged=counts.unchanged, retired=len(retired)
    )


def replace_memberships(session: Session, rows: Sequence[Row]) -> tuple[int, int]:
    """Replace every committee membership with ``rows`` (``bioguide_id`` + membership columns).

    The membership file is a complete current picture, so replacing beats
    diffing. Returns (stored, skipped); a row naming an unknown official is skipped.
    """
    ids = dict(session.execute(select(Official.bioguide_id, Official.id)).all())
    values = [
        {key: value for key, value in row.items() if key != "bioguide_id"}
        | {"official_id": ids[row["bioguide_id"]]}
        for row in rows
        if row["bioguide_id"] in ids
    ]
    session.execute(delete(CommitteeMembership))
    if values:
        session.execute(insert(CommitteeMembership), values)
    return len(values), len(rows) - len(values)


# --- reads -----------------------------------------------------------------------------


def officials_for_place(session: Session, *, state: str, district: int | None) -> list[Official]:
    """The senators of ``state`` and the representative of ``district`` who are in office."""
    seat = Official.chamber == "senate"
    if district is not None:
        seat = seat | ((Official.chamber == "house") & (Official.district == district))
    query = (
        select(Official)
        .where(Official.state == state, Official.in_office.is_(True), seat)
        .order_by(Official.chamber, Official.name)
    )
    return list(session.scalars(query))


def house_district_limits(session: Session) -> dict[str, int]:
    """Each state's highest House district in office (0 = one at-large seat); empty if none."""
    query = (
        select(Official.state, func.max(Official.district))
        .where(Official.chamber == "house", Official.in_office.is_(True))
        .group_by(Official.state)
    )
    return {state: int(top) for state, top in session.execute(query) if top is not None}


def memberships_of(
    session: Session, official_ids: Collection[int], committee_codes: Collection[str]
) -> list[CommitteeMembership]:
    """Memberships of these officials on these committees, in one query."""
    if not official_ids or not committee_codes:
        return []
    query = select(CommitteeMembership).where(
        CommitteeMembership.official_id.in_(official_ids),
        CommitteeMembership.committee_code.in_(committee_codes),
    )
    return list(session.scalars(query))


def committees_by_code(session: Session, codes: Iterable[str]) -> dict[str, CommitteeInfo]:
    wanted = set(codes)
    if not wanted:
        return {}
    query = select(CommitteeInfo).where(CommitteeInfo.code.in_(wanted))
    return {c.code: c for c in session.scalars(query)}


def list_officials(
    session: Session, *, state: str | None = None, in_office: bool = True
) -> list[Official]:
    query = select(Official).order_by(Official.state, Official.chamber.desc(), Official.district)
    if state is not None:
        query = query.where(Official.state == state)
    if in_office:
        query = query.where(Official.in_office.is_(True))
    return list(session.scalars(query))


# --- the bulk machinery ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Written:
    added: int
    updated: int
    unchanged: int


def _stored(
    session: Session, model: type[Any], key: str, columns: tuple[str, ...]
) -> dict[Any, dict[str, Any]]:
    """Every stored row of ``model`` as plain values, keyed by ``key``: one SELECT.

    Plain rows rather than ORM objects, so the bulk UPDATE that follows cannot
    leave stale objects behind in the identity map.
    """
    table = model.__table__
    query = select(table.c.id, table.c[key], *(table.c[c] for c in columns))
    return {row[key]: dict(row) for row in session.execute(query).mappings()}


def _write(
    session: Session,
    model: type[Any],
    incoming: Mapping[Any, dict[str, Any]],
    stored: Mapping[Any, Mapping[str, Any]],
    columns: tuple[str, ...],
    *,
    stamp: Mapping[str, Any],
) -> _Written:
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for key, values in incoming.items():
        old = stored.get(key)
        if old is None:
            inserts.append(values | dict(stamp))
        elif any(old[c] != values[c] for c in columns if c in values):
            updates.append(values | dict(stamp) | {"id": old["id"]})
    if inserts:
        session.execute(insert(model), inserts)
    _bulk_update(session, model, updates)
    return _Written(len(inserts), len(updates), len(incoming) - len(inserts) - len(updates))


def _bulk_update(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> None:
    """UPDATE by primary key, as one executemany (SQLAlchemy's ORM bulk UPDATE)."""
    if rows:
        session.execute(update(model), rows)
