"""Links in email must work where the advocate reads them: warn about a loopback public URL.

``TRACKER_PUBLIC_URL`` defaults to ``http://127.0.0.1:8080`` so that a first try
works on one machine; mail sent with it carries links (the bill page, the
unsubscribe button) that open nothing on the advocate's phone. Delivery logs
a warning once per process when it sends with such a URL, and ``tracker
status`` says so as long as the setting stays (and some mail has gone out).
"""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Notification

logger = logging.getLogger(__name__)
_warned: set[str] = set()
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback_url(url: str) -> bool:
    """True when ``url``'s host is this machine (127.0.0.0/8, ::1, localhost)."""
    host = (urlsplit(url.strip()).hostname or "").casefold()
    if host in _LOCAL_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def loopback_warning(public_url: str) -> str:
    return (
        f"email links point to {public_url}, this machine's own address: advocates "
        "cannot open them (bill pages, unsubscribe). Set TRACKER_PUBLIC_URL to the "
        "tracker's public address."
    )


def warn_once_if_loopback(public_url: str) -> bool:
    """Log the loopback warning the first time this process sends mail with ``public_url``."""
    if not is_loopback_url(public_url) or public_url in _warned:
        return False
    _warned.add(public_url)
    logger.warning("%s", loopback_warning(public_url))
    return True


def status_warning(session: Session, public_url: str) -> str | None:
    """The warning ``tracker status`` shows: loopback URL and mail already sent with it."""
    if not is_loopback_url(public_url):
        return None
    sent = session.scalar(select(Notification.id).where(Notification.status == "sent").limit(1))
    return loopback_warning(public_url) if sent is not None else None
