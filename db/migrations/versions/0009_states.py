"""State legislatures: ``state_legislators``, ``state_committee_members``; advocates'
state legislative districts.

State legislators come from the openstates/people YAML (``tracker officials import``),
keyed by their Open States person id. Their districts are text (``1A``, ``Barnstable-1``).
``advocates.state_senate_district`` / ``state_house_district`` name the advocate's own
districts of their state's upper and lower chamber (Nebraska: the senate district).

Revision ID: 0009_states
Revises: 0008_schedules
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0009_states"
down_revision: str | None = "0008_schedules"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "state_legislators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=4), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=False),
        sa.Column("district", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("office_address", sa.Text(), nullable=True),
        sa.Column("email", sa.Text(), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_legislators")),
        sa.UniqueConstraint("person_id", name=op.f("uq_state_legislators_person_id")),
    )
    op.create_index(
        "ix_state_legislators_place",
        "state_legislators",
        ["jurisdiction", "chamber", "district"],
    )
    op.create_table(
        "state_committee_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_id", sa.String(length=64), nullable=False),
        sa.Column("committee_name", sa.String(length=300), nullable=False),
        sa.Column("jurisdiction", sa.String(length=4), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=True),
        sa.Column("person_id", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=40), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_committee_members")),
        sa.UniqueConstraint(
            "committee_id",
            "person_id",
            name=op.f("uq_state_committee_members_committee_id_person_id"),
        ),
    )
    op.create_index(
        "ix_state_committee_members_person_id", "state_committee_members", ["person_id"]
    )
    with op.batch_alter_table("advocates") as batch:
        batch.add_column(sa.Column("state_senate_district", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("state_house_district", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("advocates") as batch:
        batch.drop_column("state_house_district")
        batch.drop_column("state_senate_district")
    op.drop_index("ix_state_committee_members_person_id", table_name="state_committee_members")
    op.drop_table("state_committee_members")
    op.drop_index("ix_state_legislators_place", table_name="state_legislators")
    op.drop_table("state_legislators")
