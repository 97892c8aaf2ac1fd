"""``tracker deliver|outbox|digest`` through the real entry point, a real database and SMTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from db.engine import make_engine, make_session_factory
from db.models import Advocate, Notification
from tests.tracker.mail.builders import (
    add_advocate,
    add_alert,
    add_bill,
    add_event,
    passed_house,
    subscribe,
)
from tests.tracker.mail.conftest import SECRET, SmtpServer


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def db(migrated_url):
    engine = make_engine(migrated_url)
    yield make_session_factory(engine)
    engine.dispose()


def _env(url: str, **extra: str) -> dict[str, str]:
    return {
        "TRACKER_DATABASE_URL": url,
        "TRACKER_SECRET_KEY": SECRET,
        "TRACKER_MAIL_FROM": "Bill Tracker <alerts@tracker.example.org>",
        **extra,
    }


def _alerts(db, *emails: str) -> None:
    now = datetime.now(UTC)
    with db.begin() as s:
        bill = add_bill(s)
        event = add_event(s, bill, passed_house(), detected_at=now - timedelta(hours=1))
        for email in emails:
            advocate = add_advocate(s, email=email, created_at=now - timedelta(days=30))
            sub = subscribe(s, advocate, bill, created_at=now - timedelta(days=30))
            add_alert(s, advocate, event, sub, now=now - timedelta(minutes=5))


def _statuses(db) -> list[str]:
    with db() as s:
        return list(s.scalars(select(Notification.status).order_by(Notification.id)))


def test_deliver_with_smtp_down_is_one_line_error_and_nothing_is_lost(run_cli, migrated_url, db):
    _alerts(db, "ana@example.org")
    down = SmtpServer()  # never started: connection refused
    result = run_cli("deliver", env=_env(migrated_url, TRACKER_SMTP_URL=down.url))
    assert result.exit_code == 1
    assert result.stdout.strip() == "sent 0, failed 0, retried 0, pending 1"  # no attempt charged
    assert len(result.stderr.strip().splitlines()) == 1
    assert "unavailable" in result.stderr and "stays pending" in result.stderr
    assert _statuses(db) == ["pending"]


def test_deliver_then_outbox_shows_the_550(run_cli, migrated_url, db, smtp):
    _alerts(db, "ana@example.org", "gone@example.org")
    smtp.handler.refuse["gone@example.org"] = "550 5.1.1 No such user here"
    result = run_cli("deliver", "--json", env=_env(migrated_url, TRACKER_SMTP_URL=smtp.url))
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["sent"], report["failed"], report["pending"]) == (1, 1, 0)
    assert [m.rcpt_tos for m in smtp.messages] == [["ana@example.org"]]

    listed = run_cli("outbox", "--status", "failed", "--json", env=_env(migrated_url))
    assert listed.exit_code == 0
    (row,) = json.loads(listed.stdout)
    assert row["to"] == "gone@example.org" and row["status"] == "failed"
    assert "550" in row["last_error"]
    table = run_cli("outbox", "--status", "failed", env=_env(migrated_url))
    assert "gone@example.org" in table.stdout and "550" in table.stdout
    assert (
        "no pending email"
        in run_cli("outbox", "--status", "pending", env=_env(migrated_url)).stdout
    )

    smtp.handler.refuse.clear()  # the address works again: the operator requeues it
    requeued = run_cli("outbox", "retry", str(row["id"]), env=_env(migrated_url))
    assert requeued.exit_code == 0 and requeued.stdout.strip() == "requeued 1 failed message"
    again = run_cli("deliver", "--json", env=_env(migrated_url, TRACKER_SMTP_URL=smtp.url))
    assert json.loads(again.stdout)["sent"] == 1
    assert _statuses(db) == ["sent", "sent"]


def test_outbox_says_what_a_pending_message_is_about(run_cli, migrated_url, db):
    _alerts(db, "ana@example.org")
    (row,) = json.loads(run_cli("outbox", "--json", env=_env(migrated_url)).stdout)
    assert row["bill"] == "hr4030-115" and row["about"]
    line = run_cli("outbox", env=_env(migrated_url)).stdout.splitlines()[0]
    assert "(rendered when sent)" not in line
    assert f"hr4030-115: {row['about']}" in line


def test_deliver_without_a_secret_key_refuses(run_cli, migrated_url, db, smtp):
    _alerts(db, "ana@example.org")
    env = _env(migrated_url, TRACKER_SMTP_URL=smtp.url)
    del env["TRACKER_SECRET_KEY"]
    result = run_cli("deliver", env=env)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: TRACKER_SECRET_KEY is not set")
    assert smtp.messages == [] and _statuses(db) == ["pending"]


def test_deliver_without_smtp_url_says_so(run_cli, migrated_url):
    result = run_cli("deliver", env=_env(migrated_url))
    assert result.exit_code == 1 and "TRACKER_SMTP_URL is not set" in result.stderr


def _digest_material(db) -> None:
    now = datetime.now(UTC)
    with db.begin() as s:
        bill = add_bill(s)
        advocate = add_advocate(s, email="ana@example.org", created_at=now - timedelta(days=30))
        subscribe(s, advocate, bill, digest="weekly", created_at=now - timedelta(days=30))
        add_event(s, bill, passed_house(), detected_at=now - timedelta(days=1))


def test_digest_preview_prints_and_writes_html_but_records_nothing(
    run_cli, migrated_url, db, tmp_path
):
    _digest_material(db)
    out = tmp_path / "digest.html"
    result = run_cli(
        "digest", "--preview", "ana@example.org", "--html-out", str(out), env=_env(migrated_url)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: Your weekly digest: 1 bill moved")
    assert "H.R. 4030 passed the House" in result.stdout
    assert out.read_text().startswith("<!DOCTYPE html>")
    with db() as s:
        assert s.scalar(select(func.count()).select_from(Notification)) == 0
        assert s.scalar(select(Advocate.last_weekly_digest_at)) is None
    unknown = run_cli("digest", "--preview", "who@example.org", env=_env(migrated_url))
    assert unknown.exit_code == 2 and "no advocate" in unknown.stderr


def test_digest_queues_what_is_due(run_cli, migrated_url, db):
    _digest_material(db)
    result = run_cli("digest", "--json", env=_env(migrated_url))
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["queued"] == 1
    assert _statuses(db) == ["pending"]
    again = run_cli("digest", env=_env(migrated_url))
    assert again.stdout.startswith("queued 0 digests")


def test_digest_preview_works_without_the_secret_key(run_cli, migrated_url, db):
    _digest_material(db)
    env = _env(migrated_url)
    del env["TRACKER_SECRET_KEY"]
    result = run_cli("digest", "--preview", "ana@example.org", env=env)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Subject: ")
    assert "unsubscribe links are unsigned" in result.stderr
    assert _statuses(db) == []
