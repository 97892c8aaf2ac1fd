"""Search reads a summary's prose: division labels ("TITLE IX--", "(Sec. 901)") left out.

The search document's summary part of every stored bill is rewritten from the
bill's stored snapshot JSON, without the labels CRS numbers a bill's parts with
("TITLE IX--TEMPORARY EXTENSION OF PUBLIC DEBT LIMIT" keeps "TEMPORARY EXTENSION
OF PUBLIC DEBT LIMIT"), as ``tracker.checking.search_index.summary_prose`` now
writes new documents. The table's shape does not change. The rule is frozen
here on purpose (a migration must not follow later code). The downgrade writes
the summaries back whole.

Revision ID: 0006_search_text
Revises: 0005_alert_groups
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006_search_text"
down_revision: str | None = "0005_alert_groups"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HEADING_LABEL = re.compile(
    r"^[ \t]*(?i:division|subdivision|title|subtitle|part|subpart|chapter)[ \t]+[A-Z0-9]{1,8}\b"
    r"(?:[ \t]*(?:-{2,3}|[\u2013\u2014]|[ \t]-[ \t])[ \t]*|[ \t]*$)",
    re.MULTILINE,
)
_SECTION_MARK = re.compile(r"\(\s*Secs?\.?\s*[0-9][^()\n]{0,40}\)[ \t]*", re.IGNORECASE)
_BATCH = 500


def upgrade() -> None:
    _rewrite(_prose)


def downgrade() -> None:
    _rewrite(lambda text: text)


def _prose(text: str) -> str:
    return _SECTION_MARK.sub("", _HEADING_LABEL.sub("", text))


def _rewrite(summary_of: Callable[[str], str]) -> None:
    conn = op.get_bind()
    id_column = "bill_id" if conn.dialect.name == "postgresql" else "rowid"
    update = sa.text(f"UPDATE bill_search SET summary = :summary WHERE {id_column} = :id")
    batch: list[dict[str, Any]] = []
    for bill_id, text in _stored_summaries(conn):
        batch.append({"id": bill_id, "summary": summary_of(text)})
        if len(batch) >= _BATCH:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)


def _stored_summaries(conn: sa.Connection) -> Iterator[tuple[int, str]]:
    """(bill id, latest summary text) of stored snapshots (``tracker.vocab.serialize``)."""
    rows = conn.execute(sa.text("SELECT id, snapshot FROM bills WHERE snapshot IS NOT NULL"))
    for bill_id, snapshot in rows:
        value = json.loads(snapshot) if isinstance(snapshot, str) else snapshot
        summary = value.get("latest_summary") if isinstance(value, dict) else None
        text = summary.get("text") if isinstance(summary, dict) else None
        if isinstance(text, str) and text:
            yield bill_id, text
