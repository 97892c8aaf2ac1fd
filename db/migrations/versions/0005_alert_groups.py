"""One alert per advocate, bill and check: ``alert_events`` lists the events of one alert.

An outbox row of kind ``alert`` keeps ``event_id`` (its lead event, the one the
subject names); ``alert_events`` holds every event the alert tells, so a check
that finds 22 changes writes one row per advocate, not 22. Alerts written
before this revision have no ``alert_events`` rows and still render from
``event_id`` alone.

Revision ID: 0005_alert_groups
Revises: 0004_search
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_alert_groups"
down_revision: str | None = "0004_search"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_events",
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["outbox.id"],
            name=op.f("fk_alert_events_notification_id_outbox"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bill_events.id"],
            name=op.f("fk_alert_events_event_id_bill_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("notification_id", "event_id", name=op.f("pk_alert_events")),
    )


def downgrade() -> None:
    op.drop_table("alert_events")
