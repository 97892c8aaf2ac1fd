"""Indexes for the status report, web page, API and feeds.

``ix_bills_listing`` and ``ix_bills_stage_listing`` let the bill list page
through tracked bills in key order (with or without a stage filter) as one
index range per page; ``ix_bill_events_kind_detected_at`` lets the schedule
feed read hearing and vote announcements without scanning every event.

Revision ID: 0003_report
Revises: 0001
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003_report"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LISTING = ["jurisdiction", "session", "bill_type", "number"]


def upgrade() -> None:
    op.create_index("ix_bills_listing", "bills", ["tracked", *_LISTING])
    op.create_index("ix_bills_stage_listing", "bills", ["stage", "tracked", *_LISTING])
    op.create_index("ix_bill_events_kind_detected_at", "bill_events", ["kind", "detected_at"])


def downgrade() -> None:
    op.drop_index("ix_bill_events_kind_detected_at", table_name="bill_events")
    op.drop_index("ix_bills_stage_listing", table_name="bills")
    op.drop_index("ix_bills_listing", table_name="bills")
