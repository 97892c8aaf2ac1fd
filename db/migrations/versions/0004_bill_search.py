"""Full-text search over bills: ``bill_search`` (FTS5 on SQLite, tsvector + GIN on PostgreSQL).

SQLite: an FTS5 virtual table (rowid = bill id, Porter stemming) and a trigger that
drops a bill's document when the bill is deleted (a virtual table has no foreign
keys). PostgreSQL: a table with a generated, weighted ``tsvector`` (titles A,
subjects B, summary C, actions D), a GIN index on it, and a cascading foreign key.

Neither is described by the SQLAlchemy models (see ``db.search.include_object``).
Also widens ``bill_actions.action_type`` to 200 characters: a bulk import meets
real types longer than 64 (S.Con.Res. 11 of the 114th), which PostgreSQL refused.
Bills already stored get their documents here, from their stored snapshot JSON; the
reader below is frozen on purpose (a migration must not follow later code).

Revision ID: 0004_search
Revises: 0003_report
Create Date: 2026-11-23 12:00:00
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0004_search"
down_revision: str | None = "0003_report"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SQLITE_UP = [
    "CREATE VIRTUAL TABLE bill_search USING fts5("
    "titles, subjects, summary, actions, tokenize = 'porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER bill_search_on_bill_delete AFTER DELETE ON bills BEGIN "
    "DELETE FROM bill_search WHERE rowid = old.id; END",
]
_SQLITE_DOWN = ["DROP TRIGGER IF EXISTS bill_search_on_bill_delete", "DROP TABLE bill_search"]
_PG_UP = [
    """CREATE TABLE bill_search (
        bill_id INTEGER NOT NULL,
        titles TEXT NOT NULL,
        subjects TEXT NOT NULL,
        summary TEXT NOT NULL,
        actions TEXT NOT NULL,
        document TSVECTOR GENERATED ALWAYS AS (
            setweight(to_tsvector('english', titles), 'A')
            || setweight(to_tsvector('english', subjects), 'B')
            || setweight(to_tsvector('english', summary), 'C')
            || setweight(to_tsvector('english', actions), 'D')
        ) STORED,
        CONSTRAINT pk_bill_search PRIMARY KEY (bill_id),
        CONSTRAINT fk_bill_search_bill_id_bills FOREIGN KEY (bill_id)
            REFERENCES bills (id) ON DELETE CASCADE
    )""",
    "CREATE INDEX ix_bill_search_document ON bill_search USING gin (document)",
]
_PG_DOWN = ["DROP TABLE bill_search"]
_INSERT = (
    "INSERT INTO bill_search ({id}, titles, subjects, summary, actions) "
    "VALUES (:id, :titles, :subjects, :summary, :actions)"
)
_SEP = " · "


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    with op.batch_alter_table("bill_actions") as batch:
        batch.alter_column("action_type", type_=sa.String(200), existing_type=sa.String(64))
    for statement in _PG_UP if postgres else _SQLITE_UP:
        op.execute(statement)
    _backfill(op.get_bind(), "bill_id" if postgres else "rowid")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in _PG_DOWN if postgres else _SQLITE_DOWN:
        op.execute(statement)
    with op.batch_alter_table("bill_actions") as batch:
        batch.alter_column(
            "action_type",
            type_=sa.String(64),
            existing_type=sa.String(200),
            postgresql_using="left(action_type, 64)",  # the longer ones cannot stay
        )


def _backfill(conn: sa.Connection, id_column: str) -> None:
    insert = sa.text(_INSERT.format(id=id_column))
    batch: list[dict[str, Any]] = []
    for bill_id, snapshot in _stored_snapshots(conn):
        batch.append({"id": bill_id, **_document(snapshot)})
        if len(batch) >= 500:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)


def _stored_snapshots(conn: sa.Connection) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = conn.execute(sa.text("SELECT id, snapshot FROM bills WHERE snapshot IS NOT NULL"))
    for bill_id, snapshot in rows:
        value = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        if isinstance(value, dict):
            yield bill_id, value


def _document(s: dict[str, Any]) -> dict[str, str]:
    """The search document of a stored snapshot (``tracker.vocab.serialize`` layout, schema 1)."""
    titles = (s.get(k) for k in ("title", "official_title", "short_title", "popular_title"))
    summary = s.get("latest_summary") or {}
    return {
        "titles": _joined(titles),
        "subjects": _joined([s.get("policy_area"), *(s.get("subjects") or [])]),
        "summary": summary.get("text") or "",
        "actions": _joined(a.get("text") for a in s.get("actions") or []),
    }


def _joined(parts: Any) -> str:
    return _SEP.join(dict.fromkeys(p for p in parts if p))
