"""The Congress.gov API v3 source (``congress_gov``): federal bills, as JSON.

``CongressGovApi`` is the ``Source`` (and ``ListingSource``) the registry
holds. It needs an API key, given by the caller (never read here from the
environment); the key travels only in the ``X-Api-Key`` header. ``fetch``
costs one request for an unchanged bill; ``parse`` is the pure
``parse_bundle`` over the bundle ``fetch`` returns.

Imports ``scrapers`` only; never ``db``, ``tracker`` or ``jobs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from scrapers.errors import ParseError
from scrapers.http import PoliteClient
from scrapers.model import BillRef, BillSnapshot
from scrapers.refs import parse_federal_ref
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.congress_gov.fetch import (
    API_KEY_HEADER,
    BUNDLE_FORMAT,
    DEFAULT_BASE_URL,
    KEY_SETTING,
    MAX_PAGE_SIZE,
    SOURCE,
    ApiCaller,
    fetch_bill,
)
from scrapers.sources.congress_gov.fetch import recognises as _recognises
from scrapers.sources.congress_gov.listing import list_changed_bills
from scrapers.sources.congress_gov.parse import parse_bundle

__all__ = [
    "API_KEY_HEADER",
    "BUNDLE_FORMAT",
    "DEFAULT_BASE_URL",
    "KEY_SETTING",
    "CongressGovApi",
    "parse_bundle",
]


class CongressGovApi:
    """Federal bills from api.congress.gov: item, actions, cosponsors, committees, text..."""

    name: ClassVar[str] = SOURCE
    covers: ClassVar[str] = "Congress, 93rd on (Congress.gov API v3; needs an API key)"
    kind: ClassVar[str] = "API"
    #: Congress.gov's bill status records start with the 93rd Congress (1973).
    first_congress: ClassVar[int] = 93

    def __init__(
        self,
        client: PoliteClient,
        *,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> None:
        # A missing key is refused at the first request, not here, so that
        # resolve and parse work in a setup that has no key yet.
        self._api = ApiCaller(client, base_url=base_url, api_key=api_key, page_size=page_size)

    def resolve(self, text: str) -> BillRef | None:
        """The federal bill a URL, citation or id names; None for anything else."""
        return parse_federal_ref(text)

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        """The bill bundle, or ``NotModified`` after one request if its update stamp held."""
        if ref.jurisdiction != "us":
            raise ValueError(f"{SOURCE} serves federal bills only, not {ref.key}")
        return fetch_bill(self._api, ref, prior)

    def parse(self, doc: Fetched) -> BillSnapshot:
        """The snapshot in a bundle from ``fetch``; ``ParseError`` on anything unexpected."""
        where = doc.ref.key if doc.ref is not None else doc.url
        snapshot = parse_bundle(doc.content, where=where, source_url=None)
        if doc.ref is not None and snapshot.ref != doc.ref:
            raise ParseError(SOURCE, where, "bill.number", f"is {snapshot.ref.key}")
        return snapshot

    def changed_since(self, since: datetime, *, sessions: frozenset[str]) -> Iterator[BillRef]:
        """Bills of the given Congresses updated on Congress.gov after ``since`` (aware)."""
        return list_changed_bills(self._api, since, sessions=sessions)

    @staticmethod
    def recognises(content: bytes) -> bool:
        """True for a bundle this source's ``fetch`` wrote."""
        return _recognises(content)
