"""Initial schema: bills and their parts, events, officials, advocates, outbox, fetch log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 23:08:21.133955
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import Text

import db.base

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "advocates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("state", sa.String(length=4), nullable=True),
        sa.Column("district", sa.Integer(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("digest_hour", sa.Integer(), nullable=False),
        sa.Column("quiet_start_hour", sa.Integer(), nullable=True),
        sa.Column("quiet_end_hour", sa.Integer(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("unsubscribed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_daily_digest_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_weekly_digest_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_advocates")),
        sa.UniqueConstraint("email", name=op.f("uq_advocates_email")),
    )
    op.create_table(
        "bills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("jurisdiction", sa.String(length=16), nullable=False),
        sa.Column("session", sa.String(length=16), nullable=False),
        sa.Column("bill_type", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("official_title", sa.Text(), nullable=True),
        sa.Column("short_title", sa.Text(), nullable=True),
        sa.Column("popular_title", sa.Text(), nullable=True),
        sa.Column("policy_area", sa.String(length=200), nullable=True),
        sa.Column("introduced_on", sa.Date(), nullable=True),
        sa.Column("sponsor_bioguide_id", sa.String(length=16), nullable=True),
        sa.Column("sponsor_name", sa.String(length=200), nullable=True),
        sa.Column("stage", sa.String(length=32), nullable=True),
        sa.Column("stage_chamber", sa.String(length=16), nullable=True),
        sa.Column("stage_date", sa.Date(), nullable=True),
        sa.Column("stage_detail", sa.String(length=64), nullable=True),
        sa.Column("next_chamber", sa.String(length=16), nullable=True),
        sa.Column("latest_action_date", sa.Date(), nullable=True),
        sa.Column("latest_action_text", sa.Text(), nullable=True),
        sa.Column("became_law", sa.Boolean(), nullable=False),
        sa.Column("session_ended", sa.Boolean(), nullable=False),
        sa.Column("source", sa.String(length=32), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("etag", sa.String(length=512), nullable=True),
        sa.Column("last_modified", sa.String(length=128), nullable=True),
        sa.Column("content_hash", sa.String(length=64), nullable=True),
        sa.Column(
            "snapshot",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("source_updated_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("tracked", sa.Boolean(), nullable=False),
        sa.Column("tracked_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_checked_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_changed_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_check_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("lease_owner", sa.String(length=128), nullable=True),
        sa.Column("lease_until", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("consecutive_failures", sa.Integer(), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bills")),
        sa.UniqueConstraint("key", name=op.f("uq_bills_key")),
    )
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.create_index("ix_bills_due", ["tracked", "next_check_at"], unique=False)
        batch_op.create_index("ix_bills_last_changed_at", ["last_changed_at"], unique=False)
        batch_op.create_index(
            "ix_bills_session_type_number",
            ["jurisdiction", "session", "bill_type", "number"],
            unique=False,
        )
        batch_op.create_index("ix_bills_stage", ["stage"], unique=False)

    op.create_table(
        "committees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=True),
        sa.Column("parent_code", sa.String(length=16), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committees")),
        sa.UniqueConstraint("code", name=op.f("uq_committees_code")),
    )
    op.create_table(
        "daemons",
        sa.Column("id", sa.String(length=128), nullable=False),
        sa.Column("hostname", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_tick_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_tick_kind", sa.String(length=16), nullable=True),
        sa.Column("stopped_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_daemons")),
    )
    op.create_table(
        "officials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bioguide_id", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=True),
        sa.Column("last_name", sa.String(length=100), nullable=True),
        sa.Column("chamber", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=4), nullable=False),
        sa.Column("district", sa.Integer(), nullable=True),
        sa.Column("party", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("office_address", sa.Text(), nullable=True),
        sa.Column("contact_form_url", sa.Text(), nullable=True),
        sa.Column("website", sa.Text(), nullable=True),
        sa.Column("term_start", sa.Date(), nullable=True),
        sa.Column("term_end", sa.Date(), nullable=True),
        sa.Column("in_office", sa.Boolean(), nullable=False),
        sa.Column("left_office_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("updated_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officials")),
        sa.UniqueConstraint("bioguide_id", name=op.f("uq_officials_bioguide_id")),
    )
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.create_index(
            "ix_officials_state_chamber", ["state", "chamber", "district"], unique=False
        )

    op.create_table(
        "bill_actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("acted_on", sa.Date(), nullable=False),
        sa.Column("action_time", sa.String(length=16), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=True),
        sa.Column("code", sa.String(length=32), nullable=True),
        sa.Column("action_type", sa.String(length=64), nullable=True),
        sa.Column("source_system", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bills.id"],
            name=op.f("fk_bill_actions_bill_id_bills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_actions")),
        sa.UniqueConstraint("bill_id", "position", name=op.f("uq_bill_actions_bill_id_position")),
    )
    with op.batch_alter_table("bill_actions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bill_actions_bill_id_acted_on", ["bill_id", "acted_on"], unique=False
        )

    op.create_table(
        "bill_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("significance", sa.String(length=8), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.Column("detected_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("dedupe_key", sa.String(length=128), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column(
            "payload",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_bill_events_bill_id_bills"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bill_events")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_bill_events_dedupe_key")),
    )
    with op.batch_alter_table("bill_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bill_events_bill_id_detected_at", ["bill_id", "detected_at"], unique=False
        )
        batch_op.create_index("ix_bill_events_detected_at", ["detected_at"], unique=False)

    op.create_table(
        "committee_memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("committee_code", sa.String(length=16), nullable=False),
        sa.Column("official_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=100), nullable=True),
        sa.Column("party_side", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["official_id"],
            ["officials.id"],
            name=op.f("fk_committee_memberships_official_id_officials"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_memberships")),
        sa.UniqueConstraint(
            "committee_code",
            "official_id",
            name=op.f("uq_committee_memberships_committee_code_official_id"),
        ),
    )
    with op.batch_alter_table("committee_memberships", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_memberships_committee_code"), ["committee_code"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_committee_memberships_official_id"), ["official_id"], unique=False
        )

    op.create_table(
        "committee_referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("committee_code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("chamber", sa.String(length=16), nullable=True),
        sa.Column("parent_code", sa.String(length=16), nullable=True),
        sa.Column("latest_activity", sa.String(length=100), nullable=True),
        sa.Column("latest_activity_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bills.id"],
            name=op.f("fk_committee_referrals_bill_id_bills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_committee_referrals")),
        sa.UniqueConstraint(
            "bill_id", "committee_code", name=op.f("uq_committee_referrals_bill_id_committee_code")
        ),
    )
    with op.batch_alter_table("committee_referrals", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_committee_referrals_bill_id"), ["bill_id"], unique=False
        )

    op.create_table(
        "cosponsors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("member_key", sa.String(length=200), nullable=False),
        sa.Column("bioguide_id", sa.String(length=16), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("party", sa.String(length=8), nullable=True),
        sa.Column("state", sa.String(length=4), nullable=True),
        sa.Column("district", sa.Integer(), nullable=True),
        sa.Column("sponsored_on", sa.Date(), nullable=True),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.Column("is_original", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_cosponsors_bill_id_bills"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cosponsors")),
        sa.UniqueConstraint("bill_id", "member_key", name=op.f("uq_cosponsors_bill_id_member_key")),
    )
    with op.batch_alter_table("cosponsors", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cosponsors_bill_id"), ["bill_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cosponsors_bioguide_id"), ["bioguide_id"], unique=False
        )

    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=32), nullable=True),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("elapsed_ms", sa.Double(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"], ["bills.id"], name=op.f("fk_fetch_log_bill_id_bills"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fetch_log")),
    )
    with op.batch_alter_table("fetch_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fetch_log_at"), ["at"], unique=False)

    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advocate_id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("alerts", sa.String(length=8), nullable=False),
        sa.Column("digest", sa.String(length=8), nullable=False),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(bill_id IS NULL) <> (topic IS NULL)", name=op.f("ck_subscriptions_bill_xor_topic")
        ),
        sa.ForeignKeyConstraint(
            ["advocate_id"],
            ["advocates.id"],
            name=op.f("fk_subscriptions_advocate_id_advocates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bills.id"],
            name=op.f("fk_subscriptions_bill_id_bills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
        sa.UniqueConstraint(
            "advocate_id", "bill_id", name=op.f("uq_subscriptions_advocate_id_bill_id")
        ),
        sa.UniqueConstraint(
            "advocate_id", "topic", name=op.f("uq_subscriptions_advocate_id_topic")
        ),
    )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.create_index("ix_subscriptions_bill_id", ["bill_id"], unique=False)

    op.create_table(
        "text_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bill_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["bill_id"],
            ["bills.id"],
            name=op.f("fk_text_versions_bill_id_bills"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_versions")),
        sa.UniqueConstraint(
            "bill_id", "name", "issued_on", name=op.f("uq_text_versions_bill_id_name_issued_on")
        ),
    )
    with op.batch_alter_table("text_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_text_versions_bill_id"), ["bill_id"], unique=False)

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=160), nullable=False),
        sa.Column("advocate_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("subscription_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=True),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("not_before", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_attempt_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=True),
        sa.Column("claimed_until", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", db.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", db.base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["advocate_id"],
            ["advocates.id"],
            name=op.f("fk_outbox_advocate_id_advocates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bill_events.id"],
            name=op.f("fk_outbox_event_id_bill_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subscription_id"],
            ["subscriptions.id"],
            name=op.f("fk_outbox_subscription_id_subscriptions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_outbox_dedupe_key")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_advocate_id"), ["advocate_id"], unique=False)
        batch_op.create_index(
            "ix_outbox_status_next_attempt_at", ["status", "next_attempt_at"], unique=False
        )

    op.create_table(
        "digest_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advocate_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("cadence", sa.String(length=8), nullable=False),
        sa.Column("notification_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["advocate_id"],
            ["advocates.id"],
            name=op.f("fk_digest_items_advocate_id_advocates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["bill_events.id"],
            name=op.f("fk_digest_items_event_id_bill_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["notification_id"],
            ["outbox.id"],
            name=op.f("fk_digest_items_notification_id_outbox"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_items")),
        sa.UniqueConstraint(
            "advocate_id",
            "event_id",
            "cadence",
            name=op.f("uq_digest_items_advocate_id_event_id_cadence"),
        ),
    )
    with op.batch_alter_table("digest_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_digest_items_notification_id"), ["notification_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("digest_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digest_items_notification_id"))

    op.drop_table("digest_items")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status_next_attempt_at")
        batch_op.drop_index(batch_op.f("ix_outbox_advocate_id"))

    op.drop_table("outbox")
    with op.batch_alter_table("text_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_versions_bill_id"))

    op.drop_table("text_versions")
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_subscriptions_bill_id")

    op.drop_table("subscriptions")
    with op.batch_alter_table("fetch_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fetch_log_at"))

    op.drop_table("fetch_log")
    with op.batch_alter_table("cosponsors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cosponsors_bioguide_id"))
        batch_op.drop_index(batch_op.f("ix_cosponsors_bill_id"))

    op.drop_table("cosponsors")
    with op.batch_alter_table("committee_referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_referrals_bill_id"))

    op.drop_table("committee_referrals")
    with op.batch_alter_table("committee_memberships", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_committee_memberships_official_id"))
        batch_op.drop_index(batch_op.f("ix_committee_memberships_committee_code"))

    op.drop_table("committee_memberships")
    with op.batch_alter_table("bill_events", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_events_detected_at")
        batch_op.drop_index("ix_bill_events_bill_id_detected_at")

    op.drop_table("bill_events")
    with op.batch_alter_table("bill_actions", schema=None) as batch_op:
        batch_op.drop_index("ix_bill_actions_bill_id_acted_on")

    op.drop_table("bill_actions")
    with op.batch_alter_table("officials", schema=None) as batch_op:
        batch_op.drop_index("ix_officials_state_chamber")

    op.drop_table("officials")
    op.drop_table("daemons")
    op.drop_table("committees")
    with op.batch_alter_table("bills", schema=None) as batch_op:
        batch_op.drop_index("ix_bills_stage")
        batch_op.drop_index("ix_bills_session_type_number")
        batch_op.drop_index("ix_bills_last_changed_at")
        batch_op.drop_index("ix_bills_due")

    op.drop_table("bills")
    op.drop_table("advocates")
