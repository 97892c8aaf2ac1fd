"""Roll-call votes: ``roll_calls``, ``vote_positions``, ``bill_votes``; ``officials.lis_id``.

A roll call is stored once with every member's position; ``bill_votes`` links a
bill (and the action that names the vote) to it by ``vote_key``
("house-115-1-699"). ``officials.lis_id`` maps the Senate's LIS member ids, which
its roll calls use, to the officials (Bioguide ids).

Revision ID: 0007_votes
Revises: 0006_search_text
Create Date: 2026-12-06 05:34:06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import db.base

revision: str = "0007_votes"
down_revision: str | None = "0006_search_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "roll_calls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote_key", sa.String(length=40), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=False),
        sa.Column("congress", sa.Integer(), nullable=False),
        sa.Column("session", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("voted_on", sa.Date(), nullable=False),
        sa.Column("voted_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=200), nullable=False),
        sa.Column("vote_type", sa.String(length=64), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("bill_citation", sa.String(length=32), nullable=True),
        sa.Column("yea", sa.Integer(), nullable=True),
        sa.Column("nay", sa.Integer(), nullable=True),
        sa.Column("present", sa.Integer(), nullable=True),
        sa.Column("not_voting", sa.Integer(), nullable=True),
        sa.Column(
            "candidates",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("fetched_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roll_calls")),
        sa.UniqueConstraint(
            "chamber",
            "congress",
            "session",
            "number",
            name=op.f("uq_roll_calls_chamber_congress_session_number"),
        ),
        sa.UniqueConstraint("vote_key", name=op.f("uq_roll_calls_vote_key")),
    )
    op.create_table(
        "bill_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("vote_key", sa.String(length=40), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=False),
        sa.Column("congress", sa.Integer(), nullable=False),
        sa.Column("session", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("action_on", sa.Date(), nullable=False),
        sa.Column("action_text", sa.Text(), nullable=False),
        sa.Column("action_code", sa.String(length=32), nullable=True),
        sa.Column("fetch_error", sa.Text(), nullable=True),
        sa.Column("gave_up_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_votes_bill_id_bills"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_votes")),
        sa.UniqueConstraint("bill_id", "vote_key", name=op.f("uq_bill_votes_bill_id_vote_key")),
    )
    with op.batch_alter_table("bill_votes", schema=None) as batch_op:
        batch_op.create_index("ix_bill_votes_vote_key", ["vote_key"], unique=False)

    op.create_table(
        "vote_positions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("roll_call_id", sa.Integer(), nullable=False),
        sa.Column("member_key", sa.String(length=32), nullable=False),
        sa.Column("bioguide_id", sa.String(length=16), nullable=True),
        sa.Column("lis_member_id", sa.String(length=16), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party", sa.String(length=8), nullable=True),
        sa.Column("state", sa.String(length=4), nullable=True),
        sa.Column("position", sa.String(length=100), nullable=False),
        sa.Column("choice", sa.String(length=16), nullable=False),
        sa.Column("paired_with", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["roll_call_id"],
            ["roll_calls.id"],
            name=op.f("fk_vote_positions_roll_call_id_roll_calls"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_positions")),
        sa.UniqueConstraint(
            "roll_call_id", "member_key", name=op.f("uq_vote_positions_roll_call_id_member_key")
        ),
    )
    with op.batch_alter_table("vote_positions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vote_positions_bioguide_id"), ["bioguide_id"], unique=False
        )

    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("lis_id", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_officials_lis_id"), ["lis_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_officials_lis_id"))
        batch_op.drop_column("lis_id")

    with op.batch_alter_table("vote_positions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_positions_bioguide_id"))

    op.drop_table("vote_positions")
    with op.batch_alter_table("bill_votes", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_votes_vote_key")

    op.drop_table("bill_votes")
    op.drop_table("roll_calls")
