"""Fixtures for the email tests: a real SMTP server (aiosmtpd), sessions that roll back.

``smtp`` is an aiosmtpd ``Controller`` on 127.0.0.1 with a recording handler.
aiosmtpd cannot bind port 0, so a free port is picked first; ``smtp.stop()``
and ``smtp.start()`` take the server down and bring it back on the same port,
which is how "SMTP is down, then back" is played.
"""

from __future__ import annotations

import socket
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.tracker.mail.builders import T0, Clock
from tracker.core.settings import Settings

SECRET = "test-secret-key-not-for-production"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes

    @property
    def message(self) -> EmailMessage:
        msg = message_from_bytes(self.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        return msg


@dataclass
class Recorder:
    """aiosmtpd handler: refuses chosen recipients, can answer DATA with queued replies."""

    messages: list[Received] = field(default_factory=list)
    data_attempts: list[bytes] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # address -> reply
    data_replies: deque[str] = field(default_factory=deque)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_attempts.append(envelope.content)
        if self.data_replies:
            return self.data_replies.popleft()
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content)
        )
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self, **smtp_kwargs: Any) -> None:
        self.port = free_port()
        self.handler = Recorder()
        self._kwargs = smtp_kwargs
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}?timeout=5"

    @property
    def messages(self) -> list[Received]:
        return self.handler.messages

    def start(self) -> None:
        self._controller = Controller(
            self.handler, hostname="127.0.0.1", port=self.port, **self._kwargs
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down() -> Iterator[SmtpServer]:
    """A server that is not running yet (connections are refused) until ``start()``."""
    server = SmtpServer()
    yield server
    server.stop()


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login,
        auth_data.password,
    ) == (b"tracker", b"s3cret/pass")
    return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535


@pytest.fixture
def smtp_auth() -> Iterator[SmtpServer]:
    """A server offering AUTH over plain text (loopback only); a wrong password gets 535."""
    server = SmtpServer(authenticator=_authenticate, auth_require_tls=False)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def sessions(shared_engine: Engine) -> Iterator[sessionmaker[Session]]:
    """A session factory whose transactions are savepoints in one outer transaction,
    rolled back after the test; every ``sessions.begin()`` commits a real savepoint.
    (On SQLite the shared engine emits BEGIN itself, so savepoints nest properly.)
    """
    conn = shared_engine.connect()
    outer = conn.begin()
    factory = sessionmaker(
        bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
    )
    try:
        yield factory
    finally:
        outer.rollback()
        conn.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(T0)


@pytest.fixture
def settings() -> Settings:
    return Settings(
        secret_key=SECRET,
        mail_from="Bill Tracker <alerts@tracker.example.org>",
        public_url="https://tracker.example.org",
    )
