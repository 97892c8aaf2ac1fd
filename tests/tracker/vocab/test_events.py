"""The event vocabulary: payload round trips, wording, significance, dedupe keys."""

from __future__ import annotations

import hashlib
import json
from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime

import pytest

from scrapers.model import Chamber, ScheduledKind, Stage
from tracker.vocab import events as ev
from tracker.vocab.events import (
    EVENT_TYPES,
    ActionAdded,
    BecameLaw,
    BillEvent,
    CommitteeReferral,
    CosponsorAdded,
    CosponsorWithdrawn,
    HearingHeld,
    HearingScheduled,
    NewBillOnTopic,
    Significance,
    StageChanged,
    TextVersionPublished,
    TitleChanged,
    Vetoed,
    VoteMotion,
    VoteRecorded,
    VoteResult,
    VoteScheduled,
    core_action_text,
    event_from_payload,
)

KEY = "hr4030-115"
DAY = date(2018, 2, 6)

#: One filled-in example of every kind, with the summary line it must give.
EXAMPLES: list[tuple[BillEvent, str]] = [
    (
        StageChanged(
            bill_key=KEY,
            occurred_on=DAY,
            old=Stage.IN_COMMITTEE,
            new=Stage.PASSED_ONE_CHAMBER,
            chamber=Chamber.HOUSE,
            detail="PASS_OVER:HOUSE",
        ),
        "Passed the House",
    ),
    (
        ActionAdded(
            bill_key=KEY,
            occurred_on=DAY,
            text="Mr. Harper moved to suspend the rules and pass the bill.",
            code="H30300",
            chamber=Chamber.HOUSE,
            action_type="Floor",
        ),
        "Action: Mr. Harper moved to suspend the rules and pass the bill.",
    ),
    (
        CosponsorAdded(
            bill_key=KEY,
            occurred_on=date(2018, 10, 30),
            bioguide_id="L000582",
            name="Rep. Lieu, Ted [D-CA-33]",
            party="D",
            state="CA",
            district=33,
        ),
        "Rep. Lieu, Ted [D-CA-33] cosponsored",
    ),
    (
        CosponsorWithdrawn(
            bill_key="s3580-117",
            occurred_on=date(2022, 3, 21),
            bioguide_id="H000601",
            name="Sen. Hagerty, Bill",
            party="R",
            state="TN",
        ),
        "Sen. Hagerty, Bill [R-TN] withdrew as cosponsor",
    ),
    (
        TextVersionPublished(
            bill_key=KEY,
            occurred_on=date(2017, 10, 12),
            name="Introduced in House",
            url="https://www.govinfo.gov/content/pkg/BILLS-115hr4030ih/xml/BILLS-115hr4030ih.xml",
        ),
        "New text: Introduced in House",
    ),
    (
        CommitteeReferral(
            bill_key=KEY,
            occurred_on=date(2017, 10, 12),
            code="hsed00",
            name="Education and Labor Committee",
            chamber=Chamber.HOUSE,
        ),
        "Referred to Education and Labor Committee",
    ),
    (
        HearingScheduled(
            bill_key=KEY,
            occurred_on=None,
            session=ScheduledKind.HEARING,
            scheduled_for=date(2018, 3, 1),
            description="Title IX enforcement",
            committee="Committee on Education and the Workforce",
            chamber=Chamber.HOUSE,
            location="2175 Rayburn",
        ),
        "Hearing by Committee on Education and the Workforce scheduled for March 1, 2018",
    ),
    (
        HearingHeld(
            bill_key="hjres45-114",
            occurred_on=date(2015, 5, 1),
            session=ScheduledKind.HEARING,
            text="Subcommittee Hearings Held.",
        ),
        "Hearing held: Subcommittee Hearings Held.",
    ),
    (
        VoteScheduled(
            bill_key=KEY,
            occurred_on=None,
            scheduled_for=date(2018, 2, 6),
            description="H.R. 4924 under suspension of the rules",
            chamber=Chamber.HOUSE,
        ),
        "House vote scheduled for February 6, 2018",
    ),
    (
        VoteRecorded(
            bill_key="hr3762-114",
            occurred_on=date(2015, 10, 23),
            motion=VoteMotion.PASSAGE,
            result=VoteResult.PASSED,
            text="On passage Passed by recorded vote: 240 - 189 (Roll no. 568).",
            chamber=Chamber.HOUSE,
            method="roll_call",
            tally="240 - 189",
            roll="568",
        ),
        "House vote on passage: passed, 240 - 189 (roll call 568)",
    ),
    (
        VoteRecorded(
            bill_key="hr1314-114",
            occurred_on=date(2015, 10, 30),
            motion=VoteMotion.CLOTURE,
            result=VoteResult.FAILED,
            text="Cloture on the measure not invoked in Senate by Yea-Nay Vote. 52 - 45.",
            chamber=Chamber.SENATE,
            method="roll_call",
            tally="52 - 45",
        ),
        "Senate vote on cloture: not invoked, 52 - 45",
    ),
    (
        VoteRecorded(
            bill_key="s3749-115",
            occurred_on=date(2018, 12, 13),
            motion=VoteMotion.PASSAGE,
            result=VoteResult.PASSED,
            text="Passed Senate without amendment by Unanimous Consent.",
            chamber=Chamber.SENATE,
            method="unanimous_consent",
        ),
        "Senate vote on passage: passed by unanimous consent",
    ),
    (
        TitleChanged(
            bill_key=KEY, occurred_on=None, old="H.R. 4030", new="Title IX Protection Act"
        ),
        'Title changed to "Title IX Protection Act"',
    ),
    (
        BecameLaw(bill_key="s3749-115", occurred_on=date(2018, 12, 21), law_number="115-397"),
        "Became Public Law 115-397",
    ),
    (
        Vetoed(
            bill_key="hr3762-114",
            occurred_on=date(2016, 1, 8),
            text="Vetoed by President. (text of veto message: CR H210-211)",
        ),
        "Vetoed by the President",
    ),
    (
        NewBillOnTopic(
            bill_key=KEY,
            occurred_on=date(2017, 10, 12),
            topic="Title IX",
            title="Title IX Protection Act",
        ),
        "New bill on the topic \u201cTitle IX\u201d: Title IX Protection Act",
    ),
]


# A markup from the Senate schedule (hearings-2026-07-30.xml, meeting 338704), stored in UTC.
_MEETING = {
    "meeting_key": "senate:338704",
    "starts_at": datetime(2026, 8, 5, 14, 0, tzinfo=UTC),
    "committee": "Commerce, Science, and Transportation",
    "chamber": Chamber.SENATE,
    "location": "SR-253",
}
EXAMPLES += [
    (
        ev.MarkupScheduled(
            bill_key=KEY,
            occurred_on=None,
            session=ScheduledKind.MARKUP,
            scheduled_for=date(2026, 8, 5),
            description="Business meeting to markup S.737",
            time_known=True,
            **_MEETING,
        ),
        "Markup by Commerce, Science, and Transportation scheduled for "
        "Wednesday, August 5, 2026, 10:00 AM EDT in SR-253",
    ),
    (
        ev.FloorVoteScheduled(
            bill_key=KEY,
            occurred_on=None,
            scheduled_for=date(2026, 9, 14),
            description="H.R. 309: National Law Enforcement Officers Remembrance Act",
            chamber=Chamber.HOUSE,
            meeting_key="floor:20260914:409736",
            starts_at=datetime(2026, 9, 14, 4, 0, tzinfo=UTC),
            location="House floor",
        ),
        "House may vote in the week of September 14, 2026",
    ),
]
for _cls, _session in (
    (ev.HearingChanged, ScheduledKind.HEARING),
    (ev.MarkupChanged, ScheduledKind.MARKUP),
    (ev.FloorVoteChanged, ScheduledKind.FLOOR_VOTE),
):
    _word = {"hearing": "Hearing", "markup": "Markup", "floor_vote": "Floor vote"}[_session]
    EXAMPLES.append(
        (
            _cls(
                bill_key=KEY,
                occurred_on=None,
                session=_session,
                description="Business meeting",
                previous_starts_at=datetime(2026, 8, 4, 14, 0, tzinfo=UTC),
                **_MEETING,
            ),
            f"{_word} moved to Wednesday, August 5, 2026, 10:00 AM EDT in SR-253",
        )
    )
for _cls, _session in (
    (ev.HearingCancelled, ScheduledKind.HEARING),
    (ev.MarkupCancelled, ScheduledKind.MARKUP),
    (ev.FloorVoteCancelled, ScheduledKind.FLOOR_VOTE),
):
    _word = {"hearing": "Hearing", "markup": "Markup", "floor_vote": "Floor vote"}[_session]
    EXAMPLES.append(
        (
            _cls(
                bill_key=KEY,
                occurred_on=None,
                session=_session,
                description="Business meeting",
                status="cancelled",
                **_MEETING,
            ),
            f"{_word} of Wednesday, August 5, 2026, 10:00 AM EDT cancelled",
        )
    )


def test_schedule_events_name_the_meeting_once_and_each_move_once():
    markup = EXAMPLES[-8][0]
    assert isinstance(markup, ev.MarkupScheduled)
    moved_later = ev.MarkupScheduled(
        **{**_fields(markup), "starts_at": datetime(2026, 8, 6, tzinfo=UTC)}
    )
    assert moved_later.dedupe_key == markup.dedupe_key  # one announcement per meeting
    change = ev.MarkupChanged(
        bill_key=KEY, occurred_on=None, session=ScheduledKind.MARKUP, description="x", **_MEETING
    )
    again = ev.MarkupChanged(**{**_fields(change), "starts_at": datetime(2026, 8, 6, tzinfo=UTC)})
    assert change.dedupe_key != again.dedupe_key  # a second move is news again


def _fields(event):
    from dataclasses import fields

    return {f.name: getattr(event, f.name) for f in fields(event)}


def test_every_kind_has_an_example():
    assert {type(e).kind for e, _ in EXAMPLES} == set(EVENT_TYPES)


def test_kinds_are_the_stable_strings_stored_in_the_database():
    # Renaming one orphans stored rows and templates: this list changes only on purpose.
    assert list(EVENT_TYPES) == [
        "committee_referral",
        "cosponsor_added",
        "cosponsor_withdrawn",
        "text_version_published",
        "action_added",
        "hearing_held",
        "vote_recorded",
        "stage_changed",
        "vetoed",
        "became_law",
        "hearing_scheduled",
        "vote_scheduled",
        "markup_scheduled",
        "floor_vote_scheduled",
        "hearing_changed",
        "markup_changed",
        "floor_vote_changed",
        "hearing_cancelled",
        "markup_cancelled",
        "floor_vote_cancelled",
        "title_changed",
        "new_bill_on_topic",
    ]
    assert all(cls.kind == kind for kind, cls in EVENT_TYPES.items())


@pytest.mark.parametrize(("event", "line"), EXAMPLES, ids=lambda v: getattr(v, "kind", ""))
def test_payload_round_trips_through_json(event: BillEvent, line: str):
    payload = json.loads(json.dumps(event.to_payload()))
    back = event_from_payload(event.kind, event.bill_key, event.occurred_on, payload)
    assert back == event
    assert type(back) is type(event)
    assert back.dedupe_key == event.dedupe_key
    assert "bill_key" not in payload
    assert "occurred_on" not in payload


@pytest.mark.parametrize(("event", "line"), EXAMPLES, ids=lambda v: getattr(v, "kind", ""))
def test_summary_is_one_plain_line(event: BillEvent, line: str):
    assert event.summary() == line
    assert "\n" not in line


SIGNIFICANCE = {
    "stage_changed": Significance.MAJOR,
    "vote_recorded": Significance.MAJOR,
    "vote_scheduled": Significance.MAJOR,
    "hearing_scheduled": Significance.MAJOR,
    "became_law": Significance.MAJOR,
    "vetoed": Significance.MAJOR,
    "action_added": Significance.MINOR,
    "cosponsor_added": Significance.MINOR,
    "cosponsor_withdrawn": Significance.MINOR,
    "text_version_published": Significance.MINOR,
    "committee_referral": Significance.MINOR,
    "hearing_held": Significance.MINOR,
    "title_changed": Significance.MINOR,
    "new_bill_on_topic": Significance.MAJOR,
    **dict.fromkeys(
        (
            f"{what}_{how}"
            for what in ("hearing", "markup", "floor_vote")
            for how in ("changed", "cancelled")
        ),
        Significance.MAJOR,
    ),
    "markup_scheduled": Significance.MAJOR,
    "floor_vote_scheduled": Significance.MAJOR,
}


def test_significance_of_each_kind():
    assert {kind: cls.significance for kind, cls in EVENT_TYPES.items()} == SIGNIFICANCE
    assert Significance.MAJOR.value == "major"


def test_events_are_frozen():
    event = EXAMPLES[0][0]
    with pytest.raises(FrozenInstanceError):
        event.bill_key = "other"  # type: ignore[misc]


def test_dedupe_key_is_a_fixed_recipe():
    # sha1 of the canonical JSON list [bill_key, kind, date, *identity]: stable across
    # processes and versions (the database holds these keys), so pinned here.
    event = ActionAdded(bill_key=KEY, occurred_on=date(2017, 10, 12), text="Introduced in House")
    canonical = '["hr4030-115","action_added","2017-10-12","introduced in house"]'
    assert event.dedupe_key == hashlib.sha1(canonical.encode()).hexdigest()
    assert event.dedupe_key == "69bef7913f3c188730ce5abce71f39ea7433c93d"


def test_same_change_described_by_two_source_systems_has_one_key():
    house = ActionAdded(
        bill_key="s3749-115",
        occurred_on=date(2018, 12, 13),
        text="On passage Passed without objection. (text: CR H10192-10200)",
        code="H37100",
    )
    loc = ActionAdded(
        bill_key="s3749-115",
        occurred_on=date(2018, 12, 13),
        text="Passed/agreed to in House: On passage Passed without objection."
        "(text: CR H10192-10200)",
        code="8000",
    )
    assert house.dedupe_key == loc.dedupe_key


def test_different_actions_on_one_day_have_different_keys():
    a = ActionAdded(bill_key=KEY, occurred_on=DAY, text="Considered under suspension of the rules.")
    b = ActionAdded(bill_key=KEY, occurred_on=DAY, text="Mr. Harper moved to suspend the rules.")
    c = ActionAdded(bill_key="hr4031-115", occurred_on=DAY, text=a.text)
    d = ActionAdded(bill_key=KEY, occurred_on=date(2018, 2, 7), text=a.text)
    assert len({a.dedupe_key, b.dedupe_key, c.dedupe_key, d.dedupe_key}) == 4


def test_keys_differ_between_kinds_with_the_same_content():
    added = CosponsorAdded(bill_key=KEY, occurred_on=DAY, bioguide_id="L000582", name="Lieu")
    withdrawn = CosponsorWithdrawn(
        bill_key=KEY, occurred_on=DAY, bioguide_id="L000582", name="Lieu"
    )
    assert added.dedupe_key != withdrawn.dedupe_key


def test_cosponsor_identity_falls_back_to_the_name():
    a = CosponsorAdded(bill_key=KEY, occurred_on=DAY, bioguide_id=None, name="Lieu,  Ted")
    b = CosponsorAdded(bill_key=KEY, occurred_on=DAY, bioguide_id=None, name="lieu, ted")
    c = CosponsorAdded(bill_key=KEY, occurred_on=DAY, bioguide_id=None, name="Lee, Barbara")
    assert a.dedupe_key == b.dedupe_key != c.dedupe_key


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Introduced in House", "introduced in house"),
        (
            "Passed/agreed to in Senate: Passed Senate with an amendment by Unanimous Consent."
            "(text of amendment in the  nature of a substitute: CR S694-695)",
            "passed senate with an amendment by unanimous consent",
        ),
        (
            "Resolving differences -- House actions: On motion that the House agree to the "
            "Senate amendment Agreed to by the Yeas and Nays: 240 - 181 (Roll no. 6).",
            "on motion that the house agree to the senate amendment agreed to by the yeas and "
            "nays: 240 - 181 (roll no. 6)",
        ),
        ("Became Public Law No: 115-397.", "became public law no: 115-397"),
    ],
)
def test_core_action_text(text: str, core: str):
    assert core_action_text(text) == core


def test_state_bills_name_the_governor():
    event = StageChanged(
        bill_key="mo-2011-sb70",
        occurred_on=None,
        old=Stage.PASSED_BOTH_CHAMBERS,
        new=Stage.SENT_TO_EXECUTIVE,
    )
    assert event.summary() == "Sent to the Governor"
    veto = Vetoed(bill_key="mo-2011-sb70", occurred_on=None, text="Vetoed by Governor", pocket=True)
    assert veto.summary() == "Pocket vetoed by the Governor"


@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_has_words(stage: Stage):
    event = StageChanged(
        bill_key=KEY, occurred_on=None, old=None, new=stage, chamber=Chamber.SENATE
    )
    assert event.summary()[0].isupper()


def test_unknown_kind_or_payload_key_is_refused():
    with pytest.raises(ValueError, match="unknown event kind 'bill_renamed'"):
        event_from_payload("bill_renamed", KEY, None, {})
    with pytest.raises(ValueError, match="unknown payload keys"):
        event_from_payload("title_changed", KEY, None, {"old": "a", "new": "b", "extra": 1})
