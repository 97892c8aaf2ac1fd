"""End to end on real data: a real bill's stage change reaches an advocate in California.

H.R. 4924 (115th), the Congressional Accountability Act of 1995 Reform Act,
passed the House on 2018-02-06. The tracker saw it as of 2018-02-05 (in
committee), then the real BILLSTATUS document: the diff gives the stage
change, the check's outbox writer queues the alert, and delivery sends it
through a real SMTP server. The advocate lives in CA-14, whose
representative, Jackie Speier, cosponsored the bill (thank her); the two
senators, Dianne Feinstein and Kamala Harris, vote next (ask them). Officials
and phone numbers come from the congress-legislators snapshot of that time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import yaml

from db.bills import track_bill
from scrapers.sources.govinfo.parse import parse_billstatus
from tests.billstatus_edit import billstatus_as_of
from tests.tracker.mail.builders import Clock, add_advocate, subscribe
from tracker.checking.alerts import insert_events, queue_alerts
from tracker.checking.diff import diff_snapshots
from tracker.checking.store import apply_snapshot
from tracker.core.settings import Settings
from tracker.mail.delivery import deliver_pending
from tracker.mail.smtp import SmtpMailer
from tracker.people.officials import import_officials, read_legislator_files

NOW = datetime(2018, 2, 7, 15, 0, tzinfo=UTC)
MEMBERS = {"S001175": "Jackie Speier", "F000062": "Dianne Feinstein", "H001075": "Kamala"}


def _phones(folder) -> dict[str, str]:
    people = yaml.safe_load((folder / "legislators-current.yaml").read_text())
    return {
        p["id"]["bioguide"]: p["terms"][-1]["phone"]
        for p in people
        if p["id"]["bioguide"] in MEMBERS
    }


def test_real_stage_change_alert_names_the_advocates_own_officials(
    sessions, smtp, settings: Settings, test_data
):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4924.xml"
    legislators = test_data / "legislators" / "snapshot-2017-09-28"
    content = path.read_bytes()
    before = parse_billstatus(billstatus_as_of(content, date(2018, 2, 5)), where="as of 02-05")
    after = parse_billstatus(content, where=str(path))
    with sessions.begin() as s:
        import_officials(s, read_legislator_files(str(legislators), settings=settings), now=NOW)
        bill, _ = track_bill(
            s,
            key="hr4924-115",
            jurisdiction="us",
            bill_session="115",
            bill_type="hr",
            number=4924,
            source="govinfo",
            now=NOW,
        )
        apply_snapshot(s, bill, before, fingerprint="before")
        advocate = add_advocate(
            s,
            email="ca14@example.org",
            name="Sam Rivera",
            state="CA",
            district=14,
            created_at=NOW,
            quiet_start_hour=None,
            quiet_end_hour=None,
        )
        subscribe(s, advocate, bill, stance="support", alerts="major", created_at=NOW)
    with sessions.begin() as s:  # the check's one transaction
        s.add(bill)
        events = diff_snapshots(before, after)
        apply_snapshot(s, bill, after, fingerprint="after")
        stored = insert_events(s, bill, events, now=NOW)
        assert queue_alerts(s, bill, stored, now=NOW) >= 1

    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        report = deliver_pending(
            sessions, mailer, clock=Clock(NOW), owner="e2e", lease_seconds=60, settings=settings
        )
    assert report.failed == 0 and report.sent >= 1
    # A House passage is one email (the stage change and its vote), not two.
    subjects = [m.message["Subject"] for m in smtp.messages]
    assert subjects == ["H.R. 4924 passed the House + 1 more change"]
    msg = smtp.messages[0].message
    assert msg["To"].addresses[0].addr_spec == "ca14@example.org"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()

    phones = _phones(legislators)
    assert set(phones) == set(MEMBERS)
    for bioguide, name in MEMBERS.items():
        assert name in text and phones[bioguide] in text, (name, phones[bioguide])
        assert name in html
    calls = text.split("WHAT YOU CAN DO NOW", 1)[1]
    thank = [line for line in calls.splitlines() if line.startswith("* Thank")]
    ask = [line for line in calls.splitlines() if line.startswith("* Ask for support from")]
    assert len(thank) == 1 and "Speier" in thank[0]
    assert len(ask) == 2 and all("Sen." in line for line in ask)
    assert {"Feinstein", "Harris"} <= {w.strip("(),.") for line in ask for w in line.split()}
    # Nobody else's officials: only the advocate's three.
    assert calls.count("\n* ") == 3
    assert "[x] Passed one chamber" in text
    assert "https://www.congress.gov/bill/115th-congress/house-bill/4924" in text
    assert "with instant alerts for major changes" in text
