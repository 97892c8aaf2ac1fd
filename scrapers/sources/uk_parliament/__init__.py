"""The UK Parliament Bills API source (``uk_parliament``): Westminster bills, as JSON.

``UkParliamentBills`` is the ``Source`` (and ``ListingSource``) the registry
holds. No key. Keys are ``uk-{session}-bill{id}``: the API's bill id (unique
across sessions) and the id of the session the bill was introduced in, which
never changes for a bill (a carried-over bill keeps it). bills.parliament.uk
addresses name only the bill id; ``bill_id_in`` reads it so the caller can ask
the API for the session (``lookup_ref``).

Imports ``scrapers`` only; never ``db``, ``tracker`` or ``jobs``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from scrapers.errors import ParseError
from scrapers.http import PoliteClient
from scrapers.model import BillRef, BillSnapshot
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.uk_parliament.fetch import (
    BUNDLE_FORMAT,
    DEFAULT_BASE_URL,
    SOURCE,
    BillsApi,
    bill_path,
    fetch_bill,
)
from scrapers.sources.uk_parliament.listing import list_changed_bills
from scrapers.sources.uk_parliament.parse import (
    bill_page_url,
    is_bill,
    parse_bill,
    parse_document,
    uk_ref,
)

__all__ = [
    "BUNDLE_FORMAT",
    "DEFAULT_BASE_URL",
    "UkParliamentBills",
    "bill_id_in",
    "bill_page_url",
    "parse_bill",
    "parse_key",
    "uk_ref",
]

#: bills.parliament.uk/bills/3370, with or without /stages, /publications... after it.
_PAGE = re.compile(r"^(?:https?://)?bills\.parliament\.uk/bills/(\d+)(?:[/?#].*)?$", re.IGNORECASE)
#: The Bills API's own address for a bill (any base host): .../api/v1/Bills/3370[/Stages].
_API = re.compile(r"^https?://[^/]+/api/v1/Bills/(\d+)(?:[/?#].*)?$", re.IGNORECASE)
#: ``uk bill 3370`` / ``UK Bill 3370``.
_WORDS = re.compile(r"^uk\s+bill\s+(\d+)$", re.IGNORECASE)
#: The key itself, ``uk-35-bill2818``.
_KEY = re.compile(r"^uk-(\d+)-bill(\d+)$", re.IGNORECASE)


def parse_key(text: str) -> BillRef | None:
    """``uk-35-bill2818`` as a reference; None for anything else."""
    match = _KEY.match(text.strip())
    return uk_ref(int(match.group(2)), match.group(1)) if match else None


def bill_id_in(text: str) -> int | None:
    """The bill id a bills.parliament.uk or Bills API address (or ``uk bill N``) names."""
    text = text.strip()
    for pattern in (_PAGE, _API, _WORDS):
        match = pattern.match(text)
        if match:
            return int(match.group(1))
    return None


class UkParliamentBills:
    """UK Parliament bills from bills-api.parliament.uk: the bill, its stages and sittings."""

    name: ClassVar[str] = SOURCE
    covers: ClassVar[str] = (
        "UK Parliament bills (Commons and Lords) from the Bills API, bills-api.parliament.uk"
    )

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._api = BillsApi(client, base_url=base_url)

    def resolve(self, text: str) -> BillRef | None:
        """The UK bill a key names, or one a bills.parliament.uk address names (one request
        to learn its session); None for anything else."""
        ref = parse_key(text)
        if ref is not None:
            return ref
        bill_id = bill_id_in(text)
        return self.lookup_ref(bill_id) if bill_id is not None else None

    def lookup_ref(self, bill_id: int) -> BillRef:
        """The bill's reference, its session read from the API."""
        bill = self._api.get_json(f"/api/v1/Bills/{bill_id}")
        session = bill.get("introducedSessionId")
        if bill.get("billId") != bill_id or not isinstance(session, int):
            raise ParseError(SOURCE, self._api.url(f"/api/v1/Bills/{bill_id}"), "billId")
        return uk_ref(bill_id, session)

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        """The bill bundle, or ``NotModified`` after one request if ``lastUpdate`` held."""
        if ref.jurisdiction != "uk":
            raise ValueError(f"{SOURCE} serves UK bills only, not {ref.key}")
        return fetch_bill(self._api, ref, prior)

    def parse(self, doc: Fetched) -> BillSnapshot:
        """The snapshot in a bundle or bill document; ``ParseError`` on anything unexpected."""
        where = doc.ref.key if doc.ref is not None else doc.url
        snapshot = parse_document(doc.content, where=where)
        if doc.ref is not None and snapshot.ref != doc.ref:
            raise ParseError(SOURCE, where, "billId", f"is {snapshot.ref.key}")
        return snapshot

    def changed_since(self, since: datetime, *, sessions: frozenset[str]) -> Iterator[BillRef]:
        """Bills of the given sessions whose API record was updated after ``since``."""
        return list_changed_bills(self._api, since, sessions=sessions)

    def bill_url(self, ref: BillRef) -> str:
        return self._api.url(bill_path(ref))

    @staticmethod
    def recognises(content: bytes) -> bool:
        """True for a bundle ``fetch`` wrote, or a bill as the Bills API returns it."""
        if b"billId" not in content:  # cheap refusal of XML and other JSON
            return False
        try:
            return is_bill(json.loads(content))
        except (UnicodeDecodeError, json.JSONDecodeError):
            return False
