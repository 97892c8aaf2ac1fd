"""The interface every bill source implements, and the values it passes around.

A source turns a bill reference into bytes (``fetch``) and bytes into a
``BillSnapshot`` (``parse``). Fetching and parsing are separate so parsers
are pure functions tested on saved documents. Sources get their HTTP client
and base URL in the constructor; they never read settings or the environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Protocol, runtime_checkable

from scrapers.model import BillRef, BillSnapshot


@dataclass(frozen=True, slots=True, kw_only=True)
class Validators:
    """HTTP cache validators stored with a bill for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    @property
    def empty(self) -> bool:
        return self.etag is None and self.last_modified is None


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A document as fetched (or read from disk), ready for ``parse``."""

    ref: BillRef | None
    url: str
    content: bytes
    content_type: str | None = None
    validators: Validators = Validators()


@dataclass(frozen=True, slots=True, kw_only=True)
class NotModified:
    """The server answered 304: nothing to parse, nothing changed."""

    ref: BillRef
    url: str
    validators: Validators = Validators()


@runtime_checkable
class Source(Protocol):
    name: ClassVar[str]

    def resolve(self, text: str) -> BillRef | None:
        """The bill this URL or id names, if this source can serve it; else None."""
        ...

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        """Fetch the bill's document, conditionally when ``prior`` validators are given."""
        ...

    def parse(self, doc: Fetched) -> BillSnapshot:
        """Parse a fetched document; raises ``ParseError`` on anything unexpected."""
        ...


@runtime_checkable
class ListingSource(Source, Protocol):
    """A source with a "changed since" listing (sitemap, update-sorted list)."""

    def changed_since(self, since: datetime, *, sessions: frozenset[str]) -> Iterator[BillRef]:
        """Bills the listing says changed after ``since`` (UTC), in the given sessions."""
        ...
