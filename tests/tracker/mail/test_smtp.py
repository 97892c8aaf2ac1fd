"""TRACKER_SMTP_URL forms, and how SMTP replies are sorted into retry or give up."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from tests.tracker.mail.conftest import SmtpServer
from tracker.core.errors import ConfigError
from tracker.mail.smtp import (
    PermanentSendError,
    SmtpConfig,
    SmtpMailer,
    SmtpUnavailable,
    TemporarySendError,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.org", ("mail.example.org", 25, "none", None, None)),
        ("smtp://relay:2525", ("relay", 2525, "none", None, None)),
        (
            "smtp://me%40x.org:p%2Fw@mail.example.org?starttls=true",
            ("mail.example.org", 587, "starttls", "me@x.org", "p/w"),
        ),
        ("smtps://u:p@mail.example.org", ("mail.example.org", 465, "ssl", "u", "p")),
        ("smtps://mail.example.org:2465", ("mail.example.org", 2465, "ssl", None, None)),
    ],
)
def test_url_forms(url, expected):
    cfg = SmtpConfig.from_url(url)
    assert (cfg.host, cfg.port, cfg.tls, cfg.username, cfg.password) == expected


def test_timeout_from_the_url():
    assert SmtpConfig.from_url("smtp://h:25?timeout=7.5").timeout == 7.5


@pytest.mark.parametrize(
    "url", ["http://u:secret@host", "smtp://", "smtps://u:secret@h?starttls=true", "smtp://h:x"]
)
def test_bad_urls_are_config_errors_that_hide_the_password(url):
    with pytest.raises(ConfigError) as caught:
        SmtpConfig.from_url(url)
    assert "secret" not in str(caught.value)


def _message(to: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "alerts@tracker.example.org"
    msg["To"] = to
    msg["Subject"] = "hello"
    msg.set_content("hi")
    return msg


def test_replies_are_sorted_into_temporary_and_permanent(smtp):
    smtp.handler.refuse["full@example.org"] = "452 4.2.2 Mailbox full"
    smtp.handler.refuse["gone@example.org"] = "550 5.1.1 No such user"
    with SmtpMailer.from_url(smtp.url, mail_from="alerts@tracker.example.org") as mailer:
        with pytest.raises(TemporarySendError) as temporary:
            mailer.send(_message("full@example.org"))
        assert temporary.value.code == 452 and not isinstance(temporary.value, SmtpUnavailable)
        with pytest.raises(PermanentSendError) as permanent:
            mailer.send(_message("gone@example.org"))
        assert permanent.value.code == 550
        smtp.handler.data_replies.append("554 5.7.1 Message rejected")
        with pytest.raises(PermanentSendError):
            mailer.send(_message("ok@example.org"))
        mailer.send(_message("ok@example.org"))  # the same connection still works
    assert [m.rcpt_tos for m in smtp.messages] == [["ok@example.org"]]


def test_a_refused_connection_is_unavailable():
    server = SmtpServer()  # not started
    mailer = SmtpMailer.from_url(server.url, mail_from="a@b.org")
    with mailer, pytest.raises(SmtpUnavailable, match="unavailable"):
        mailer.send(_message("ok@example.org"))


def test_no_smtp_url_is_a_config_error():
    with pytest.raises(ConfigError, match="TRACKER_SMTP_URL is not set"):
        SmtpMailer.from_url(None, mail_from="a@b.org")


def test_a_connection_dropped_while_idle_is_reopened(smtp):
    """The daemon keeps its mailer: a server that hung up meanwhile is not 'down'."""
    config = SmtpConfig.from_url(smtp.url)
    mailer = SmtpMailer(config, mail_from="alerts@tracker.example.org", idle_check_seconds=0)
    with mailer:
        mailer.send(_message("first@example.org"))
        smtp.stop()  # the server goes away and comes back: the old socket is dead
        smtp.start()
        mailer.send(_message("second@example.org"))
    assert [m.rcpt_tos for m in smtp.messages] == [["first@example.org"], ["second@example.org"]]
