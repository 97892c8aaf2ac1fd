"""diff_snapshots: (stored, new) -> events, as a table, on hand-made and real snapshots.

Real pairs are made from real BILLSTATUS files: the "stored" state is the
parsed file with its newest actions (and the facts they brought) dropped,
i.e. the bill as it stood on an earlier day.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scrapers.model import (
    Action,
    BillSnapshot,
    Chamber,
    Law,
    ScheduledKind,
    Stage,
)
from tests.factories import (
    add_actions,
    make_action,
    make_committee,
    make_cosponsor,
    make_member,
    make_scheduled,
    make_snapshot,
    make_stage,
    make_text_version,
)
from tracker.checking.diff import diff_snapshots
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.vocab.events import (
    EVENT_TYPES,
    BecameLaw,
    CosponsorAdded,
    HearingHeld,
    StageChanged,
    VoteMotion,
    VoteRecorded,
    VoteResult,
)

BASE = make_snapshot()
FLOOR = date(2018, 2, 6)
LIEU = make_member(bioguide_id="L000582", name="Rep. Lieu, Ted [D-CA-33]", district=33)
LEE = make_member(bioguide_id="L000551", name="Rep. Lee, Barbara [D-CA-13]", district=13)


def house_floor(text: str, code: str, **kw: object) -> Action:
    return make_action(
        on=FLOOR,
        text=text,
        code=code,
        source_system="House floor actions",
        action_type="Floor",
        **kw,
    )


def loc_copy(text: str, code: str) -> Action:
    return make_action(on=FLOOR, text=text, code=code, chamber=None, action_type="Floor")


SUSPENSION_PASSAGE = (
    house_floor("Mr. Harper moved to suspend the rules and pass the bill.", "H30300"),
    house_floor(
        "On motion to suspend the rules and pass the bill Agreed to by voice vote. "
        "(text: CR H797-803)",
        "H37300",
    ),
    loc_copy(
        "Passed/agreed to in House: On motion to suspend the rules and pass the bill Agreed "
        "to by voice vote.(text: CR H797-803)",
        "8000",
    ),
)
PASSED_HOUSE = make_stage(
    stage=Stage.PASSED_ONE_CHAMBER, on=FLOOR, chamber=Chamber.HOUSE, next_chamber=Chamber.SENATE
)
VETO_DAY = date(2016, 1, 8)
VETO_COPIES = (
    make_action(
        on=VETO_DAY, text="Vetoed by President. (text of veto message: CR H210-211)", code="E30000"
    ),
    make_action(
        on=VETO_DAY, text="Vetoed by President.(text of veto message: CR H210-211)", code="31000"
    ),
)
LAW_DAY = date(2018, 12, 21)
LAW_COPIES = (
    make_action(on=LAW_DAY, text="Became Public Law No: 115-397.", code="E40000"),
    make_action(on=LAW_DAY, text="Became Public Law No: 115-397.", code="36000", chamber=None),
)


def _reordered(s: BillSnapshot) -> BillSnapshot:
    # All three actions share a date: any order of them is the same history.
    return replace(s, actions=tuple(reversed(s.actions)))


# (id, stored, new, expected kinds in order)
HAND_MADE: list[tuple[str, BillSnapshot | None, BillSnapshot, list[str]]] = [
    ("first sight is a baseline", None, BASE, []),
    ("same snapshot", BASE, BASE, []),
    ("equal copy", BASE, make_snapshot(), []),
    ("same-day actions reordered", BASE, _reordered(BASE), []),
    (
        "new stamp and address only",
        BASE,
        replace(
            BASE, updated_at=datetime(2021, 7, 13, tzinfo=UTC), source_url="https://mirror/x.xml"
        ),
        [],
    ),
    (
        "duplicate from a second source system arrives later",
        replace(BASE, actions=BASE.actions[:1] + BASE.actions[2:]),
        BASE,
        [],
    ),
    (
        "a duplicate disappears",
        BASE,
        replace(BASE, actions=BASE.actions[1:]),
        [],
    ),
    (
        "new action",
        BASE,
        add_actions(
            BASE,
            make_action(
                on=date(2017, 11, 1),
                text="Referred to the Subcommittee on Higher Education.",
                code="H11100",
            ),
        ),
        ["action_added"],
    ),
    (
        "passed the House under suspension (two copies of the vote)",
        BASE,
        replace(add_actions(BASE, *SUSPENSION_PASSAGE), stage=PASSED_HOUSE),
        ["action_added", "action_added", "vote_recorded", "stage_changed"],
    ),
    (
        "only the chamber of the stage changes",
        replace(BASE, stage=PASSED_HOUSE),
        replace(BASE, stage=replace(PASSED_HOUSE, chamber=Chamber.SENATE)),
        ["stage_changed"],
    ),
    (
        "stage detail changes alone",
        BASE,
        replace(BASE, stage=replace(BASE.stage, detail="REFERRED")),
        [],
    ),
    (
        "cosponsor added",
        BASE,
        replace(
            BASE,
            cosponsors=(
                *BASE.cosponsors,
                make_cosponsor(LEE, sponsored_on=date(2018, 1, 5), is_original=False),
            ),
        ),
        ["cosponsor_added"],
    ),
    (
        "cosponsor withdrawn",
        BASE,
        replace(BASE, cosponsors=(make_cosponsor(LIEU, withdrawn_on=date(2018, 3, 1)),)),
        ["cosponsor_withdrawn"],
    ),
    (
        "cosponsor added and withdrawn between two checks",
        BASE,
        replace(
            BASE,
            cosponsors=(
                *BASE.cosponsors,
                make_cosponsor(LEE, sponsored_on=date(2018, 1, 5), withdrawn_on=date(2018, 2, 1)),
            ),
        ),
        ["cosponsor_added", "cosponsor_withdrawn"],
    ),
    (
        "cosponsor known by name only, name respaced",
        replace(
            BASE, cosponsors=(make_cosponsor(make_member(bioguide_id=None, name="Lieu, Ted")),)
        ),
        replace(
            BASE, cosponsors=(make_cosponsor(make_member(bioguide_id=None, name="lieu,  Ted")),)
        ),
        [],
    ),
    ("cosponsor vanishes from the source", BASE, replace(BASE, cosponsors=()), []),
    (
        "cosponsors reordered",
        replace(BASE, cosponsors=(make_cosponsor(LIEU), make_cosponsor(LEE))),
        replace(BASE, cosponsors=(make_cosponsor(LEE), make_cosponsor(LIEU))),
        [],
    ),
    (
        "text version published",
        BASE,
        replace(
            BASE,
            text_versions=(
                *BASE.text_versions,
                make_text_version(name="Reported in House", on=date(2018, 4, 1), url=None),
            ),
        ),
        ["text_version_published"],
    ),
    (
        "committee referral",
        BASE,
        replace(
            BASE,
            committees=(
                *BASE.committees,
                make_committee(
                    code="hsed13", name="Higher Education Subcommittee", parent_code="hsed00"
                ),
            ),
        ),
        ["committee_referral"],
    ),
    (
        "committee renamed, same code",
        BASE,
        replace(BASE, committees=(make_committee(name="Education and the Workforce Committee"),)),
        [],
    ),
    (
        "hearing, markup and floor vote announced",
        BASE,
        replace(
            BASE,
            scheduled=(
                make_scheduled(),
                make_scheduled(kind=ScheduledKind.MARKUP, on=date(2018, 3, 8)),
                make_scheduled(kind=ScheduledKind.FLOOR_VOTE, on=date(2018, 3, 20), committee=None),
            ),
        ),
        ["hearing_scheduled", "hearing_scheduled", "vote_scheduled"],
    ),
    (
        "announcement already known",
        replace(BASE, scheduled=(make_scheduled(),)),
        replace(BASE, scheduled=(make_scheduled(),)),
        [],
    ),
    (
        "hearing held",
        BASE,
        add_actions(
            BASE,
            make_action(on=date(2018, 3, 1), text="Subcommittee Hearings Held.", code="H11200"),
        ),
        ["action_added", "hearing_held"],
    ),
    (
        "markup held",
        BASE,
        add_actions(
            BASE,
            make_action(
                on=date(2018, 3, 8),
                text="Committee Consideration and Mark-up Session Held.",
                code="H15000",
            ),
        ),
        ["action_added", "hearing_held"],
    ),
    (
        "title changed",
        BASE,
        replace(BASE, title="Title IX Protection Act of 2018"),
        ["title_changed"],
    ),
    ("title respaced", BASE, replace(BASE, title="Title IX  Protection Act "), []),
    (
        "vetoed (two copies of the veto)",
        BASE,
        replace(
            add_actions(BASE, *VETO_COPIES),
            stage=make_stage(stage=Stage.VETOED, on=VETO_DAY, chamber=Chamber.EXECUTIVE),
        ),
        ["action_added", "stage_changed", "vetoed"],
    ),
    (
        "became law (law listed and two copies of the action)",
        BASE,
        replace(
            add_actions(BASE, *LAW_COPIES),
            laws=(Law(kind="public", number="115-397"),),
            stage=make_stage(stage=Stage.ENACTED, on=LAW_DAY, chamber=Chamber.EXECUTIVE),
        ),
        ["action_added", "stage_changed", "became_law"],
    ),
    (
        "law listed before its action arrives",
        BASE,
        replace(BASE, laws=(Law(kind="public", number="115-397"),)),
        ["became_law"],
    ),
    (
        "cloture on an amendment is not a vote on the bill",
        BASE,
        add_actions(
            BASE,
            make_action(
                on=FLOOR,
                text="Cloture on amendment SA 4979 invoked in Senate by Yea-Nay Vote. 90 - 1. "
                "Record Vote Number: 138.",
                chamber=Chamber.SENATE,
                code=None,
            ),
        ),
        ["action_added"],
    ),
]


@pytest.mark.parametrize(
    ("stored", "new", "kinds"), [c[1:] for c in HAND_MADE], ids=[c[0] for c in HAND_MADE]
)
def test_hand_made(stored: BillSnapshot | None, new: BillSnapshot, kinds: list[str]):
    events = diff_snapshots(stored, new)
    assert [e.kind for e in events] == kinds
    assert all(e.bill_key == "hr4030-115" for e in events)
    assert len({e.dedupe_key for e in events}) == len(events)


def test_suspension_vote_details():
    new = replace(add_actions(BASE, *SUSPENSION_PASSAGE), stage=PASSED_HOUSE)
    (vote,) = [e for e in diff_snapshots(BASE, new) if isinstance(e, VoteRecorded)]
    assert vote.occurred_on == FLOOR
    assert (vote.motion, vote.result, vote.method, vote.chamber) == (
        VoteMotion.SUSPENSION,
        VoteResult.PASSED,
        "voice",
        Chamber.HOUSE,
    )
    assert vote.text.startswith("On motion to suspend the rules")  # the copy that names its chamber


def test_stage_change_carries_old_and_new():
    new = replace(BASE, stage=PASSED_HOUSE)
    (event,) = diff_snapshots(BASE, new)
    assert isinstance(event, StageChanged)
    assert (event.old, event.new, event.chamber, event.occurred_on) == (
        Stage.IN_COMMITTEE,
        Stage.PASSED_ONE_CHAMBER,
        Chamber.HOUSE,
        FLOOR,
    )
    assert event.summary() == "Passed the House"


def test_events_are_ordered_by_date_then_kind():
    new = replace(
        add_actions(
            BASE,
            make_action(on=date(2018, 5, 1), text="Subcommittee Hearings Held.", code="H11200"),
        ),
        cosponsors=(*BASE.cosponsors, make_cosponsor(LEE, sponsored_on=date(2018, 6, 1))),
        title="A new title",
        text_versions=(
            *BASE.text_versions,
            make_text_version(name="Reported", on=date(2018, 5, 1)),
        ),
    )
    events = diff_snapshots(BASE, new)
    assert [(e.occurred_on, e.kind) for e in events] == [
        (date(2018, 5, 1), "text_version_published"),
        (date(2018, 5, 1), "action_added"),
        (date(2018, 5, 1), "hearing_held"),
        (date(2018, 6, 1), "cosponsor_added"),
        (None, "title_changed"),
    ]
    rank = list(EVENT_TYPES)
    dated = [e for e in events if e.occurred_on]
    assert dated == sorted(dated, key=lambda e: (e.occurred_on, rank.index(e.kind)))


def test_same_change_seen_twice_gives_the_same_keys():
    new = replace(add_actions(BASE, *SUSPENSION_PASSAGE), stage=PASSED_HOUSE)
    first = [e.dedupe_key for e in diff_snapshots(BASE, new)]
    again = [e.dedupe_key for e in diff_snapshots(make_snapshot(), replace(new))]
    assert first == again


def test_diff_is_pure():
    new = replace(add_actions(BASE, *SUSPENSION_PASSAGE), stage=PASSED_HOUSE)
    before = (BASE, new)
    diff_snapshots(BASE, new)
    assert (BASE, new) == before


# --- recognising votes in real action texts -------------------------------------------

# (text as BILLSTATUS gives it, motion, result, method, tally, roll) or None: not a vote on the bill
VOTE_TEXTS: list[
    tuple[str, tuple[VoteMotion, VoteResult, str | None, str | None, str | None] | None]
] = [
    (
        "On passage Passed by the Yeas and Nays: 220 - 210 (Roll no. 62).",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "roll_call", "220 - 210", "62"),
    ),
    (
        "Passed/agreed to in House: On passage Passed by recorded vote: 297 - 127 (Roll no. 288).",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "roll_call", "297 - 127", "288"),
    ),
    (
        "On passage Passed without objection. (text: CR H10192-10200)",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "without_objection", None, None),
    ),
    (
        "Passed Senate without amendment by Unanimous Consent. (consideration: CR S6425)",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "unanimous_consent", None, None),
    ),
    (
        "Passed Senate with an amendment by Yea-Nay Vote. 52 - 47. Record Vote Number: 329.",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "roll_call", "52 - 47", "329"),
    ),
    (
        "Passed Senate, under the order of 10/30/19, having achieved 60 votes in the affirmative, "
        "with an amendment by Yea-Nay Vote. 84 - 9. Record Vote Number: 341.",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "roll_call", "84 - 9", "341"),
    ),
    (
        "Introduced in the Senate, read twice, considered, read the third time, and passed without "
        "amendment by Unanimous Consent. (consideration: CR S7540-7548; text: CR S7540-7548)",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "unanimous_consent", None, None),
    ),
    (
        "Resolution agreed to in Senate without amendment and with a preamble by Unanimous "
        "Consent.",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "unanimous_consent", None, None),
    ),
    (
        "On agreeing to the resolution Agreed to without objection. (text: CR H5806)",
        (VoteMotion.PASSAGE, VoteResult.PASSED, "without_objection", None, None),
    ),
    # THOMAS wording of H.R. 1954 (112th), html/thomas/hr1954-112.information.html
    (
        "Failed of passage in House (97 - 318)",
        (VoteMotion.PASSAGE, VoteResult.FAILED, None, "97 - 318", None),
    ),
    (
        "On motion to suspend the rules and pass the bill, as amended Agreed to by voice vote. "
        "(text: CR H2235)",
        (VoteMotion.SUSPENSION, VoteResult.PASSED, "voice", None, None),
    ),
    (
        "Cloture on the motion to proceed to the measure not invoked in Senate by Yea-Nay Vote. "
        "52 - 45. Record Vote Number: 176. (consideration: CR S2786-2787; text: CR S2786)",
        (VoteMotion.CLOTURE, VoteResult.FAILED, "roll_call", "52 - 45", "176"),
    ),
    (
        "Cloture on the measure invoked in Senate by Yea-Nay Vote. 94 - 3. "
        "Record Vote Number: 140.",
        (VoteMotion.CLOTURE, VoteResult.PASSED, "roll_call", "94 - 3", "140"),
    ),
    (
        "Upon reconsideration, cloture on the motion to proceed to the measure invoked in "
        "Senate by Yea-Nay Vote. 65 - 33. Record Vote Number: 180.",
        (VoteMotion.CLOTURE, VoteResult.PASSED, "roll_call", "65 - 33", "180"),
    ),
    (
        "Conference report agreed to in House: On agreeing to the conference report Agreed to "
        "by the Yeas and Nays: 227 - 203 (Roll no. 692).",
        (VoteMotion.CONFERENCE_REPORT, VoteResult.PASSED, "roll_call", "227 - 203", "692"),
    ),
    (
        "Senate agreed to conference report by Yea-Nay Vote. 51 - 48. Record Vote Number: 171.",
        (VoteMotion.CONFERENCE_REPORT, VoteResult.PASSED, "roll_call", "51 - 48", "171"),
    ),
    (
        "On motion that the House agree to the Senate amendment Agreed to by the Yeas and Nays: "
        "240 - 181 (Roll no. 6). (text as House agreed to the Senate amendment: CR H52-54)",
        (VoteMotion.CONCURRENCE, VoteResult.PASSED, "roll_call", "240 - 181", "6"),
    ),
    (
        "Senate agreed to the House amendment to the Senate amendment to H.R. 302 by Yea-Nay Vote. "
        "93 - 6. Record Vote Number: 220.",
        (VoteMotion.CONCURRENCE, VoteResult.PASSED, "roll_call", "93 - 6", "220"),
    ),
    (
        "On motion to concur in portion of Senate adt comprising title II (except sec 212) "
        "Failed by recorded vote: 126 - 302 (Roll no. 361). (consideration: CR H4333-4334)",
        (VoteMotion.CONCURRENCE, VoteResult.FAILED, "roll_call", "126 - 302", "361"),
    ),
    # THOMAS wording of H.J.Res. 64 (111th), html/thomas/hjres64-111.information.html
    (
        "Failed of passage in House over veto (143 - 245)",
        (VoteMotion.VETO_OVERRIDE, VoteResult.FAILED, None, "143 - 245", None),
    ),
    ("Cloture on SA 948 invoked in Senate by Yea-Nay Vote. 88 - 5. Record Vote Number: 338.", None),
    ("Cloture motion on the measure presented in Senate. (CR S6187)", None),
    (
        "On agreeing to the Torres amendment (A008) Failed by recorded vote: 196 - 225 "
        "(Roll no. 287).",
        None,
    ),
    ("Amendment SA 890 agreed to in Senate by Unanimous Consent.", None),
    ("Motion to reconsider laid on the table Agreed to without objection.", None),
    ("On motion to recommit Failed by the Yeas and Nays: 210 - 219 (Roll no. 61).", None),
    (
        "On motion that the House instruct conferees Failed by the Yeas and Nays: 186 - 233 "
        "(Roll no. 654).",
        None,
    ),
    ("Motion to proceed to consideration of measure agreed to in Senate by Voice Vote.", None),
    (
        "On motion to postpone consideration of the veto message until Jan. 26. Agreed to by "
        "voice vote.",
        None,
    ),
    ("Ordered to be Reported (Amended) by the Yeas and Nays: 29 - 10.", None),
    ("Rule H. Res. 770 passed House.", None),
    ("Mr. Harper moved to suspend the rules and pass the bill.", None),
    ("Senate Committee on Foreign Relations discharged by Unanimous Consent.", None),
]


@pytest.mark.parametrize(("text", "expected"), VOTE_TEXTS, ids=[t[:50] for t, _ in VOTE_TEXTS])
def test_vote_recognition(text: str, expected: tuple[object, ...] | None):
    new = add_actions(BASE, make_action(on=FLOOR, text=text, code=None))
    votes = [e for e in diff_snapshots(BASE, new) if isinstance(e, VoteRecorded)]
    if expected is None:
        assert votes == []
    else:
        (vote,) = votes
        assert (vote.motion, vote.result, vote.method, vote.tally, vote.roll) == expected


HEARING_TEXTS = [
    ("Subcommittee Hearings Held.", ScheduledKind.HEARING),
    ("Committee on Veterans' Affairs. Hearings held.", ScheduledKind.HEARING),
    (
        "Committee on Indian Affairs. Hearings held. Hearings printed: S.Hrg. 116-77.",
        ScheduledKind.HEARING,
    ),
    (
        "Hearings Held by the Subcommittee on Health Prior to Introduction and Referral.",
        ScheduledKind.HEARING,
    ),
    ("Committee Consideration and Mark-up Session Held.", ScheduledKind.MARKUP),
    ("Subcommittee Consideration and Mark-up Session Held.", ScheduledKind.MARKUP),
    ("Ordered to be Reported by Voice Vote.", None),
    ("Referred to the Subcommittee on Health.", None),
]


@pytest.mark.parametrize(("text", "session"), HEARING_TEXTS)
def test_hearing_recognition(text: str, session: ScheduledKind | None):
    new = add_actions(BASE, make_action(on=FLOOR, text=text, code=None))
    held = [e for e in diff_snapshots(BASE, new) if e.kind == "hearing_held"]
    assert [e.session for e in held if isinstance(e, HearingHeld)] == ([session] if session else [])


# --- real documents ----------------------------------------------------------------------


def _parse(path: Path) -> BillSnapshot:
    # Imported here so the hand-made cases above run even before the parser exists.
    parse = pytest.importorskip("scrapers.sources.govinfo.parse").parse_billstatus
    snapshot: BillSnapshot = parse(path.read_bytes(), where=path.name)
    return snapshot


def _file(test_data: Path, name: str) -> Path:
    (path,) = (test_data / "billstatus").rglob(f"{name}.xml")
    return path


def _older(
    s: BillSnapshot, *, drop_actions: int = 0, drop_cosponsors: int = 0, **facts: object
) -> BillSnapshot:
    """``s`` as it stood before its newest actions / latest cosponsors came in."""
    actions = s.actions[: len(s.actions) - drop_actions]
    by_date = sorted(s.cosponsors, key=lambda c: c.sponsored_on or date.min)
    kept = {id(c) for c in by_date[: len(by_date) - drop_cosponsors]}
    cosponsors = tuple(c for c in s.cosponsors if id(c) in kept)
    return replace(s, actions=actions, cosponsors=cosponsors, **facts)  # type: ignore[arg-type]


def _newest_day_count(s: BillSnapshot, day: date) -> int:
    return sum(1 for a in s.actions if a.on >= day)


@pytest.fixture(scope="module")
def real(test_data: Path) -> dict[str, BillSnapshot]:
    names = [
        "BILLSTATUS-115s3749",
        "BILLSTATUS-114hr3762",
        "BILLSTATUS-115hr4030",
        "BILLSTATUS-115hr4924",
    ]
    return {name.removeprefix("BILLSTATUS-"): _parse(_file(test_data, name)) for name in names}


def test_real_enactment(real: dict[str, BillSnapshot]):
    # S. 3749 (115th): passed both chambers 2018-12-13, presented 12-20, law 12-21.
    new = real["115s3749"]
    old = _older(
        new,
        drop_actions=_newest_day_count(new, date(2018, 12, 20)),
        laws=(),
        text_versions=tuple(
            v for v in new.text_versions if v.on is None or v.on < date(2018, 12, 20)
        ),
        stage=replace(
            new.stage,
            stage=Stage.PASSED_BOTH_CHAMBERS,
            on=date(2018, 12, 13),
            chamber=Chamber.HOUSE,
        ),
    )
    events = diff_snapshots(old, new)
    kinds = Counter(e.kind for e in events)
    assert kinds["became_law"] == 1
    assert kinds["stage_changed"] == 1
    assert kinds["action_added"] == 3  # presented, signed, became law: one event each, not six
    assert kinds["vote_recorded"] == 0
    (law,) = [e for e in events if isinstance(e, BecameLaw)]
    assert (law.law_number, law.occurred_on, law.law_kind) == (
        "115-397",
        date(2018, 12, 21),
        "public",
    )
    stage = next(e for e in events if isinstance(e, StageChanged))
    assert (stage.new, stage.occurred_on) == (Stage.ENACTED, date(2018, 12, 21))
    assert events[-1].occurred_on == date(2018, 12, 21)


def test_real_house_and_senate_passage_votes(real: dict[str, BillSnapshot]):
    # S. 3749: introduced and passed in the Senate, then passed the House, all on 2018-12-13.
    new = real["115s3749"]
    intro = next(i for i, a in enumerate(new.actions) if a.text.startswith("Introduced in Senate"))
    old = replace(
        new,
        actions=new.actions[: intro + 1],
        laws=(),
        text_versions=(),
        stage=make_stage(stage=Stage.INTRODUCED, on=date(2018, 12, 13), chamber=Chamber.SENATE),
    )
    votes = [e for e in diff_snapshots(old, new) if isinstance(e, VoteRecorded)]
    assert sorted((v.chamber, v.motion, v.method) for v in votes) == [
        (Chamber.HOUSE, VoteMotion.PASSAGE, "without_objection"),
        (Chamber.SENATE, VoteMotion.PASSAGE, "unanimous_consent"),
    ]
    assert {v.occurred_on for v in votes} == {date(2018, 12, 13)}


def test_real_veto(real: dict[str, BillSnapshot]):
    # H.R. 3762 (114th): presented 2016-01-07, vetoed 2016-01-08 (reported by two systems).
    new = real["114hr3762"]
    old = _older(
        new,
        drop_actions=_newest_day_count(new, date(2016, 1, 8)),
        stage=replace(new.stage, stage=Stage.SENT_TO_EXECUTIVE, on=date(2016, 1, 7)),
    )
    events = diff_snapshots(old, new)
    vetoes = [e for e in events if e.kind == "vetoed"]
    assert [(v.occurred_on, v.summary()) for v in vetoes] == [
        (date(2016, 1, 8), "Vetoed by the President")
    ]
    assert [e.kind for e in events if e.significance == "major"] == ["stage_changed", "vetoed"]
    # The motion to postpone the veto message is a vote on a motion, not on the bill.
    assert not any(isinstance(e, VoteRecorded) for e in events)


def test_real_vote_on_concurrence(real: dict[str, BillSnapshot]):
    # H.R. 3762: the House agreed to the Senate amendment, 240 - 181 (Roll no. 6), on 2016-01-06.
    new = real["114hr3762"]
    old = _older(new, drop_actions=_newest_day_count(new, date(2016, 1, 6)))
    (vote,) = [e for e in diff_snapshots(old, new) if isinstance(e, VoteRecorded)]
    assert (vote.occurred_on, vote.motion, vote.tally, vote.roll, vote.chamber) == (
        date(2016, 1, 6),
        VoteMotion.CONCURRENCE,
        "240 - 181",
        "6",
        Chamber.HOUSE,
    )


def test_real_cosponsors_over_a_year(real: dict[str, BillSnapshot]):
    # H.R. 4030: 27 original cosponsors, 14 added from 2017-10-23 to 2018-10-30 (last: Lieu).
    new = real["115hr4030"]
    old = _older(new, drop_cosponsors=14)
    events = diff_snapshots(old, new)
    assert [e.kind for e in events] == ["cosponsor_added"] * 14
    added = [e for e in events if isinstance(e, CosponsorAdded)]
    assert [e.occurred_on for e in added] == sorted(e.occurred_on for e in added)  # type: ignore[type-var]
    assert added[0].occurred_on == date(2017, 10, 23)
    assert (added[-1].occurred_on, added[-1].bioguide_id) == (date(2018, 10, 30), "L000582")
    assert added[-1].summary() == "Rep. Lieu, Ted [D-CA-33] cosponsored"
    assert not any(e.is_original for e in added)


def test_real_passed_house(real: dict[str, BillSnapshot]):
    # H.R. 4924 (115th): introduced 2018-02-05, passed the House by voice vote 2018-02-06,
    # received in the Senate 2018-02-07.
    new = real["115hr4924"]
    old = _older(
        new,
        drop_actions=_newest_day_count(new, date(2018, 2, 6)),
        stage=make_stage(stage=Stage.IN_COMMITTEE, on=date(2018, 2, 5), chamber=Chamber.HOUSE),
    )
    events = diff_snapshots(old, new)
    majors = [(e.occurred_on, e.kind) for e in events if e.significance == "major"]
    assert (date(2018, 2, 6), "vote_recorded") in majors
    assert sum(1 for e in events if e.kind == "vote_recorded") == 1
    assert any(e.kind == "stage_changed" for e in events)
    texts = [getattr(e, "text", "") for e in events if e.kind == "action_added"]
    assert any(t.startswith("Received in the Senate") for t in texts)
    assert sum("suspend the rules and pass the bill Agreed" in t for t in texts) == 1


@pytest.mark.parametrize("name", ["115s3749", "114hr3762", "115hr4030", "115hr4924"])
def test_real_snapshot_against_itself_and_first_sight(real: dict[str, BillSnapshot], name: str):
    s = real[name]
    assert diff_snapshots(s, s) == []
    assert diff_snapshots(None, s) == []


def test_real_reparse_is_equal_with_equal_fingerprints(test_data: Path):
    for path in sorted((test_data / "billstatus").rglob("*.xml")):
        a, b = _parse(path), _parse(path)
        assert a == b, path.name
        assert snapshot_fingerprint(a) == snapshot_fingerprint(b), path.name
        assert diff_snapshots(a, b) == [], path.name


@pytest.mark.parametrize("drop", [1, 3, 8])
def test_real_dedupe_keys_stable_and_unique(real: dict[str, BillSnapshot], drop: int):
    new = real["114hr3762"]
    old = _older(new, drop_actions=drop)
    first, again = diff_snapshots(old, new), diff_snapshots(old, new)
    keys = [e.dedupe_key for e in first]
    assert keys == [e.dedupe_key for e in again]
    assert len(set(keys)) == len(keys)
    assert keys  # dropping actions always leaves something to report


def test_real_same_format_two_generations_give_no_events(test_data: Path):
    # GPO published the same bills in the 1.0.0 and 3.0.0 layouts: one parser, same facts,
    # so switching layouts must not alert anyone (cosponsor counts may differ: 117hr6658).
    current = test_data / "billstatus/usgpo-samples/formatChange/current"
    future = test_data / "billstatus/usgpo-samples/formatChange/future"
    for name in ["BILLSTATUS-117s35.xml", "BILLSTATUS-117sconres7.xml"]:
        events = diff_snapshots(_parse(current / name), _parse(future / name))
        assert [e.kind for e in events if e.kind != "text_version_published"] == [], name
