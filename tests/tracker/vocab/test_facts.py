"""One fact, one line: actions a source lists twice, votes two systems report, on real files."""

from __future__ import annotations

import tarfile
from datetime import date

import pytest

from scrapers.model import Action
from scrapers.sources.govinfo.parse import parse_billstatus
from tests.billstatus_edit import billstatus_as_of
from tracker.checking.diff import diff_snapshots
from tracker.vocab.facts import one_per_fact


def _distinct(actions: tuple[Action, ...]) -> list[Action]:
    return one_per_fact(
        actions, on=lambda a: a.on, text=lambda a: a.text, chamber=lambda a: a.chamber
    )


def test_each_action_once_though_billstatus_lists_it_per_source_system(test_data):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr1.xml"
    actions = parse_billstatus(path.read_bytes(), where=str(path)).actions
    texts = [a.text for a in _distinct(actions)]
    raw = [a.text for a in actions]
    for text in (
        "Became Public Law No: 115-97.",
        "Presented to President.",
        "Signed by President.",
    ):
        assert raw.count(text) == 2 and texts.count(text) == 1, text
    # The Library of Congress copy of the House vote is the same fact as the House's own.
    house_vote = [t for t in texts if "(Roll no. 692)" in t]
    assert house_vote == [
        "On agreeing to the conference report Agreed to by the Yeas and Nays: 227 - 203 "
        "(Roll no. 692)."
    ]
    assert len(texts) < len(raw)


def test_one_roll_call_reported_by_two_systems_is_one_vote(corpus_tarball):
    """H.R. 2 (115th), the 2018 farm bill: roll 205 is listed as "On passage Failed ..."
    and as "Failed of passage/not agreed to in House: On passage Failed ..."."""
    with tarfile.open(corpus_tarball) as tar:
        member = next(m for m in tar if m.name.endswith("/BILLSTATUS-115hr2.xml"))
        handle = tar.extractfile(member)
        assert handle is not None
        content = handle.read()
    before = parse_billstatus(billstatus_as_of(content, date(2018, 5, 17)), where="05-17")
    after = parse_billstatus(billstatus_as_of(content, date(2018, 5, 18)), where="05-18")
    assert sum("(Roll no. 205)" in a.text for a in after.actions) == 2
    votes = [e for e in diff_snapshots(before, after) if e.kind == "vote_recorded"]
    assert [(v.roll, v.result.value, v.tally) for v in votes] == [("205", "failed", "198 - 213")]


@pytest.mark.parametrize(
    "texts",
    [
        ("Introduced in House", "Introduced in House"),
        ("Presented to President.", "Presented to President"),
    ],
)
def test_same_day_same_core_text_is_one_fact(texts):
    actions = [Action(on=date(2018, 1, 2), text=t) for t in texts]
    assert len(_distinct(tuple(actions))) == 1
    other_day = [actions[0], Action(on=date(2018, 1, 3), text=texts[1])]
    assert len(_distinct(tuple(other_day))) == 2  # a repeat on another day is another fact
