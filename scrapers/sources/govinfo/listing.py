"""GovInfo's "changed since" listing for BILLSTATUS: the bulk-data sitemaps.

The layout, as GPO and the projects that read it describe it:

- GPO's README for the collection (usgpo/bill-status, "Sitemap") names the
  entry point ``https://www.govinfo.gov/sitemap/bulkdata/BILLSTATUS/sitemapindex.xml``.
- That index is a sitemaps.org ``<sitemapindex>`` with one ``<sitemap>`` per
  Congress and bill type: ``<loc>.../sitemap/bulkdata/BILLSTATUS/115hr/sitemap.xml</loc>``
  and a ``<lastmod>``. unitedstates/congress (``congress/tasks/govinfo.py``)
  walks exactly this tree, matches ``sitemap/bulkdata/(\\w+)/(\\d+)(.*)/sitemap.xml``
  to filter by Congress, and re-reads a child sitemap only when its
  ``<lastmod>`` in the index changed.
- Each child is a ``<urlset>`` with one ``<url>`` per bill file:
  ``<loc>https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml</loc>``
  and ``<lastmod>2026-04-21T20:20:00.649Z</lastmod>`` (ISO 8601, UTC, with
  milliseconds), as in the sitemaps openstates-scrapers' ``usa`` scraper tests with.
- GPO also offers directory listings as XML or JSON
  (``/bulkdata/xml/...``, ``/bulkdata/json/...``, usgpo/bulk-data README);
  the sitemaps are used here because they carry a date per file.

We read the index once, skip the child sitemaps of Congresses and types
nobody asked for and those not modified since ``since``, and read the rest.
Listing dates only decide *what to fetch*: maintenance runs bump thousands
of unchanged files (DESIGN.md), so whether a bill changed is decided later
from a hash of its parsed content. Child sitemap URLs are rebuilt on our own
``base_url`` (the index names www.govinfo.gov), so mirrors and tests work.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from lxml import etree

from scrapers.errors import ParseError, TransientFetchError
from scrapers.http import PoliteClient, looks_like_html
from scrapers.model import BillRef
from scrapers.refs import FEDERAL_BILL_TYPES, parse_federal_ref
from scrapers.sources.govinfo.parse import SOURCE

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NS = {"sm": SITEMAP_NS}
_COLLECTION_PATH = re.compile(r"/sitemap/bulkdata/BILLSTATUS/(\d{1,3})([a-z]+)/sitemap\.xml$")
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class SitemapEntry:
    """One ``<sitemap>`` or ``<url>``: where, and when the publisher last touched it."""

    loc: str
    lastmod: datetime | None  # aware UTC; None when the entry has no date


def sitemap_index_url(base_url: str) -> str:
    return f"{base_url.rstrip('/')}/sitemap/bulkdata/BILLSTATUS/sitemapindex.xml"


def collection_sitemap_url(base_url: str, congress: str, bill_type: str) -> str:
    return f"{base_url.rstrip('/')}/sitemap/bulkdata/BILLSTATUS/{congress}{bill_type}/sitemap.xml"


def changed_refs(
    client: PoliteClient,
    *,
    base_url: str,
    since: datetime,
    sessions: frozenset[str],
    bill_types: frozenset[str] | None = None,
) -> Iterator[BillRef]:
    """Bills whose sitemap ``<lastmod>`` is after ``since``, in the given Congresses."""
    if since.tzinfo is None:
        raise ValueError("since must be an aware datetime (UTC)")
    types = frozenset(FEDERAL_BILL_TYPES) if bill_types is None else bill_types
    index = _fetch_entries(client, sitemap_index_url(base_url), root="sitemapindex")
    for congress, bill_type in _collections_to_read(index, since, sessions, types):
        url = collection_sitemap_url(base_url, congress, bill_type)
        for entry in _fetch_entries(client, url, root="urlset"):
            if entry.lastmod is None or entry.lastmod > since:
                yield _ref_of(entry, congress=congress, bill_type=bill_type, where=url)


def parse_sitemap(content: bytes, *, where: str, root: str) -> tuple[SitemapEntry, ...]:
    """The entries of a ``<sitemapindex>`` or ``<urlset>`` document."""
    try:
        doc = etree.fromstring(content, parser=_SAFE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ParseError(SOURCE, where, root, f"not XML: {exc}") from exc
    if doc.tag != f"{{{SITEMAP_NS}}}{root}":
        raise ParseError(SOURCE, where, root, f"root element is {doc.tag!r}")
    child = "sitemap" if root == "sitemapindex" else "url"
    return tuple(_entry(node, where, child) for node in doc.iterfind(f"sm:{child}", _NS))


def collection_of(loc: str) -> tuple[str, str] | None:
    """``("115", "hr")`` for ``.../sitemap/bulkdata/BILLSTATUS/115hr/sitemap.xml``."""
    m = _COLLECTION_PATH.search(urlsplit(loc).path)
    return (m.group(1), m.group(2)) if m else None


def _collections_to_read(
    index: Iterable[SitemapEntry],
    since: datetime,
    sessions: frozenset[str],
    types: frozenset[str],
) -> Iterator[tuple[str, str]]:
    for entry in index:
        collection = collection_of(entry.loc)
        if collection is None or collection[0] not in sessions or collection[1] not in types:
            continue
        if entry.lastmod is not None and entry.lastmod <= since:
            logger.debug("BILLSTATUS %s%s: sitemap unchanged since %s", *collection, since)
            continue
        yield collection


def _fetch_entries(client: PoliteClient, url: str, *, root: str) -> tuple[SitemapEntry, ...]:
    response = client.get(url)
    if looks_like_html(response.content, response.headers.get("Content-Type")):
        # GovInfo answers 200 with an HTML page during maintenance: try later.
        raise TransientFetchError(
            f"expected a sitemap, got an HTML page: {response.url}", url=response.url
        )
    return parse_sitemap(response.content, where=response.url, root=root)


def _entry(node: etree._Element, where: str, child: str) -> SitemapEntry:
    loc = (node.findtext("sm:loc", namespaces=_NS) or "").strip()
    if not loc:
        raise ParseError(SOURCE, where, f"{child}/loc")
    lastmod = (node.findtext("sm:lastmod", namespaces=_NS) or "").strip()
    return SitemapEntry(loc=loc, lastmod=_parse_lastmod(lastmod, where, child) if lastmod else None)


def _parse_lastmod(text: str, where: str, child: str) -> datetime:
    try:
        # Python 3.11 reads "Z" and milliseconds; a bare date (allowed by the
        # sitemap protocol) becomes midnight.
        when = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ParseError(SOURCE, where, f"{child}/lastmod", f"bad date {text!r}") from exc
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _ref_of(entry: SitemapEntry, *, congress: str, bill_type: str, where: str) -> BillRef:
    """The bill a ``<url>`` names; it must belong to the sitemap it is listed in."""
    name = urlsplit(entry.loc).path.rsplit("/", 1)[-1]
    ref = parse_federal_ref(name)
    if ref is None or ref.session != congress or ref.bill_type != bill_type:
        raise ParseError(SOURCE, where, "url/loc", f"not a {congress}{bill_type} bill: {entry.loc}")
    return ref
