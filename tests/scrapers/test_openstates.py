"""The Open States v3 source on real saved responses, its stage table, references,
and its HTTP side against a local server (nothing leaves the machine)."""

from __future__ import annotations

import itertools
import json
import random
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from scrapers.errors import ParseError, TransientFetchError
from scrapers.http import PoliteClient
from scrapers.model import BillRef, Chamber, Stage
from scrapers.source import Fetched, ListingSource
from scrapers.sources.openstates import OpenStatesApi, parse_bill, parse_votes
from scrapers.sources.openstates.api import OpenStatesCaller
from scrapers.sources.openstates.parse import bill_objects, recognises
from scrapers.sources.openstates.refs import MissingSession, parse_state_ref
from scrapers.stages.openstates import RULES, StateAction, compute_state_stage, rule_for
from tests.scrapers._servers import FakeClock

KEY = "os-test-key-123"


def v3(test_data: Path, name: str) -> bytes:
    path = test_data / "openstates-api" / "v3" / name
    if not path.is_file():
        pytest.skip(f"{path} not found (shared data without section 7)")
    return path.read_bytes()


def bills_in(test_data: Path, name: str) -> dict[str, Any]:
    content = v3(test_data, name)
    return {parse_bill(b, where=name).ref.key: b for b in bill_objects(content, name)}


def snap(test_data: Path, name: str, key: str) -> Any:
    return parse_bill(bills_in(test_data, name)[key], where=name)


# --- real responses -------------------------------------------------------------------


def test_kentucky_sb197_enacted_with_line_item_veto_sponsors_and_votes(test_data: Path) -> None:
    content = v3(test_data, "ky-2026RS-SB197-bill.json")
    assert recognises(content)
    s = OpenStatesApi(_client(), api_key=None).parse(Fetched(ref=None, url="-", content=content))
    assert s.ref == BillRef(jurisdiction="ky", session="2026RS", bill_type="sb", number=197)
    assert s.ref.key == "ky-2026rs-sb197"
    assert s.source_url == "https://openstates.org/ky/bills/2026RS/SB197/"
    assert s.origin_chamber is Chamber.SENATE
    assert (s.stage.stage, s.stage.detail, s.stage.chamber) == (
        Stage.ENACTED,
        "ENACTED:LAW",
        Chamber.EXECUTIVE,
    )
    assert s.stage.on == date(2026, 4, 27)
    assert len(s.actions) == 38
    assert s.latest_action is not None
    assert s.latest_action.text == "delivered to Secretary of State"
    # The line-item veto is an action of its own just before.
    assert s.actions[-2].action_type == "executive-veto-line-item"
    assert s.sponsor is not None and s.sponsor.name == "Phillip Wheeler"
    assert (s.sponsor.party, s.sponsor.state, s.sponsor.district) == ("R", "KY", 31)
    assert len(s.cosponsors) == 4
    assert s.latest_summary is not None and "tiered county system" in s.latest_summary.text
    votes = parse_votes(json.loads(content))
    assert len(votes) == 3
    assert votes[0].on == date(2026, 3, 6) and votes[0].result == "pass"
    assert dict(votes[0].counts) == {"yes": 36, "no": 0, "other": 2}
    assert votes[0].chamber is Chamber.SENATE and votes[0].voters > 0


def test_kentucky_actions_oldest_first_whatever_the_response_order(test_data: Path) -> None:
    bill = json.loads(v3(test_data, "ky-2026RS-SB197-bill.json"))
    expected = parse_bill(bill, where="ky").actions
    assert [a.on for a in expected] == sorted(a.on for a in expected)
    shuffled = dict(bill, actions=random.Random(7).sample(bill["actions"], len(bill["actions"])))
    assert parse_bill(shuffled, where="ky").actions == expected


def test_texas_bills_with_classified_actions(test_data: Path) -> None:
    name = "tx-bills-include-actions.json"
    page = bills_in(test_data, name)
    assert len(page) == 10
    hb2 = snap(test_data, name, "tx-89r-hb2")
    assert (hb2.stage.stage, hb2.stage.detail) == (Stage.ENACTED, "ENACTED:SIGNED")
    assert hb2.stage.on == date(2025, 6, 20)
    assert hb2.latest_action is not None
    assert hb2.latest_action.text == "See remarks for effective date"
    assert hb2.latest_action.chamber is Chamber.EXECUTIVE
    referred = snap(test_data, name, "tx-89r-sb58")
    assert (referred.stage.stage, referred.stage.chamber) == (Stage.IN_COMMITTEE, Chamber.SENATE)
    assert referred.stage.next_chamber is Chamber.SENATE
    # "Point of order withdrawn (amendment)" is classified ``withdrawal``: the bill goes on.
    hb1 = snap(test_data, name, "tx-884-hb1")
    assert any(a.action_type == "withdrawal" for a in hb1.actions)
    assert (hb1.stage.stage, hb1.stage.chamber) == (Stage.REPORTED, Chamber.HOUSE)
    assert snap(test_data, name, "tx-883-hb1").stage.stage is Stage.INTRODUCED


def test_texas_bills_with_votes_and_no_actions(test_data: Path) -> None:
    name = "tx-892-bills-include-votes.json"
    bills = bills_in(test_data, name)
    assert set(bills) == {
        "tx-892-sb11",
        "tx-892-hb149",
        "tx-892-hb265",
        "tx-892-hb48",
        "tx-892-hb3",
    }
    sb11 = parse_bill(bills["tx-892-sb11"], where=name)
    assert sb11.actions == () and sb11.latest_action is None
    assert (sb11.stage.stage, sb11.stage.on) == (Stage.INTRODUCED, date(2025, 8, 15))
    votes = parse_votes(bills["tx-892-sb11"])
    assert len(votes) == 3 and any(v.voters > 0 for v in votes)
    assert all(v.result in {"pass", "fail"} for v in votes)


def test_an_unknown_classification_parses_and_moves_nothing(test_data: Path) -> None:
    bill = json.loads(v3(test_data, "ky-2026RS-SB197-bill.json"))
    before = parse_bill(bill, where="ky")
    extra = dict(bill["actions"][0], classification=["some-new-word"], order=99)
    extra["date"] = "2026-04-28T04:00:00+00:00"
    extra["description"] = "a step Open States classifies in a way we have never seen"
    after = parse_bill(dict(bill, actions=[*bill["actions"], extra]), where="ky")
    assert after.latest_action is not None
    assert after.latest_action.action_type == "some-new-word"
    assert after.stage == before.stage


def test_tracker_reads_neither_other_json_nor_broken_bills(test_data: Path) -> None:
    assert not recognises(v3(test_data, "ky-event-2026-04-27.json"))
    assert not recognises(v3(test_data, "ky-jurisdiction-sessions.json"))
    bill = json.loads(v3(test_data, "ky-2026RS-SB197-bill.json"))
    with pytest.raises(ParseError, match="identifier"):
        parse_bill(dict(bill, identifier="SB"), where="ky")
    with pytest.raises(ParseError, match=r"actions\[0\].date"):
        parse_bill(dict(bill, actions=[dict(bill["actions"][0], date="")]), where="ky")


# --- the stage table ------------------------------------------------------------------

S, H, L, E = Chamber.SENATE, Chamber.HOUSE, Chamber.LEGISLATURE, Chamber.EXECUTIVE


def act(day: int, chamber: Chamber, *kinds: str) -> StateAction:
    return StateAction(on=date(2025, 1, day), classifications=kinds, chamber=chamber)


def test_every_rule_has_a_reason_and_one_row_per_classification() -> None:
    assert all(rule.reason for rule in RULES)
    assert len({rule.classification for rule in RULES}) == len(RULES)


def test_nebraska_one_passage_is_the_legislature_s() -> None:
    actions = [
        act(1, L, "introduction"),
        act(2, L, "referral-committee"),
        act(3, L, "committee-passage"),
        act(4, L, "passage"),
    ]
    info = compute_state_stage(actions, origin=L)
    assert (info.stage, info.detail, info.next_chamber) == (
        Stage.PASSED_BOTH_CHAMBERS,
        "PASSED:BILL",
        E,
    )
    vetoed = compute_state_stage([*actions, act(5, E, "executive-veto")], origin=L)
    assert vetoed.stage is Stage.VETOED
    overridden = compute_state_stage(
        [*actions, act(5, E, "executive-veto"), act(6, L, "veto-override-passage")], origin=L
    )
    assert (overridden.stage, overridden.detail) == (Stage.ENACTED, "ENACTED:VETO_OVERRIDE")


def test_two_chambers_passage_repeats_and_override() -> None:
    base = [act(1, S, "introduction"), act(2, S, "passage"), act(3, S, "passage")]
    info = compute_state_stage(base, origin=S)
    assert (info.stage, info.detail, info.on) == (
        Stage.PASSED_ONE_CHAMBER,
        "PASS_OVER:SENATE",
        date(2025, 1, 2),
    )
    both = [*base, act(4, H, "reading-3", "passage"), act(5, E, "executive-receipt")]
    assert compute_state_stage(both, origin=S).stage is Stage.SENT_TO_EXECUTIVE
    vetoed = [*both, act(6, E, "executive-veto")]
    one = compute_state_stage([*vetoed, act(7, S, "veto-override-passage")], origin=S)
    assert (one.stage, one.detail, one.next_chamber) == (Stage.VETOED, "VETOED:OVERRIDE", H)
    two = compute_state_stage(
        [*vetoed, act(7, S, "veto-override-passage"), act(8, H, "veto-override-passage")],
        origin=S,
    )
    assert two.stage is Stage.ENACTED


def test_line_item_veto_keeps_the_bill_with_the_governor_until_law() -> None:
    both = [act(1, H, "passage"), act(2, S, "passage"), act(3, E, "executive-receipt")]
    items = compute_state_stage([*both, act(4, E, "executive-veto-line-item")], origin=H)
    assert (items.stage, items.detail) == (Stage.SENT_TO_EXECUTIVE, "VETOED:LINE_ITEM")
    law = compute_state_stage(
        [*both, act(4, E, "executive-veto-line-item"), act(5, E, "became-law")], origin=H
    )
    assert law.stage is Stage.ENACTED


def test_unclassified_and_reading_actions_never_move_the_stage() -> None:
    start = [act(1, H, "introduction"), act(2, H, "referral-committee")]
    info = compute_state_stage(start, origin=H)
    noise = [act(3, H), act(4, H, "reading-2"), act(5, H, "withdrawal"), act(6, H, "???")]
    assert compute_state_stage([*start, *noise], origin=H) == info
    assert rule_for(()) is None and rule_for(("reading-1",)) is None
    assert rule_for(("reading-3", "passage")) is not None


def test_failure_is_provisional_and_resolutions_are_adopted() -> None:
    failed = compute_state_stage([act(1, H, "passage"), act(2, S, "failure")], origin=H)
    assert failed.stage is Stage.FAILED
    again = compute_state_stage(
        [act(1, H, "passage"), act(2, S, "failure"), act(3, S, "passage")], origin=H
    )
    assert again.stage is Stage.PASSED_BOTH_CHAMBERS
    res = compute_state_stage(
        [act(1, H, "passage"), act(2, S, "passage")], origin=H, resolution=True
    )
    assert res.stage is Stage.ADOPTED


# --- references -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ca AB 123 2023-2024",
        "CA ab123 20232024",
        "ca AB 123 (2023-2024)",
        "ca-20232024-ab123",
        "https://openstates.org/ca/bills/20232024/AB123/",
        "openstates.org/ca/bills/20232024/AB123",
    ],
)
def test_state_references(text: str) -> None:
    ref = parse_state_ref(text)
    assert ref == BillRef(jurisdiction="ca", session="20232024", bill_type="ab", number=123)
    assert ref.key == "ca-20232024-ab123"


def test_state_references_keep_open_states_session_spelling() -> None:
    ky = parse_state_ref("ky SB 197 2026rs")
    assert ky is not None and (ky.session, ky.key) == ("2026RS", "ky-2026rs-sb197")
    assert parse_state_ref("ky-2026rs-sb197") == ky
    assert parse_state_ref("hr4030-115") is None
    assert parse_state_ref("https://example.org/ca/bills/20232024/AB123/") is None


def test_a_state_bill_without_a_session_is_refused_with_a_hint() -> None:
    with pytest.raises(MissingSession, match="'ca AB 123 2023-2024'"):
        parse_state_ref("ca AB 123")


# --- HTTP -----------------------------------------------------------------------------


def _client() -> PoliteClient:
    return PoliteClient(
        user_agent="bill-tracker-tests (+tests@example.org)",
        min_interval=0.0,
        max_retries=0,
        respect_robots=False,
        sleep=lambda _seconds: None,
    )


def _source(httpserver: Any, **kwargs: Any) -> OpenStatesApi:
    kwargs.setdefault("api_key", KEY)
    kwargs.setdefault("min_interval", 0.0)
    return OpenStatesApi(_client(), base_url=httpserver.url_for("/").rstrip("/"), **kwargs)


KY = BillRef(jurisdiction="ky", session="2026RS", bill_type="sb", number=197)


def test_fetch_one_bill_with_includes_and_the_key_in_the_header_only(
    httpserver: Any, test_data: Path
) -> None:
    content = v3(test_data, "ky-2026RS-SB197-bill.json")
    httpserver.expect_request("/bills/ky/2026RS/SB 197").respond_with_data(
        content, content_type="application/json"
    )
    source = _source(httpserver)
    assert isinstance(source, ListingSource)
    doc = source.fetch(KY)
    assert isinstance(doc, Fetched)
    assert source.parse(doc).stage.stage is Stage.ENACTED
    ((request, _response),) = httpserver.log
    assert request.headers["X-API-KEY"] == KEY
    assert request.args["include"] == "actions,sponsorships,versions,votes,abstracts"
    assert KEY not in request.url and KEY not in doc.url


def test_listing_pages_through_updated_since(httpserver: Any, test_data: Path) -> None:
    page1 = json.loads(v3(test_data, "tx-bills-include-actions.json"))
    page1["pagination"] = {"per_page": 10, "page": 1, "max_page": 2, "total_items": 11}
    page2 = {"results": page1["results"][:1], "pagination": dict(page1["pagination"], page=2)}
    for page in (page1, page2):
        httpserver.expect_ordered_request("/bills").respond_with_json(page)
    since = datetime(2025, 1, 1, 12, 30, tzinfo=UTC)
    refs = list(_source(httpserver).changed_since(since, sessions=frozenset({"tx/89R"})))
    assert len(refs) == 11 and refs[0].key == "tx-89r-hb2"
    args = [request.args for request, _response in httpserver.log]
    assert [a["page"] for a in args] == ["1", "2"]
    assert all(a["jurisdiction"] == "tx" and a["session"] == "89R" for a in args)
    assert args[0]["updated_since"] == "2025-01-01T12:30:00"
    with pytest.raises(ValueError, match="state/session"):
        list(_source(httpserver).changed_since(since, sessions=frozenset({"89R"})))


def test_a_429_is_a_one_line_transient_error(httpserver: Any) -> None:
    httpserver.expect_request("/bills/ky/2026RS/SB 197").respond_with_data(
        "Too Many Requests", status=429, headers={"Retry-After": "3600"}
    )
    with pytest.raises(TransientFetchError) as caught:
        _source(httpserver).fetch(KY)
    assert "429" in str(caught.value) and "\n" not in str(caught.value)
    assert KEY not in str(caught.value)


def test_daily_budget_and_spacing() -> None:
    clock = FakeClock()
    sent: list[float] = []

    class Recording:
        def get(self, url: str, **_kwargs: Any) -> Any:
            sent.append(clock.now)
            return type("R", (), {"content": b"{}"})()

    api = OpenStatesCaller(
        Recording(),  # type: ignore[arg-type]
        base_url="http://127.0.0.1:1",
        api_key=KEY,
        daily_budget=3,
        min_interval=6.5,
        monotonic=clock.monotonic,
        sleep=clock.sleep,
    )
    for _ in range(3):
        api.get("http://127.0.0.1:1/bills", {})
    assert [b - a for a, b in itertools.pairwise(sent)] == [6.5, 6.5]
    with pytest.raises(TransientFetchError, match="daily budget of 3"):
        api.get("http://127.0.0.1:1/bills", {})
    clock.now += 86400
    api.get("http://127.0.0.1:1/bills", {})
    assert len(sent) == 4


def test_no_key_is_refused_before_any_request(httpserver: Any) -> None:
    with pytest.raises(Exception, match="TRACKER_OPENSTATES_API_KEY"):
        _source(httpserver, api_key=None).fetch(KY)
    assert httpserver.log == []


def test_committees_from_related_entities(test_data: Path) -> None:
    hb2 = snap(test_data, "tx-bills-include-actions.json", "tx-89r-hb2")
    names = [(c.name, c.chamber, c.activities[0].name) for c in hb2.committees]
    assert names == [
        ("Public Education", Chamber.HOUSE, "Referred to"),
        ("Education K-16", Chamber.SENATE, "Referred to"),
    ]
    assert all(len(c.code) <= 16 for c in hb2.committees)
    assert hb2.committees[0].activities[0].on == date(2025, 2, 25)
