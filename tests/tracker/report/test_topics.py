"""Topic subscriptions: a new bill that matches a followed topic is tracked and alerted."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Bill, BillEvent, Notification, Subscription
from scrapers.sources.govinfo import parse_billstatus
from tests.bulk_archives import real_files
from tests.bulk_import import Importer
from tests.db_rows import T0, MutableClock, add_advocate, add_tracked_bill
from tracker.checking.check import store_change
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.checking.topic_alerts import alert_topic_followers
from tracker.people.subscriptions import SubscriptionOptions, subscribe_to_topic
from tracker.people.topics import reads_as_phrase, topic_matches
from tracker.report.search import search_bills
from tracker.report.topics import list_topics, topic_bills

HR4030 = "BILLSTATUS-115hr4030.xml"
#: A day of the 115th Congress (H.R. 4030 was introduced on 2017-10-12): its bills are news.
IN_115TH = datetime(2017, 11, 1, 15, 0, tzinfo=UTC)


@pytest.fixture
def importer(migrated_url):
    imp = Importer(migrated_url)
    imp.clock = MutableClock(IN_115TH)
    yield imp
    imp.close()


@pytest.fixture
def importer_today(migrated_url):
    """Imports on T0 (November 2026): the 114th and 115th Congresses have ended."""
    imp = Importer(migrated_url)
    yield imp
    imp.close()


def _split(test_data: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The real files without the Title IX Protection Act, and that bill alone."""
    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    for path in real_files(test_data):
        folder = later if path.name == HR4030 else first
        shutil.copy(path, folder / f"{path.parent.name}-{path.name}")
    return first, later


def _follow(importer: Importer, email: str, topic: str, **options: str) -> int:
    with importer.sessions.begin() as session:
        advocate = add_advocate(session, email)
        subscribe_to_topic(session, advocate, topic, SubscriptionOptions(), now=T0)
        if options:
            sub = session.scalars(select(Subscription).where(Subscription.topic.is_not(None)))
            for row in sub:
                if row.advocate_id == advocate.id:
                    for name, value in options.items():
                        setattr(row, name, value)
        return advocate.id


def test_a_bill_new_to_the_tracker_on_a_followed_topic_is_tracked_and_alerted(
    importer, test_data, tmp_path
):
    first, later = _split(test_data, tmp_path)
    importer.run(first)
    ana = _follow(importer, "ana@example.org", "Title IX")
    ben = _follow(importer, "ben@example.org", "title ix", alerts="none")
    importer.clock.advance(hours=1)

    report = importer.run(later)

    assert (report.new, report.topic_bills) == (1, 1)
    bill = importer.bill("hr4030-115")
    assert bill.tracked and bill.next_check_at == importer.clock.now
    with importer.sessions.begin() as session:
        events = session.scalars(select(BillEvent)).all()
        assert [(e.kind, e.significance) for e in events] == [("new_bill_on_topic", "major")]
        assert events[0].payload["topic"] == "Title IX"  # the first spelling followed
        assert "Title IX Protection Act" in events[0].summary
        alerts = session.scalars(select(Notification)).all()
        assert [(a.advocate_id, a.dedupe_key) for a in alerts] == [(ana, f"topic:{ana}:hr4030-115")]
        assert alerts[0].event_id == events[0].id
        assert "Title IX" in (alerts[0].reason or "")
        follows = session.execute(
            select(Subscription.advocate_id, Subscription.stance, Subscription.alerts).where(
                Subscription.bill_id == bill.id
            )
        ).all()
        assert sorted(follows) == [(ana, "watch", "major"), (ben, "watch", "none")]
    assert not importer.bill("hr1314-114").tracked

    again = importer.run(later)
    assert (again.unchanged, again.topic_bills, again.alerts) == (1, 0, 0)
    assert importer.count(Notification) == 1


def test_known_bills_never_alert_even_when_they_match(importer, test_data):
    _follow(importer, "ana@example.org", "Title IX")
    importer.run(test_data / "billstatus" / "govinfo-115")  # all new to the tracker
    tracked = importer.count(Bill, Bill.tracked.is_(True))
    assert tracked == 1  # hr4030-115: new, and on the topic
    importer.clock.advance(days=1)
    again = importer.run(test_data / "billstatus")  # the same 9, and 28 bills new here
    # hr4030-115 is not told again; nothing else is about Title IX.
    assert again.topic_bills == 0
    assert importer.count(Notification) == 1


def test_title_ix_matches_the_title_ix_protection_act_not_division_labels(importer, test_data):
    """The Bipartisan Budget Act of 2015 and the Water Resources Development Act of 2016
    each have a "TITLE IX--" division in their CRS summaries: labels, not Title IX."""
    importer.run(test_data / "billstatus")  # the 42 real files
    with importer.sessions.begin() as session:
        ids = dict(session.execute(select(Bill.key, Bill.id)).all())
        assert {"hr4030-115", "hr1314-114", "s2848-114"} <= ids.keys()
        found = topic_matches(session, "Title IX", among=ids.values())
        keys = {key for key, bill_id in ids.items() if bill_id in found}
        assert keys == {"hr4030-115"}
        assert [h.key for h in topic_bills(session, "Title IX")] == ["hr4030-115"]
        # What the division is about still reads as prose.
        heading = topic_matches(session, "Blackfeet water rights", among=ids.values())
        assert heading == {ids["s2848-114"]}


def test_a_topic_does_not_read_the_actions(importer, test_data):
    importer.run(test_data / "billstatus" / "govinfo-115")
    with importer.sessions.begin() as session:
        ids = dict(session.execute(select(Bill.key, Bill.id)).all())
        # Its one real action beyond "Introduced": "Referred to the House Committee on
        # Education and the Workforce." Search reads it; a topic does not.
        committee = "Committee on Education and the Workforce"
        assert "hr4030-115" in {h.key for h in search_bills(session, f'"{committee}"')}
        assert topic_matches(session, committee, among=ids.values()) == set()
        assert topic_bills(session, committee) == []


def test_an_import_of_an_ended_congress_subscribes_nobody(importer_today, test_data):
    importer = importer_today
    ana = _follow(importer, "ana@example.org", "Title IX")
    report = importer.run(test_data / "billstatus" / "govinfo-115")  # the 115th ended in 2019
    assert (report.new, report.topic_bills, report.alerts) == (9, 0, 0)
    assert importer.count(Notification) == 0
    assert importer.count(BillEvent) == 0
    assert importer.count(Subscription, Subscription.bill_id.is_not(None)) == 0
    assert not importer.bill("hr4030-115").tracked
    with importer.sessions.begin() as session:  # `tracker topics` still lists the match
        views = list_topics(session, None)
        assert [(v.email, [h.key for h in v.bills]) for v in views] == [
            ("ana@example.org", ["hr4030-115"])
        ]
    assert ana


def test_the_first_check_of_a_newly_tracked_bill_tells_topic_followers(session, test_data):
    advocate = add_advocate(session, "ana@example.org")
    subscribe_to_topic(session, advocate, "sexual harassment", SubscriptionOptions(), now=T0)
    bill = add_tracked_bill(session, "hr4030-115")
    path = test_data / "billstatus" / "govinfo-115" / HR4030
    snapshot = parse_billstatus(path.read_bytes(), where=path.name)

    written = store_change(
        session,
        bill,
        snapshot,
        [],
        fingerprint=snapshot_fingerprint(snapshot),
        first_sight=True,
        now=IN_115TH,
    )

    assert (written.events, written.alerts) == (1, 1)
    row = session.scalars(select(Notification)).one()
    assert row.dedupe_key == f"topic:{advocate.id}:hr4030-115"
    # Telling them twice is impossible: the event and the alert are deduplicated.
    assert alert_topic_followers(session, [bill.id], now=IN_115TH).alerts == 0


def test_topics_read_as_phrases_unless_written_as_searches():
    assert reads_as_phrase("Title IX")
    assert reads_as_phrase("campus sexual assault")
    assert reads_as_phrase("anti-harassment")
    assert not reads_as_phrase('"title ix" or harassment')
    assert not reads_as_phrase("title ix -hazing")
    assert not reads_as_phrase("stalking or harassment")


def test_list_topics_shows_the_bills_that_match_now(importer, test_data):
    importer.run(test_data / "billstatus" / "govinfo-115")
    _follow(importer, "ana@example.org", "Title IX")
    _follow(importer, "ben@example.org", "stalking or harassment")
    with importer.sessions.begin() as session:
        views = list_topics(session, None)
        assert [(v.email, v.topic) for v in views] == [
            ("ana@example.org", "Title IX"),
            ("ben@example.org", "stalking or harassment"),
        ]
        assert [h.key for h in views[0].bills] == ["hr4030-115"]
        assert "hr4030-115" in {h.key for h in views[1].bills}
        assert topic_bills(session, "protection title ix") == []  # a phrase, in order


def test_the_first_check_of_a_bill_of_an_ended_congress_tells_nobody(session, test_data):
    advocate = add_advocate(session, "ana@example.org")
    subscribe_to_topic(session, advocate, "sexual harassment", SubscriptionOptions(), now=T0)
    bill = add_tracked_bill(session, "hr4030-115")
    path = test_data / "billstatus" / "govinfo-115" / HR4030
    snapshot = parse_billstatus(path.read_bytes(), where=path.name)

    written = store_change(
        session,
        bill,
        snapshot,
        [],
        fingerprint=snapshot_fingerprint(snapshot),
        first_sight=True,
        now=T0,  # November 2026: the 115th Congress ended on January 3, 2019
    )

    assert (written.events, written.alerts) == (0, 0)
    assert session.scalars(select(Notification)).all() == []
    assert topic_bills(session, "sexual harassment")[0].key == "hr4030-115"  # still listed
