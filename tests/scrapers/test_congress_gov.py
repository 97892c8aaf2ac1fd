"""The Congress.gov API v3 source: parsing real answers, fetching from a real local server.

Documents are the Library of Congress's own sample answers for H.R. 21
(117th) and a recorded three-page cosponsor chain for S. 3580 (117th), under
``test_data/congress-api`` (see its README, section 3). Fetch tests serve
them from pytest-httpserver; nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.errors import NotFound, ParseError, Refused
from scrapers.http import PoliteClient, RequestRecord
from scrapers.model import BillRef, Chamber, Stage
from scrapers.source import Fetched, NotModified, Validators
from scrapers.sources.congress_gov import (
    API_KEY_HEADER,
    BUNDLE_FORMAT,
    KEY_SETTING,
    CongressGovApi,
    parse_bundle,
)
from scrapers.sources.congress_gov.fetch import ApiCaller, list_at
from scrapers.sources.congress_gov.listing import api_datetime

KEY = "test-key-5f0c1d2e3a4b"
HR21 = BillRef(session="117", bill_type="hr", number=21)
S3580_COSPONSORS = "/v3/bill/117/s/3580/cosponsors"
#: Sub-resource endpoint -> (sample file suffix, bundle key, how the answer holds its list).
HR21_PARTS = {
    "actions": ("actions", "actions", ("actions",)),
    "cosponsors": ("cosponsors", "cosponsors", ("cosponsors",)),
    "committees": ("committees", "committees", ("committees",)),
    "text": ("text", "text_versions", ("textVersions",)),
    "summaries": ("summaries", "summaries", ("summaries",)),
    "subjects": ("subjects", "subjects", ("subjects", "legislativeSubjects")),
    "titles": ("titles", "titles", ("titles",)),
}


def load(test_data: Path, *parts: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((test_data / "congress-api").joinpath(*parts).read_text())
    return doc


def dig(doc: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        doc = doc[key]
    return doc


@pytest.fixture(scope="module")
def hr21_bundle(test_data: Path) -> dict[str, Any]:
    """The bundle fetch would build for H.R. 21, assembled from LOC's sample answers."""
    bundle: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "bill": load(test_data, "loc-samples", "bill_117_hr_21.json")["bill"],
    }
    for suffix, key, keys in HR21_PARTS.values():
        answer = load(test_data, "loc-samples", f"bill_117_hr_21_{suffix}.json")
        bundle[key] = dig(answer, keys)
    return bundle


def encode(bundle: dict[str, Any]) -> bytes:
    return json.dumps(bundle).encode()


def make_client(records: list[RequestRecord] | None = None) -> PoliteClient:
    return PoliteClient(
        user_agent="bill-tracker-tests (+tests@example.org)",
        min_interval=0.0,
        max_retries=0,
        respect_robots=False,
        sleep=lambda _seconds: None,
        on_request=records.append if records is not None else None,
    )


def make_source(httpserver: Any, **kwargs: Any) -> CongressGovApi:
    kwargs.setdefault("api_key", KEY)
    return CongressGovApi(make_client(), base_url=httpserver.url_for("/").rstrip("/"), **kwargs)


def local(httpserver: Any, doc: Any) -> Any:
    """``doc`` with its api.congress.gov links pointing at the local server."""
    text = json.dumps(doc).replace("https://api.congress.gov", httpserver.url_for("/").rstrip("/"))
    return json.loads(text)


def page_query(offset: int, limit: int, **extra: str) -> dict[str, str]:
    return {"format": "json", "offset": str(offset), "limit": str(limit), **extra}


# --- parsing LOC's sample answers ----------------------------------------------------


def test_hr21_bill_facts(hr21_bundle: dict[str, Any]) -> None:
    snap = parse_bundle(encode(hr21_bundle), where="hr21-117", source_url=None)

    assert snap.ref == HR21
    assert snap.title == "FedRAMP Authorization Act"
    assert snap.short_title == "FedRAMP Authorization Act"
    assert snap.official_title is not None
    assert snap.official_title.startswith("To enhance the innovation, security, and availability")
    assert snap.source_url == "https://www.congress.gov/bill/117th-congress/house-bill/21"
    assert snap.origin_chamber is Chamber.HOUSE
    assert snap.introduced_on == date(2021, 1, 4)
    assert snap.updated_at == datetime(2022, 3, 25, 1, 16, 59, tzinfo=UTC)
    assert snap.sponsor is not None
    assert snap.sponsor.name == "Rep. Connolly, Gerald E. [D-VA-11]"
    assert (snap.sponsor.bioguide_id, snap.sponsor.state, snap.sponsor.district) == (
        "C001078",
        "VA",
        11,
    )
    assert snap.laws == ()
    assert snap.policy_area == "Government Operations and Politics"
    assert len(snap.subjects) == 13
    assert "Computer security and identity theft" in snap.subjects


def test_hr21_actions_oldest_first_with_same_day_order_kept(hr21_bundle: dict[str, Any]) -> None:
    snap = parse_bundle(encode(hr21_bundle), where="hr21-117", source_url=None)

    assert len(snap.actions) == 10
    assert [a.on for a in snap.actions] == sorted(a.on for a in snap.actions)
    assert snap.actions[0].on == date(2021, 1, 4)
    assert snap.latest_action is not None
    assert snap.latest_action.on == date(2021, 1, 6)
    assert snap.latest_action.text == (
        "Received in the Senate and Read twice and referred to the Committee on "
        "Homeland Security and Governmental Affairs."
    )
    assert snap.latest_action.chamber is Chamber.SENATE
    assert snap.latest_action.committee_codes == ("ssga00",)
    floor_times = [a.time for a in snap.actions if a.on == date(2021, 1, 5)]
    assert floor_times == ["12:05:23", "12:05:38", "12:05:39", "12:17:14", "12:17:14", "12:17:16"]
    passed = next(a for a in snap.actions if a.code == "8000")
    assert passed.chamber is Chamber.HOUSE  # a Library of Congress code, numbered by chamber
    assert passed.source_system == "Library of Congress"


def test_hr21_people_committees_texts_summary_stage(hr21_bundle: dict[str, Any]) -> None:
    snap = parse_bundle(encode(hr21_bundle), where="hr21-117", source_url=None)

    assert [c.member.name for c in snap.cosponsors] == [
        "Rep. Comer, James [R-KY-1]",
        "Rep. Hice, Jody B. [R-GA-10]",
    ]
    assert all(c.is_original and c.withdrawn_on is None for c in snap.cosponsors)
    assert snap.cosponsors[0].sponsored_on == date(2021, 1, 4)
    by_code = {c.code: c for c in snap.committees}
    assert set(by_code) == {"ssga00", "hsgo00"}
    assert by_code["ssga00"].chamber is Chamber.SENATE
    # Stamped 2021-01-07T01:26:34Z: the evening of the 6th in Washington, as the action says.
    assert by_code["ssga00"].activities[0].on == date(2021, 1, 6)
    assert [(v.name, v.on) for v in snap.text_versions] == [
        ("Introduced in House", date(2021, 1, 4)),
        ("Engrossed in House", date(2021, 1, 5)),
        ("Referred in Senate", date(2021, 1, 6)),
    ]
    assert snap.text_versions[0].url == (
        "https://www.congress.gov/117/bills/hr21/BILLS-117hr21ih.htm"
    )
    summary = snap.latest_summary
    assert summary is not None
    assert (summary.version_code, summary.action_desc) == ("53", "Passed House")
    assert "<" not in summary.text
    assert summary.text.startswith("Federal Risk and Authorization Management Program")
    assert "\n\n" in summary.text  # paragraphs kept apart
    assert snap.stage.stage is Stage.PASSED_ONE_CHAMBER
    assert snap.stage.chamber is Chamber.HOUSE


def test_recognises_only_the_bundle(hr21_bundle: dict[str, Any], test_data: Path) -> None:
    item = (test_data / "congress-api" / "loc-samples" / "bill_117_hr_21.json").read_bytes()

    assert CongressGovApi.recognises(encode(hr21_bundle))
    assert not CongressGovApi.recognises(item)
    assert not CongressGovApi.recognises(b"<html><body>congress_gov_bundle/1</body></html>")


def test_parse_refuses_a_bundle_for_another_bill(hr21_bundle: dict[str, Any]) -> None:
    source = CongressGovApi(make_client(), api_key=None)
    other = BillRef(session="117", bill_type="hr", number=22)
    doc = Fetched(
        ref=other, url="https://api.congress.gov/v3/bill/117/hr/22", content=encode(hr21_bundle)
    )

    with pytest.raises(ParseError) as caught:
        source.parse(doc)
    assert caught.value.path == "bill.number"


def test_resolve_reads_federal_forms_only() -> None:
    source = CongressGovApi(make_client(), api_key=None)

    assert source.resolve("https://www.congress.gov/bill/117th-congress/house-bill/21") == HR21
    assert source.resolve("hr21-117") == HR21
    assert source.resolve("mo-2011-sb70") is None


# --- malformed bundles ---------------------------------------------------------------


def _without(bundle: dict[str, Any], *path: str | int) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(bundle))
    node: Any = copy
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]
    return copy


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (("bill", "number"), "bill.number"),
        (("bill", "type"), "bill.type"),
        (("actions", 0, "actionDate"), "actions[0].actionDate"),
        (("cosponsors", 1, "fullName"), "cosponsors[1].fullName"),
        (("committees", 0, "systemCode"), "committees[0].systemCode"),
        (("titles",), "titles"),
        (("format",), "format"),
    ],
)
def test_missing_required_keys_raise_parse_error(
    hr21_bundle: dict[str, Any], path: tuple[str | int, ...], expected: str
) -> None:
    with pytest.raises(ParseError) as caught:
        parse_bundle(encode(_without(hr21_bundle, *path)), where="hr21-117", source_url=None)
    assert caught.value.path == expected
    assert caught.value.where == "hr21-117"


def test_not_json_raises_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_bundle(b"<html>maintenance</html>", where="x", source_url=None)


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=6,
)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), value=_JSON_VALUES)
def test_any_damaged_bundle_parses_or_raises_parse_error(
    hr21_bundle: dict[str, Any], data: st.DataObject, value: Any
) -> None:
    damaged = json.loads(json.dumps(hr21_bundle))
    node: Any = damaged
    key: Any = None
    parent: Any = None
    # Walk a random path into the bundle, then put a random JSON value there.
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, data.draw(st.sampled_from(keys))
        node = node[key]
        if data.draw(st.booleans()):
            break
    if parent is not None:
        parent[key] = value
    with contextlib.suppress(ParseError):
        parse_bundle(encode(damaged), where="hr21-117", source_url=None)


@given(content=st.binary(max_size=64))
def test_any_bytes_parse_or_raise_parse_error(content: bytes) -> None:
    with contextlib.suppress(ParseError):
        parse_bundle(content, where="x", source_url=None)


# --- fetching from a real local server -----------------------------------------------


def serve_hr21(httpserver: Any, test_data: Path) -> None:
    headers = {API_KEY_HEADER: KEY}
    item = load(test_data, "loc-samples", "bill_117_hr_21.json")
    httpserver.expect_request(
        "/v3/bill/117/hr/21", query_string={"format": "json"}, headers=headers
    ).respond_with_json(local(httpserver, item))
    for endpoint, (suffix, _key, _keys) in HR21_PARTS.items():
        answer = load(test_data, "loc-samples", f"bill_117_hr_21_{suffix}.json")
        httpserver.expect_request(
            f"/v3/bill/117/hr/21/{endpoint}", query_string=page_query(0, 250), headers=headers
        ).respond_with_json(local(httpserver, answer))


def test_fetch_bundles_item_and_sub_resources_then_one_request_when_unchanged(
    httpserver: Any, test_data: Path, hr21_bundle: dict[str, Any]
) -> None:
    serve_hr21(httpserver, test_data)
    records: list[RequestRecord] = []
    source = CongressGovApi(
        make_client(records), base_url=httpserver.url_for("/").rstrip("/"), api_key=KEY
    )

    first = source.fetch(HR21)

    assert isinstance(first, Fetched)
    assert first.validators == Validators(last_modified="2022-03-25T01:16:59Z")
    assert json.loads(first.content) == local(httpserver, hr21_bundle)
    snap = source.parse(first)
    assert (snap.title, len(snap.actions), len(snap.cosponsors)) == (
        "FedRAMP Authorization Act",
        10,
        2,
    )
    paths = sorted(request.path for request, _response in httpserver.log)
    assert paths == sorted(
        ["/v3/bill/117/hr/21"] + [f"/v3/bill/117/hr/21/{e}" for e in HR21_PARTS]
    )  # no amendments or related bills: the snapshot has no use for them

    httpserver.clear_log()
    second = source.fetch(HR21, first.validators)

    assert isinstance(second, NotModified)
    assert second.validators == first.validators
    assert len(httpserver.log) == 1
    # The key went in the header of every request and nowhere else.
    assert len(records) == 9
    for record in records:
        assert KEY not in record.url
    assert KEY not in first.url and KEY not in second.url
    assert KEY.encode() not in first.content


def test_every_request_carries_the_key_in_the_header_only(httpserver: Any, test_data: Path) -> None:
    serve_hr21(httpserver, test_data)

    make_source(httpserver).fetch(HR21)

    assert len(httpserver.log) == 8
    for request, _response in httpserver.log:
        assert request.headers.get(API_KEY_HEADER) == KEY
        assert KEY not in request.url
        assert KEY.encode() not in request.query_string


def test_a_changed_stamp_fetches_everything_again(httpserver: Any, test_data: Path) -> None:
    serve_hr21(httpserver, test_data)

    result = make_source(httpserver).fetch(HR21, Validators(last_modified="2022-03-24T00:00:00Z"))

    assert isinstance(result, Fetched)
    assert len(httpserver.log) == 8


def test_sub_resources_the_item_counts_as_empty_are_not_requested(
    httpserver: Any, test_data: Path
) -> None:
    # The API leaves out empty containers; a bill without CRS summaries yet
    # costs no summaries request.
    item = load(test_data, "loc-samples", "bill_117_hr_21.json")
    del item["bill"]["summaries"]
    item["bill"]["cosponsors"].update(count=0, countIncludingWithdrawnCosponsors=0)
    httpserver.expect_request("/v3/bill/117/hr/21").respond_with_json(local(httpserver, item))
    for endpoint, (suffix, _key, _keys) in HR21_PARTS.items():
        answer = load(test_data, "loc-samples", f"bill_117_hr_21_{suffix}.json")
        httpserver.expect_request(f"/v3/bill/117/hr/21/{endpoint}").respond_with_json(answer)

    result = make_source(httpserver).fetch(HR21)

    assert isinstance(result, Fetched)
    bundle = json.loads(result.content)
    assert (bundle["summaries"], bundle["cosponsors"]) == ([], [])
    requested = {request.path.rsplit("/", 1)[-1] for request, _response in httpserver.log}
    assert not requested & {"summaries", "cosponsors"}
    assert len(httpserver.log) == 6


def test_unknown_bill_is_not_found(httpserver: Any) -> None:
    httpserver.expect_request("/v3/bill/117/hr/99999").respond_with_json(
        {"error": "Unknown resource: bill/117/hr/99999"}, status=404
    )

    with pytest.raises(NotFound) as caught:
        make_source(httpserver).fetch(BillRef(session="117", bill_type="hr", number=99999))
    assert caught.value.status == 404


def test_missing_key_is_refused_before_any_request(httpserver: Any) -> None:
    source = make_source(httpserver, api_key=None)

    with pytest.raises(Refused, match=KEY_SETTING):
        source.fetch(HR21)
    with pytest.raises(Refused, match=KEY_SETTING):
        list(source.changed_since(datetime(2022, 4, 1, tzinfo=UTC), sessions=frozenset({"117"})))
    assert httpserver.log == []


@pytest.mark.parametrize("rewrite", [True, False], ids=["next-rewritten", "next-as-recorded"])
def test_cosponsor_chain_of_three_pages(
    httpserver: Any, test_data: Path, hr21_bundle: dict[str, Any], rewrite: bool
) -> None:
    # As recorded, "next" names api.congress.gov: the client must stay on its own
    # base URL (the test guard would stop any attempt to reach the real host).
    for offset, name in ((0, "first"), (15, "next"), (30, "terminal")):
        page = load(test_data, "recorded", f"bill-117-s-3580-cosponsors-{name}.json")
        httpserver.expect_request(
            S3580_COSPONSORS,
            query_string=page_query(offset, 15),
            headers={API_KEY_HEADER: KEY},
        ).respond_with_json(local(httpserver, page) if rewrite else page)
    api = ApiCaller(make_client(), base_url=httpserver.url_for("/"), api_key=KEY, page_size=15)

    cosponsors = list(api.items(S3580_COSPONSORS, list_at("cosponsors")))

    assert len(cosponsors) == 31
    assert len(httpserver.log) == 3
    bundle = {**hr21_bundle, "cosponsors": cosponsors}
    snap = parse_bundle(encode(bundle), where="s3580-117", source_url=None)
    hagerty = next(c for c in snap.cosponsors if c.member.bioguide_id == "H000601")
    assert hagerty.member.name == "Sen. Hagerty, Bill [R-TN]"
    assert (hagerty.sponsored_on, hagerty.withdrawn_on) == (date(2022, 3, 15), date(2022, 3, 21))
    assert hagerty.member.district is None  # senators have none
    assert [c.member.name for c in snap.cosponsors if c.withdrawn_on] == [hagerty.member.name]


# --- the "changed since" listing -----------------------------------------------------


def test_changed_since_lists_bills_updated_since_a_date(httpserver: Any, test_data: Path) -> None:
    filters = {"fromDateTime": "2022-04-01T00:00:00Z", "sort": "updateDate desc"}
    first = load(test_data, "loc-samples", "bill_117.json")
    # Stand-in for page 2: LOC's /bill/117/hr sample, which repeats 18 bills of
    # page 1 as a list shifted by fresh updates would; its own "next" is cut.
    second = load(test_data, "loc-samples", "bill_117_hr.json")
    del second["pagination"]["next"]
    httpserver.expect_request(
        "/v3/bill/117", query_string=page_query(0, 20, **filters)
    ).respond_with_json(local(httpserver, first))
    httpserver.expect_request(
        "/v3/bill/117", query_string=page_query(20, 20, **filters)
    ).respond_with_json(second)
    source = make_source(httpserver, page_size=20)

    refs = list(source.changed_since(datetime(2022, 4, 1, tzinfo=UTC), sessions=frozenset({"117"})))

    keys = [ref.key for ref in refs]
    assert keys[:3] == ["hr3617-117", "hr7343-117", "hr7321-117"]
    assert "hres1021-117" in keys
    assert keys[-2:] == ["hr7370-117", "hr7373-117"]
    assert len(keys) == len(set(keys)) == 22
    raw_query = httpserver.log[0][0].query_string
    assert b"sort=updateDate+desc" in raw_query
    assert b"fromDateTime=2022-04-01T00%3A00%3A00Z" in raw_query


def test_from_date_time_is_sent_in_utc() -> None:
    eastern_evening = datetime(2022, 3, 31, 20, 0, tzinfo=timezone(timedelta(hours=-4)))

    assert api_datetime(eastern_evening) == "2022-04-01T00:00:00Z"


def test_changed_since_wants_an_aware_time(httpserver: Any) -> None:
    with pytest.raises(ValueError, match="aware"):
        list(
            make_source(httpserver).changed_since(datetime(2022, 4, 1), sessions=frozenset({"117"}))
        )
