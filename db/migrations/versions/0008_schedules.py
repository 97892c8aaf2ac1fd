"""Schedules: ``meetings``, ``meeting_bills``, ``schedule_documents``; ``advocates.reminders``.

Meetings come from the House and Senate schedules (``tracker.checking.schedules``),
keyed by the publisher's stable id; ``meeting_bills`` links them to tracked bills;
``schedule_documents`` keeps each polled document's validators for conditional GET.
``advocates.reminders`` (default true) lets an advocate turn lead-time reminders off.

Revision ID: 0008_schedules
Revises: 0007_votes
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import db.base

revision: str = "0008_schedules"
down_revision: str | None = "0007_votes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("committee", sa.Text(), nullable=True),
        sa.Column("committee_code", sa.String(length=16), nullable=True),
        sa.Column("starts_at", _UTC, nullable=False),
        sa.Column("time_known", sa.Boolean(), nullable=False),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("congress", sa.Integer(), nullable=True),
        sa.Column(
            "bills",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("first_seen_at", _UTC, nullable=False),
        sa.Column("last_seen_at", _UTC, nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meetings")),
        sa.UniqueConstraint("key", name=op.f("uq_meetings_key")),
    )
    op.create_index("ix_meetings_status_starts_at", "meetings", ["status", "starts_at"])
    op.create_table(
        "meeting_bills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("matched_by", sa.String(length=16), nullable=False),
        sa.Column("linked_at", _UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bills.id"],
            name=op.f("fk_meeting_bills_bill_id_bills"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_meeting_bills_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_bills")),
        sa.UniqueConstraint(
            "meeting_id", "bill_id", name=op.f("uq_meeting_bills_meeting_id_bill_id")
        ),
    )
    op.create_index(op.f("ix_meeting_bills_bill_id"), "meeting_bills", ["bill_id"])
    op.create_table(
        "schedule_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=512), nullable=False),
        sa.Column("etag", sa.String(length=512), nullable=True),
        sa.Column("last_modified", sa.String(length=128), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column("fetched_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_documents")),
        sa.UniqueConstraint("url", name=op.f("uq_schedule_documents_url")),
    )
    with op.batch_alter_table("advocates") as batch:
        batch.add_column(
            sa.Column("reminders", sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("advocates") as batch:
        batch.drop_column("reminders")
    op.drop_table("schedule_documents")
    op.drop_index(op.f("ix_meeting_bills_bill_id"), table_name="meeting_bills")
    op.drop_table("meeting_bills")
    op.drop_index("ix_meetings_status_starts_at", table_name="meetings")
    op.drop_table("meetings")
