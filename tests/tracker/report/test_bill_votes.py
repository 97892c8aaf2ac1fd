"""``bill_votes``: a bill's stored roll calls with every position, as others read them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from db import votes as vote_rows
from db.models import Official
from scrapers.sources.house_clerk import parse_house_roll_call
from scrapers.sources.senate_lis import parse_senate_roll_call
from tests.db_rows import add_tracked_bill
from tracker.checking.votes import store_roll_call
from tracker.report.votes import bill_votes, pending_votes

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def _link(key, chamber, congress, session, number, on):
    return {
        "vote_key": key,
        "chamber": chamber,
        "congress": congress,
        "session": session,
        "number": number,
        "action_on": on,
        "action_text": f"a vote ({key})",
        "action_code": None,
    }


def test_votes_come_with_positions_by_bioguide_id_and_a_party_breakdown(session, test_data):
    bill = add_tracked_bill(session, "hres1530-119")
    vote_rows.replace_bill_votes(
        session,
        bill.id,
        [
            _link("house-119-2-300", "house", 119, 2, 300, date(2026, 9, 15)),
            _link("senate-115-2-223", "senate", 115, 2, 223, date(2026, 9, 16)),
            _link("house-119-2-301", "house", 119, 2, 301, date(2026, 9, 16)),
        ],
    )
    house = (test_data / "votes" / "house-clerk" / "2026-roll300.xml").read_bytes()
    senate = (test_data / "votes" / "senate-lis" / "vote_115_2_00223.xml").read_bytes()
    assert store_roll_call(session, parse_house_roll_call(house, where="h"), now=NOW)
    assert store_roll_call(session, parse_senate_roll_call(senate, where="s"), now=NOW)
    # Stored once: a second store of the same vote is a no-op.
    assert not store_roll_call(session, parse_house_roll_call(house, where="h"), now=NOW)
    # Officials imported after the vote still match their LIS id when read.
    session.add(
        Official(
            bioguide_id="M001153",
            lis_id="S288",
            name="Lisa Murkowski",
            chamber="senate",
            state="AK",
            updated_at=NOW,
        )
    )
    session.flush()

    votes = bill_votes(session, "hres1530-119")
    assert [v.key for v in votes] == ["senate-115-2-223", "house-119-2-300"]  # by vote date
    senate_vote, house_vote = votes
    adams = house_vote.position_of("A000370")
    assert adams is not None and (adams.position, adams.choice) == ("No", "nay")
    assert house_vote.position_of("M001153") is None  # not in that chamber
    murkowski = senate_vote.position_of("M001153")
    assert murkowski is not None and murkowski.position == "Present, Giving Live Pair"
    parties = {t.party: t for t in house_vote.by_party()}
    assert (parties["R"].yea, parties["R"].nay, parties["R"].not_voting) == (211, 2, 5)
    assert house_vote.totals == {"yea": 214, "nay": 211, "present": 0, "not_voting": 8}
    assert pending_votes(session, "hres1530-119") == ["house-119-2-301"]
    assert bill_votes(session, "hr1-119") == []


def test_the_speaker_election_reads_back_as_candidates(session, test_data):
    bill = add_tracked_bill(session, "hres1-119")
    vote_rows.replace_bill_votes(
        session, bill.id, [_link("house-119-1-2", "house", 119, 1, 2, date(2025, 1, 3))]
    )
    path = test_data / "votes" / "house-clerk" / "2025-roll002-speaker-election.xml"
    store_roll_call(session, parse_house_roll_call(path.read_bytes(), where="p"), now=NOW)
    (vote,) = bill_votes(session, "hres1-119")
    assert not vote.is_yea_nay and vote.totals is None
    assert vote.candidates[:2] == (("Johnson (LA)", 218), ("Jeffries", 215))
    assert vote.to_json()["by_party"] == []
