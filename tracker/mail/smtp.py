"""Sending over SMTP, with failures sorted into "try again later" and "give up".

``TRACKER_SMTP_URL`` forms::

    smtp://host:25                      plain (a local relay)
    smtp://user:pass@host:587?starttls=true
    smtps://user:pass@host:465          TLS from the first byte
    ...&timeout=20                      seconds per SMTP operation (default 30)

Errors (``SendError``)::

    SendError
    ├── TemporarySendError     4xx reply: retry this message later
    │   └── SmtpUnavailable    cannot connect, TLS, login, timeout, sender refused:
    │                          nothing will get through now; stop the batch
    └── PermanentSendError     5xx reply about this message or recipient (550 ...)

The connection is opened on the first ``send`` and reused until ``close``. A
long-lived mailer (the daemon's) finds its connection dropped by the server
after idle time; a connection idle for more than ``IDLE_CHECK_SECONDS`` is
checked with NOOP before use and reopened if it is gone, so that is not
mistaken for the server being down.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass
from email.message import EmailMessage
from types import TracebackType
from urllib.parse import parse_qs, unquote, urlsplit

from tracker.core.errors import ConfigError
from tracker.mail.message import sender_address

DEFAULT_TIMEOUT = 30.0
IDLE_CHECK_SECONDS = 10.0
_DEFAULT_PORTS = {("smtp", False): 25, ("smtp", True): 587, ("smtps", False): 465}
_TRUE = {"1", "true", "yes", "on"}


class SendError(Exception):
    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class TemporarySendError(SendError):
    pass


class SmtpUnavailable(TemporarySendError):
    pass


class PermanentSendError(SendError):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpConfig:
    host: str
    port: int
    tls: str = "none"  # "none" | "starttls" | "ssl"
    username: str | None = None
    password: str | None = None
    timeout: float = DEFAULT_TIMEOUT

    @classmethod
    def from_url(cls, url: str) -> SmtpConfig:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        starttls = query.get("starttls", "").lower() in _TRUE
        if (
            scheme not in ("smtp", "smtps")
            or not parts.hostname
            or (scheme, starttls) not in (_DEFAULT_PORTS)
        ):
            raise ConfigError(
                f"TRACKER_SMTP_URL {_redacted(url)!r} is not smtp://[user:pass@]host:port"
                "[?starttls=true] or smtps://[user:pass@]host:port"
            )
        try:
            port = parts.port or _DEFAULT_PORTS[(scheme, starttls)]
            timeout = float(query.get("timeout", DEFAULT_TIMEOUT))
        except ValueError as exc:
            raise ConfigError(f"TRACKER_SMTP_URL {_redacted(url)!r}: {exc}") from None
        return cls(
            host=parts.hostname,
            port=port,
            tls="ssl" if scheme == "smtps" else "starttls" if starttls else "none",
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            timeout=timeout,
        )

    @property
    def display(self) -> str:
        return f"{'smtps' if self.tls == 'ssl' else 'smtp'}://{self.host}:{self.port}"


class SmtpMailer:
    """Sends ``EmailMessage``s through one SMTP server; use as a context manager."""

    def __init__(
        self,
        config: SmtpConfig,
        *,
        mail_from: str,
        ssl_context: ssl.SSLContext | None = None,
        idle_check_seconds: float = IDLE_CHECK_SECONDS,
    ) -> None:
        self.config = config
        self.mail_from = mail_from
        self._envelope_from = sender_address(mail_from).addr_spec
        self._ssl_context = ssl_context
        self._conn: smtplib.SMTP | None = None
        self._last_used = 0.0
        self._idle_check = idle_check_seconds

    @classmethod
    def from_url(cls, url: str | None, *, mail_from: str) -> SmtpMailer:
        if not url:
            raise ConfigError(
                "TRACKER_SMTP_URL is not set: set it to your mail server, "
                "e.g. smtp://user:pass@mail.example.org:587?starttls=true"
            )
        return cls(SmtpConfig.from_url(url), mail_from=mail_from)

    def send(self, message: EmailMessage) -> None:
        """Hand one message to the server; raises a ``SendError`` subclass on failure."""
        recipient = message["To"].addresses[0].addr_spec
        try:
            conn = self._connection()
            conn.send_message(message, from_addr=self._envelope_from, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as exc:
            code, reply = next(iter(exc.recipients.values()))
            raise _by_code(code, f"{recipient} refused: {code} {_text(reply)}") from None
        except smtplib.SMTPSenderRefused as exc:
            self.close()
            raise SmtpUnavailable(
                f"{self.config.display} refused the sender {self._envelope_from}: "
                f"{exc.smtp_code} {_text(exc.smtp_error)}",
                code=exc.smtp_code,
            ) from None
        except smtplib.SMTPResponseException as exc:
            if isinstance(exc, smtplib.SMTPAuthenticationError) or exc.smtp_code in (421,):
                self.close()
                raise SmtpUnavailable(self._problem(exc), code=exc.smtp_code) from None
            raise _by_code(exc.smtp_code, f"{exc.smtp_code} {_text(exc.smtp_error)}") from None
        except (smtplib.SMTPException, OSError) as exc:  # refused, reset, timeout, TLS
            self.close()
            raise SmtpUnavailable(self._problem(exc)) from None

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.quit()
        except (smtplib.SMTPException, OSError):
            conn.close()  # the server went away first; just drop the socket

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> smtplib.SMTP:
        now = time.monotonic()
        if self._conn is not None and now - self._last_used >= self._idle_check:
            try:
                self._conn.noop()
            except (smtplib.SMTPException, OSError):
                self.close()  # the server hung up while we were idle: open a new one
        if self._conn is None:
            self._conn = self._connect()
        self._last_used = now
        return self._conn

    def _connect(self) -> smtplib.SMTP:
        cfg = self.config
        context = self._ssl_context or ssl.create_default_context()
        conn: smtplib.SMTP
        if cfg.tls == "ssl":
            conn = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout, context=context)
        else:
            conn = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        try:
            conn.ehlo()
            if cfg.tls == "starttls":
                conn.starttls(context=context)
                conn.ehlo()
            if cfg.username:
                conn.login(cfg.username, cfg.password or "")
        except BaseException:
            conn.close()
            raise
        return conn

    def _problem(self, exc: BaseException) -> str:
        detail = (
            f"{exc.smtp_code} {_text(exc.smtp_error)}"
            if isinstance(exc, smtplib.SMTPResponseException)
            else str(exc) or exc.__class__.__name__
        )
        return f"SMTP server {self.config.display} unavailable: {detail}"


def _by_code(code: int, message: str) -> SendError:
    return (
        PermanentSendError(message, code=code)
        if code >= 500
        else TemporarySendError(message, code=code)
    )


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    return " ".join(text.split())


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return parts._replace(netloc=netloc).geturl()
