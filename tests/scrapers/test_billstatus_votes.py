"""Which roll call belongs to which action, as BILLSTATUS says it.

3.0.0 files list ``<recordedVotes>`` on the action (roll number, chamber, congress,
session, date, URL); older ones name the vote only in the text ("Roll no. 91",
"Record Vote Number: 60"), the action's date giving the session.
"""

from __future__ import annotations

from datetime import date

from scrapers.model import Chamber, RecordedVote
from scrapers.sources.govinfo import parse_billstatus
from tracker.vocab.serialize import snapshot_from_dict, snapshot_to_dict


def _parse(test_data, path):
    return parse_billstatus((test_data / "billstatus" / path).read_bytes(), where=path)


def _votes(snapshot):
    return [(a.on, v) for a in snapshot.actions for v in a.recorded_votes]


def test_a_3_0_0_action_carries_its_listed_recorded_votes(test_data):
    snapshot = _parse(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-117hr1.xml")
    found = _votes(snapshot)
    assert {v.key for _, v in found} == {"house-117-1-61", "house-117-1-62"}
    on, roll_62 = next((on, v) for on, v in found if v.number == 62)
    assert on == date(2021, 3, 3)
    assert roll_62 == RecordedVote(
        chamber=Chamber.HOUSE,
        congress=117,
        session=1,
        number=62,
        on=date(2021, 3, 3),
    )


def test_an_older_file_names_its_votes_in_the_action_text(test_data):
    snapshot = _parse(test_data, "govinfo-115/BILLSTATUS-115hr1865.xml")
    keys = {v.key for _, v in _votes(snapshot)}
    assert keys == {"house-115-2-91", "senate-115-2-57", "senate-115-2-60"}
    house = next(a for a in snapshot.actions if a.recorded_votes and a.code == "H37100")
    assert "(Roll no. 91)" in house.text
    assert house.recorded_votes[0].on == date(2018, 2, 27)


def test_the_tax_bill_names_votes_of_both_sessions_and_both_chambers(test_data):
    snapshot = _parse(test_data, "govinfo-115/BILLSTATUS-115hr1.xml")
    keys = {v.key for _, v in _votes(snapshot)}
    assert {"house-115-1-699", "house-115-1-692", "senate-115-1-323"} <= keys
    assert all(k.startswith(("house-115-1-", "senate-115-1-")) for k in keys)


def test_recorded_votes_survive_the_snapshot_json_and_old_json_reads_without_them(test_data):
    snapshot = _parse(test_data, "govinfo-115/BILLSTATUS-115hr1865.xml")
    data = snapshot_to_dict(snapshot)
    voted = next(a for a in data["actions"] if a["recorded_votes"])
    assert voted["recorded_votes"][0]["id"] in {"house-115-2-91", "senate-115-2-57"}
    assert snapshot_from_dict(data) == snapshot
    for action in data["actions"]:
        del action["recorded_votes"]  # as stored before votes were read
    assert all(a.recorded_votes == () for a in snapshot_from_dict(data).actions)
