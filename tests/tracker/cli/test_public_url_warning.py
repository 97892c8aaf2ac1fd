"""``tracker status`` warns while email goes out with a loopback TRACKER_PUBLIC_URL."""

from __future__ import annotations

import pytest

from db.models import Notification
from tests.db_rows import T0, add_advocate
from tracker.core.app import App
from tracker.core.settings import Settings


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"TRACKER_DATABASE_URL": database_url}


def _mail_was_sent(database_url: str) -> None:
    app = App.from_settings(Settings(database_url=database_url))
    with app.transaction() as s:
        advocate = add_advocate(s, "ana@example.org")
        s.add(
            Notification(
                dedupe_key="alert:test",
                advocate_id=advocate.id,
                kind="alert",
                status="sent",
                attempts=1,
                next_attempt_at=T0,
                created_at=T0,
                sent_at=T0,
            )
        )
    app.close()


def test_status_warns_once_mail_went_out_with_a_loopback_public_url(run_cli, env, database_url):
    assert run_cli("init", env=env).exit_code == 0
    assert "TRACKER_PUBLIC_URL" not in run_cli("status", env=env).stdout  # nothing sent yet
    _mail_was_sent(database_url)
    out = run_cli("status", env=env).stdout
    assert out.count("warning: email links point to http://127.0.0.1:8080") == 1
    assert "Set TRACKER_PUBLIC_URL" in out
    public = env | {"TRACKER_PUBLIC_URL": "https://tracker.example.org"}
    assert "TRACKER_PUBLIC_URL" not in run_cli("status", env=public).stdout
