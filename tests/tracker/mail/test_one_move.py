"""One move of a bill, one email per advocate, each fact in it once: on real BILLSTATUS files.

The FAST Act (H.R. 22, 114th) of the issue is not among the shared documents;
H.R. 1 of the 115th (the 2017 tax law) makes the same move and has the same
duplicates: conference report filed (2017-12-15), then in one check the House
and Senate votes on the conference report and amendment, presentment, and
"Became Public Law No: 115-97." listed twice. A local GovInfo serves the older
state then the real one, the check cycle writes the outbox, delivery sends
through a real SMTP server (aiosmtpd) and the tests read the bytes it received.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from email import message_from_bytes, policy

import pytest
from lxml import etree
from pytest_httpserver.httpserver import URIPattern
from sqlalchemy import func, select
from werkzeug import Request, Response

from db.models import AlertEvent, Bill, BillEvent, Notification
from tests.billstatus_edit import billstatus_as_of
from tests.db_rows import T0, MutableClock, add_advocate, add_tracked_bill, subscribe
from tests.tracker.mail.conftest import SECRET
from tracker.checking.alerts import StoredEvent, queue_alerts
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources
from tracker.core.app import App
from tracker.core.settings import Settings
from tracker.mail.delivery import deliver_pending
from tracker.mail.digests import queue_due_digests
from tracker.mail.smtp import SmtpMailer
from tracker.vocab.events import event_from_payload

PUBLIC = "https://tracker.example.org"


@dataclass
class _GovInfo:
    docs: dict[str, bytes] = field(default_factory=dict)

    def __call__(self, request: Request) -> Response:
        if request.path not in self.docs:
            return Response("not found", status=404)
        return Response(self.docs[request.path], content_type="application/xml")


class _Prefix(URIPattern):
    def match(self, uri: str) -> bool:
        return uri.startswith("/bulkdata/BILLSTATUS/")


@dataclass
class World:
    app: App
    ctx: CheckContext
    govinfo: _GovInfo

    def publish(self, congress: str, kind: str, name: str, content: bytes) -> None:
        self.govinfo.docs[f"/bulkdata/BILLSTATUS/{congress}/{kind}/{name}"] = content

    def deliver(self, smtp_url: str) -> None:
        settings = self.app.settings
        with SmtpMailer.from_url(smtp_url, mail_from=settings.mail_from) as mailer:
            report = deliver_pending(
                self.app.sessions,
                mailer,
                clock=self.app.clock,
                owner="test:deliver",
                lease_seconds=60,
                settings=settings,
            )
        assert report.failed == 0 and report.error is None


@pytest.fixture
def world(migrated_url, httpserver):
    settings = Settings(
        database_url=migrated_url,
        govinfo_base_url=httpserver.url_for("/").rstrip("/"),
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
        secret_key=SECRET,
        public_url=PUBLIC,
        mail_from="Title IX Watch <alerts@example.org>",
    )
    govinfo = _GovInfo()
    httpserver.expect_request(_Prefix(), method="GET").respond_with_handler(govinfo)
    # A Wednesday: the weekly digest (Monday, 08:00 in Los Angeles) comes after the move.
    app = App.from_settings(settings, clock=MutableClock(T0 - timedelta(days=5)))
    ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=settings, clock=app.clock, owner="test:1"
    )
    client = make_client(settings, on_request=ctx.recorder)
    ctx.sources = make_sources(settings, client)
    yield World(app=app, ctx=ctx, govinfo=govinfo)
    client.close()
    app.close()


def _tax_law_moves(world: World, test_data, *, night: bool = False) -> None:
    """H.R. 1 (115th) tracked as of 2017-12-15, then checked once more: it is law."""
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr1.xml"
    real = path.read_bytes()
    world.publish(
        "115", "hr", path.name, _before_the_law(billstatus_as_of(real, date(2017, 12, 15)))
    )
    before = T0 - timedelta(days=30)
    with world.app.transaction() as s:
        bill = add_tracked_bill(s, "hr1-115")
        for email, alerts, digest in (
            ("all@example.org", "all", "none"),
            ("major@example.org", "major", "none"),
            ("weekly@example.org", "none", "weekly"),
        ):
            advocate = add_advocate(s, email, created_at=before)
            subscribe(s, advocate, bill, alerts=alerts, digest=digest, created_at=before)
        if night:  # quiet all day but the last hour, in Los Angeles
            sleeper = add_advocate(s, "night@example.org", quiet_start_hour=0, quiet_end_hour=23)
            subscribe(s, sleeper, bill, alerts="all")
    assert run_cycle(world.ctx, due_only=False).events == 0  # the baseline
    world.app.clock.advance(hours=1)
    world.publish("115", "hr", path.name, real)
    report = run_cycle(world.ctx, due_only=False)
    assert report.changed == 1 and report.events > 20


def _before_the_law(content: bytes) -> bytes:
    """The document without its ``laws`` list, as it stood before the law was signed."""
    root = etree.fromstring(content)
    for laws in root.iter("laws"):
        laws.getparent().remove(laws)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _bodies(raw: bytes) -> tuple[str, str]:
    msg = message_from_bytes(raw, policy=policy.default)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return text, html


def test_an_enactment_is_one_alert_per_advocate_naming_the_law(world, smtp, test_data):
    _tax_law_moves(world, test_data)
    with world.app.sessions.begin() as s:
        rows = s.scalars(select(Notification).where(Notification.kind == "alert")).all()
        assert sorted(r.advocate_id for r in rows) == [1, 2]  # one each; the digest-only none
        told = dict(
            s.execute(
                select(AlertEvent.notification_id, func.count()).group_by(
                    AlertEvent.notification_id
                )
            ).all()
        )
        by_advocate = {r.advocate_id: told[r.id] for r in rows}
        # "major": the stage change, the law and three votes; "all": every event.
        assert by_advocate[2] == 5
        assert by_advocate[1] == s.scalar(select(func.count()).select_from(BillEvent))
    world.deliver(smtp.url)

    by_rcpt = {m.rcpt_tos[0]: m for m in smtp.messages}
    assert sorted(by_rcpt) == ["all@example.org", "major@example.org"]
    for received in by_rcpt.values():
        subject = received.message["Subject"]
        assert subject.startswith("H.R. 1 became law + "), subject
        text, html = _bodies(received.content)
        # "became law" is one event; the law's number, the votes, once each.
        changes = text.split("Progress:")[0]
        assert changes.count("became law") == 2, changes  # the headline and its line
        assert changes.count("Public Law 115-97") == 1
        assert changes.count("roll call 692") == 1  # House, conference report
        assert changes.count("roll call 699") == 1  # House agrees to the Senate amendment
        assert text.count("WHAT YOU CAN DO NOW") == 1  # the call list once
        listed = [line for line in text.splitlines() if re.match(r"^(- |  20\d\d-)", line)]
        assert len(listed) == len(set(listed)), "a line told twice"
        assert "Public Law 115-97" in html

    everything, _ = _bodies(by_rcpt["all@example.org"].content)
    major, _ = _bodies(by_rcpt["major@example.org"].content)
    # Every new action once: BILLSTATUS lists "Presented to President." twice.
    assert everything.count("Presented to President.") == 1
    assert everything.count("Signed by President.") == 1
    assert "Motions to reconsider laid on the table" in everything
    assert "Motions to reconsider laid on the table" not in major  # procedure: not major
    assert "Became Public Law No: 115-97" not in everything  # told once, as the law


def test_the_weeks_digest_puts_the_law_and_votes_first_and_counts_the_procedure(world, test_data):
    _tax_law_moves(world, test_data)
    world.app.clock.now = T0 + timedelta(hours=2)  # Monday 09:00 in Los Angeles
    report = queue_due_digests(
        world.app.sessions, clock=world.app.clock, settings=world.app.settings
    )
    assert report.queued == 1
    with world.app.sessions.begin() as s:
        digest = s.scalars(select(Notification).where(Notification.kind == "digest")).one()
        text = digest.body_text or ""
        html = digest.body_html or ""
    section = text.split("Progress:")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert lines[0].startswith("- H.R. 1 became law (December 22, 2017)")
    assert "House vote on the conference report" in lines[1]
    assert all("vote" in line for line in lines[1:3]), lines
    assert "Now: Became law (on December 22, 2017)" in section
    folded = re.search(r"^- and (\d+) procedural actions$", section, re.MULTILINE)
    assert folded is not None and int(folded[1]) > 10, section
    for procedure in ("Motions to reconsider", "The previous question was ordered", "Presented"):
        assert procedure not in text  # counted, not listed
    assert "Latest actions" not in text
    assert text.count("WHAT YOU CAN DO NOW ABOUT H.R. 1") == 1
    assert f'href="{PUBLIC}/bills/hr1-115"' in html and "procedural actions</a>" in html


def test_a_house_passage_is_one_email_per_advocate(world, smtp, test_data):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4924.xml"
    real = path.read_bytes()
    world.publish("115", "hr", path.name, billstatus_as_of(real, date(2018, 2, 5)))
    with world.app.transaction() as s:
        bill = add_tracked_bill(s, "hr4924-115")
        for email, alerts in (("all@example.org", "all"), ("major@example.org", "major")):
            subscribe(s, add_advocate(s, email), bill, alerts=alerts)
    assert run_cycle(world.ctx, due_only=False).events == 0  # the baseline
    world.app.clock.advance(hours=1)
    world.publish("115", "hr", path.name, real)
    assert run_cycle(world.ctx, due_only=False).alerts == 2
    world.deliver(smtp.url)
    subjects = sorted((m.rcpt_tos[0], m.message["Subject"]) for m in smtp.messages)
    assert [rcpt for rcpt, _ in subjects] == ["all@example.org", "major@example.org"]
    assert subjects[1][1] == "H.R. 4924 passed the House + 1 more change"  # and its vote
    assert subjects[0][1].startswith("H.R. 4924 passed the House + ")
    major, _ = _bodies(
        next(m for m in smtp.messages if m.rcpt_tos == ["major@example.org"]).content
    )
    assert "House vote on passage under suspension of the rules of H.R. 4924: passed" in major


def test_the_alert_is_written_once_and_quiet_hours_hold_the_one_message(world, test_data):
    """Writing the same check's alerts again (a retry after a crash) adds nothing; an
    advocate in quiet hours has one held message, not one per change."""
    _tax_law_moves(world, test_data, night=True)
    with world.app.transaction() as s:
        bill = s.scalars(select(Bill)).one()
        rows = s.scalars(select(BillEvent).where(BillEvent.bill_id == bill.id)).all()
        stored = [
            StoredEvent(
                id=r.id,
                event=event_from_payload(r.kind, bill.key, r.occurred_on, r.payload),
            )
            for r in rows
        ]
        assert queue_alerts(s, bill, stored, now=world.app.clock()) == 0
    with world.app.sessions.begin() as s:
        alerts = s.scalars(select(Notification).where(Notification.kind == "alert")).all()
        assert len(alerts) == 3  # all, major, night: one each
        held = [a for a in alerts if a.not_before is not None]
        assert len(held) == 1 and held[0].next_attempt_at == held[0].not_before
        links = s.scalar(select(func.count()).select_from(AlertEvent))
        assert links == 2 * len(rows) + 5  # two "all" alerts, one "major" of five events


def test_latest_actions_do_not_repeat_the_law_the_alert_tells(world, smtp, test_data):
    _tax_law_moves(world, test_data)
    world.deliver(smtp.url)
    major = next(m for m in smtp.messages if m.rcpt_tos == ["major@example.org"])
    text, _ = _bodies(major.content)
    assert "Became Public Law 115-97" in text  # told once, as the law
    assert "Became Public Law No: 115-97" not in text
    latest = text.split("Latest actions:")[1].split("Read the bill")[0]
    assert "2017-12-22: Signed by President." in latest  # context a major alert lacks
    assert latest.count("Presented to President.") == 1
