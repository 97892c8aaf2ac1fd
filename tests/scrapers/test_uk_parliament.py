"""The UK Parliament Bills API source: every real sample, fetching from a local server.

Real answers are under ``test_data/uk-parliament`` (README sections 5 and 6.2):
bill 2818's detail and stages, a six-bill search, a one-item update-sorted
search, the stage and bill-type lists and a publications list. No real answer
carries a bill's whole journey to Royal Assent, so the stage rules are also run
over a stage list built by hand from the stage names of the real stage list.
"""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrapers.errors import NotFound, ParseError
from scrapers.http import PoliteClient
from scrapers.model import Chamber, ScheduledKind, Stage
from scrapers.registry import source_for_document
from scrapers.source import Fetched, NotModified
from scrapers.sources.uk_parliament import (
    BUNDLE_FORMAT,
    UkParliamentBills,
    bill_id_in,
    parse_bill,
    parse_key,
    uk_ref,
)
from scrapers.sources.uk_parliament.parse import parse_document, text_versions_of
from scrapers.stages.uk import UkStage, rule_for, uk_stage

BILL_2818 = uk_ref(2818, 35)


def load(test_data: Path, name: str) -> Any:
    return json.loads((test_data / "uk-parliament" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bundle_2818(test_data: Path) -> dict[str, Any]:
    return {
        "format": BUNDLE_FORMAT,
        "bill": load(test_data, "snommoc-bill-2818.json"),
        "stages": load(test_data, "snommoc-bill-2818_stages.json")["items"],
    }


def encode(doc: Any) -> bytes:
    return json.dumps(doc).encode()


def make_client() -> PoliteClient:
    return PoliteClient(
        user_agent="bill-tracker-tests (+tests@example.org)",
        min_interval=0.0,
        max_retries=0,
        respect_robots=False,
        sleep=lambda _seconds: None,
    )


def make_source(httpserver: Any) -> UkParliamentBills:
    return UkParliamentBills(make_client(), base_url=httpserver.url_for("/").rstrip("/"))


# --- parsing the real answers --------------------------------------------------------


def test_bill_2818_bundle(bundle_2818: dict[str, Any]) -> None:
    snap = parse_document(encode(bundle_2818), where="uk-35-bill2818")

    assert snap.ref == BILL_2818 and snap.ref.key == "uk-35-bill2818"
    assert snap.source == "uk_parliament"
    assert snap.source_url == "https://bills.parliament.uk/bills/2818"
    assert snap.title == "Abolition of Business Rates Bill"
    assert snap.official_title == "A Bill to abolish business rates; and for connected purposes."
    assert snap.origin_chamber is Chamber.COMMONS
    assert snap.sponsor is not None
    assert (snap.sponsor.name, snap.sponsor.party) == ("Kevin Hollinrake", "Conservative")
    assert snap.cosponsors == ()
    # One sitting: 1st reading on 12 January 2021; 2nd reading has none yet.
    assert [(a.on, a.text, a.chamber) for a in snap.actions] == [
        (date(2021, 1, 12), "1st reading", Chamber.COMMONS)
    ]
    assert snap.introduced_on == date(2021, 1, 12)
    assert snap.stage.stage is Stage.INTRODUCED
    assert snap.stage.chamber is Chamber.COMMONS
    assert snap.stage.on == date(2021, 1, 12)
    # lastUpdate 2021-05-04T10:42:08.0579851 is London summer time (UTC+1).
    assert snap.updated_at == datetime(2021, 5, 4, 9, 42, 8, 57985, tzinfo=UTC)


def test_the_bill_detail_alone_is_a_bill_whose_only_stage_is_its_current_one(
    test_data: Path,
) -> None:
    content = (test_data / "uk-parliament" / "snommoc-bill-2818.json").read_bytes()

    assert UkParliamentBills.recognises(content)
    assert source_for_document(content) == "uk_parliament"
    snap = parse_document(content, where="file")
    assert snap.ref == BILL_2818
    assert snap.stage.stage is Stage.INTRODUCED and snap.actions == ()


#: billId -> (stage, stage chamber, stage date) the rules give for the search's six bills.
SEARCH_STAGES = {
    4129: (Stage.REPORTED, Chamber.LORDS, None),  # [HL] bill awaiting Lords 3rd reading
    3894: (Stage.ENACTED, Chamber.EXECUTIVE, date(2025, 10, 27)),  # General Cemetery Act 2025
    4030: (Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS, date(2026, 9, 10)),  # Lords committee
    4126: (Stage.PASSED_ONE_CHAMBER, Chamber.LORDS, None),  # [HL] bill in Commons committee
    4280: (Stage.INTRODUCED, Chamber.COMMONS, None),  # awaiting Commons 2nd reading
    4123: (Stage.ENACTED, Chamber.EXECUTIVE, date(2026, 7, 15)),  # Steel Industry Act 2026
}


def test_every_bill_of_the_search(test_data: Path) -> None:
    doc = load(test_data, "bills-search-house-combinations.json")
    items = doc["response"]["items"]
    assert {item["billId"] for item in items} == set(SEARCH_STAGES)

    for item in items:
        snap = parse_bill(item)
        stage, chamber, on = SEARCH_STAGES[item["billId"]]
        assert (snap.stage.stage, snap.stage.chamber, snap.stage.on) == (stage, chamber, on), item[
            "billId"
        ]
        assert snap.ref.key == f"uk-{item['introducedSessionId']}-bill{item['billId']}"
        assert snap.became_law is item["isAct"]


def test_sittings_after_the_record_was_written_are_scheduled_not_held(test_data: Path) -> None:
    items = load(test_data, "bills-search-house-combinations.json")["response"]["items"]
    railways = parse_bill(next(i for i in items if i["billId"] == 4030))

    # lastUpdate is 2026-09-11: the committee sat on 8 and 10 September; the rest is ahead.
    assert [a.on for a in railways.actions] == [date(2026, 9, 8), date(2026, 9, 10)]
    assert all(a.chamber is Chamber.LORDS for a in railways.actions)
    assert [s.on for s in railways.scheduled][:2] == [date(2026, 9, 16), date(2026, 10, 12)]
    assert {s.kind for s in railways.scheduled} == {ScheduledKind.MARKUP}


def test_the_update_sorted_search_item(test_data: Path) -> None:
    (item,) = load(test_data, "snommoc-bills.json")["items"]

    snap = parse_bill(item)

    assert snap.ref == BILL_2818 and snap.sponsor is None  # the search omits sponsors


#: The stage list's procedural stages: they move nothing on the ladder.
PROCEDURAL = {
    "Guillotine motion",
    "Programme motion",
    "Money resolution",
    "Allocation of time motion",
    "Order of Commitment discharged",
    "Ways and Means resolution",
}


def test_every_stage_type_of_the_real_stage_list_has_a_rule_or_is_procedural(
    test_data: Path,
) -> None:
    names = [item["name"] for item in load(test_data, "snommoc-bill_stages.json")["items"]]
    assert len(names) == 20

    unclassified = {name for name in names if rule_for(name) is None}

    assert unclassified == PROCEDURAL
    commons = {name: rule_for(name) for name in names}
    assert commons["Second reading committee"].first_house is Stage.INTRODUCED  # type: ignore[union-attr]
    assert commons["Committee of the whole House"].first_house is Stage.IN_COMMITTEE  # type: ignore[union-attr]
    assert commons["Report stage"].first_house is Stage.REPORTED  # type: ignore[union-attr]
    assert (
        commons["Consideration of Lords amendments"].first_house  # type: ignore[union-attr]
        is Stage.RESOLVING_DIFFERENCES
    )


@pytest.mark.parametrize(
    "name",
    [
        "snommoc-bill_stages.json",
        "snommoc-bill_types.json",
        "snommoc-bill-2818_publications.json",
        "snommoc-bill-2818_stages.json",
        "snommoc-bills.json",
        "bills-search-house-combinations.json",
    ],
)
def test_lists_are_not_taken_for_a_bill(test_data: Path, name: str) -> None:
    content = (test_data / "uk-parliament" / name).read_bytes()

    assert not UkParliamentBills.recognises(content)
    assert source_for_document(content) is None


def test_the_texts_among_the_real_publications(test_data: Path) -> None:
    # The file is bill 512's publications (Constitutional Reform and Governance Bill).
    doc = load(test_data, "snommoc-bill-2818_publications.json")
    assert doc["billId"] == 512 and len(doc["publications"]) == 41

    texts = text_versions_of(doc["publications"])

    assert len(texts) == 6  # 5 bill texts and the Act; papers and briefings are left out
    assert (texts[0].name, texts[0].on) == ("Bill as introduced", date(2009, 7, 20))
    assert texts[-1].name == "Constitutional Reform and Governance Act 2010 c.25"
    assert texts[-1].on == date(2010, 4, 12)
    # The HTML text rather than the PDF when both are published.
    assert texts[-1].url == "http://www.opsi.gov.uk/acts/acts2010/ukpga_20100025_en_1"
    assert [t.on for t in texts] == sorted(t.on for t in texts if t.on)


def test_a_bundle_with_publications_carries_the_texts(bundle_2818: dict[str, Any], test_data: Path):
    pubs = load(test_data, "snommoc-bill-2818_publications.json")["publications"]

    snap = parse_document(encode(bundle_2818 | {"publications": pubs}), where="x")

    assert len(snap.text_versions) == 6 and snap.ref.key == "uk-35-bill2818"


def test_publications_list_is_refused_with_the_missing_key(test_data: Path) -> None:
    content = (test_data / "uk-parliament" / "snommoc-bill-2818_publications.json").read_bytes()

    with pytest.raises(ParseError) as caught:
        parse_document(content, where="pubs.json")
    assert caught.value.where == "pubs.json"


# --- the stage rules over a whole journey (hand-made from the real stage names) -------

JOURNEY = [
    ("1st reading", Chamber.COMMONS, Stage.INTRODUCED, Chamber.COMMONS),
    ("2nd reading", Chamber.COMMONS, Stage.INTRODUCED, Chamber.COMMONS),
    ("Money resolution", Chamber.COMMONS, Stage.INTRODUCED, Chamber.COMMONS),
    ("Committee stage", Chamber.COMMONS, Stage.IN_COMMITTEE, Chamber.COMMONS),
    ("Report stage", Chamber.COMMONS, Stage.REPORTED, Chamber.COMMONS),
    ("3rd reading", Chamber.COMMONS, Stage.REPORTED, Chamber.COMMONS),
    ("1st reading", Chamber.LORDS, Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS),
    ("2nd reading", Chamber.LORDS, Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS),
    ("Committee stage", Chamber.LORDS, Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS),
    ("Report stage", Chamber.LORDS, Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS),
    ("3rd reading", Chamber.LORDS, Stage.PASSED_ONE_CHAMBER, Chamber.COMMONS),
    ("Consideration of Lords amendments", Chamber.COMMONS, Stage.RESOLVING_DIFFERENCES, None),
    ("Consideration of Commons amendments", Chamber.LORDS, Stage.RESOLVING_DIFFERENCES, None),
    ("Royal Assent", Chamber.EXECUTIVE, Stage.ENACTED, Chamber.EXECUTIVE),
]


def test_a_commons_bill_from_first_reading_to_royal_assent() -> None:
    stages: list[UkStage] = []
    for day, (name, house, expected, chamber) in enumerate(JOURNEY, start=1):
        stages.append(UkStage(name=name, house=house, sittings=(date(2026, 1, day),)))
        info = uk_stage(tuple(stages), origin=Chamber.COMMONS)
        assert info.stage is expected, name
        if chamber is not None:
            assert info.chamber is chamber, name
    assert info.on == date(2026, 1, len(JOURNEY))  # Royal Assent's own day


def test_withdrawn_and_defeated_bills_fail() -> None:
    stages = (UkStage(name="2nd reading", house=Chamber.COMMONS, sittings=(date(2026, 2, 3),)),)

    withdrawn = uk_stage(stages, origin=Chamber.COMMONS, withdrawn_on=date(2026, 3, 1))
    defeated = uk_stage(stages, origin=Chamber.COMMONS, defeated=True)

    assert (withdrawn.stage, withdrawn.on, withdrawn.detail) == (
        Stage.FAILED,
        date(2026, 3, 1),
        "WITHDRAWN",
    )
    assert (defeated.stage, defeated.on, defeated.detail) == (
        Stage.FAILED,
        date(2026, 2, 3),
        "DEFEATED",
    )


def test_a_withdrawn_bill_in_the_api_shape(bundle_2818: dict[str, Any]) -> None:
    doc = json.loads(json.dumps(bundle_2818))
    doc["bill"]["billWithdrawn"] = "2021-06-01T00:00:00"

    snap = parse_document(encode(doc), where="x")

    assert (snap.stage.stage, snap.stage.on) == (Stage.FAILED, date(2021, 6, 1))


# --- references -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "bill_id"),
    [
        ("https://bills.parliament.uk/bills/3370", 3370),
        ("https://bills.parliament.uk/bills/3370/stages", 3370),
        ("https://bills.parliament.uk/bills/3370/publications", 3370),
        ("bills.parliament.uk/bills/3370/stages/17000?tab=x", 3370),
        ("http://BILLS.parliament.uk/bills/2818", 2818),
        ("https://bills-api.parliament.uk/api/v1/Bills/2818/Stages", 2818),
        ("UK Bill 2818", 2818),
    ],
)
def test_bill_ids_in_addresses(text: str, bill_id: int) -> None:
    assert bill_id_in(text) == bill_id


@pytest.mark.parametrize(
    "text",
    [
        "https://bills.parliament.uk/",
        "https://www.congress.gov/bill/115th-congress/house-bill/4030",
        "https://evil.example/bills.parliament.uk/bills/3370",
        "hr4030-115",
        "uk-35-bill2818",
    ],
)
def test_other_text_names_no_uk_bill_id(text: str) -> None:
    assert bill_id_in(text) is None


def test_the_key_reads_offline() -> None:
    assert parse_key("uk-35-bill2818") == BILL_2818
    assert parse_key(" UK-35-BILL2818 ") == BILL_2818
    assert parse_key("mo-2011-sb70") is None


# --- fetching from a local server -----------------------------------------------------


def serve_2818(httpserver: Any, test_data: Path) -> None:
    httpserver.expect_request("/api/v1/Bills/2818").respond_with_json(
        load(test_data, "snommoc-bill-2818.json")
    )
    httpserver.expect_request(
        "/api/v1/Bills/2818/Stages", query_string={"Skip": "0", "Take": "50"}
    ).respond_with_json(load(test_data, "snommoc-bill-2818_stages.json"))
    serve_no_publications(httpserver)


def serve_no_publications(httpserver: Any) -> None:
    # Hand-made: the one real publications answer is another bill's (512).
    httpserver.expect_request("/api/v1/Bills/2818/Publications").respond_with_json(
        {"billId": 2818, "publications": []}
    )


def test_fetch_bundles_bill_and_stages_then_one_request_when_unchanged(
    httpserver: Any, test_data: Path, bundle_2818: dict[str, Any]
) -> None:
    serve_2818(httpserver, test_data)
    source = make_source(httpserver)

    first = source.fetch(BILL_2818)

    assert isinstance(first, Fetched)
    assert json.loads(first.content) == bundle_2818 | {"publications": []}
    assert first.validators.last_modified == "2021-05-04T10:42:08.0579851"
    assert source.parse(first).actions[0].text == "1st reading"
    assert len(httpserver.log) == 3

    httpserver.clear_log()
    second = source.fetch(BILL_2818, first.validators)

    assert isinstance(second, NotModified)
    assert [request.path for request, _ in httpserver.log] == ["/api/v1/Bills/2818"]


def test_stages_are_read_page_by_page(httpserver: Any, test_data: Path) -> None:
    stages = load(test_data, "snommoc-bill-2818_stages.json")
    httpserver.expect_request("/api/v1/Bills/2818").respond_with_json(
        load(test_data, "snommoc-bill-2818.json")
    )
    for skip, item in enumerate(stages["items"]):
        page = {**stages, "items": [item], "itemsPerPage": 1}
        httpserver.expect_request(
            "/api/v1/Bills/2818/Stages", query_string={"Skip": str(skip), "Take": "1"}
        ).respond_with_json(page)
    serve_no_publications(httpserver)
    source = make_source(httpserver)
    source._api.page_size = 1

    fetched = source.fetch(BILL_2818)

    assert isinstance(fetched, Fetched)
    assert [s["stageId"] for s in json.loads(fetched.content)["stages"]] == [6, 7]


def test_parse_refuses_a_document_for_another_bill(bundle_2818: dict[str, Any]) -> None:
    source = UkParliamentBills(make_client())
    doc = Fetched(ref=uk_ref(2819, 35), url="x", content=encode(bundle_2818))

    with pytest.raises(ParseError, match="uk-35-bill2818"):
        source.parse(doc)


def test_an_unknown_bill_is_not_found(httpserver: Any) -> None:
    httpserver.expect_request("/api/v1/Bills/999999").respond_with_json(
        {"title": "Not Found", "status": 404}, status=404
    )

    with pytest.raises(NotFound):
        make_source(httpserver).fetch(uk_ref(999999, 40))


def test_resolve_asks_the_api_for_the_session_of_an_address(
    httpserver: Any, test_data: Path
) -> None:
    serve_2818(httpserver, test_data)
    source = make_source(httpserver)

    assert source.resolve("https://bills.parliament.uk/bills/2818/stages") == BILL_2818
    assert source.resolve("uk-35-bill2818") == BILL_2818
    assert source.resolve("hr4030-115") is None


def test_changed_since_stops_at_the_first_older_bill(httpserver: Any, test_data: Path) -> None:
    # The real update-sorted search, with the six-bill search's items ahead of it as
    # a fuller first page would hold them (hand-ordered newest first).
    six = load(test_data, "bills-search-house-combinations.json")["response"]["items"]
    newest_first = sorted(six, key=lambda i: i["lastUpdate"], reverse=True)
    page = load(test_data, "snommoc-bills.json")
    page["items"] = [i for i in newest_first if i["introducedSessionId"] == 40] + page["items"]
    httpserver.expect_request(
        "/api/v1/Bills",
        query_string={
            "Session": "40",
            "SortOrder": "DateUpdatedDescending",
            "Skip": "0",
            "Take": "50",
        },
    ).respond_with_json(page)
    source = make_source(httpserver)

    refs = list(source.changed_since(datetime(2026, 9, 1, tzinfo=UTC), sessions=frozenset({"40"})))

    # 4129, 4126 and 4280 moved in September 2026; 4123 (August) and older are not listed.
    updated = {i["billId"]: i["lastUpdate"] for i in six}
    expected = [i["billId"] for i in newest_first if i["introducedSessionId"] == 40]
    expected = [b for b in expected if updated[b] >= "2026-09-01"]
    assert [ref.number for ref in refs] == expected
    assert expected  # the sample has bills on both sides of the date
    assert len(expected) < len([i for i in six if i["introducedSessionId"] == 40])


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
    bundle_2818: dict[str, Any], data: st.DataObject, value: Any
) -> None:
    damaged = json.loads(json.dumps(bundle_2818))
    node: Any = damaged
    key: Any = None
    parent: Any = None
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        parent, key = node, data.draw(st.sampled_from(keys))
        node = node[key]
        if data.draw(st.booleans()):
            break
    if parent is not None:
        parent[key] = value
    with contextlib.suppress(ParseError):
        parse_document(encode(damaged), where="uk-35-bill2818")
