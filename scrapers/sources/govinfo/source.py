"""The GovInfo BILLSTATUS source: one XML file per bill from GPO's bulk data.

Fetching lives here; parsing is the pure function in ``.parse`` and the
"changed since" sitemap walk is in ``.listing``. Knows HTTP through
``scrapers.http.PoliteClient`` only; never imports ``db``, ``tracker`` or
``jobs``, and never reads settings (the base URL comes in the constructor).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from scrapers.errors import TransientFetchError
from scrapers.http import PoliteClient, looks_like_html
from scrapers.model import BillRef, BillSnapshot
from scrapers.refs import parse_federal_ref
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.govinfo.listing import changed_refs
from scrapers.sources.govinfo.parse import looks_like_billstatus, parse_billstatus

DEFAULT_BASE_URL = "https://www.govinfo.gov"
#: GPO publishes BILLSTATUS from the 108th Congress on (usgpo/bill-status README).
FIRST_CONGRESS = 108


class GovInfoBillStatus:
    """BILLSTATUS XML from ``{base}/bulkdata/BILLSTATUS/{congress}/{type}/``."""

    name: ClassVar[str] = "govinfo"
    covers: ClassVar[str] = "Congress, 108th on (GovInfo BILLSTATUS XML bulk data)"
    kind: ClassVar[str] = "bulk data"
    first_congress: ClassVar[int] = FIRST_CONGRESS

    def __init__(self, client: PoliteClient, *, base_url: str = DEFAULT_BASE_URL) -> None:
        self._client = client
        self._base_url = base_url.rstrip("/")

    def resolve(self, text: str) -> BillRef | None:
        """The federal bill ``text`` names, if GovInfo has BILLSTATUS for its Congress."""
        ref = parse_federal_ref(text)
        if ref is None or int(ref.session) < FIRST_CONGRESS:
            return None
        return ref

    def document_url(self, ref: BillRef) -> str:
        c, t, n = ref.session, ref.bill_type, ref.number
        return f"{self._base_url}/bulkdata/BILLSTATUS/{c}/{t}/BILLSTATUS-{c}{t}{n}.xml"

    def fetch(self, ref: BillRef, prior: Validators | None = None) -> Fetched | NotModified:
        """The bill's BILLSTATUS file; ``NotModified`` when ``prior`` still holds."""
        response = self._client.get(self.document_url(ref), validators=prior)
        if response.status == 304:
            return NotModified(ref=ref, url=response.url, validators=response.validators)
        content_type = response.headers.get("Content-Type")
        _require_xml(response.content, content_type, url=response.url)
        return Fetched(
            ref=ref,
            url=response.url,
            content=response.content,
            content_type=content_type,
            validators=response.validators,
        )

    def parse(self, doc: Fetched) -> BillSnapshot:
        return parse_billstatus(doc.content, where=doc.url, source_url=doc.url)

    @staticmethod
    def recognises(content: bytes) -> bool:
        """True when ``content`` is a BILLSTATUS document (any format generation)."""
        return looks_like_billstatus(content)

    def changed_since(
        self,
        since: datetime,
        *,
        sessions: frozenset[str],
        bill_types: frozenset[str] | None = None,
    ) -> Iterator[BillRef]:
        """Bills the BILLSTATUS sitemaps date after ``since`` (see ``.listing``).

        Only the sitemaps of ``sessions`` (Congress numbers as text) and, if
        given, ``bill_types`` are fetched. The dates decide what to fetch,
        never whether a bill changed.
        """
        return changed_refs(
            self._client,
            base_url=self._base_url,
            since=since,
            sessions=sessions,
            bill_types=bill_types,
        )


def _require_xml(content: bytes, content_type: str | None, *, url: str) -> None:
    """A 200 with an HTML or empty body is GovInfo having a bad moment: try later."""
    if looks_like_html(content, content_type):
        raise TransientFetchError(f"expected BILLSTATUS XML, got an HTML page: {url}", url=url)
    if not content.strip():
        raise TransientFetchError(f"expected BILLSTATUS XML, got an empty body: {url}", url=url)
