"""UK Parliament: ``uk_members`` (MPs from the Members API) and ``advocates.uk_constituency``.

``uk_members`` holds the current Commons members an operator imported
(``tracker officials import --uk``), keyed by the Members API's member id, with
the constituency an advocate's MP is found by and the phone from their contact
information. ``advocates.uk_constituency`` is the advocate's Westminster
constituency, as the Members API spells it.

Revision ID: 0010_uk
Revises: 0009_states
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import db.base

revision: str = "0010_uk"
down_revision: str | None = "0009_states"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = db.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "uk_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party", sa.String(length=100), nullable=True),
        sa.Column("house", sa.String(length=16), nullable=False),
        sa.Column("constituency", sa.String(length=200), nullable=True),
        sa.Column("constituency_key", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("in_office", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uk_members")),
        sa.UniqueConstraint("member_id", name=op.f("uq_uk_members_member_id")),
    )
    op.create_index(
        op.f("ix_uk_members_constituency_key"), "uk_members", ["constituency_key"], unique=False
    )
    with op.batch_alter_table("advocates") as batch:
        batch.add_column(sa.Column("uk_constituency", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("advocates") as batch:
        batch.drop_column("uk_constituency")
    op.drop_index(op.f("ix_uk_members_constituency_key"), table_name="uk_members")
    op.drop_table("uk_members")
