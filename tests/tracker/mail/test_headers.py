"""Headers mail clients understand, read from the raw bytes the SMTP server received.

``List-Unsubscribe`` must be a plain ``<https://...>`` (clients look for it;
``email`` would write a long value without spaces as RFC 2047 encoded-words),
and a long subject is folded only at spaces, so unfolding it (RFC 5322: drop
each CRLF before white space) gives back the very same text.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from sqlalchemy import select

from db.models import Advocate, Bill, BillEvent
from tests.tracker.mail.builders import add_advocate, add_alert, add_bill, add_event, passed_house
from tests.tracker.mail.builders import subscribe as follow
from tracker.core.settings import Settings
from tracker.mail import links
from tracker.mail.delivery import deliver_pending
from tracker.mail.links import is_loopback_url
from tracker.mail.smtp import SmtpMailer

#: 150 characters, spaces where a bill title has them, no encoded-word needed.
SUBJECT = (
    "H.R. 4030 passed the House + 13 more changes: Title IX Protection Act, amends the "
    "Higher Education Act of 1965 on campus sexual assault and harassment"
)


def _deliver(sessions, smtp, clock, settings: Settings) -> None:
    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        report = deliver_pending(
            sessions, mailer, clock=clock, owner="test", lease_seconds=60, settings=settings
        )
    assert report.sent >= 1, report


def _queue(sessions, **row) -> None:
    with sessions.begin() as s:
        bill = s.scalar(select(Bill)) or add_bill(s)
        event = s.scalar(select(BillEvent)) or add_event(s, bill, passed_house())
        advocate = s.scalar(select(Advocate)) or add_advocate(s)
        add_alert(s, advocate, event, follow(s, advocate, bill), **row)


def _raw_header(raw: bytes, name: bytes) -> bytes:
    """The header exactly as sent: its first line and every continuation line."""
    m = re.search(rb"^" + name + rb": (.*?)\r\n(?![ \t])", raw, re.MULTILINE | re.DOTALL)
    assert m is not None, raw[:2000]
    return m[1]


def _long_public_url(settings: Settings) -> Settings:
    # The token (~60 characters) follows "/unsubscribe?token=": a 200+ character link.
    return replace(settings, public_url="https://advocacy.example.org/" + "trackers/" * 14)


def test_list_unsubscribe_is_a_plain_link_even_when_200_characters(sessions, smtp, clock, settings):
    settings = _long_public_url(settings)
    _queue(sessions)
    _deliver(sessions, smtp, clock, settings)
    (received,) = smtp.messages
    value = _raw_header(received.content, b"List-Unsubscribe")
    assert b"\r\n" not in value and b"=?" not in value  # one line, no encoded-word
    assert value.startswith(b"<https://advocacy.example.org/trackers/") and value.endswith(b">")
    assert len(value) > 200
    assert _raw_header(received.content, b"List-Unsubscribe-Post") == (
        b"List-Unsubscribe=One-Click"
    )
    assert b"=?" not in received.content.split(b"\r\n\r\n", 1)[0]  # no header is encoded


def test_a_mailto_unsubscribe_is_offered_when_set_up(sessions, smtp, clock, settings):
    settings = replace(_long_public_url(settings), unsubscribe_email="leave@example.org")
    _queue(sessions)
    _deliver(sessions, smtp, clock, settings)
    value = _raw_header(smtp.messages[0].content, b"List-Unsubscribe")
    web, mailto = value.split(b",\r\n ")  # folded between the two links, nowhere else
    assert web.startswith(b"<https://") and b"\r\n" not in web
    assert re.fullmatch(rb"<mailto:leave@example\.org\?subject=unsubscribe%20[\w.%-]+>", mailto)


def test_a_150_character_subject_reads_back_identical(sessions, smtp, clock, settings):
    assert len(SUBJECT) == 150
    _queue(sessions, subject=SUBJECT, body_text="text", body_html="<p>html</p>")
    _deliver(sessions, smtp, clock, settings)
    raw = _raw_header(smtp.messages[0].content, b"Subject")
    assert b"=?" not in raw and b"\r\n " in raw  # folded, not encoded
    assert all(len(line) <= 78 for line in (b"Subject: " + raw).split(b"\r\n"))
    assert re.sub(rb"\r\n(?=[ \t])", b"", raw).decode("ascii") == SUBJECT
    assert smtp.messages[0].message["Subject"] == SUBJECT


def test_a_loopback_public_url_is_warned_about_once(
    sessions, smtp, clock, settings, caplog, monkeypatch
):
    monkeypatch.setattr(links, "_warned", set())  # "once" is per process: start afresh
    settings = replace(settings, public_url="http://localhost:8099")
    caplog.set_level(logging.WARNING, logger="tracker.mail.links")
    for email in ("a@example.org", "b@example.org"):
        with sessions.begin() as s:
            bill = s.scalar(select(Bill)) or add_bill(s)
            event = s.scalar(select(BillEvent)) or add_event(s, bill, passed_house())
            advocate = add_advocate(s, email=email)
            add_alert(s, advocate, event, follow(s, advocate, bill))
        _deliver(sessions, smtp, clock, settings)
    warnings = [r.getMessage() for r in caplog.records if "localhost:8099" in r.getMessage()]
    assert len(warnings) == 1 and "TRACKER_PUBLIC_URL" in warnings[0]


def test_which_public_urls_are_loopback():
    for url in ("http://127.0.0.1:8080", "http://localhost", "http://[::1]:8080/x"):
        assert is_loopback_url(url), url
    for url in ("https://tracker.example.org", "http://10.0.0.5:8080", "http://192.0.2.1"):
        assert not is_loopback_url(url), url
