"""The normalised stage of a federal bill, worked out from its actions oldest first.

Owns the rules table that turns Congress's action wording (and, as a second signal,
Library of Congress action codes) into a few events, and the small state machine that
folds those events into a ``StageInfo``. It knows nothing of XML or HTTP: any federal
source (BILLSTATUS, the Congress.gov API) hands it ``Action`` values. Imports only
``scrapers.model`` and ``scrapers.refs``.

In the spirit of unitedstates/congress ``parse_bill_action`` (wording -> status) and
openstates ``Rule(regexes, types)``, but as data: ``RULES`` is read top to bottom, the
first rule whose wording matches wins, and only when no wording matches is the action
code looked up (codes are reused: ``E30000`` is documented as "Signed by President" yet
carries "Vetoed by President." in BILLSTATUS-114hr3762).

Facts the state machine respects:

- Passage is remembered per chamber, so the same passage recorded by two source systems
  (the chamber's and the Library of Congress's ``Passed/agreed to in ...`` copy) never
  counts as the second chamber.
- Stages on the ladder only move forward; ``failed``/``stalled`` are provisional and a
  later step forward (a new vote) moves on from the furthest point reached.
- ``enacted`` and ``adopted`` are final. ``laws`` beats any action: a listed law means
  enacted whatever the actions say.

``StageInfo.detail`` codes (GovTrack-style, stable, documented here):

==================================  =====================================================
``INTRODUCED``                      no action beyond introduction
``REFERRED``                        referred to a committee or subcommittee
``REPORTED``, ``ORDERED_REPORTED``  reported / ordered reported by a committee
``DISCHARGED``, ``CALENDARED``      committee discharged / placed on a calendar
``PASS_OVER:{HOUSE,SENATE}``        passed the first chamber, now before the other
``PASS_BACK:{HOUSE,SENATE}``        that chamber passed or agreed *with* an amendment
``CONFERENCE:PASSED:{...}``         that chamber agreed to the conference report
``PASSED:BILL``                     both chambers agreed to one text; next the President
``PASSED:CONCURRENTRES``            concurrent resolution agreed by both (``adopted``)
``PASSED:SIMPLERES``                simple resolution agreed to (``adopted``)
``PRESENTED``                       presented to the President
``ENACTED:SIGNED``                  signed by the President
``ENACTED:LAW``                     "Became Public/Private Law" with no signing seen
``ENACTED:TENDAYRULE``              became law without signature
``ENACTED:VETO_OVERRIDE``           both chambers overrode a veto
``ENACTED:LAW_LISTED``              only the document's law list says so (date unknown)
``VETOED``, ``VETOED:POCKET``       vetoed; a pocket veto cannot be overridden
``VETOED:OVERRIDE_PASS_OVER:{...}`` one chamber voted to override, the other has not
``VETOED:OVERRIDE_FAIL:{...}``      an override vote failed: the veto stands
``PROV_KILL:SUSPENSIONFAILED``      failed under suspension of the rules (``stalled``)
``PROV_KILL:CLOTUREFAILED``         cloture not invoked (``stalled``)
``PROV_KILL:PINGPONGFAIL``          a chamber refused the other's amendment (``stalled``)
``FAIL:{ORIGINATING,SECOND}:{...}`` failed a passage vote in that chamber (``failed``)
``FAIL:TABLED:{...}``               the measure itself was tabled (``failed``)
==================================  =====================================================

``StageInfo.on`` is the date of the action that set the current stage and detail;
``chamber`` the chamber that acted (``executive`` for the President); ``next_chamber``
who acts next: the committee's chamber while in committee, the other chamber after one
passes, ``executive`` once both have passed a bill, ``None`` at an end.

Not handled (no real document here needs it): constitutional amendments (joint
resolutions that go to the states, not the President) are treated like other joint
resolutions; measures "withdrawn" by their sponsor have no federal wording to match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from scrapers.model import Action, Chamber, Law, Stage, StageInfo
from scrapers.refs import NON_PRESENTED_TYPES

__all__ = ["RULES", "Event", "Rule", "compute_federal_stage", "match_rule"]


class Event(StrEnum):
    """What one action means for the stage (many actions mean nothing and match no rule)."""

    INTRODUCED = "introduced"
    REFERRED = "referred"
    REPORTED = "reported"
    ORDERED_REPORTED = "ordered_reported"
    DISCHARGED = "discharged"
    CALENDARED = "calendared"
    PASSED = "passed"  # a chamber passed / agreed to the measure itself
    FAILED = "failed"
    TABLED = "tabled"
    SUSPENSION_FAILED = "suspension_failed"
    CLOTURE_FAILED = "cloture_failed"
    AGREED_TO_AMENDMENT = "agreed_to_amendment"  # ping-pong: agreed to the other's text
    REFUSED_AMENDMENT = "refused_amendment"
    CONFERENCE_AGREED = "conference_agreed"
    PRESENTED = "presented"
    SIGNED = "signed"
    UNSIGNED = "unsigned"
    LAW = "law"
    VETOED = "vetoed"
    POCKET_VETOED = "pocket_vetoed"
    OVERRIDE_PASSED = "override_passed"
    OVERRIDE_FAILED = "override_failed"


@dataclass(frozen=True, slots=True)
class Rule:
    """Wording (and/or action codes) that means ``event``, acted by ``chamber`` if the
    wording names one (else the action's own chamber).

    ``hints`` are lower-case words one of which every matching text contains: a cheap
    test that spares the regular expression for most of the ~30 rules per action.
    """

    event: Event
    pattern: re.Pattern[str]
    hints: tuple[str, ...] = ()
    codes: frozenset[str] = frozenset()
    chamber: Chamber | None = None

    def says(self, text: str, lowered: str) -> bool:
        for hint in self.hints:  # a plain loop: this runs ~30 times per new wording
            if hint in lowered:
                return self.pattern.search(text) is not None
        return False


def _rule(
    event: Event,
    *regexes: str,
    hints: tuple[str, ...] = (),
    codes: tuple[str, ...] = (),
    chamber: Chamber | None = None,
) -> Rule:
    pattern = re.compile("|".join(f"(?:{regex})" for regex in regexes), re.IGNORECASE)
    return Rule(event, pattern, hints=hints, codes=frozenset(codes), chamber=chamber)


H, S, E = Chamber.HOUSE, Chamber.SENATE, Chamber.EXECUTIVE
# The Library of Congress repeats major House/Senate actions with these prefixes.
_LOC_H = r"(?:Passed/agreed to in House: )?"
_LOC_S = r"(?:Passed/agreed to in Senate: )?"
_LOC_H_FAIL = r"(?:Failed of passage/not agreed to in House: )?"
_LOC_H_PINGPONG = r"(?:Resolving differences -- House actions: )?"
_LOC_S_PINGPONG = r"(?:Resolving differences -- Senate actions: )?"
_RES = r"(?:\w+ )?resolution"  # resolution, concurrent resolution, joint resolution
_MEASURE = rf"(?:bill|{_RES})"
_SUSPEND_AND = r"On motion to suspend the rules and (?:pass|agree to) the "
_HOUSE_TAKES_SENATE_TEXT = r"On motion that the House (?:suspend the rules and )?(?:agree|concur)\b"
_NOT_OVERRIDDEN = r"objections of the President to the contrary notwithstanding,? "
_CLOTURE_ON_MEASURE = (
    r"^Cloture (?:motion )?on the (?:measure|bill|conference report|motion to (?:proceed|concur)\b)"
)
_COMMITTEE_REFERRAL = (
    r"\breferred (?:(?:concurrently|jointly|sequentially|jointly and sequentially) )?to "
    r"(?:the )?(?:House |Senate )?(?:Committee|Subcommittee|Select|Permanent)"
)

#: Read top to bottom; the first rule whose wording matches wins. Specific before general.
RULES: tuple[Rule, ...] = (
    _rule(Event.POCKET_VETOED, r"^Pocket Vetoed by President", hints=("pocket",), chamber=E),
    # Code E30000 is *not* listed here: BILLSTATUS-114hr3762 uses it for the veto.
    _rule(Event.VETOED, r"^Vetoed by President", hints=("vetoed",), codes=("31000",), chamber=E),
    _rule(
        Event.OVERRIDE_FAILED,
        r"^Failed of passage in Senate over veto",
        hints=("over veto",),
        chamber=S,
    ),
    _rule(
        Event.OVERRIDE_FAILED, rf"{_NOT_OVERRIDDEN}Failed", hints=("notwithstanding",), chamber=H
    ),
    _rule(Event.OVERRIDE_PASSED, r"^Passed Senate over veto", hints=("over veto",), chamber=S),
    # hr6331-110: the House override reads "Two-thirds of the Members present having
    # voted in the affirmative the bill is passed, Passed by the Yeas and Nays ...".
    _rule(
        Event.OVERRIDE_PASSED,
        r"^Passed House over veto",
        r"^Two-thirds of the Members present having voted in the affirmative",
        rf"{_NOT_OVERRIDDEN}(?:Passed|Agreed to)",
        hints=("over veto", "two-thirds", "notwithstanding"),
        chamber=H,
    ),
    _rule(
        Event.UNSIGNED,
        r"^Became (?:Public|Private) Law.*without (?:the )?President'?s signature",
        r"^Sent to Archivist of the United States unsigned",
        hints=("signature", "unsigned"),
        chamber=E,
    ),
    # 36000/41000 are shared by "Signed by President." and "Became ... Law" (115hr4641).
    _rule(
        Event.LAW, r"^Became (?:Public|Private) Law", hints=("law",), codes=("E40000",), chamber=E
    ),
    _rule(Event.SIGNED, r"^Signed by President", hints=("signed",), chamber=E),
    _rule(
        Event.PRESENTED, r"^Presented to President", hints=("presented",), codes=("E20000", "28000")
    ),
    # 115s140: "Cloture on the motion to concur in the House amendment to S. 140 not
    # invoked" stalls the bill; cloture refused on an amendment does not.
    _rule(
        Event.CLOTURE_FAILED,
        rf"{_CLOTURE_ON_MEASURE}.*?\bnot invoked",
        hints=("not invoked",),
        chamber=S,
    ),
    _rule(
        Event.SUSPENSION_FAILED,
        rf"^{_LOC_H_FAIL}{_SUSPEND_AND}{_MEASURE}\b.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    _rule(
        Event.REFUSED_AMENDMENT,
        rf"{_HOUSE_TAKES_SENATE_TEXT}.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    # 115hr601: the Library of Congress files "House agreed to Senate amendments with
    # amendment pursuant to H. Res. 502." under code 8000 "Passed/agreed to in House".
    _rule(
        Event.AGREED_TO_AMENDMENT,
        rf"^{_LOC_H_PINGPONG}{_HOUSE_TAKES_SENATE_TEXT}.*?\bAgreed to\b",
        rf"^{_LOC_H}House agreed to Senate amendments?\b",
        hints=("agree", "concur"),
        chamber=H,
    ),
    # 115hr1: "Senate receded from its amendment and concurred with an amendment".
    _rule(
        Event.AGREED_TO_AMENDMENT,
        rf"^{_LOC_S_PINGPONG}Senate (?:agreed to|concurred in) (?:the )?House amendments?\b",
        r"^Senate receded from its amendment and concurred\b",
        hints=("house amendment", "receded"),
        chamber=S,
    ),
    _rule(
        Event.CONFERENCE_AGREED,
        r"^(?:Conference report agreed to in House: )?"
        r"On agreeing to the conference report\b.*?\bAgreed to\b",
        hints=("conference report",),
        chamber=H,
    ),
    _rule(
        Event.CONFERENCE_AGREED,
        r"^(?:Conference report agreed to in Senate: )?Senate agreed to (?:the )?conference report",
        hints=("conference report",),
        chamber=S,
    ),
    _rule(
        Event.FAILED,
        rf"^{_LOC_H_FAIL}On (?:passage|agreeing to the {_RES})\b.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    # sres5-113 (unitedstates/congress tests): "Disagreed to in Senate by Voice Vote."
    _rule(
        Event.FAILED,
        rf"^(?:Failed of passage in Senate|Disagreed to in Senate|{_RES} not agreed to in Senate)",
        hints=("failed", "disagreed", "not agreed"),
        chamber=S,
    ),
    _rule(
        Event.PASSED,
        rf"^{_LOC_H}On (?:passage|agreeing to the {_RES})\b.*?\b(?:Passed|Agreed to)\b",
        rf"^{_LOC_H}{_SUSPEND_AND}{_MEASURE}\b.*?\bAgreed to\b",
        r"^Passed House\b",
        hints=("passed", "agreed to"),
        chamber=H,
    ),
    # 115s2952: "Introduced in the Senate, read twice, considered, read the third time,
    # and passed without amendment by Voice Vote." is introduction and passage at once.
    _rule(
        Event.PASSED,
        rf"^{_LOC_S}(?:Passed Senate\b|{_RES} (?:agreed to|passed) in Senate\b)",
        rf"^{_LOC_S}(?:Introduced|Received|Submitted) in the Senate,.*?\b(?:passed|agreed to)\b",
        hints=("passed", "agreed to"),
        chamber=S,
    ),
    _rule(
        Event.TABLED,
        rf"^On motion to table the (?:measure|{_MEASURE}) Agreed to",
        hints=("table the",),
        chamber=H,
    ),
    _rule(
        Event.REPORTED,
        r"^Reported (?:\(Amended\) )?by the Committee\b",
        r"\breported an original measure\b",
        r"^Committee on [^.]+\. (?:Original measure )?Reported (?:to Senate )?by\b",
        hints=("reported",),
        codes=("H12200", "H12100", "5000", "14000"),
    ),
    # Subcommittee discharges ("Subcommittee on ... Discharged.", 114hconres70) leave the
    # bill in full committee, hence the anchor on "Committee".
    _rule(
        Event.DISCHARGED,
        r"^(?:House |Senate )?Committee on [^.]*?\.? Discharged\b",
        hints=("discharged",),
        codes=("H12300", "5500", "14500"),
    ),
    _rule(Event.ORDERED_REPORTED, r"\bOrdered to be Reported\b", hints=("ordered to be reported",)),
    _rule(
        Event.CALENDARED,
        r"^Placed on (?:the )?(?:Union|House|Private|Consent|Corrections) Calendar",
        r"\bPlaced on Senate Legislative Calendar\b",
        hints=("calendar",),
        codes=("H12410", "H12420"),
    ),
    _rule(
        Event.REFERRED,
        _COMMITTEE_REFERRAL,
        hints=("referred",),
        codes=("H11100", "H11100-A", "H11200", "2000", "11000"),
    ),
    _rule(
        Event.INTRODUCED,
        r"^Introduced in (?:the )?(?:House|Senate)\.?$",
        hints=("introduced",),
        codes=("1000", "Intro-H", "10000"),
    ),
)

_RULE_FOR_CODE: dict[str, Rule] = {}
for _code_rule in reversed(RULES):  # reversed, so the first rule naming a code wins
    _RULE_FOR_CODE.update(dict.fromkeys(_code_rule.codes, _code_rule))

# "with an amendment", "with amendments", "Senate amendments with amendment", "as amended",
# "(Amended)" -- but not "without amendment" or "with a preamble".
_AMENDED = re.compile(r"\bwith (?:an )?amendments?\b|\bas amended\b|\(Amended\)", re.IGNORECASE)


def match_rule(action: Action) -> Rule | None:
    """The first rule whose wording matches the action, else the first whose code does."""
    return _rule_for_text(action.text) or (_RULE_FOR_CODE.get(action.code) if action.code else None)


@lru_cache(maxsize=32768)
def _rule_for_text(text: str) -> Rule | None:
    # Cached: most wordings recur from bill to bill ("Introduced in House").
    lowered = text.lower()
    return next((rule for rule in RULES if rule.says(text, lowered)), None)


# --- the state machine ---------------------------------------------------------------

_LADDER_RANK: dict[Stage, int] = {
    Stage.INTRODUCED: 0,
    Stage.IN_COMMITTEE: 1,
    Stage.REPORTED: 2,
    Stage.PASSED_ONE_CHAMBER: 3,
    Stage.RESOLVING_DIFFERENCES: 4,
    Stage.PASSED_BOTH_CHAMBERS: 5,
    Stage.SENT_TO_EXECUTIVE: 6,
    Stage.ENACTED: 7,
    Stage.ADOPTED: 7,
}
_FINAL = frozenset({Stage.ENACTED, Stage.ADOPTED})
_SIMPLE = frozenset({"hres", "sres"})
_CONCURRENT = frozenset({"hconres", "sconres"})


@dataclass(frozen=True, slots=True)
class _Bill:
    bill_type: str
    origin: Chamber


@dataclass(frozen=True, slots=True)
class _Step:
    """One action that matched a rule, with who acted and when."""

    event: Event
    chamber: Chamber
    on: date
    amended: bool


@dataclass(frozen=True, slots=True)
class _State:
    info: StageInfo
    reached: int = 0  # ladder rank of the furthest stage reached (failures keep it)
    passed: frozenset[Chamber] = frozenset()
    conference: frozenset[Chamber] = frozenset()
    overridden: frozenset[Chamber] = frozenset()


def compute_federal_stage(
    actions: Sequence[Action], *, bill_type: str, laws: Sequence[Law] = ()
) -> StageInfo:
    """The stage reached by a federal measure of ``bill_type`` ("hr", "sjres", ...).

    ``actions`` must be oldest first. ``laws`` (the document's own law list) overrides
    the actions: a measure with a law number is enacted.
    """
    bill = _Bill(bill_type=bill_type.lower(), origin=_origin(bill_type))
    state = _State(info=_introduced(bill, actions))
    for action in actions:
        step = _step_for(action, bill)
        if step is not None and state.info.stage not in _FINAL:
            state = _HANDLERS[step.event](state, step, bill)
    return _with_laws(state.info, laws)


def _origin(bill_type: str) -> Chamber:
    return Chamber.SENATE if bill_type.lower().startswith("s") else Chamber.HOUSE


def _other(chamber: Chamber) -> Chamber:
    return Chamber.SENATE if chamber is Chamber.HOUSE else Chamber.HOUSE


def _introduced(bill: _Bill, actions: Sequence[Action]) -> StageInfo:
    first = actions[0].on if actions else None
    return StageInfo(
        stage=Stage.INTRODUCED,
        on=first,
        chamber=bill.origin,
        detail="INTRODUCED",
        next_chamber=bill.origin,
    )


def _step_for(action: Action, bill: _Bill) -> _Step | None:
    rule = match_rule(action)
    if rule is None:
        return None
    chamber = rule.chamber or action.chamber or _chamber_in_text(action.text) or bill.origin
    amended = rule.event in _AMENDABLE and _AMENDED.search(action.text) is not None
    return _Step(event=rule.event, chamber=chamber, on=action.on, amended=amended)


_AMENDABLE = frozenset({Event.PASSED, Event.AGREED_TO_AMENDMENT})


def _chamber_in_text(text: str) -> Chamber | None:
    if "Senate" in text:
        return Chamber.SENATE
    return Chamber.HOUSE if "House" in text else None


def _with_laws(info: StageInfo, laws: Sequence[Law]) -> StageInfo:
    if not laws or info.stage is Stage.ENACTED:
        return info
    # 114hr1531 lists Public Law 114-47 whatever its last action says.
    return StageInfo(
        stage=Stage.ENACTED, on=None, chamber=Chamber.EXECUTIVE, detail="ENACTED:LAW_LISTED"
    )


# --- transitions: one small function per event --------------------------------------


def _move(
    state: _State, stage: Stage, step: _Step, detail: str, next_chamber: Chamber | None
) -> _State:
    """Set the stage, unless it says nothing new (a duplicate record of the same step)."""
    old, chamber = state.info, step.chamber
    if (old.stage, old.detail, old.chamber, old.next_chamber) == (
        stage,
        detail,
        chamber,
        next_chamber,
    ):
        return state  # keeps the date of the first record
    info = StageInfo(
        stage=stage, on=step.on, chamber=chamber, detail=detail, next_chamber=next_chamber
    )
    reached = max(state.reached, _LADDER_RANK.get(stage, state.reached))
    return _State(info, reached, state.passed, state.conference, state.overridden)


def _forward(state: _State, stage: Stage, step: _Step, detail: str, nxt: Chamber | None) -> _State:
    """Move up the ladder only: a referral in the second chamber is no step back."""
    if _LADDER_RANK[stage] <= state.reached:
        return state
    return _move(state, stage, step, detail, nxt)


def _on_referred(state: _State, step: _Step, bill: _Bill) -> _State:
    return _forward(state, Stage.IN_COMMITTEE, step, "REFERRED", step.chamber)


def _reported_as(detail: str) -> Callable[[_State, _Step, _Bill], _State]:
    def handler(state: _State, step: _Step, bill: _Bill) -> _State:
        return _forward(state, Stage.REPORTED, step, detail, step.chamber)

    return handler


def _on_introduced(state: _State, step: _Step, bill: _Bill) -> _State:
    if state.info.stage is not Stage.INTRODUCED or state.info.on == step.on:
        return state
    return _move(state, Stage.INTRODUCED, step, "INTRODUCED", step.chamber)


def _on_passed(state: _State, step: _Step, bill: _Bill) -> _State:
    if step.chamber in state.passed:
        return state  # the same passage recorded by a second source system
    passed = state.passed | {step.chamber}
    state = replace(state, passed=passed)
    name = step.chamber.name
    if bill.bill_type in _SIMPLE:
        return _move(state, Stage.ADOPTED, step, "PASSED:SIMPLERES", None)
    if len(passed) == 1:
        return _forward(
            state, Stage.PASSED_ONE_CHAMBER, step, f"PASS_OVER:{name}", _other(step.chamber)
        )
    if step.amended:
        return _resolving(state, step, f"PASS_BACK:{name}")
    return _agreed_by_both(state, step, bill)


def _resolving(state: _State, step: _Step, detail: str) -> _State:
    # Amendments go back and forth at this one rank, so same-rank moves are allowed.
    if state.reached > _LADDER_RANK[Stage.RESOLVING_DIFFERENCES]:
        return state
    return _move(state, Stage.RESOLVING_DIFFERENCES, step, detail, _other(step.chamber))


def _agreed_by_both(state: _State, step: _Step, bill: _Bill) -> _State:
    state = replace(state, passed=frozenset({Chamber.HOUSE, Chamber.SENATE}))
    if bill.bill_type in _CONCURRENT:
        return _move(state, Stage.ADOPTED, step, "PASSED:CONCURRENTRES", None)
    nxt = None if bill.bill_type in NON_PRESENTED_TYPES else Chamber.EXECUTIVE
    return _forward(state, Stage.PASSED_BOTH_CHAMBERS, step, "PASSED:BILL", nxt)


def _on_agreed_to_amendment(state: _State, step: _Step, bill: _Bill) -> _State:
    if step.amended:
        return _resolving(state, step, f"PASS_BACK:{step.chamber.name}")
    return _agreed_by_both(state, step, bill)


def _on_conference_agreed(state: _State, step: _Step, bill: _Bill) -> _State:
    conference = state.conference | {step.chamber}
    state = replace(state, conference=conference)
    if len(conference) == 2:
        return _agreed_by_both(state, step, bill)
    return _resolving(state, step, f"CONFERENCE:PASSED:{step.chamber.name}")


def _on_presented(state: _State, step: _Step, bill: _Bill) -> _State:
    if bill.bill_type in NON_PRESENTED_TYPES:
        return state
    # The enrolling (originating) chamber presents the measure.
    step = replace(step, chamber=bill.origin)
    return _forward(state, Stage.SENT_TO_EXECUTIVE, step, "PRESENTED", Chamber.EXECUTIVE)


def _enacted_as(detail: str) -> Callable[[_State, _Step, _Bill], _State]:
    def handler(state: _State, step: _Step, bill: _Bill) -> _State:
        return _move(state, Stage.ENACTED, step, detail, None)

    return handler


def _on_law(state: _State, step: _Step, bill: _Bill) -> _State:
    # "Became Public Law" right after a veto means the override steps went unrecorded.
    detail = "ENACTED:VETO_OVERRIDE" if state.info.stage is Stage.VETOED else "ENACTED:LAW"
    return _move(state, Stage.ENACTED, step, detail, None)


def _on_vetoed(state: _State, step: _Step, bill: _Bill) -> _State:
    # The originating chamber votes first on an override.
    state = replace(state, reached=max(state.reached, _LADDER_RANK[Stage.SENT_TO_EXECUTIVE]))
    return _move(state, Stage.VETOED, step, "VETOED", bill.origin)


def _on_pocket_vetoed(state: _State, step: _Step, bill: _Bill) -> _State:
    return _move(state, Stage.VETOED, step, "VETOED:POCKET", None)


def _on_override_passed(state: _State, step: _Step, bill: _Bill) -> _State:
    overridden = state.overridden | {step.chamber}
    state = replace(state, overridden=overridden)
    if len(overridden) == 2:
        return _move(state, Stage.ENACTED, step, "ENACTED:VETO_OVERRIDE", None)
    detail = f"VETOED:OVERRIDE_PASS_OVER:{step.chamber.name}"
    return _move(state, Stage.VETOED, step, detail, _other(step.chamber))


def _on_override_failed(state: _State, step: _Step, bill: _Bill) -> _State:
    detail = f"VETOED:OVERRIDE_FAIL:{step.chamber.name}"
    return _move(state, Stage.VETOED, step, detail, None)


def _on_failed(state: _State, step: _Step, bill: _Bill) -> _State:
    where = "SECOND" if state.passed - {step.chamber} else "ORIGINATING"
    return _move(state, Stage.FAILED, step, f"FAIL:{where}:{step.chamber.name}", None)


def _on_tabled(state: _State, step: _Step, bill: _Bill) -> _State:
    return _move(state, Stage.FAILED, step, f"FAIL:TABLED:{step.chamber.name}", None)


def _stalled_as(detail: str) -> Callable[[_State, _Step, _Bill], _State]:
    def handler(state: _State, step: _Step, bill: _Bill) -> _State:
        # Provisional: the same chamber can vote again (115hr2 failed, then passed).
        return _move(state, Stage.STALLED, step, detail, step.chamber)

    return handler


_HANDLERS: dict[Event, Callable[[_State, _Step, _Bill], _State]] = {
    Event.INTRODUCED: _on_introduced,
    Event.REFERRED: _on_referred,
    Event.REPORTED: _reported_as("REPORTED"),
    Event.ORDERED_REPORTED: _reported_as("ORDERED_REPORTED"),
    Event.DISCHARGED: _reported_as("DISCHARGED"),
    Event.CALENDARED: _reported_as("CALENDARED"),
    Event.PASSED: _on_passed,
    Event.FAILED: _on_failed,
    Event.TABLED: _on_tabled,
    Event.SUSPENSION_FAILED: _stalled_as("PROV_KILL:SUSPENSIONFAILED"),
    Event.CLOTURE_FAILED: _stalled_as("PROV_KILL:CLOTUREFAILED"),
    Event.REFUSED_AMENDMENT: _stalled_as("PROV_KILL:PINGPONGFAIL"),
    Event.AGREED_TO_AMENDMENT: _on_agreed_to_amendment,
    Event.CONFERENCE_AGREED: _on_conference_agreed,
    Event.PRESENTED: _on_presented,
    Event.SIGNED: _enacted_as("ENACTED:SIGNED"),
    Event.UNSIGNED: _enacted_as("ENACTED:TENDAYRULE"),
    Event.LAW: _on_law,
    Event.VETOED: _on_vetoed,
    Event.POCKET_VETOED: _on_pocket_vetoed,
    Event.OVERRIDE_PASSED: _on_override_passed,
    Event.OVERRIDE_FAILED: _on_override_failed,
}
