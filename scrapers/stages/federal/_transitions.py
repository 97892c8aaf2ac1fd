"""The stage state machine's state and its transitions: one small function per ``Event``.

Owns the ladder of stages (which only moves forward; ``failed``/``stalled`` are
provisional), what is remembered between actions (passage, conference and override per
chamber) and ``HANDLERS``, the transition for each event. Knows nothing of action wording
(``_rules``). Imports only ``scrapers.model`` and ``scrapers.refs``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from scrapers.model import Chamber, Stage, StageInfo
from scrapers.refs import NON_PRESENTED_TYPES
from scrapers.stages.federal._rules import Event

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
FINAL = frozenset({Stage.ENACTED, Stage.ADOPTED})
_SIMPLE = frozenset({"hres", "sres"})
_CONCURRENT = frozenset({"hconres", "sconres"})


@dataclass(frozen=True, slots=True)
class Bill:
    """What the transitions need to know of the measure itself."""

    bill_type: str
    origin: Chamber


@dataclass(frozen=True, slots=True)
class Step:
    """One action that matched a rule, with who acted and when."""

    event: Event
    chamber: Chamber
    on: date
    amended: bool


@dataclass(frozen=True, slots=True)
class State:
    """The stage so far, and what is remembered per chamber between actions."""

    info: StageInfo
    reached: int = 0  # ladder rank of the furthest stage reached (failures keep it)
    passed: frozenset[Chamber] = frozenset()
    conference: frozenset[Chamber] = frozenset()
    overridden: frozenset[Chamber] = frozenset()


def _other(chamber: Chamber) -> Chamber:
    return Chamber.SENATE if chamber is Chamber.HOUSE else Chamber.HOUSE


# --- transitions: one small function per event --------------------------------------


def _move(
    state: State, stage: Stage, step: Step, detail: str, next_chamber: Chamber | None
) -> State:
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
    return State(info, reached, state.passed, state.conference, state.overridden)


def _forward(state: State, stage: Stage, step: Step, detail: str, nxt: Chamber | None) -> State:
    """Move up the ladder only: a referral in the second chamber is no step back."""
    if _LADDER_RANK[stage] <= state.reached:
        return state
    return _move(state, stage, step, detail, nxt)


def _on_referred(state: State, step: Step, bill: Bill) -> State:
    if _discharged_here(state, step):
        # Discharged from one committee and re-referred to another of the same chamber
        # (115s2146: "Senate Committee on Indian Affairs discharged by Unanimous Consent."
        # then "Referred to the Committee on Finance."; 115s3720 likewise): still in
        # committee, and the discharge was no step up the ladder.
        state = replace(state, reached=_LADDER_RANK[Stage.IN_COMMITTEE])
        return _move(state, Stage.IN_COMMITTEE, step, "REFERRED", step.chamber)
    return _forward(state, Stage.IN_COMMITTEE, step, "REFERRED", step.chamber)


def _discharged_here(state: State, step: Step) -> bool:
    """The bill's last step was a discharge in ``step``'s chamber, and nothing beyond it."""
    info = state.info
    return (
        info.stage is Stage.REPORTED
        and info.detail == "DISCHARGED"
        and info.chamber is step.chamber
        and state.reached == _LADDER_RANK[Stage.REPORTED]
    )


def _reported_as(detail: str) -> Callable[[State, Step, Bill], State]:
    def handler(state: State, step: Step, bill: Bill) -> State:
        return _forward(state, Stage.REPORTED, step, detail, step.chamber)

    return handler


def _on_introduced(state: State, step: Step, bill: Bill) -> State:
    if state.info.stage is not Stage.INTRODUCED or state.info.on == step.on:
        return state
    return _move(state, Stage.INTRODUCED, step, "INTRODUCED", step.chamber)


def _on_passed(state: State, step: Step, bill: Bill) -> State:
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


def _resolving(state: State, step: Step, detail: str) -> State:
    # Amendments go back and forth at this one rank, so same-rank moves are allowed.
    if state.reached > _LADDER_RANK[Stage.RESOLVING_DIFFERENCES]:
        return state
    return _move(state, Stage.RESOLVING_DIFFERENCES, step, detail, _other(step.chamber))


def _agreed_by_both(state: State, step: Step, bill: Bill) -> State:
    state = replace(state, passed=frozenset({Chamber.HOUSE, Chamber.SENATE}))
    if bill.bill_type in _CONCURRENT:
        return _move(state, Stage.ADOPTED, step, "PASSED:CONCURRENTRES", None)
    nxt = None if bill.bill_type in NON_PRESENTED_TYPES else Chamber.EXECUTIVE
    return _forward(state, Stage.PASSED_BOTH_CHAMBERS, step, "PASSED:BILL", nxt)


def _on_agreed_to_amendment(state: State, step: Step, bill: Bill) -> State:
    if step.amended:
        return _resolving(state, step, f"PASS_BACK:{step.chamber.name}")
    return _agreed_by_both(state, step, bill)


def _on_conference_agreed(state: State, step: Step, bill: Bill) -> State:
    conference = state.conference | {step.chamber}
    state = replace(state, conference=conference)
    if len(conference) == 2:
        return _agreed_by_both(state, step, bill)
    return _resolving(state, step, f"CONFERENCE:PASSED:{step.chamber.name}")


def _on_presented(state: State, step: Step, bill: Bill) -> State:
    if bill.bill_type in NON_PRESENTED_TYPES:
        return state
    # The enrolling (originating) chamber presents the measure.
    step = replace(step, chamber=bill.origin)
    return _forward(state, Stage.SENT_TO_EXECUTIVE, step, "PRESENTED", Chamber.EXECUTIVE)


def _enacted_as(detail: str) -> Callable[[State, Step, Bill], State]:
    def handler(state: State, step: Step, bill: Bill) -> State:
        return _move(state, Stage.ENACTED, step, detail, None)

    return handler


def _on_law(state: State, step: Step, bill: Bill) -> State:
    # "Became Public Law" right after a veto means the override steps went unrecorded.
    detail = "ENACTED:VETO_OVERRIDE" if state.info.stage is Stage.VETOED else "ENACTED:LAW"
    return _move(state, Stage.ENACTED, step, detail, None)


def _on_vetoed(state: State, step: Step, bill: Bill) -> State:
    # The originating chamber votes first on an override.
    state = replace(state, reached=max(state.reached, _LADDER_RANK[Stage.SENT_TO_EXECUTIVE]))
    return _move(state, Stage.VETOED, step, "VETOED", bill.origin)


def _on_pocket_vetoed(state: State, step: Step, bill: Bill) -> State:
    return _move(state, Stage.VETOED, step, "VETOED:POCKET", None)


def _on_override_passed(state: State, step: Step, bill: Bill) -> State:
    overridden = state.overridden | {step.chamber}
    state = replace(state, overridden=overridden)
    if len(overridden) == 2:
        return _move(state, Stage.ENACTED, step, "ENACTED:VETO_OVERRIDE", None)
    detail = f"VETOED:OVERRIDE_PASS_OVER:{step.chamber.name}"
    return _move(state, Stage.VETOED, step, detail, _other(step.chamber))


def _on_override_failed(state: State, step: Step, bill: Bill) -> State:
    detail = f"VETOED:OVERRIDE_FAIL:{step.chamber.name}"
    return _move(state, Stage.VETOED, step, detail, None)


def _on_failed(state: State, step: Step, bill: Bill) -> State:
    where = "SECOND" if state.passed - {step.chamber} else "ORIGINATING"
    return _move(state, Stage.FAILED, step, f"FAIL:{where}:{step.chamber.name}", None)


def _on_tabled(state: State, step: Step, bill: Bill) -> State:
    return _move(state, Stage.FAILED, step, f"FAIL:TABLED:{step.chamber.name}", None)


def _stalled_as(detail: str) -> Callable[[State, Step, Bill], State]:
    def handler(state: State, step: Step, bill: Bill) -> State:
        # Provisional: the same chamber can vote again (115hr2 failed, then passed).
        return _move(state, Stage.STALLED, step, detail, step.chamber)

    return handler


HANDLERS: dict[Event, Callable[[State, Step, Bill], State]] = {
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
