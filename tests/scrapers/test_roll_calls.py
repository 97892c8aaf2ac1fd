"""The House Clerk and Senate LIS roll-call parsers on every real sample, and their sources.

Samples: ``votes/house-clerk/2026-roll300.xml`` (H.Res. 1530, 214-211-8),
``2025-roll002-speaker-election.xml`` (candidates instead of Yea/Nay),
``votes/senate-lis/vote_108_2_00213.xml`` (S. 2986, a live pair without a ``pair``
attribute) and ``vote_115_2_00223.xml`` (a nomination, a live pair with one).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scrapers.errors import NotFound, ParseError
from scrapers.http import PoliteClient
from scrapers.model import Chamber, RecordedVote
from scrapers.roll_calls import RollCallSources, parse_roll_call_document
from scrapers.sources.house_clerk import HouseClerkVotes, parse_house_roll_call
from scrapers.sources.senate_lis import SenateLisVotes, parse_senate_roll_call
from scrapers.votes import Choice, session_of, votes_named_in_text


def _sample(test_data: Path, name: str) -> bytes:
    return (test_data / "votes" / name).read_bytes()


def test_house_roll_call_2026_roll_300(test_data):
    roll = parse_house_roll_call(_sample(test_data, "house-clerk/2026-roll300.xml"), where="t")
    assert (roll.chamber, roll.congress, roll.session, roll.number) == (Chamber.HOUSE, 119, 2, 300)
    assert roll.key == "house-119-2-300"
    assert roll.voted_on == date(2026, 9, 15)
    assert roll.voted_at == datetime(2026, 9, 15, 21, 27, tzinfo=UTC)  # 5:27 PM EDT
    assert (roll.question, roll.result) == ("On Agreeing to the Resolution", "Passed")
    assert roll.vote_type == "RECORDED VOTE" and roll.bill == "H.Res. 1530"
    assert roll.description is not None and roll.description.startswith("Providing for")
    assert roll.is_yea_nay and roll.totals is not None
    assert (roll.totals.yea, roll.totals.nay, roll.totals.present, roll.totals.not_voting) == (
        214,
        211,
        0,
        8,
    )
    assert len(roll.positions) == 433
    counted = Counter(p.choice for p in roll.positions)
    assert (counted[Choice.YEA], counted[Choice.NAY], counted[Choice.NOT_VOTING]) == (214, 211, 8)
    adams = roll.positions[0]
    assert (adams.bioguide_id, adams.name, adams.party, adams.state) == (
        "A000370",
        "Adams",
        "D",
        "NC",
    )
    assert (adams.position, adams.choice, adams.lis_member_id) == ("No", Choice.NAY, None)
    speaker = next(p for p in roll.positions if p.bioguide_id == "J000299")
    assert speaker.position == "Aye"  # the Speaker's role is not a vote of its own
    assert all(p.bioguide_id for p in roll.positions)


def test_the_speaker_election_is_not_a_yea_nay_vote(test_data):
    content = _sample(test_data, "house-clerk/2025-roll002-speaker-election.xml")
    roll = parse_house_roll_call(content, where="speaker")
    assert roll.key == "house-119-1-2"
    assert roll.question == "Election of the Speaker" and roll.result == "Johnson (LA)"
    assert not roll.is_yea_nay and roll.totals is None
    assert [(c.candidate, c.total) for c in roll.candidates][:3] == [
        ("Johnson (LA)", 218),
        ("Jeffries", 215),
        ("Emmer", 1),
    ]
    assert roll.bill is None
    assert len(roll.positions) == 434
    votes = Counter(p.position for p in roll.positions)
    assert (votes["Johnson (LA)"], votes["Jeffries"], votes["Emmer"]) == (218, 215, 1)
    assert {p.choice for p in roll.positions} == {Choice.CANDIDATE}


def test_senate_vote_108_2_213_with_a_live_pair(test_data):
    roll = parse_senate_roll_call(_sample(test_data, "senate-lis/vote_108_2_00213.xml"), where="t")
    assert roll.key == "senate-108-2-213"
    assert roll.voted_on == date(2004, 11, 17)
    assert roll.voted_at == datetime(2004, 11, 17, 22, 48, tzinfo=UTC)  # 05:48 PM EST
    assert roll.question == "On Passage of the Bill S. 2986"
    assert (roll.result, roll.vote_type, roll.bill) == ("Bill Passed", "1/2", "S. 2986")
    assert roll.totals is not None
    assert (roll.totals.yea, roll.totals.nay, roll.totals.present, roll.totals.not_voting) == (
        52,
        44,
        1,
        3,
    )
    assert len(roll.positions) == 100
    reid = next(p for p in roll.positions if p.lis_member_id == "S198")
    assert (reid.name, reid.party, reid.state) == ("Harry Reid", "D", "NV")
    assert reid.position == "Present, Giving Live Pair" and reid.choice is Choice.PRESENT
    assert reid.paired_with is None and reid.bioguide_id is None
    assert Counter(p.choice for p in roll.positions)[Choice.YEA] == 52


def test_senate_vote_115_2_223_a_nomination_with_a_pair(test_data):
    roll = parse_senate_roll_call(_sample(test_data, "senate-lis/vote_115_2_00223.xml"), where="t")
    assert roll.key == "senate-115-2-223"
    assert roll.result == "Nomination Confirmed" and roll.bill is None  # PN2259 is no bill
    assert roll.description is not None and "Kavanaugh" in roll.description
    assert roll.totals is not None and (roll.totals.yea, roll.totals.nay) == (50, 48)
    murkowski = next(p for p in roll.positions if p.lis_member_id == "S288")
    assert murkowski.position == "Present, Giving Live Pair"
    assert murkowski.paired_with == "S375"


@pytest.mark.parametrize(
    "name",
    [
        "house-clerk/2026-roll300.xml",
        "house-clerk/2025-roll002-speaker-election.xml",
        "senate-lis/vote_108_2_00213.xml",
        "senate-lis/vote_115_2_00223.xml",
    ],
)
def test_every_sample_is_recognised_and_its_totals_match_its_positions(test_data, name):
    roll = parse_roll_call_document(_sample(test_data, name), where=name)
    assert roll is not None
    assert roll.chamber is (Chamber.HOUSE if name.startswith("house") else Chamber.SENATE)
    counted = Counter(p.choice for p in roll.positions)
    if roll.totals is not None:
        assert counted[Choice.YEA] == roll.totals.yea
        assert counted[Choice.NAY] == roll.totals.nay
        assert counted[Choice.PRESENT] == roll.totals.present
        assert counted[Choice.NOT_VOTING] == roll.totals.not_voting
    else:
        assert sum(c.total for c in roll.candidates) == len(roll.positions)


def test_other_documents_are_not_roll_calls(test_data):
    bill = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
    assert parse_roll_call_document(bill.read_bytes(), where="bill") is None


def test_a_record_without_its_totals_is_a_parse_error(test_data):
    content = _sample(test_data, "house-clerk/2026-roll300.xml")
    start, end = content.index(b"<totals-by-vote>"), content.index(b"</totals-by-vote>")
    broken = content[:start] + content[end + len(b"</totals-by-vote>") :]
    with pytest.raises(ParseError, match="totals-by-vote"):
        parse_house_roll_call(broken, where="broken")


def test_votes_named_in_action_text_take_their_session_from_the_date():
    text = "On passage Passed by recorded vote: 388 - 25 (Roll no. 91)."
    assert votes_named_in_text(text, on=date(2018, 2, 27), congress=115) == (
        RecordedVote(
            chamber=Chamber.HOUSE, congress=115, session=2, number=91, on=date(2018, 2, 27)
        ),
    )
    senate = votes_named_in_text(
        "Passed Senate by Yea-Nay Vote. 51 - 48. Record Vote Number: 303.",
        on=date(2017, 12, 2),
        congress=115,
    )
    assert [v.key for v in senate] == ["senate-115-1-303"]
    assert votes_named_in_text("Referred to committee.", on=date(2017, 1, 3), congress=115) == ()
    # A session ends on 3 January at the latest: New Year's votes belong to the old one.
    assert session_of(116, date(2021, 1, 1)) == 2
    assert session_of(117, date(2021, 1, 4)) == 1


def test_the_sources_build_the_chambers_urls_and_fetch_once(httpserver, test_data):
    house_record = _sample(test_data, "house-clerk/2026-roll300.xml")
    httpserver.expect_oneshot_request("/evs/2026/roll300.xml").respond_with_data(
        house_record, content_type="text/xml"
    )
    base = httpserver.url_for("/").rstrip("/")
    with PoliteClient(user_agent="test", min_interval=0, max_retries=0) as client:
        sources = RollCallSources(
            house=HouseClerkVotes(client, base_url=base),
            senate=SenateLisVotes(client, base_url=base),
        )
        house = RecordedVote(chamber=Chamber.HOUSE, congress=119, session=2, number=300)
        assert sources.fetch(house).key == "house-119-2-300"
        senate = RecordedVote(chamber=Chamber.SENATE, congress=115, session=2, number=223)
        assert sources.senate.document_url(senate) == (
            f"{base}/legislative/LIS/roll_call_votes/vote1152/vote_115_2_00223.xml"
        )
        httpserver.expect_oneshot_request(
            "/legislative/LIS/roll_call_votes/vote1152/vote_115_2_00223.xml"
        ).respond_with_data("gone", status=404)
        with pytest.raises(NotFound):
            sources.fetch(senate)
    assert len(httpserver.log) == 2
