"""The Open States API v3 source (``openstates``): state bills, as JSON.

``OpenStatesApi`` is the ``Source`` (and ``ListingSource``) for bills of the 50
states, DC and Puerto Rico. Its key is given by the caller (never read here from
the environment) and travels only in the ``X-API-KEY`` header. ``fetch`` costs one
request (Open States sends no validators, so there is no conditional GET): the
``changed_since`` listing (``/bills?updated_since=``) is what spares unchanged bills.
``parse`` is the pure ``parse_bill`` over the saved bill object.

Sessions in ``changed_since`` are qualified by their state, ``ca/20232024``: Open
States' session names repeat across states (``2024``).

Imports ``scrapers`` only; never ``db``, ``tracker`` or ``jobs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from scrapers.errors import ParseError
from scrapers.http import PoliteClient
from scrapers.model import BillRef, BillSnapshot
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.openstates.api import (
    API_KEY_HEADER,
    DEFAULT_BASE_URL,
    KEY_SETTING,
    OpenStatesCaller,
    fetch_bill,
    list_changed,
)
from scrapers.sources.openstates.parse import SOURCE, bill_objects, parse_bill, parse_votes
from scrapers.sources.openstates.parse import recognises as _recognises
from scrapers.sources.openstates.refs import MissingSession, parse_state_ref

__all__ = [
    "API_KEY_HEADER",
    "DEFAULT_BASE_URL",
    "KEY_SETTING",
    "MissingSession",
    "OpenStatesApi",
    "parse_bill",
    "parse_votes",
    "qualified_session",
]

#: Reported free-tier limits of a default key (see ``api``): safe defaults.
DEFAULT_DAILY_REQUESTS = 250
DEFAULT_MIN_INTERVAL = 6.5


def qualified_session(jurisdiction: str, session: str) -> str:
    """``ca/20232024``: a session as ``changed_since`` takes it."""
    return f"{jurisdiction}/{session}"


class OpenStatesApi:
    """State bills from the Open States API v3: actions, sponsors, versions, votes."""

    name: ClassVar[str] = SOURCE
    covers: ClassVar[str] = (
        "State legislatures' bills (50 states, DC, PR) from the Open States API v3"
    )
    #: One detail request per bill and a small daily budget: a listing pays for
    #: itself from the first bill it spares.
    listing_min_bills: ClassVar[int] = 1

    def __init__(
        self,
        client: PoliteClient,
        *,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None,
        daily_requests: int = DEFAULT_DAILY_REQUESTS,
        min_interval: float = DEFAULT_MIN_INTERVAL,
    ) -> None:
        # A missing key is refused at the first request, so resolve and parse work without one.
        self._api = OpenStatesCaller(
            client,
            base_url=base_url,
            api_key=api_key,
            daily_budget=daily_requests,
            min_interval=min_interval,
        )

    def resolve(self, text: str) -> BillRef | None:
        """The state bill a reference or openstates.org URL names; None for anything else."""
        try:
            return parse_state_ref(text)
        except MissingSession:
            return None

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        if ref.jurisdiction == "us":
            raise ValueError(f"{SOURCE} serves state bills only, not {ref.key}")
        return fetch_bill(self._api, ref)

    def parse(self, doc: Fetched) -> BillSnapshot:
        """The snapshot of the one bill in ``doc``; ``ParseError`` on anything unexpected."""
        snapshots = self.parse_all(doc)
        if len(snapshots) != 1:
            where = doc.ref.key if doc.ref is not None else doc.url
            raise ParseError(SOURCE, where, "$", f"{len(snapshots)} bills; parse one at a time")
        snapshot = snapshots[0]
        if doc.ref is not None and snapshot.ref.key != doc.ref.key:
            raise ParseError(SOURCE, doc.ref.key, "identifier", f"is {snapshot.ref.key}")
        return snapshot

    def parse_all(self, doc: Fetched) -> list[BillSnapshot]:
        """Every bill in a saved response (one bill object, or a ``/bills`` page)."""
        where = doc.ref.key if doc.ref is not None else doc.url
        return [parse_bill(bill, where=where) for bill in bill_objects(doc.content, where)]

    def changed_since(self, since: datetime, *, sessions: frozenset[str]) -> Iterator[BillRef]:
        """Bills of the given ``state/session`` pairs Open States updated after ``since``."""
        for qualified in sorted(sessions):
            jurisdiction, slash, session = qualified.partition("/")
            if not slash or not session:
                raise ValueError(f"an Open States session is 'state/session', not {qualified!r}")
            yield from list_changed(self._api, since, jurisdiction=jurisdiction, session=session)

    @staticmethod
    def recognises(content: bytes) -> bool:
        """True for a saved v3 bill object or ``/bills`` page."""
        return _recognises(content)
