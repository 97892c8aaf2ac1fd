"""Rows written straight to the driver are stored as SQLAlchemy would store them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from db.bulk import driver_rows, insert_tuples, reserve_ids
from db.engine import make_engine, make_session_factory
from db.models import Bill

BILLS: Table = Bill.__table__  # type: ignore[assignment]
STAMP = datetime(2026, 12, 6, 20, 0, 0, 123456, tzinfo=UTC)


def _bill(key: str) -> dict[str, object]:
    return {
        "key": key,
        "jurisdiction": "us",
        "session": "115",
        "bill_type": "hr",
        "number": 1,
        "source": "govinfo",
        "introduced_on": date(2017, 1, 3),
        "became_law": True,
        "session_ended": False,
        "tracked": False,
        "consecutive_failures": 0,
        "snapshot": '{"title": "A \\"quoted\\" title"}',
        "source_updated_at": STAMP,
        "created_at": STAMP,
        "updated_at": STAMP,
    }


def _raw(session: Session, key: str) -> tuple[object, ...]:
    columns = "introduced_on, became_law, snapshot, source_updated_at, created_at, updated_at"
    found = session.connection().exec_driver_sql(
        f"SELECT {columns} FROM bills WHERE key = %(key)s"
        if session.get_bind().dialect.name == "postgresql"
        else f"SELECT {columns} FROM bills WHERE key = :key",
        {"key": key},
    )
    return tuple(found.one())


def test_driver_rows_are_stored_as_sqlalchemy_stores_them(migrated_url):
    engine = make_engine(migrated_url)
    try:
        with make_session_factory(engine).begin() as session:
            by_orm = _bill("hr1-115")
            by_orm["snapshot"] = {"title": 'A "quoted" title'}  # the JSON type encodes it
            session.execute(insert(BILLS), [by_orm])

            raw = _bill("hr2-115")
            columns = list(raw)
            rows = driver_rows(session, BILLS, columns, [tuple(raw.values())], as_is=("snapshot",))
            insert_tuples(session, "bills", columns, rows)

            assert _raw(session, "hr2-115") == _raw(session, "hr1-115")
            read = session.execute(select(Bill).where(Bill.key == "hr2-115")).scalar_one()
            assert read.source_updated_at == STAMP and read.introduced_on == date(2017, 1, 3)
            assert read.snapshot == {"title": 'A "quoted" title'}
            session.rollback()
    finally:
        engine.dispose()


def test_reserved_ids_are_never_handed_out_again(migrated_url):
    engine = make_engine(migrated_url)
    try:
        with make_session_factory(engine).begin() as session:
            reserved = reserve_ids(session, "bills", 3)
            if engine.dialect.name != "postgresql":
                assert reserved is None  # the INSERT numbers rows there
                return
            assert reserved is not None and len(set(reserved)) == 3
            raw = _bill("hr3-115")
            rows = [
                (reserved[0], *r)
                for r in driver_rows(
                    session, BILLS, list(raw), [tuple(raw.values())], as_is=("snapshot",)
                )
            ]
            insert_tuples(session, "bills", ["id", *raw], rows)
            later = session.execute(insert(BILLS).returning(BILLS.c.id), _bill("hr4-115"))
            assert later.scalar_one() > max(reserved)
            session.rollback()
    finally:
        engine.dispose()
