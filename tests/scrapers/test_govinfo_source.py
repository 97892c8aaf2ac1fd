"""GovInfoBillStatus against a local server laid out like www.govinfo.gov:
the real H.R. 4030 (115th) BILLSTATUS file at its real path, and sitemaps
in the shape GovInfo publishes (see scrapers/sources/govinfo/listing.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from werkzeug import Request, Response

from scrapers.errors import NotFound, ParseError, TransientFetchError
from scrapers.http import PoliteClient, default_user_agent
from scrapers.model import BillRef
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.govinfo.listing import parse_sitemap
from scrapers.sources.govinfo.source import GovInfoBillStatus
from tests.scrapers._servers import FakeClock

BILL_PATH = "/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml"
HR4030 = BillRef(session="115", bill_type="hr", number=4030)
SINCE = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def client() -> Iterator[PoliteClient]:
    clock = FakeClock()
    with PoliteClient(
        user_agent=default_user_agent("ops@example.org"),
        sleep=clock.sleep,
        monotonic=clock.monotonic,
        jitter=lambda: 0.0,
        max_retries=1,
    ) as polite:
        yield polite


@pytest.fixture
def source(httpserver, client) -> GovInfoBillStatus:
    return GovInfoBillStatus(client, base_url=httpserver.url_for("/"))


@pytest.fixture
def hr4030_xml(test_data) -> bytes:
    return (test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4030.xml").read_bytes()


def paths_requested(httpserver) -> list[str]:
    return [request.path for request, _ in httpserver.log]


# --- addresses ---------------------------------------------------------------------


def test_document_url_follows_the_bulk_data_layout(client):
    url = GovInfoBillStatus(client).document_url(HR4030)
    assert url == "https://www.govinfo.gov" + BILL_PATH


@pytest.mark.parametrize(
    "text",
    [
        "hr4030-115",
        "H.R. 4030 (115th Congress)",
        "https://www.govinfo.gov" + BILL_PATH,
        "https://www.govinfo.gov/app/details/BILLSTATUS-115hr4030",
    ],
)
def test_resolve_reads_federal_references(client, text):
    assert GovInfoBillStatus(client).resolve(text) == HR4030


@pytest.mark.parametrize("text", ["hr1-100", "not a bill", "https://example.org/hr4030"])
def test_resolve_refuses_what_govinfo_cannot_serve(client, text):
    # BILLSTATUS starts with the 108th Congress.
    assert GovInfoBillStatus(client).resolve(text) is None


# --- fetch and parse -----------------------------------------------------------------


def test_fetch_and_parse_the_real_file(httpserver, source, hr4030_xml):
    httpserver.expect_request(BILL_PATH).respond_with_data(
        hr4030_xml, content_type="application/xml", headers={"ETag": '"abc"'}
    )

    fetched = source.fetch(HR4030)

    assert isinstance(fetched, Fetched)
    assert fetched.ref == HR4030
    assert fetched.url == httpserver.url_for(BILL_PATH)
    assert fetched.content == hr4030_xml
    assert fetched.validators.etag == '"abc"'
    snapshot = source.parse(fetched)
    assert snapshot.ref.key == "hr4030-115"
    assert snapshot.title == "Title IX Protection Act"
    assert snapshot.introduced_on is not None
    assert snapshot.introduced_on.isoformat() == "2017-10-12"


def test_fetch_with_validators_can_come_back_not_modified(httpserver, source):
    def handler(request: Request) -> Response:
        assert request.headers.get("If-None-Match") == '"abc"'
        return Response(status=304, headers={"ETag": '"abc"'})

    httpserver.expect_request(BILL_PATH).respond_with_handler(handler)
    prior = Validators(etag='"abc"', last_modified="Fri, 16 Apr 2021 19:40:38 GMT")

    result = source.fetch(HR4030, prior)

    assert isinstance(result, NotModified)
    assert result.ref == HR4030
    assert result.validators == prior
    httpserver.check_assertions()


def test_an_html_page_where_xml_was_expected_is_transient(httpserver, source):
    maintenance = b"<!DOCTYPE html><html><body>govinfo is down for maintenance</body></html>"
    httpserver.expect_request(BILL_PATH).respond_with_data(
        maintenance, content_type="text/html; charset=utf-8"
    )
    with pytest.raises(TransientFetchError, match="expected BILLSTATUS XML, got an HTML page"):
        source.fetch(HR4030)


def test_a_missing_bill_is_not_found(httpserver, source):
    httpserver.expect_request(BILL_PATH).respond_with_data("", status=404)
    with pytest.raises(NotFound):
        source.fetch(HR4030)


def test_recognises_billstatus_and_nothing_else(hr4030_xml):
    assert GovInfoBillStatus.recognises(hr4030_xml)
    assert not GovInfoBillStatus.recognises(b"<html><body>hello</body></html>")


# --- changed since: the sitemaps ------------------------------------------------------


def sitemap_index(*entries: tuple[str, str]) -> bytes:
    items = "".join(
        f"<sitemap><loc>https://www.govinfo.gov/sitemap/bulkdata/BILLSTATUS/{name}/sitemap.xml"
        f"</loc><lastmod>{lastmod}</lastmod></sitemap>"
        for name, lastmod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>'
    ).encode()


def urlset(congress: str, bill_type: str, *bills: tuple[int, str | None]) -> bytes:
    items = "".join(
        f"<url><loc>https://www.govinfo.gov/bulkdata/BILLSTATUS/{congress}/{bill_type}/"
        f"BILLSTATUS-{congress}{bill_type}{number}.xml</loc>"
        + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "")
        + "</url>"
        for number, lastmod in bills
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'
    ).encode()


INDEX_PATH = "/sitemap/bulkdata/BILLSTATUS/sitemapindex.xml"


def serve_sitemaps(httpserver) -> None:
    httpserver.expect_request(INDEX_PATH).respond_with_data(
        sitemap_index(
            ("115hr", "2024-03-01T10:00:00.000Z"),
            ("115s", "2023-06-01T10:00:00.000Z"),  # not modified since SINCE
            ("115hres", "2024-02-01T00:00:00.000Z"),
            ("116hr", "2024-05-01T00:00:00.000Z"),  # a Congress nobody asked for
        ),
        content_type="text/xml",
    )
    httpserver.expect_request("/sitemap/bulkdata/BILLSTATUS/115hr/sitemap.xml").respond_with_data(
        urlset(
            "115",
            "hr",
            (1, "2023-12-31T23:59:59.999Z"),  # before
            (4030, "2024-03-01T10:00:00.000Z"),  # after
            (4031, "2024-01-01T00:00:00.000Z"),  # exactly at: not after
            (5000, None),  # undated: fetch it, the hash decides
        ),
        content_type="text/xml",
    )
    httpserver.expect_request("/sitemap/bulkdata/BILLSTATUS/115hres/sitemap.xml").respond_with_data(
        urlset("115", "hres", (44, "2024-02-01T00:00:00Z")), content_type="text/xml"
    )


def test_changed_since_yields_the_bills_dated_after_since(httpserver, source):
    serve_sitemaps(httpserver)

    keys = [ref.key for ref in source.changed_since(SINCE, sessions=frozenset({"115"}))]

    assert keys == ["hr4030-115", "hr5000-115", "hres44-115"]
    requested = paths_requested(httpserver)
    assert INDEX_PATH in requested
    assert not any("/115s/" in path or "/116hr/" in path for path in requested)


def test_changed_since_fetches_only_the_requested_bill_types(httpserver, source):
    serve_sitemaps(httpserver)

    refs = list(
        source.changed_since(SINCE, sessions=frozenset({"115"}), bill_types=frozenset({"hres"}))
    )

    assert [ref.key for ref in refs] == ["hres44-115"]
    assert not any("/115hr/" in path for path in paths_requested(httpserver))


def test_changed_since_of_an_unlisted_congress_is_empty(httpserver, source):
    serve_sitemaps(httpserver)
    assert list(source.changed_since(SINCE, sessions=frozenset({"99"}))) == []
    assert paths_requested(httpserver) == [INDEX_PATH]


def test_changed_since_needs_an_aware_datetime(source):
    with pytest.raises(ValueError, match="aware"):
        list(source.changed_since(datetime(2024, 1, 1), sessions=frozenset({"115"})))


def test_a_maintenance_page_instead_of_the_sitemap_is_transient(httpserver, source):
    httpserver.expect_request(INDEX_PATH).respond_with_data(
        "<html><body>Service unavailable</body></html>", content_type="text/html"
    )
    with pytest.raises(TransientFetchError, match="HTML page"):
        list(source.changed_since(SINCE, sessions=frozenset({"115"})))


def test_a_sitemap_entry_in_the_wrong_collection_is_layout_drift(httpserver, source):
    httpserver.expect_request(INDEX_PATH).respond_with_data(sitemap_index(("115hr", "2024-03-01")))
    httpserver.expect_request("/sitemap/bulkdata/BILLSTATUS/115hr/sitemap.xml").respond_with_data(
        urlset("115", "s", (1, "2024-03-01"))
    )
    with pytest.raises(ParseError, match="not a 115hr bill"):
        list(source.changed_since(SINCE, sessions=frozenset({"115"})))


def test_parse_sitemap_rejects_the_wrong_document():
    with pytest.raises(ParseError, match="root element"):
        parse_sitemap(urlset("115", "hr", (1, None)), where="index", root="sitemapindex")
    with pytest.raises(ParseError, match="not XML"):
        parse_sitemap(b"garbage", where="index", root="urlset")


def test_parse_sitemap_reads_dates_as_aware_utc():
    (entry,) = parse_sitemap(
        urlset("115", "hr", (1, "2024-03-01T05:00:00-05:00")), where="x", root="urlset"
    )
    assert entry.lastmod == datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    with pytest.raises(ParseError, match="bad date"):
        parse_sitemap(urlset("115", "hr", (1, "yesterday")), where="x", root="urlset")
