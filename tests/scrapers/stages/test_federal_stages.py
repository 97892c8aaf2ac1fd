"""The federal stage ladder, action by action, on real action texts.

Every text below is quoted from a real BILLSTATUS document: the shared test data
(``billstatus/``), the 115th Congress corpus (``shared/corpus``), or, for vetoes
overridden and pocket vetoes that neither holds, the real action lines that
unitedstates/congress keeps in ``test/test_bill_actions.py`` (bill named per case; that
file has no dates, so the dates of those four cases only put the steps in order).
Each case feeds the actions one more at a time and checks the stage after each.
"""

from __future__ import annotations

import tarfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from scrapers.model import Action, Chamber, Law, Stage, StageInfo
from scrapers.sources.govinfo import parse_billstatus
from scrapers.stages.federal import RULES, Event, compute_federal_stage, match_rule

H, S, X = Chamber.HOUSE, Chamber.SENATE, Chamber.EXECUTIVE
ST = Stage


@dataclass(frozen=True)
class Step:
    """One action and the stage (and detail) the bill is at right after it."""

    on: str
    text: str
    chamber: Chamber | None
    code: str | None
    stage: Stage
    detail: str


def step(on: str, text: str, chamber: Chamber | None, code: str | None, stage: Stage, detail: str):
    return Step(on, text, chamber, code, stage, detail)


def action(s: Step) -> Action:
    return Action(on=date.fromisoformat(s.on), text=s.text, chamber=s.chamber, code=s.code)


# (bill type, steps) per case; "-" for no code.
CASES: dict[str, tuple[str, list[Step]]] = {
    # The Title IX Protection Act: "Introduced in House" twice (1000 and Intro-H).
    "hr4030-115 introduced and referred": ("hr", [
        step("2017-10-12", "Introduced in House", H, "1000", ST.INTRODUCED, "INTRODUCED"),
        step("2017-10-12", "Introduced in House", H, "Intro-H", ST.INTRODUCED, "INTRODUCED"),
        step("2017-10-12", "Referred to the House Committee on Education and the Workforce.",
             H, "H11100", ST.IN_COMMITTEE, "REFERRED"),
    ]),
    # Passed the House under suspension, recorded by the Library of Congress and the Clerk.
    "hr4924-115 passed the House": ("hr", [
        step("2018-02-05", "Introduced in House", H, "1000", ST.INTRODUCED, "INTRODUCED"),
        step("2018-02-05", "Referred to the Committee on House Administration, and in addition "
             "to the Committees on Oversight and Government Reform, and Ways and Means, for a "
             "period to be subsequently determined by the Speaker, in each case for "
             "consideration of such provisions as fall within the jurisdiction of the committee "
             "concerned.", H, "H11100", ST.IN_COMMITTEE, "REFERRED"),
        step("2018-02-06", "Mr. Harper moved to suspend the rules and pass the bill.", H,
             "H30300", ST.IN_COMMITTEE, "REFERRED"),
        step("2018-02-06", "Passed/agreed to in House: On motion to suspend the rules and pass "
             "the bill Agreed to by voice vote.(text: CR H797-803)", H, "8000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2018-02-06", "On motion to suspend the rules and pass the bill Agreed to by voice "
             "vote. (text: CR H797-803)", H, "H37300", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2018-02-07", "Received in the Senate and Read twice and referred to the Committee "
             "on Homeland Security and Governmental Affairs.", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
    ]),
    # Introduced and passed in one Senate action, then held at the desk in the House.
    "s2952-115 passed the Senate, held at the desk": ("s", [
        step("2018-05-24", "Introduced in Senate", S, "10000", ST.INTRODUCED, "INTRODUCED"),
        step("2018-05-24", "Passed/agreed to in Senate: Introduced in the Senate, read twice, "
             "considered, read the third time, and passed without amendment by Voice Vote."
             "(consideration: CR S2899-2907; text: CR S2899-2906)", S, "17000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-05-24", "Introduced in the Senate, read twice, considered, read the third "
             "time, and passed without amendment by Voice Vote. (consideration: CR S2899-2907; "
             "text: CR S2899-2906)", S, None, ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-05-25", "Message on Senate action sent to the House.", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-05-29", "Received in the House.", H, "H14000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-05-29", "Held at the desk.", H, "H15000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
    ]),
    # Passed both without amendment, presented, signed: a public law.
    "s3749-115 enacted": ("s", [
        step("2018-12-13", "Passed/agreed to in Senate: Introduced in the Senate, read twice, "
             "considered, read the third time, and passed without amendment by Unanimous "
             "Consent.(consideration: CR S7540-7548; text: CR S7540-7548)", S, "17000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-12-13", "Mr. Harper asked unanimous consent to take from the Speaker's table "
             "and consider.", H, "H30200", ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-12-13", "Passed/agreed to in House: On passage Passed without objection."
             "(text: CR H10192-10200)", H, "8000", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
        step("2018-12-13", "On passage Passed without objection. (text: CR H10192-10200)", H,
             "H37100", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
        step("2018-12-20", "Presented to President.", None, "28000",
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
        step("2018-12-21", "Signed by President.", X, "36000", ST.ENACTED, "ENACTED:SIGNED"),
        step("2018-12-21", "Became Public Law No: 115-397.", X, "36000",
             ST.ENACTED, "ENACTED:SIGNED"),
    ]),
    # A private law (Medal of Honor for John L. Canley).
    "hr4641-115 enacted as a private law": ("hr", [
        step("2017-12-21", "On passage Passed without objection. (text: CR H10362)", H,
             "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2018-01-11", "Passed Senate without amendment by Unanimous Consent. "
             "(consideration: CR S170)", S, None, ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
        step("2018-01-17", "Presented to President.", H, "E20000",
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
        step("2018-01-29", "Became Private Law No: 115-1.", X, "41000",
             ST.ENACTED, "ENACTED:LAW"),
    ]),
    # Vetoed; the veto recorded twice (31000 and E30000); the veto is not the latest action.
    "hr3762-114 vetoed": ("hr", [
        step("2015-10-23", "On passage Passed by recorded vote: 240 - 189 (Roll no. 568). "
             "(text: CR H7143-7144)", H, "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2015-12-03", "Passed Senate with an amendment by Yea-Nay Vote. 52 - 47. Record "
             "Vote Number: 329.", S, None, ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2016-01-06", "Mr. Price, Tom moved that the House concur in the Senate amendment. "
             "(consideration: CR H52-67; text of the motion: CR H54)", H, "H40150",
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2016-01-06", "Resolving differences -- House actions: On motion that the House "
             "agree to the Senate amendment Agreed to by the Yeas and Nays: 240 - 181 "
             "(Roll no. 6).", H, "19500", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
        step("2016-01-07", "Presented to President.", None, "28000",
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
        step("2016-01-08", "Vetoed by President.(text of veto message: CR H210-211)", X,
             "31000", ST.VETOED, "VETOED"),
        step("2016-01-08", "Vetoed by President. (text of veto message: CR H210-211)", X,
             "E30000", ST.VETOED, "VETOED"),
        step("2016-01-08", "On motion to postpone consideration of the veto message until Jan. "
             "26. Agreed to by voice vote.", H, "H43210", ST.VETOED, "VETOED"),
    ]),
    # Overridden (hr6331-110, Medicare Improvements for Patients and Providers Act of 2008).
    "hr6331-110 enacted over a veto": ("hr", [
        step("2008-07-15", "Vetoed by President.", X, None, ST.VETOED, "VETOED"),
        step("2008-07-15", "Two-thirds of the Members present having voted in the affirmative "
             "the bill is passed, Passed by the Yeas and Nays: (2/3 required): 383 - 41 "
             "(Roll no. 491).", H, None, ST.VETOED, "VETOED:OVERRIDE_PASS_OVER:HOUSE"),
        step("2008-07-15", "Passed Senate over veto by Yea-Nay Vote. 70 - 26. Record Vote "
             "Number: 177.", S, None, ST.ENACTED, "ENACTED:VETO_OVERRIDE"),
        step("2008-07-15", "Became Public Law No: 110-275.", X, None,
             ST.ENACTED, "ENACTED:VETO_OVERRIDE"),
    ]),
    # A failed override keeps the veto (hjres64-111).
    "hjres64-111 override failed": ("hjres", [
        step("2009-12-30", "Vetoed by President.", X, None, ST.VETOED, "VETOED"),
        step("2010-01-20", "On passage, the objections of the President to the contrary "
             "notwithstanding Failed by the Yeas and Nays: (2/3 required): 143 - 245, 1 Present "
             "(Roll no. 2).", H, None, ST.VETOED, "VETOED:OVERRIDE_FAIL:HOUSE"),
    ]),
    # A pocket veto cannot be overridden (hr2415-106).
    "hr2415-106 pocket veto": ("hr", [
        step("2000-12-19", "Presented to President.", None, None,
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
        step("2000-12-28", "Pocket Vetoed by President.", X, None, ST.VETOED, "VETOED:POCKET"),
    ]),
    # A simple resolution ends in its chamber.
    "sres44-115 adopted": ("sres", [
        step("2017-02-03", "Introduced in Senate", S, "10000", ST.INTRODUCED, "INTRODUCED"),
        step("2017-02-03", "Referred to the Committee on the Judiciary. (text of measure as "
             "introduced: CR S681)", S, None, ST.IN_COMMITTEE, "REFERRED"),
        step("2017-02-10", "Senate Committee on the Judiciary discharged by Unanimous Consent."
             "(consideration: CR S1092)", S, "14500", ST.REPORTED, "DISCHARGED"),
        step("2017-02-10", "Passed/agreed to in Senate: Resolution agreed to in Senate without "
             "amendment and with a preamble by Unanimous Consent.", S, "17000",
             ST.ADOPTED, "PASSED:SIMPLERES"),
        step("2017-02-10", "Resolution agreed to in Senate without amendment and with a preamble "
             "by Unanimous Consent.", S, None, ST.ADOPTED, "PASSED:SIMPLERES"),
    ]),
    # A concurrent resolution needs both chambers, never the President.
    "hconres70-114 agreed to by both": ("hconres", [
        step("2015-07-31", "Referred to the House Committee on Transportation and "
             "Infrastructure.", H, "H11100", ST.IN_COMMITTEE, "REFERRED"),
        step("2015-09-08", "Subcommittee on Economic Development, Public Buildings and "
             "Emergency Management Discharged.", H, None, ST.IN_COMMITTEE, "REFERRED"),
        step("2015-09-08", "Committee on Transportation discharged.", H, "H12300",
             ST.REPORTED, "DISCHARGED"),
        step("2015-09-08", "Passed/agreed to in House: On agreeing to the resolution Agreed to "
             "without objection.(text: CR H5806)", H, "8000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2015-09-09", "Received in the Senate.", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2015-09-16", "Resolution agreed to in Senate without amendment by Unanimous "
             "Consent. (consideration: CR S6765)", S, None, ST.ADOPTED, "PASSED:CONCURRENTRES"),
    ]),
    # The budget resolution: agreed in different forms, then a conference report by both.
    "sconres11-114 adopted after conference": ("sconres", [
        step("2015-03-27", "Resolution agreed to in Senate with amendments by Yea-Nay Vote. "
             "52 - 46. Record Vote Number: 135. (text: CR 4/13/2015 S2112-2139)", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2015-04-14", "On agreeing to the resolution, as amended Agreed to pursuant to H. "
             "Res. 189.", H, "H37100", ST.RESOLVING_DIFFERENCES, "PASS_BACK:HOUSE"),
        step("2015-04-15", "Senate disagreed to House amendment, agreed to request for "
             "conference and authorized the Presiding Officer to appoint conferees by Yea-Nay "
             "Vote. 54 - 43. Record Vote Number: 145.", S, None,
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:HOUSE"),
        step("2015-04-30", "Conference report agreed to in House: On agreeing to the conference "
             "report Agreed to by the Yeas and Nays: 226 - 197 (Roll no. 183).(consideration: "
             "CR H2702)", H, "21000", ST.RESOLVING_DIFFERENCES, "CONFERENCE:PASSED:HOUSE"),
        step("2015-05-05", "Senate agreed to conference report by Yea-Nay Vote. 51 - 48. Record "
             "Vote Number: 171.", S, None, ST.ADOPTED, "PASSED:CONCURRENTRES"),
    ]),
    # Discharged by unanimous consent and re-referred to another committee of the same
    # chamber: still in committee (115s2146; corpus).
    "s2146-115 discharged and re-referred": ("s", [
        step("2017-11-16", "Introduced in Senate", S, "10000", ST.INTRODUCED, "INTRODUCED"),
        step("2017-11-16", "Read twice and referred to the Committee on Indian Affairs.", S,
             None, ST.IN_COMMITTEE, "REFERRED"),
        step("2017-12-06", "Senate Committee on Indian Affairs discharged by Unanimous "
             "Consent.", S, "14500", ST.REPORTED, "DISCHARGED"),
        step("2017-12-06", "Senate Committee on Indian Affairs discharged by Unanimous "
             "Consent.", S, None, ST.REPORTED, "DISCHARGED"),
        step("2017-12-06", "Referred to the Committee on Finance.", S, None,
             ST.IN_COMMITTEE, "REFERRED"),
    ]),
    # Failed passage, then passed a month later (115hr2, the 2018 farm bill; corpus).
    "hr2-115 failed, then passed": ("hr", [
        step("2018-05-03", "Placed on the Union Calendar, Calendar No. 508.", H, "H12410",
             ST.REPORTED, "CALENDARED"),
        step("2018-05-18", "Failed of passage/not agreed to in House: On passage Failed by the "
             "Yeas and Nays: 198 - 213 (Roll no. 205).", H, "9000",
             ST.FAILED, "FAIL:ORIGINATING:HOUSE"),
        step("2018-05-18", "On passage Failed by the Yeas and Nays: 198 - 213 (Roll no. 205).",
             H, "H37100", ST.FAILED, "FAIL:ORIGINATING:HOUSE"),
        step("2018-06-21", "On passage Passed by the Yeas and Nays: 213 - 211 (Roll no. 284).",
             H, "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
    ]),
    # sres5-113 (unitedstates/congress tests): a Senate resolution voted down.
    "sres5-113 failed in the Senate": ("sres", [
        step("2013-01-03", "Disagreed to in Senate by Voice Vote.", S, None,
             ST.FAILED, "FAIL:ORIGINATING:SENATE"),
    ]),
    # Failed under suspension (2/3 required) is provisional (115hr3823; corpus).
    "hr3823-115 stalled under suspension": ("hr", [
        step("2017-09-25", "Failed of passage/not agreed to in House: On motion to suspend the "
             "rules and pass the bill Failed by the Yeas and Nays: (2/3 required): 245 - 171 "
             "(Roll no. 530).", H, "9000", ST.STALLED, "PROV_KILL:SUSPENSIONFAILED"),
    ]),
    # ... and passing later by simple majority moves on (115hr3180; corpus).
    "hr3180-115 stalled, then passed": ("hr", [
        step("2017-07-24", "Reported (Amended) by the Committee on Intelligence. H. Rept. "
             "115-251.", H, "H12200", ST.REPORTED, "REPORTED"),
        step("2017-07-24", "On motion to suspend the rules and pass the bill, as amended Failed "
             "by the Yeas and Nays: (2/3 required): 241 - 163 (Roll no. 407).", H, "H37300",
             ST.STALLED, "PROV_KILL:SUSPENSIONFAILED"),
        step("2017-07-28", "On passage Passed by the Yeas and Nays: 380 - 35 (Roll no. 437). "
             "(text: CR H6547-6552)", H, "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
    ]),
    # Cloture refused on the motion to proceed (115s2311; corpus); invoked cloture is no step.
    "s2311-115 stalled by cloture": ("s", [
        step("2018-01-29", "Cloture on the motion to proceed to the measure not invoked in "
             "Senate by Yea-Nay Vote. 51 - 46. Record Vote Number: 25.", S, None,
             ST.STALLED, "PROV_KILL:CLOTUREFAILED"),
    ]),
    "hr1865-115 cloture invoked changes nothing": ("hr", [
        step("2018-02-27", "On passage Passed by recorded vote: 388 - 25 (Roll no. 91).", H,
             "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2018-03-19", "Cloture on the motion to proceed to the measure invoked in Senate "
             "by Yea-Nay Vote. 94 - 2. Record Vote Number: 57. (CR S1780)", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2018-03-21", "Passed Senate without amendment by Yea-Nay Vote. 97 - 2. Record "
             "Vote Number: 60.", S, None, ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
    ]),
    # Conference and amendment exchange (115hr1, Tax Cuts and Jobs Act).
    "hr1-115 resolving differences": ("hr", [
        step("2017-11-16", "On passage Passed by the Yeas and Nays: 227 - 205 (Roll no. 637).",
             H, "H37100", ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2017-12-02", "Passed Senate with an amendment by Yea-Nay Vote. 51 - 49. Record "
             "Vote Number: 303.", S, None, ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-12-04", "On motion that the House disagree to the Senate amendment, and "
             "request a conference Agreed to by the Yeas and Nays: 222 - 192 (Roll no. 653).", H,
             "H41610", ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-12-04", "On motion that the House instruct conferees Failed by the Yeas and "
             "Nays: 186 - 233 (Roll no. 654).", H, "H41610",
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-12-19", "On agreeing to the conference report Agreed to by the Yeas and "
             "Nays: 227 - 203 (Roll no. 692).", H, "H42510",
             ST.RESOLVING_DIFFERENCES, "CONFERENCE:PASSED:HOUSE"),
        step("2017-12-20", "Senate receded from its amendment and concurred with an amendment "
             "(SA 1863) by Yea-Nay Vote. 51 - 48. Record Vote Number: 323.", S, None,
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-12-20", "On motion that the House agree to the Senate amendment Agreed to by "
             "the Yeas and Nays: 224 - 201 (Roll no. 699). (text: CR H10261-10308)", H,
             "H41610", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
    ]),
    # The Library of Congress files a ping-pong step under "Passed/agreed to" (115hr601).
    "hr601-115 House amends the Senate amendment": ("hr", [
        step("2017-01-24", "On motion to suspend the rules and pass the bill Agreed to by voice "
             "vote. (text of measure as passed: CR H662-664)", H, "H37300",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:HOUSE"),
        step("2017-08-01", "Passed Senate with amendments by Voice Vote.", S, None,
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-09-06", "Passed/agreed to in House: House agreed to Senate amendments with "
             "amendment pursuant to H. Res. 502.", H, "8000",
             ST.RESOLVING_DIFFERENCES, "PASS_BACK:HOUSE"),
        step("2017-09-07", "Senate concurred in the House amendment to the Senate amendment "
             "numbered 6 to H.R. 601 with an amendment (SA 808) by Yea-Nay Vote. 80 - 17. Record "
             "Vote Number: 192.", S, None, ST.RESOLVING_DIFFERENCES, "PASS_BACK:SENATE"),
        step("2017-09-08", "On motion that the House agree to the Senate amendment to the House "
             "amendment to the Senate amendment Agreed to by the Yeas and Nays: 316 - 90 "
             "(Roll no. 480).", H, "H41610", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
    ]),
    # Presented to the President, not yet signed (DEV-BILLSTATUS-115s3509).
    "s3509-115 sent to the President": ("s", [
        step("2018-09-26", "Introduced in the Senate, read twice, considered, read the third "
             "time, and passed without amendment by Unanimous Consent.", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-09-27", "Held at the desk.", H, "H15000",
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2018-09-28", "Passed/agreed to in House: On passage Passed without objection.", H,
             "8000", ST.PASSED_BOTH_CHAMBERS, "PASSED:BILL"),
        step("2018-10-02", "Presented to President.", None, "28000",
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
        step("2018-10-02", "Presented to President.", H, "E20000",
             ST.SENT_TO_EXECUTIVE, "PRESENTED"),
    ]),
    # An amended first passage is no disagreement yet, even recorded twice (117s35).
    "s35-117 amended passage recorded twice": ("s", [
        step("2021-02-12", "Passed/agreed to in Senate: Passed Senate with an amendment by "
             "Unanimous Consent.(text of amendment in the  nature of a substitute: CR S694-695)",
             S, "17000", ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
        step("2021-02-12", "Passed Senate with an amendment by Unanimous Consent. (text of "
             "amendment in the  nature of a substitute: CR S694-695)", S, None,
             ST.PASSED_ONE_CHAMBER, "PASS_OVER:SENATE"),
    ]),
}  # fmt: skip


@pytest.mark.parametrize("name", CASES)
def test_stage_after_each_action(name: str) -> None:
    bill_type, steps = CASES[name]
    actions = [action(s) for s in steps]
    for n, expected in enumerate(steps, 1):
        info = compute_federal_stage(actions[:n], bill_type=bill_type)
        assert (info.stage, info.detail) == (expected.stage, expected.detail), (
            f"after action {n}: {expected.text!r}"
        )


def final(name: str) -> StageInfo:
    bill_type, steps = CASES[name]
    return compute_federal_stage([action(s) for s in steps], bill_type=bill_type)


@pytest.mark.parametrize(
    ("name", "on", "chamber", "next_chamber"),
    [
        ("hr4030-115 introduced and referred", "2017-10-12", H, H),
        ("hr4924-115 passed the House", "2018-02-06", H, S),
        ("s2952-115 passed the Senate, held at the desk", "2018-05-24", S, H),
        ("s3749-115 enacted", "2018-12-21", X, None),
        ("hr3762-114 vetoed", "2016-01-08", X, H),
        ("hr6331-110 enacted over a veto", "2008-07-15", S, None),
        ("hjres64-111 override failed", "2010-01-20", H, None),
        ("hr2415-106 pocket veto", "2000-12-28", X, None),
        ("sres44-115 adopted", "2017-02-10", S, None),
        ("hconres70-114 agreed to by both", "2015-09-16", S, None),
        ("hr2-115 failed, then passed", "2018-06-21", H, S),
        ("hr3823-115 stalled under suspension", "2017-09-25", H, H),
        ("s2311-115 stalled by cloture", "2018-01-29", S, S),
        ("hr1-115 resolving differences", "2017-12-20", H, X),
        ("hr601-115 House amends the Senate amendment", "2017-09-08", H, X),
        ("s3509-115 sent to the President", "2018-10-02", S, X),
    ],
)
def test_date_chamber_and_who_acts_next(
    name: str, on: str, chamber: Chamber, next_chamber: Chamber | None
) -> None:
    info = final(name)
    assert (info.on, info.chamber, info.next_chamber) == (
        date.fromisoformat(on),
        chamber,
        next_chamber,
    )


def test_a_duplicate_record_keeps_the_first_date() -> None:
    # 114hr3762: the veto recorded by the Library of Congress and by the House.
    info = final("hr3762-114 vetoed")
    assert info.on == date(2016, 1, 8)
    passed = compute_federal_stage(
        [action(s) for s in CASES["hr4924-115 passed the House"][1]], bill_type="hr"
    )
    assert passed.on == date(2018, 2, 6)


def test_no_actions_is_introduced_without_a_date() -> None:
    info = compute_federal_stage([], bill_type="s")
    assert info == StageInfo(
        stage=Stage.INTRODUCED,
        on=None,
        chamber=S,
        detail="INTRODUCED",
        next_chamber=S,
    )


def test_resolutions_are_never_presented() -> None:
    steps = [action(s) for s in CASES["s3509-115 sent to the President"][1]]
    info = compute_federal_stage(steps[:3], bill_type="sjres")
    assert info.next_chamber is X  # joint resolutions go to the President
    assert compute_federal_stage(steps, bill_type="sjres").stage is Stage.SENT_TO_EXECUTIVE


def test_a_law_in_the_law_list_means_enacted() -> None:
    # 114hr1531 became Public Law 114-47; its actions cut before the law still say so.
    steps = [action(s) for s in CASES["hr4924-115 passed the House"][1]]
    laws = (Law(kind="public", number="114-47"),)
    info = compute_federal_stage(steps, bill_type="hr", laws=laws)
    assert (info.stage, info.detail, info.on) == (Stage.ENACTED, "ENACTED:LAW_LISTED", None)


def test_enacted_is_final_whatever_follows_on_the_same_day() -> None:
    # 116hr3055 lists "Signed by President." before the Senate's agreement of that day.
    day = "2019-11-21"
    actions = [
        Action(on=date(2019, 6, 25), text="On passage Passed by the Yeas and Nays: 227 - 194 "
               "(Roll no. 408).", chamber=H, code="H37100"),
        Action(on=date.fromisoformat(day), text="Signed by President.", chamber=X, code="36000"),
        Action(on=date.fromisoformat(day), text="Senate agreed to the House amendment to the "
               "Senate amendment to H.R. 3055 by Yea-Nay Vote. 74 - 20. Record Vote Number: 365.",
               chamber=S),
        Action(on=date.fromisoformat(day), text="Presented to President.", code="28000"),
    ]  # fmt: skip
    info = compute_federal_stage(actions, bill_type="hr")
    assert (info.stage, info.detail, info.on) == (
        Stage.ENACTED,
        "ENACTED:SIGNED",
        date(2019, 11, 21),
    )


# --- the rules table --------------------------------------------------------------------


def test_codes_are_only_a_second_signal() -> None:
    # E30000 is "Signed by President" in the guide, but 114hr3762 uses it for the veto.
    veto = Action(on=date(2016, 1, 8), text="Vetoed by President.", code="E30000")
    matched = match_rule(veto)
    assert matched is not None and matched.event is Event.VETOED
    # A code alone (the text says nothing known) still counts: H11100 is a referral.
    coded = match_rule(Action(on=date(2017, 10, 12), text="", code="H11100"))
    assert coded is not None and coded.event is Event.REFERRED
    assert match_rule(Action(on=date(2017, 10, 12), text="Held at the desk.")) is None


def test_every_event_has_a_rule() -> None:
    assert {rule.event for rule in RULES} == set(Event)
    assert all(rule.hints and rule.pattern is not None for rule in RULES)


def brute_force(text: str) -> object:
    """The first rule whose pattern matches, ignoring the hints."""
    return next((r for r in RULES if r.pattern is not None and r.pattern.search(text)), None)


def test_hints_never_hide_a_match_in_the_real_documents(test_data: Path) -> None:
    texts: set[str] = set()
    for path in sorted((test_data / "billstatus").glob("**/*.xml")):
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        texts.update(a.text for a in snapshot.actions)
    assert len(texts) > 500
    for text in sorted(texts):
        assert match_rule(Action(on=date(2000, 1, 1), text=text)) is brute_force(text), text


def test_hints_never_hide_a_match_in_the_cases() -> None:
    for _, steps in CASES.values():
        for s in steps:
            assert match_rule(Action(on=date(2000, 1, 1), text=s.text)) is brute_force(s.text)


def test_discharged_and_re_referred_is_in_committee_in_the_real_files(
    corpus_tarball: Path,
) -> None:
    """S. 2146 and S. 3720 (115th) end on a discharge and a referral to another committee."""
    wanted = {f"BILLSTATUS/115/s/BILLSTATUS-115{b}.xml" for b in ("s2146", "s3720")}
    found = {}
    with tarfile.open(corpus_tarball, "r|xz") as archive:
        for member in archive:
            if member.name in wanted:
                content = archive.extractfile(member).read()  # type: ignore[union-attr]
                found[member.name] = parse_billstatus(content, where=member.name)
            if len(found) == len(wanted):
                break
    assert {
        s.ref.key: (s.stage.stage, s.stage.detail, s.stage.next_chamber) for s in found.values()
    } == {
        "s2146-115": (ST.IN_COMMITTEE, "REFERRED", S),
        "s3720-115": (ST.IN_COMMITTEE, "REFERRED", S),
    }
    s2146 = next(s for s in found.values() if s.ref.key == "s2146-115")
    assert s2146.stage.on == date(2017, 12, 6)


def test_a_discharge_then_passage_is_not_undone_by_a_later_referral() -> None:
    """A referral in the *other* chamber after passage is no step back (115hr4924)."""
    info = compute_federal_stage(
        [action(s) for s in CASES["s2146-115 discharged and re-referred"][1][:4]]
        + [
            Action(
                on=date(2017, 12, 7),
                text="Passed Senate without amendment by Unanimous Consent.",
                chamber=S,
            ),
            Action(
                on=date(2017, 12, 8),
                text="Referred to the House Committee on Energy and Commerce.",
                chamber=H,
                code="H11100",
            ),
        ],
        bill_type="s",
    )
    assert (info.stage, info.next_chamber) == (ST.PASSED_ONE_CHAMBER, H)
