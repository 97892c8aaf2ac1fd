"""Rendering: every event kind, the progress bar, multipart messages, and hostile text."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from scrapers.model import STAGE_LADDER, Stage
from tests.tracker.mail.builders import (
    add_advocate,
    add_bill,
    add_event,
    add_officials,
    sample_events,
    subscribe,
)
from tests.tracker.mail.conftest import SECRET
from tracker.mail.alert_email import render_alert
from tracker.mail.calls import CallPlanner
from tracker.mail.compose import latest_actions
from tracker.mail.message import Outgoing, build_message, message_id_for, one_line
from tracker.mail.render import safe_url
from tracker.vocab.events import EVENT_TYPES
from tracker.vocab.progress import progress_steps, progress_text
from tracker.vocab.wording import HEADLINES


def _alert(session, bill, event_row, advocate, sub):
    return render_alert(
        advocate=advocate,
        events=[event_row],
        bill=bill,
        subscription=sub,
        reason="You follow H.R. 4030 (hr4030-115) with instant alerts for major changes.",
        actions=latest_actions(session, [bill.id]).get(bill.id, ()),
        calls=CallPlanner(session),
        public_url="https://tracker.example.org",
        secret_key=SECRET,
    )


def test_every_event_kind_has_wording_and_a_sample():
    assert set(HEADLINES) == set(EVENT_TYPES)
    assert set(sample_events()) == set(EVENT_TYPES)


@pytest.mark.parametrize("kind", sorted(EVENT_TYPES))
def test_every_event_kind_renders_text_and_html(session, kind):
    bill = add_bill(session)
    advocate = add_advocate(session)
    sub = subscribe(session, advocate, bill)
    row = add_event(session, bill, sample_events(bill.key)[kind])
    email = _alert(session, bill, row, advocate, sub)
    assert email.subject.startswith("H.R. 4030") or "H.R. 4030" in email.subject
    assert ": " + row.summary not in email.subject  # the kind's own wording, not the fallback
    for body in (email.text, email.html):
        assert email.subject in body or email.subject.replace("'", "&#39;") in body
        assert "Why you got this" in body
        assert "unsubscribe?token=" in body


def test_alert_subject_names_bill_and_what_happened(session):
    bill = add_bill(session)
    advocate = add_advocate(session)
    sub = subscribe(session, advocate, bill)
    row = add_event(session, bill, sample_events(bill.key)["stage_changed"])
    assert _alert(session, bill, row, advocate, sub).subject == "H.R. 4030 passed the House"


def test_progress_bar_text_and_end_states():
    steps = progress_steps("hr", "in_committee")
    assert progress_text(steps).startswith("[x] Introduced > [x] In committee > [ ] Reported")
    assert [s.state for s in steps[:3]] == ["done", "current", "todo"]
    assert len(steps) == len(STAGE_LADDER)
    vetoed = progress_text(progress_steps("hr", "vetoed"))
    assert vetoed.endswith("[x] Sent to the President > [!] Vetoed")
    stalled = progress_text(progress_steps("s", "stalled", reached="passed_one_chamber"))
    assert stalled.endswith("[x] Passed one chamber > [!] Stalled")
    assert progress_text(progress_steps("hres", "adopted")) == (
        "[x] Introduced > [x] In committee > [x] Reported > [x] Adopted"
    )
    assert all(s.state == "todo" for s in progress_steps("hr", None))
    assert {s.value for s in Stage} >= {"adopted", "vetoed", "stalled", "failed"}


def test_progress_bar_html_is_inline_styled_table_cells(session):
    bill = add_bill(session)
    advocate = add_advocate(session)
    sub = subscribe(session, advocate, bill)
    row = add_event(session, bill, sample_events(bill.key)["stage_changed"])
    html = _alert(session, bill, row, advocate, sub).html
    assert "background-color:#1b5e20" in html  # the current step
    for forbidden in ("class=", "<img", "<script", "<style"):
        assert forbidden not in html


def test_calls_to_action_name_the_advocates_own_officials(session):
    bill = add_bill(session)
    add_officials(session)
    advocate = add_advocate(session, district=12)
    sub = subscribe(session, advocate, bill)
    row = add_event(session, bill, sample_events(bill.key)["stage_changed"])
    email = _alert(session, bill, row, advocate, sub)
    # In a House committee: the representative only; the senators have nothing to do yet.
    name, phone = "Lateefah Simon", "202-225-2661"
    assert name in email.text and phone in email.text
    assert name in email.html and f"tel:{phone.replace('-', '')}" in email.html
    assert "Alex Padilla" not in email.text and "Adam Schiff" not in email.text
    assert "Nancy Pelosi" not in email.text  # another district's representative
    assert "What to say:" in email.text
    assert "It is in committee in the House." in email.text


def test_a_dead_bill_asks_nobody_and_says_why(session):
    bill = add_bill(session, session_ended=True)
    add_officials(session)
    advocate = add_advocate(session, district=12)
    sub = subscribe(session, advocate, bill)
    row = add_event(session, bill, sample_events(bill.key)["stage_changed"])
    email = _alert(session, bill, row, advocate, sub)
    assert "Died at the end of the 115th Congress, January 3, 2019." in email.text
    assert "there is nobody to call about it" in email.text
    assert "Lateefah Simon" not in email.text and "What to say:" not in email.text
    assert "Died at the end of the 115th Congress, January 3, 2019." in email.html


def test_hostile_title_and_names_cannot_inject_markup_or_headers(session):
    evil = 'Act <script>alert(1)</script> <a href="javascript:x">x</a>\r\nBcc: victim@evil.test'
    bill = add_bill(session, title=evil, source_url="javascript:alert(1)")
    advocate = add_advocate(session, name="Eve\r\nBcc: all@evil.test <b>bold</b>")
    sub = subscribe(session, advocate, bill)
    event = sample_events(bill.key)["title_changed"]
    event = type(event)(bill_key=bill.key, occurred_on=None, old="x", new=evil)
    row = add_event(session, bill, event)
    email = _alert(session, bill, row, advocate, sub)
    assert "<script>" not in email.html and "&lt;script&gt;" in email.html
    assert "<b>bold</b>" not in email.html
    assert 'href="javascript:' not in email.html
    msg = build_message(
        Outgoing(
            to_email=advocate.email,
            to_name=advocate.name,
            subject=evil,
            text=email.text,
            html=email.html,
            message_id=message_id_for("alert:1:x", "t@tracker.example.org"),
            created_at=row.detected_at,
            unsubscribe_url="https://tracker.example.org/unsubscribe?token=1.all.x",
        ),
        mail_from="Bill Tracker <t@tracker.example.org>",
    )
    raw = msg.as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Bcc"] is None
    assert [k for k in parsed if k.lower() == "bcc"] == []
    assert "\n" not in str(parsed["Subject"]) and "\r" not in str(parsed["Subject"])
    assert parsed["To"].addresses[0].addr_spec == advocate.email
    assert b"\r\nBcc:" not in raw and b"\nBcc:" not in raw


def test_message_is_multipart_alternative_with_list_unsubscribe():
    mail = Outgoing(
        to_email="ana@example.org",
        to_name="Ana",
        subject="H.R. 4030 passed the House",
        text="plain words",
        html="<p>rich words</p>",
        message_id=message_id_for("alert:1:abc", "alerts@tracker.example.org"),
        created_at=__import__("datetime").datetime(2026, 11, 2, tzinfo=__import__("datetime").UTC),
        unsubscribe_url="https://tracker.example.org/unsubscribe?token=1.all.sig",
    )
    msg = build_message(mail, mail_from="Bill Tracker <alerts@tracker.example.org>")
    assert msg.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in msg.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert msg["List-Unsubscribe"] == "<https://tracker.example.org/unsubscribe?token=1.all.sig>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert msg["Message-ID"].endswith("@tracker.example.org>")
    again = build_message(mail, mail_from="Bill Tracker <alerts@tracker.example.org>")
    assert again.as_bytes() == msg.as_bytes()  # same row, same bytes


def test_message_id_is_stable_per_dedupe_key():
    a = message_id_for("alert:1:abc", "x@tracker.example.org")
    assert a == message_id_for("alert:1:abc", "Other Name <x@tracker.example.org>")
    assert a != message_id_for("alert:2:abc", "x@tracker.example.org")


def test_one_line_folds_every_line_break():
    assert one_line("a\r\nb\u2028c\x85d\te") == "a b c d e"


def test_safe_url_keeps_only_http():
    assert safe_url("https://www.congress.gov/bill/x") == "https://www.congress.gov/bill/x"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url(" data:text/html,x") == ""
