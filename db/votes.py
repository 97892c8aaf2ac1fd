"""Roll calls, their positions and the bills that name them: the few writes and reads.

Each function takes a ``Session``; the caller owns the transaction. Rows come in as
plain mappings of column values (``db`` never imports ``scrapers``). A roll call is
inserted once: a second insert of the same ``vote_key`` (two daemons, or two bills
naming one vote) is a no-op.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import BillVote, Official, RollCall, VotePosition

Row = Mapping[str, Any]


def replace_bill_votes(session: Session, bill_id: int, rows: Sequence[Row]) -> None:
    """Make ``rows`` (by ``vote_key``) the votes the bill names; kept links keep their state."""
    stored = set(session.scalars(select(BillVote.vote_key).where(BillVote.bill_id == bill_id)))
    wanted = {row["vote_key"]: row for row in rows}
    gone = stored - wanted.keys()
    if gone:
        session.execute(
            delete(BillVote).where(BillVote.bill_id == bill_id, BillVote.vote_key.in_(gone))
        )
    new = [{**row, "bill_id": bill_id} for key, row in wanted.items() if key not in stored]
    if new:
        session.execute(insert(BillVote.metadata.tables[BillVote.__tablename__]), new)


def pending_bill_votes(session: Session, bill_ids: Collection[int]) -> list[Any]:
    """Links of these bills whose roll call is not stored and not given up, oldest first."""
    stored = exists().where(RollCall.vote_key == BillVote.vote_key)
    return list(
        session.execute(
            select(
                BillVote.vote_key,
                BillVote.chamber,
                BillVote.congress,
                BillVote.session,
                BillVote.number,
                BillVote.bill_id,
            )
            .where(BillVote.bill_id.in_(bill_ids), BillVote.gave_up_at.is_(None), ~stored)
            .order_by(BillVote.id)
        ).all()
    )


def mark_bill_votes(
    session: Session, vote_key: str, *, error: str, gave_up_at: datetime | None
) -> None:
    """Note why a vote could not be had; ``gave_up_at`` stops asking for it again."""
    session.execute(
        update(BillVote)
        .where(BillVote.vote_key == vote_key, BillVote.gave_up_at.is_(None))
        .values(fetch_error=error, gave_up_at=gave_up_at)
        .execution_options(synchronize_session=False)
    )


def insert_roll_call(session: Session, values: Row, positions: Sequence[Row]) -> bool:
    """Store one roll call with its positions; False when it was already stored."""
    dialect = session.get_bind().dialect.name
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    roll_call_id = session.scalar(
        dialect_insert(RollCall)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["vote_key"])
        .returning(RollCall.id)
    )
    if roll_call_id is None:
        return False
    if positions:
        rows = [{**row, "roll_call_id": roll_call_id} for row in positions]
        session.execute(insert(VotePosition.metadata.tables[VotePosition.__tablename__]), rows)
    session.execute(
        update(BillVote)
        .where(BillVote.vote_key == values["vote_key"])
        .values(fetch_error=None)
        .execution_options(synchronize_session=False)
    )
    return True


def bioguide_by_lis(session: Session, lis_ids: Collection[str]) -> dict[str, str]:
    """Bioguide ids of the officials with these Senate LIS ids (those imported)."""
    if not lis_ids:
        return {}
    rows = session.execute(
        select(Official.lis_id, Official.bioguide_id).where(Official.lis_id.in_(lis_ids))
    ).all()
    return {lis: bioguide for lis, bioguide in rows if lis}
