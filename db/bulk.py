"""Inserting many plain rows at once, straight to the driver: ``executemany`` on
SQLite, ``COPY`` on PostgreSQL.

For bulk loads (a Congress is 11,000 bills and some 300,000 child rows)
SQLAlchemy's per-row parameter processing costs more than the database's own
work. ``insert_tuples`` takes rows that are tuples in a given column order with
nothing left to convert (a bulk import's workers make them so: dates as ISO text);
``driver_rows`` makes the conversions SQLAlchemy would (dates and times to SQLite's
text), once per column; ``reserve_ids`` numbers rows before a COPY, which returns
none. Takes a ``Session``; the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Dialect, Table
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT ``rows`` (dicts with the same keys, plain values) into ``table``, all at once."""
    if not rows:
        return
    columns = list(rows[0])
    pick = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    insert_tuples(session, table, columns, [pick(row) for row in rows])  # itemgetter: C speed


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


#: PostgreSQL settings for the transaction of a bulk load (``SET LOCAL``: the pooled
#: connection is back to the server's defaults after it). Measured on the 115th
#: Congress: lz4 (PostgreSQL 14+, when the server was built with it) compresses the
#: bills' JSONB snapshots in a third less time than the default pglz, and a larger
#: pending list lets the search index's GIN take a batch's words in one merge
#: rather than one every 4 MB.
_POSTGRES_BULK = (
    "SET LOCAL gin_pending_list_limit = '64MB'",
    "SET LOCAL default_toast_compression = 'lz4'",
)


def prepare_bulk_load(session: Session) -> None:
    """Settings for a transaction that writes thousands of rows.

    SQLite: checkpoint the write-ahead log every 64 MB rather than every 4 MB (lasts for
    the connection; harmless to repeat). PostgreSQL: ``_POSTGRES_BULK``, for this
    transaction only; lz4 only where the server offers it.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA wal_autocheckpoint={BULK_WAL_PAGES}")
    elif conn.dialect.name == "postgresql":
        # Asked once per connection (its ``info`` lives as long as the connection).
        lz4 = conn.info.get("lz4")
        if lz4 is None:
            query = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = %(name)s"
            found = conn.exec_driver_sql(query, {"name": "default_toast_compression"}).scalar()
            lz4 = conn.info["lz4"] = bool(found)
        for setting in _POSTGRES_BULK:
            if "lz4" not in setting or lz4:
                conn.exec_driver_sql(setting)


def _copy(conn: Connection, target: str, values: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs, in the same transaction."""
    driver = conn.connection.driver_connection  # psycopg's, inside SQLAlchemy's transaction
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
        for row in values:
            copy.write_row(row)


def driver_value(session: Session, column: Column[Any], value: Any) -> Any:
    """``value`` as SQLAlchemy hands it to the driver for ``column`` (for a value that
    every row of a bulk insert shares: converted once, then passed ``as_is``)."""
    process = _bind_processor(column, session.get_bind().dialect)
    return value if process is None else process(value)


def driver_rows(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    as_is: Collection[str] = (),
) -> Sequence[Sequence[Any]]:
    """``rows`` (in ``columns`` order) with each value as SQLAlchemy hands it to the
    driver: each column type's bind processor for this database (on SQLite: dates and
    times to text, aware times to naive UTC), looked up once per column, not per value.

    ``as_is``: columns whose values are in their stored form already (JSON text made
    by an import's worker, which the JSON type would encode a second time).
    """
    dialect = session.get_bind().dialect
    processors = []
    for i, name in enumerate(columns):
        if name in as_is:
            continue
        process = _bind_processor(table.c[name], dialect)
        if process is not None:
            processors.append((i, process))
    if not processors:
        return rows
    converted = []
    for row in rows:
        values = list(row)
        for i, process in processors:
            values[i] = process(values[i])
        converted.append(tuple(values))
    return converted


def _bind_processor(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What SQLAlchemy does to a value of ``column`` for this database's driver (None:
    nothing)."""
    return column.type.dialect_impl(dialect).bind_processor(dialect)


def reserve_ids(session: Session, table: str, count: int) -> list[int] | None:
    """``count`` new ids from ``table``'s id sequence, for rows a COPY will insert (COPY
    returns nothing, and asking for ids by key afterwards costs a query per batch).
    PostgreSQL only: None elsewhere, where the INSERT itself numbers the rows."""
    conn = session.connection()
    if conn.dialect.name != "postgresql" or count == 0:
        return None
    query = "SELECT nextval(pg_get_serial_sequence(%(table)s, 'id')) FROM generate_series(1, %(n)s)"
    return [row[0] for row in conn.exec_driver_sql(query, {"table": table, "n": count})]
