"""Pure helpers of the HTTP client: URL redaction, Retry-After, body checks.

No state and no I/O, so each is tested on its own; ``scrapers.http``
re-exports the public ones. Imports requests and the standard library only.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import requests
from urllib3.exceptions import NameResolutionError, NewConnectionError

logger = logging.getLogger(__name__)

#: Query parameters whose values never leave the client unredacted.
_SECRET_PARAMS = frozenset(
    {"api_key", "apikey", "key", "token", "access_token", "password", "secret", "signature"}
)


def looks_like_html(content: bytes, content_type: str | None = None) -> bool:
    """True for an HTML page, e.g. a maintenance or error page served with 200."""
    if content_type and "html" in content_type.lower():
        return True
    head = content[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def redact_url(url: str) -> str:
    """``url`` with passwords and secret-looking query values replaced."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        netloc = netloc.replace(f":{parts.password}@", ":REDACTED@", 1)
    query = parts.query
    pairs = parse_qsl(query, keep_blank_values=True)
    if any(k.lower() in _SECRET_PARAMS for k, _ in pairs):
        # Re-encoding may respell the query, so only a query with a secret is rebuilt.
        redacted = [(k, "REDACTED" if k.lower() in _SECRET_PARAMS else v) for k, v in pairs]
        query = urlencode(redacted, safe="/:,")
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def scrub(text: str, url: str) -> str:
    """``text`` with every secret of ``url`` (see ``redact_url``) replaced."""
    parts = urlsplit(url)
    secrets = [v for k, v in parse_qsl(parts.query) if k.lower() in _SECRET_PARAMS]
    if parts.password:
        secrets.append(parts.password)
    for secret in secrets:
        text = text.replace(quote(secret, safe=""), "REDACTED").replace(secret, "REDACTED")
    return text


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        logger.debug("ignoring unreadable Retry-After %r", value)
        return None
    if when.tzinfo is None:  # an HTTP-date is GMT by definition
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def with_params(url: str, params: Mapping[str, str] | None) -> str:
    if not params:
        return url
    prepared = requests.Request("GET", url, params=dict(params)).prepare()
    return prepared.url or url


def host_key(url: str) -> str:
    """Politeness is per machine: the host name, whatever the port or scheme."""
    return (urlsplit(url).hostname or "").lower()


def declared_length(response: requests.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.strip().isdigit() else None


def is_truncated(response: requests.Response, declared: int | None, received: int) -> bool:
    """Fewer bytes than Content-Length promised.

    urllib3 2 raises IncompleteRead first (seen as ChunkedEncodingError); this
    guards urllib3 1.x, where enforce_content_length is off by default.
    """
    if declared is None or response.headers.get("Content-Encoding"):
        return False  # compressed: Content-Length counts the wire bytes, not ours
    return received < declared


def server_key(url: str) -> str:
    """One server: host and port (two local test servers on one host are two servers)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def unreachable_reason(exc: Exception) -> str | None:
    """Why no connection could be made at all, or None when trying again may help.

    A name that does not resolve, a refused connection or a failed TLS handshake
    will fail the same way a second later: retrying them costs minutes per bill
    with no chance of success. Timeouts (connect or read), resets and cut
    bodies keep their retries.
    """
    if isinstance(exc, requests.exceptions.SSLError):
        return "TLS handshake failed"
    if isinstance(exc, requests.exceptions.ProxyError):
        return "the proxy cannot be reached"
    if isinstance(exc, requests.Timeout) or not isinstance(exc, requests.ConnectionError):
        return None
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    if isinstance(reason, NameResolutionError):
        return "name resolution failed"
    if isinstance(reason, NewConnectionError):
        refused = "refused" in str(reason).lower()
        return "connection refused" if refused else "cannot connect"
    return None
