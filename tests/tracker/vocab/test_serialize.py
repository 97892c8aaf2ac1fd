"""snapshot_to_dict / snapshot_from_dict: the stored and public JSON shape of a bill."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.model import (
    BillSnapshot,
    Chamber,
    Law,
    ScheduledKind,
    Stage,
    Summary,
)
from tests.factories import (
    make_action,
    make_committee,
    make_cosponsor,
    make_member,
    make_ref,
    make_scheduled,
    make_snapshot,
    make_stage,
)
from tracker.vocab.serialize import SCHEMA_VERSION, snapshot_from_dict, snapshot_to_dict

CONTRACT_FIELDS = [
    "id",
    "jurisdiction",
    "congress",
    "session",
    "bill_type",
    "number",
    "title",
    "official_title",
    "short_title",
    "popular_title",
    "stage",
    "stage_chamber",
    "stage_date",
    "stage_detail",
    "next_chamber",
    "latest_action",
    "actions",
    "sponsor",
    "cosponsors",
    "committees",
    "text_versions",
    "laws",
    "subjects",
    "policy_area",
    "latest_summary",
    "scheduled",
    "became_law",
    "introduced_on",
    "updated_at",
    "source",
    "source_url",
]
ACTION_FIELDS = [
    "date",
    "text",
    "chamber",
    "code",
    "type",
    "time",
    "source_system",
    "committees",
    "recorded_votes",
]
MEMBER_FIELDS = ["bioguide_id", "name", "party", "state", "district", "by_request"]
COSPONSOR_FIELDS = [*MEMBER_FIELDS, "sponsored_on", "withdrawn_on", "is_original"]

#: Every optional field filled, so a forgotten one fails the round trip.
FULL = make_snapshot(
    popular_title="Title IX bill",
    cosponsors=(
        make_cosponsor(),
        make_cosponsor(
            make_member(
                bioguide_id=None, name="Sen. Hagerty, Bill", state="TN", party="R", district=None
            ),
            sponsored_on=date(2022, 3, 15),
            withdrawn_on=date(2022, 3, 21),
            is_original=False,
        ),
    ),
    sponsor=make_member(by_request=True),
    committees=(
        make_committee(),
        make_committee(code="hsed13", name="Higher Ed", parent_code="hsed00"),
    ),
    actions=(
        make_action(),
        make_action(
            text="Vote", time="07:15PM", code="H37100", committee_codes=("hsed00", "hsed13")
        ),
    ),
    laws=(Law(kind="private", number="115-1"),),
    latest_summary=Summary(
        version_code="00",
        action_on=date(2017, 10, 12),
        action_desc="Introduced in House",
        text="Ünïcode",
    ),
    scheduled=(make_scheduled(location="2175 Rayburn", url="https://docs.house.gov/x"),),
    stage=make_stage(stage=Stage.ENACTED, detail="ENACTED:SIGNED", next_chamber=None),
)


def _json_round_trip(s: BillSnapshot) -> BillSnapshot:
    text = json.dumps(snapshot_to_dict(s), allow_nan=False)
    return snapshot_from_dict(json.loads(text))


@pytest.mark.parametrize("snapshot", [make_snapshot(), FULL], ids=["default", "full"])
def test_round_trip_through_json(snapshot: BillSnapshot):
    assert _json_round_trip(snapshot) == snapshot


def test_contract_fields_and_shapes():
    d = snapshot_to_dict(FULL)
    assert set(CONTRACT_FIELDS) <= set(d)
    assert d["schema"] == SCHEMA_VERSION
    assert (d["id"], d["jurisdiction"], d["congress"], d["session"]) == (
        "hr4030-115",
        "us",
        115,
        "115",
    )
    assert (d["bill_type"], d["number"]) == ("hr", 4030)
    assert (d["stage"], d["stage_chamber"], d["stage_date"]) == ("enacted", "house", "2017-10-12")
    assert d["became_law"] is True
    assert list(d["actions"][1]) == ACTION_FIELDS
    assert d["actions"][1]["committees"] == ["hsed00", "hsed13"]
    assert d["latest_action"] == {
        "date": "2017-10-12",
        "text": "Vote",
        "code": "H37100",
        "chamber": "house",
    }
    assert list(d["sponsor"]) == MEMBER_FIELDS
    assert all(list(c) == COSPONSOR_FIELDS for c in d["cosponsors"])
    assert d["cosponsors"][1]["withdrawn_on"] == "2022-03-21"
    assert d["committees"][1]["parent_code"] == "hsed00"
    assert d["committees"][0]["activities"] == [{"name": "Referred to", "date": "2017-10-12"}]
    assert d["scheduled"][0]["kind"] == "hearing"
    assert d["laws"] == [{"kind": "private", "number": "115-1"}]


def test_empty_values_are_null_or_empty_lists():
    bare = make_snapshot(
        sponsor=None, cosponsors=(), actions=(), committees=(), text_versions=(), updated_at=None
    )
    d = snapshot_to_dict(bare)
    assert d["sponsor"] is None and d["latest_action"] is None and d["updated_at"] is None
    assert d["actions"] == [] and d["cosponsors"] == [] and d["latest_summary"] is None
    assert _json_round_trip(bare) == bare


def test_updated_at_is_written_in_utc():
    eastern = timezone(timedelta(hours=-5))
    s = make_snapshot(updated_at=datetime(2018, 9, 20, 8, 30, tzinfo=eastern))
    assert snapshot_to_dict(s)["updated_at"] == "2018-09-20T13:30:00+00:00"
    back = _json_round_trip(s)
    assert back == s
    assert back.updated_at is not None and back.updated_at.utcoffset() == timedelta(0)


def test_state_bill_has_no_congress():
    s = make_snapshot(ref=make_ref(jurisdiction="mo", session="2011", bill_type="sb", number=70))
    d = snapshot_to_dict(s)
    assert (d["id"], d["congress"], d["session"]) == ("mo-2011-sb70", None, "2011")
    assert _json_round_trip(s) == s


def test_derived_fields_are_ignored_on_the_way_back():
    d = snapshot_to_dict(make_snapshot())
    d["latest_action"] = {"date": "1999-01-01", "text": "stale", "code": None, "chamber": None}
    d["became_law"] = True
    assert snapshot_from_dict(d) == make_snapshot()


def test_another_schema_is_refused():
    d = snapshot_to_dict(make_snapshot()) | {"schema": 99}
    with pytest.raises(ValueError, match="hr4030-115: snapshot schema 99"):
        snapshot_from_dict(d)


def test_output_is_stable():
    a = json.dumps(snapshot_to_dict(FULL))
    b = json.dumps(snapshot_to_dict(replace(FULL)))
    assert a == b


@given(
    title=st.text(min_size=1),
    day=st.dates(min_value=date(1973, 1, 1), max_value=date(2100, 12, 31)),
    text=st.text(),
    code=st.none() | st.text(max_size=8),
    chamber=st.none() | st.sampled_from(Chamber),
    stage=st.sampled_from(Stage),
    kind=st.sampled_from(ScheduledKind),
    stamp=st.none() | st.datetimes(timezones=st.just(UTC)),
)
def test_round_trip_property(title, day, text, code, chamber, stage, kind, stamp):
    s = make_snapshot(
        title=title,
        updated_at=stamp,
        actions=(make_action(on=day, text=text, code=code, chamber=chamber),),
        scheduled=(make_scheduled(kind=kind, on=day, chamber=chamber),),
        stage=make_stage(stage=stage, on=day, chamber=chamber),
    )
    assert _json_round_trip(s) == s


def test_every_real_billstatus_file_round_trips(test_data: Path):
    parse = pytest.importorskip("scrapers.sources.govinfo.parse").parse_billstatus
    paths = sorted((test_data / "billstatus").rglob("*.xml"))
    assert len(paths) >= 40
    for path in paths:
        s = parse(path.read_bytes(), where=path.name)
        d = snapshot_to_dict(s)
        assert set(CONTRACT_FIELDS) <= set(d), path.name
        assert _json_round_trip(s) == s, path.name
        assert d["id"] == s.ref.key
        assert d["became_law"] == bool(s.stage.stage is Stage.ENACTED), path.name
