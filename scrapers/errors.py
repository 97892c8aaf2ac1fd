"""Errors raised by sources and the HTTP client.

    SourceError                  anything a source cannot do
    ├── FetchError               the document could not be had
    │   ├── TransientFetchError  timeouts, connection errors, 429, 5xx after retries: try later
    │   │   └── HostUnreachable  no connection at all (DNS, refused, TLS): not retried
    │   ├── NotFound             404 / 410: the bill or document does not exist there
    │   └── Refused              401 / 403, robots.txt disallows, response too large, other 4xx
    └── ParseError               the document is not what the source expects (layout drift)

Messages name the thing: the URL, the status, the bill key, the missing path.
"""

from __future__ import annotations

import json
from typing import Any


class SourceError(Exception):
    """Base class of everything a source raises."""


class FetchError(SourceError):
    def __init__(self, message: str, *, url: str, status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class TransientFetchError(FetchError):
    """Worth trying again later (the caller backs off)."""


class HostUnreachable(TransientFetchError):
    """No connection could be made to ``server``; other requests to it fail at once for a while."""

    def __init__(self, message: str, *, url: str, server: str) -> None:
        super().__init__(message, url=url)
        self.server = server


class NotFound(FetchError):
    """The server says the document does not exist."""


class Refused(FetchError):
    """The server (or its robots.txt, or our own limits) will not give us the document."""


class ParseError(SourceError):
    """The document does not have the shape the parser needs.

    ``where`` names the document (a bill key, a URL or a file name) and
    ``path`` the element or key that was missing or malformed.
    """

    def __init__(self, source: str, where: str, path: str, problem: str = "missing") -> None:
        super().__init__(f"{source}: {where}: {path}: {problem}")
        self.source = source
        self.where = where
        self.path = path
        self.problem = problem


def load_json(content: bytes, *, source: str, where: str) -> Any:
    """The JSON value of a fetched or saved document; ``ParseError`` when it is not JSON."""
    try:
        return json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ParseError(source, where, "$", "not JSON") from None


def load_json_object(content: bytes, *, source: str, where: str) -> dict[str, Any]:
    """As ``load_json``, and the value must be an object (what every API answer is)."""
    doc = load_json(content, source=source, where=where)
    if not isinstance(doc, dict):
        raise ParseError(source, where, "$", "not a JSON object")
    return doc
