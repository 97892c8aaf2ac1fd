"""A UK bill's alert through a real SMTP server: the advocate's MP, or the find-your-MP page.

Bill 2818 is the real Bills API answer (1st reading sat, 2nd reading pending);
its move to committee is added on top of it (a 2nd reading sitting and a
committee stage), as the API would show it. MPs come from Members API answers
written from the published schema (tests/tracker/people/members_api_schema_written.py).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from scrapers.sources.uk_parliament.parse import parse_document
from scrapers.uk_members import parse_contact, parse_search_page
from tests.tracker.mail.builders import Clock, add_advocate, subscribe
from tests.tracker.people import members_api_schema_written as written
from tests.uk_bill_2818 import bundle, moved_to_committee, real_bill, real_stages, track_2818
from tracker.checking.alerts import insert_events, queue_alerts
from tracker.checking.diff import diff_snapshots
from tracker.checking.store import apply_snapshot
from tracker.core.settings import Settings
from tracker.mail.delivery import deliver_pending
from tracker.mail.smtp import SmtpMailer
from tracker.people.uk_contacts import FIND_YOUR_MP
from tracker.people.uk_members import store_mps

NOW = datetime(2021, 6, 1, 12, 0, tzinfo=UTC)


def _bundles(test_data: Path) -> tuple[bytes, bytes]:
    bill, stages = real_bill(test_data), real_stages(test_data)["items"]
    return bundle(bill, stages), bundle(*moved_to_committee(bill, stages))


def _mps():
    page = parse_search_page(
        json.dumps(written.search_page([written.HOLLINRAKE, written.EXAMPLE_NORTH])).encode(),
        where="search (written from the schema)",
    )
    phones = {4474: "020 7946 0474", 9001: "020 7946 0901"}
    return [
        (m, parse_contact(json.dumps(written.contact(phones[m.member_id])).encode(), where="c"))
        for m in page.members
    ]


def test_uk_alert_names_the_advocates_mp_or_the_find_your_mp_page(
    sessions, smtp, settings: Settings, test_data
):
    raw_before, raw_after = _bundles(test_data)
    before = parse_document(raw_before, where="before")
    after = parse_document(raw_after, where="after")
    with sessions.begin() as s:
        store_mps(s, _mps(), complete=True, now=NOW)
        bill = track_2818(s, now=NOW)
        apply_snapshot(s, bill, before, fingerprint="before")
        for email, seat in (
            ("north@example.org", "Example North & Westside"),
            ("nowhere@example.org", None),
        ):
            advocate = add_advocate(
                s,
                email=email,
                state=None,
                district=None,
                uk_constituency=seat,
                timezone="Europe/London",
                created_at=NOW,
                quiet_start_hour=None,
                quiet_end_hour=None,
            )
            subscribe(s, advocate, bill, stance="support", alerts="major", created_at=NOW)
    with sessions.begin() as s:
        s.add(bill)
        events = diff_snapshots(before, after)
        apply_snapshot(s, bill, after, fingerprint="after")
        stored = insert_events(s, bill, events, now=NOW)
        assert queue_alerts(s, bill, stored, now=NOW) == 2

    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        report = deliver_pending(
            sessions, mailer, clock=Clock(NOW), owner="uk", lease_seconds=60, settings=settings
        )
    assert (report.sent, report.failed) == (2, 0)
    by_to = {m.message["To"].addresses[0].addr_spec: m.message for m in smtp.messages}
    assert {m["Subject"] for m in by_to.values()} == {"UK Bill 2818 was referred to committee"}

    north = by_to["north@example.org"].get_body(("plain",)).get_content()
    calls = north.split("WHAT YOU CAN DO NOW", 1)[1]
    lines = [line for line in calls.splitlines() if line.startswith("* ")]
    assert len(lines) == 2
    assert "Alex Example MP (Labour)" in lines[0] and lines[0].startswith("* Ask for support")
    assert "Kevin Hollinrake MP (Conservative)" in lines[1] and lines[1].startswith("* Thank")
    assert "020 7946 0901" in calls and FIND_YOUR_MP not in calls
    assert "https://bills.parliament.uk/bills/2818" in north
    assert "[ ] Royal Assent" in north and "Governor" not in north

    nowhere = by_to["nowhere@example.org"].get_body(("plain",)).get_content()
    calls = nowhere.split("WHAT YOU CAN DO NOW", 1)[1]
    assert FIND_YOUR_MP in calls and "Alex Example" not in calls
    for text in (north, nowhere):
        assert "Sen." not in text and "Rep." not in text and "President" not in text
        assert "ZIP" not in text


def test_a_digest_with_a_federal_and_a_uk_bill_asks_each_bills_own_people(
    sessions, clock, settings
):
    from datetime import timedelta

    from sqlalchemy import select

    from db.models import Notification
    from scrapers.model import Chamber, Stage
    from tests.tracker.mail.builders import T0, add_bill, add_event, add_officials, passed_house
    from tracker.mail.digests import queue_due_digests
    from tracker.vocab.events import StageChanged

    with sessions.begin() as s:
        hr = add_bill(s, "hr4030-115")
        uk = add_bill(s, "hr1-115")  # the builder's defaults, then the UK bill's own values
        for name, value in {
            "key": "uk-35-bill2818",
            "jurisdiction": "uk",
            "session": "35",
            "bill_type": "bill",
            "number": 2818,
            "title": "Abolition of Business Rates Bill",
            "short_title": "Abolition of Business Rates Bill",
            "stage": "passed_one_chamber",
            "stage_chamber": "commons",
            "next_chamber": "lords",
            "source": "uk_parliament",
            "source_url": "https://bills.parliament.uk/bills/2818",
            "sponsor_bioguide_id": None,
            "sponsor_name": "Kevin Hollinrake",
        }.items():
            setattr(uk, name, value)
        s.flush()
        add_officials(s)
        store_mps(s, _mps(), complete=True, now=NOW)
        advocate = add_advocate(s, uk_constituency="Example North & Westside")  # and CA-12
        for bill in (hr, uk):
            subscribe(s, advocate, bill)
        add_event(s, hr, passed_house(), detected_at=T0 - timedelta(days=2))
        moved = StageChanged(
            bill_key=uk.key,
            occurred_on=T0.date() - timedelta(days=1),
            old=Stage.REPORTED,
            new=Stage.PASSED_ONE_CHAMBER,
            chamber=Chamber.COMMONS,
        )
        add_event(s, uk, moved, detected_at=T0 - timedelta(days=1))
    clock.now = T0 + timedelta(hours=2)  # Monday 9 a.m. in Los Angeles

    assert queue_due_digests(sessions, clock=clock, settings=settings).queued == 1

    with sessions() as s:
        (digest,) = s.scalars(select(Notification).where(Notification.kind == "digest"))
        text = digest.body_text or ""
    assert "UK Bill 2818 passed the Commons" in text and "H.R. 4030 passed the House" in text
    uk_calls = text.split("WHAT YOU CAN DO NOW ABOUT UK Bill 2818")[1].split("-----")[0]
    us_calls = text.split("WHAT YOU CAN DO NOW ABOUT H.R. 4030")[1].split("-----")[0]
    assert "Alex Example MP" in uk_calls and "Kevin Hollinrake MP" in uk_calls
    assert "Sen." not in uk_calls and "Rep." not in uk_calls and "202-" not in uk_calls
    assert "Alex Example" not in us_calls and "Hollinrake" not in us_calls
    assert "Sen." in us_calls or "Rep." in us_calls
