"""Inserting many plain rows at once, straight to the driver's ``executemany``.

For bulk loads (a Congress is 11,000 bills and some 300,000 child rows)
SQLAlchemy's per-row parameter processing costs more than the database's own
work. These rows are plain values already (ints, strings, bools, dates), so
they go to the driver as tuples: ``executemany`` on SQLite (the one conversion
SQLAlchemy would make, a ``date`` to ISO text, is made here), ``COPY`` on
PostgreSQL. Takes a ``Session``; the caller
owns the transaction. ``insert_tuples`` takes rows that are tuples in a given
column order already (a bulk import's workers make them so), with no conversion
left to make: the parent has nothing to do but hand them over.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, DateTime, Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table | str, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys) into ``table``, all at once.

    With a ``Table``, its ``Date`` columns are converted for SQLite; a table given
    by name must hold no dates (the search documents: text only).
    """
    if not rows:
        return
    columns = list(rows[0])
    name = table if isinstance(table, str) else table.name
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    values = [pick(row) for row in rows]  # itemgetter: tuples at C speed
    if not isinstance(table, str) and session.connection().dialect.name != "postgresql":
        values = _sqlite_dates(table, columns, values)
    insert_tuples(session, name, columns, values)


def insert_tuples(
    session: Session, table: str, columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    """INSERT ``values`` (each in ``columns`` order) into the table named ``table``.

    Values go to the driver unchanged: plain ints, strings, bools and None; dates
    as ISO text (what SQLite stores for a ``DATE``, and what ``COPY`` reads).
    """
    if not values:
        return
    conn = session.connection()
    quote = conn.dialect.identifier_preparer.quote
    target = f"{quote(table)} ({', '.join(quote(c) for c in columns)})"
    if conn.dialect.name == "postgresql":
        _copy(conn, target, values)
        return
    marks = ", ".join("?" * len(columns))
    conn.exec_driver_sql(f"INSERT INTO {target} VALUES ({marks})", list(values))


#: WAL pages (4 KB) a bulk load lets accumulate before SQLite copies them into the
#: database (its default is 1,000). A batch of 250 bills writes some 10 MB, so the
#: default checkpoints (and syncs) at every commit, rewriting the same index and
#: full-text pages again and again: a quarter of an import's time.
BULK_WAL_PAGES = 16_384


def prepare_bulk_load(session: Session) -> None:
    """Settings for a transaction that writes thousands of rows (SQLite: checkpoint the
    write-ahead log every 64 MB rather than every 4 MB). Lasts for the connection;
    harmless to repeat."""
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BULK_WAL_PAGES}")


def _copy(conn: Connection, target: str, values: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs, in the same transaction."""
    driver = conn.connection.driver_connection  # psycopg's, inside SQLAlchemy's transaction
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def _sqlite_dates(table: Table, columns: list[str], values: list[Any]) -> list[Any]:
    """Dates as the ISO text SQLAlchemy's SQLite ``DATE`` stores."""
    types = [table.c[c].type for c in columns]
    if any(isinstance(t, DateTime) for t in types):
        # Aware datetimes need UTCDateTime's conversion: not a bulk-row value here.
        raise TypeError(f"insert_rows cannot write datetimes into {table.name} on SQLite")
    dated = [i for i, t in enumerate(types) if isinstance(t, Date)]
    if not dated:
        return values
    converted = []
    for row in values:
        row = list(row)
        for i in dated:
            if row[i] is not None:
                row[i] = row[i].isoformat()
        converted.append(tuple(row))
    return converted
