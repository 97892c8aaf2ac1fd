"""Building the MIME message: headers that cannot be injected, stable ids, same bytes.

Every header value goes through ``one_line`` (CR, LF and every other line or
control character become a space) and is set through ``email.headerregistry``
objects, so a bill title or an advocate's name can never add a header.
The message is ``multipart/alternative`` (text first, HTML last, as RFC 2046
asks: the richest part last).

Headers mail clients must read as they are: ``List-Unsubscribe`` is always a
plain ``<https://...>`` (clients ignore an RFC 2047 encoded-word there, which
is what ``email`` writes for a long value without spaces), and an ASCII
subject is folded only at its spaces (RFC 5322 section 2.2.3), so unfolding it
gives back the very same text. See ``MailPolicy``.

A retry must send the same bytes as the first attempt, so nothing here is
random or time-dependent: the Message-ID comes from the notification's
dedupe key, the Date from its creation time, and the MIME boundary from a
hash of the content (``email`` would otherwise pick a random one).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime, parseaddr
from functools import lru_cache

# Line and paragraph separators a mail client or header parser may honour,
# and every other control character.
_BREAKS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_SPACES = re.compile(r"\s+")


class InvalidAddress(ValueError):
    """An address the message cannot be sent to or from."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Outgoing:
    """Everything one email needs; built from the stored outbox row."""

    to_email: str
    to_name: str | None
    subject: str
    text: str
    html: str
    message_id: str
    created_at: datetime
    unsubscribe_url: str
    unsubscribe_mailto: str = ""  # "mailto:...": a second List-Unsubscribe way, if set up


def one_line(text: str | None, limit: int | None = None) -> str:
    """``text`` with line breaks and control characters folded into single spaces."""
    text = text or ""
    # Fast path (most text): nothing to fold. isprintable() is False for every line
    # break and control character _BREAKS knows, and for other whitespace but " ".
    if text.isprintable() and "  " not in text:
        flat = text.strip()
    else:
        flat = _SPACES.sub(" ", _BREAKS.sub(" ", text)).strip()
    if limit is not None and len(flat) > limit:
        return flat[: limit - 1].rstrip() + "…"
    return flat


def sender_address(mail_from: str) -> Address:
    """The sender from ``TRACKER_MAIL_FROM`` ("Name <addr>" or a bare address)."""
    name, addr = parseaddr(one_line(mail_from))
    return _address(name, addr, what="TRACKER_MAIL_FROM")


def message_id_for(dedupe_key: str, mail_from: str) -> str:
    """``<hash@domain>``: the same notification always gets the same Message-ID."""
    domain = _sender_domain(mail_from)
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}@{domain}>"


@lru_cache(maxsize=16)
def _sender_domain(mail_from: str) -> str:
    return sender_address(mail_from).domain or "localhost"


#: RFC 5322: a line SHOULD be at most 78 characters; folding aims at it.
_FOLD_AT = 78
#: Headers written as they are, folded at spaces only: never encoded-words.
_VERBATIM = frozenset({"list-unsubscribe", "list-unsubscribe-post"})


class MailPolicy(EmailPolicy):
    """``email``'s default policy, but ``List-Unsubscribe`` and ASCII subjects are
    folded at spaces only (a value with no space stays one line, up to the 998
    characters RFC 5322 allows), never turned into RFC 2047 encoded-words."""

    def fold(self, name: str, value: str) -> str:
        if _verbatim(name, value):
            return _fold_at_spaces(name, str(value), self.linesep)
        return str(super().fold(name, value))

    def fold_binary(self, name: str, value: str) -> bytes:
        if _verbatim(name, value):
            return _fold_at_spaces(name, str(value), self.linesep).encode("ascii")
        return bytes(super().fold_binary(name, value))


def _verbatim(name: str, value: str) -> bool:
    lowered = name.lower()
    return (lowered in _VERBATIM or lowered == "subject") and str(value).isascii()


def _fold_at_spaces(name: str, value: str, linesep: str) -> str:
    """``Name: value`` with a line break before a space where a line would pass 78."""
    words = value.split(" ")
    lines = [f"{name}: {words[0]}"]
    for word in words[1:]:
        if word and len(lines[-1]) + 1 + len(word) > _FOLD_AT:
            lines.append(" " + word)
        else:
            lines[-1] += " " + word
    return linesep.join(lines) + linesep


MAIL_POLICY = MailPolicy()


def list_unsubscribe(url: str, mailto: str = "") -> str:
    """The ``List-Unsubscribe`` value (RFC 2369): the https link, then the mailto one."""
    links = [f"<{one_line(url)}>"]
    if mailto:
        links.append(f"<{one_line(mailto)}>")
    return ", ".join(links)


def build_message(mail: Outgoing, *, mail_from: str) -> EmailMessage:
    msg = EmailMessage(policy=MAIL_POLICY)
    msg["From"] = sender_address(mail_from)
    msg["To"] = _address(mail.to_name, mail.to_email, what="recipient")
    msg["Subject"] = one_line(mail.subject)
    msg["Date"] = format_datetime(mail.created_at)
    msg["Message-ID"] = one_line(mail.message_id)
    # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
    msg["List-Unsubscribe"] = list_unsubscribe(mail.unsubscribe_url, mail.unsubscribe_mailto)
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation auto-replies
    msg.set_content(mail.text)
    msg.add_alternative(mail.html, subtype="html")
    msg.set_boundary("=_" + _content_hash(mail))
    return msg


def _address(name: str | None, addr: str, *, what: str) -> Address:
    addr = one_line(addr)
    if "@" not in addr:
        raise InvalidAddress(f"{what} {addr!r} is not an email address")
    try:
        return Address(display_name=one_line(name), addr_spec=addr)
    except (HeaderParseError, ValueError, IndexError) as exc:
        raise InvalidAddress(f"{what} {addr!r} is not an email address: {exc}") from None


def _content_hash(mail: Outgoing) -> str:
    h = hashlib.sha256()
    for part in (mail.message_id, mail.subject, mail.text, mail.html):
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]
