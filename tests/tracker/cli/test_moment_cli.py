"""``tracker show`` / ``status`` say when a bill is dead and why; following its successor.

Real bills: H.R. 4030 (115th, died in committee), H.R. 6760 (115th, passed the
House, died with its Congress) and its reintroduction H.R. 6658 (117th, same
sponsor, "... of 2022").
"""

from __future__ import annotations

import json
import tarfile
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.models import Bill, Subscription
from scrapers.sources.govinfo import parse_billstatus
from tests.db_rows import add_advocate, add_tracked_bill, subscribe
from tracker.checking.store import apply_snapshot

NOW = datetime(2026, 6, 16, tzinfo=UTC)
DIED = "Died at the end of the 115th Congress, January 3, 2019."


@pytest.fixture
def env(migrated_url, test_data, corpus_tarball):
    docs = {
        "hr4030-115": (test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4030.xml").read_bytes(),
        "hr6658-117": (
            test_data / "billstatus/usgpo-samples/formatChange/future/BILLSTATUS-117hr6658.xml"
        ).read_bytes(),
    }
    with tarfile.open(corpus_tarball, "r|xz") as archive:
        for member in archive:
            if member.name.endswith("/BILLSTATUS-115hr6760.xml"):
                docs["hr6760-115"] = archive.extractfile(member).read()  # type: ignore[union-attr]
                break
    engine = make_engine(migrated_url)
    with Session(engine) as session:
        for key, content in docs.items():
            bill = add_tracked_bill(session, key, now=NOW)
            apply_snapshot(session, bill, parse_billstatus(content, where=key), fingerprint="x")
        advocate = add_advocate(session, "ana@example.org", state="CA", district=12)
        subscribe(
            session, advocate, session.query(Bill).filter_by(key="hr6760-115").one(),
            stance="oppose", alerts="all", digest="daily",
        )  # fmt: skip
        session.commit()
    engine.dispose()
    return {"TRACKER_DATABASE_URL": migrated_url}


def test_show_says_the_bill_died_and_where_it_went_on(run_cli, env):
    shown = run_cli("show", "hr4030-115", env=env)
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())  # rich wraps long lines
    assert f"DEAD: {DIED} It can no longer move." in text
    assert "reached: In committee" in text and "now: In committee" not in text

    text = " ".join(run_cli("show", "hr6760-115", env=env).stdout.split())
    assert "reintroduced as H.R. 6658 in the 117th Congress (hr6658-117" in text
    data = json.loads(run_cli("show", "hr6760-115", "--json", env=env).stdout)
    assert (data["dead"], data["successor"]) == (DIED, "hr6658-117")


def test_status_marks_dead_bills(run_cli, env):
    rows = {r["id"]: r for r in json.loads(run_cli("status", "--json", env=env).stdout)}
    assert rows["hr4030-115"]["dead"] == DIED
    assert rows["hr6658-117"]["dead"] == ("Died at the end of the 117th Congress, January 3, 2023.")
    table = run_cli("status", env=env).stdout
    assert "in_committee dead" in " ".join(table.split())


def test_following_the_successor_moves_stance_and_settings(run_cli, env):
    moved = run_cli("subscribe", "ana@example.org", "hr6760-115", "--follow-successor", env=env)
    assert moved.exit_code == 0, moved.stderr
    assert moved.stdout.strip() == (
        "ana@example.org now follows hr6658-117 instead of hr6760-115: reintroduced as "
        "H.R. 6658 in the 117th Congress (match: sponsor_and_title; stance oppose, alerts "
        "all, digest daily)"
    )
    engine = make_engine(env["TRACKER_DATABASE_URL"])
    with Session(engine) as session:
        subs = [(s.bill_id, s.stance, s.alerts, s.digest) for s in session.query(Subscription)]
        target = session.query(Bill).filter_by(key="hr6658-117").one()
    engine.dispose()
    assert subs == [(target.id, "oppose", "all", "daily")]


def test_no_successor_known_is_said_and_nothing_moves(run_cli, env):
    run_cli("subscribe", "ana@example.org", "hr4030-115", env=env)
    refused = run_cli("subscribe", "ana@example.org", "hr4030-115", "--follow-successor", env=env)
    assert refused.exit_code != 0
    assert "no later bill known that continues hr4030-115" in refused.stderr
