"""The normalised stage of a state bill from Open States action classifications.

Open States tags each action with a list of classifications (its own vocabulary:
``introduction``, ``referral-committee``, ``committee-passage``, ``passage``,
``executive-signature``...) and the organisation that acted (``upper``, ``lower``,
``legislature`` for a one-house legislature such as Nebraska's, ``executive``).
``RULES`` maps a classification to an ``Event`` with the reason; ``compute_state_stage``
folds the events of the actions, oldest first, into a ``StageInfo`` on the shared
ladder. Unclassified actions, and classifications not in the table (``reading-2``,
``amendment-introduction``, a word Open States adds later), stay actions and never move
the stage.

Rules the fold keeps, as the federal rules do: the ladder only moves forward; passage is
remembered per chamber, so a chamber recorded passing twice (enrolment signatures are
classified ``passage`` too) never counts as the other chamber; ``enacted`` is final;
``failed`` and ``vetoed`` can be left by a later step (a new vote, an override).

``StageInfo.detail`` codes: ``INTRODUCED``, ``REFERRED``, ``REPORTED``,
``PASS_OVER:{HOUSE,SENATE}``, ``PASSED:BILL`` (both chambers, or the one house of a
unicameral legislature), ``PASSED:RESOLUTION`` (a resolution adopted),
``PRESENTED``, ``ENACTED:SIGNED``, ``ENACTED:LAW``, ``ENACTED:VETO_OVERRIDE``,
``VETOED``, ``VETOED:OVERRIDE`` (one chamber overrode, the other has not),
``VETOED:LINE_ITEM`` (the governor struck items; the rest goes on, so a later
``became-law`` still enacts), ``FAILED``.

Imports only ``scrapers.model``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from scrapers.model import STAGE_LADDER, Chamber, Stage, StageInfo


class Event(StrEnum):
    INTRODUCED = "introduced"
    REFERRED = "referred"
    REPORTED = "reported"
    PASSED = "passed"
    FAILED = "failed"
    PRESENTED = "presented"
    SIGNED = "signed"
    LAW = "law"
    VETOED = "vetoed"
    LINE_ITEM_VETOED = "line_item_vetoed"
    OVERRIDE_PASSED = "override_passed"


@dataclass(frozen=True, slots=True)
class Rule:
    classification: str
    event: Event | None  # None: recorded here on purpose, and it moves nothing
    reason: str


#: Read in order: when an action carries several classifications, the one listed
#: LATEST here wins (``passage`` beats ``reading-3``; ``became-law`` beats ``passage``).
RULES: tuple[Rule, ...] = (
    Rule(
        "withdrawal",
        None,
        "Open States also tags withdrawn motions and amendments so (Texas HB 1, 88th "
        "4th called session: 'Point of order withdrawn'): the bill itself goes on",
    ),
    Rule("reading-1", None, "a reading is no step on the ladder"),
    Rule("reading-2", None, "a reading is no step on the ladder"),
    Rule("reading-3", None, "a reading; the passage vote that follows is what counts"),
    Rule("filing", Event.INTRODUCED, "prefiled: the bill exists, nothing has acted on it"),
    Rule("introduction", Event.INTRODUCED, "introduced in its chamber of origin"),
    Rule("referral-committee", Event.REFERRED, "sent to a committee: in committee"),
    Rule("referral", Event.REFERRED, "referred (to a committee or calendar)"),
    Rule("committee-passage", Event.REPORTED, "a committee sent it on, amended or not"),
    Rule("committee-passage-favorable", Event.REPORTED, "reported favourably"),
    Rule("committee-passage-unfavorable", Event.REPORTED, "reported, unfavourably: still out"),
    Rule("committee-failure", Event.FAILED, "failed in committee (a state's usual end)"),
    Rule("failure", Event.FAILED, "a passage vote failed in the acting chamber"),
    Rule("passage", Event.PASSED, "the acting chamber passed it"),
    Rule("executive-receipt", Event.PRESENTED, "delivered to the governor"),
    Rule("executive-veto-line-item", Event.LINE_ITEM_VETOED, "items struck, rest stands"),
    Rule("executive-veto", Event.VETOED, "the governor vetoed it"),
    Rule("veto-override-passage", Event.OVERRIDE_PASSED, "a chamber overrode the veto"),
    Rule("executive-signature", Event.SIGNED, "the governor signed it"),
    Rule("became-law", Event.LAW, "law (signed, unsigned, or chaptered)"),
)
_BY_CLASSIFICATION = {rule.classification: (i, rule) for i, rule in enumerate(RULES)}

#: Rank on the forward ladder; ``adopted`` ends a resolution where ``enacted`` ends a bill.
_RANK: dict[Stage, int] = {stage: rank for rank, stage in enumerate(STAGE_LADDER)}
_RANK[Stage.ADOPTED] = _RANK[Stage.ENACTED]
_FINAL = frozenset({Stage.ENACTED, Stage.ADOPTED})
_ORGANISATIONS = {
    "upper": Chamber.SENATE,
    "lower": Chamber.HOUSE,
    "legislature": Chamber.LEGISLATURE,
    "executive": Chamber.EXECUTIVE,
}


def chamber_of(classification: str | None) -> Chamber | None:
    """The chamber an Open States organisation classification names; None if unknown."""
    return _ORGANISATIONS.get(classification or "")


def rule_for(classifications: Sequence[str]) -> Rule | None:
    """The rule an action's classifications fire; None for an action that moves nothing."""
    found = [_BY_CLASSIFICATION[c] for c in classifications if c in _BY_CLASSIFICATION]
    if not found:
        return None
    rule = max(found, key=lambda pair: pair[0])[1]
    return rule if rule.event is not None else None


@dataclass(frozen=True, slots=True)
class StateAction:
    """What the fold needs of one action."""

    on: date
    classifications: tuple[str, ...]
    chamber: Chamber | None


@dataclass(frozen=True, slots=True)
class _State:
    info: StageInfo
    reached: int = 0
    passed: frozenset[Chamber] = frozenset()


def compute_state_stage(
    actions: Sequence[StateAction],
    *,
    origin: Chamber,
    resolution: bool = False,
    introduced_on: date | None = None,
) -> StageInfo:
    """The stage reached, from the actions oldest first.

    ``origin`` is the chamber of origin; ``Chamber.LEGISLATURE`` means a one-house
    legislature, where one passage is passage by the legislature. ``resolution``: a
    resolution is adopted by passage and never goes to the governor.
    """
    first = actions[0].on if actions else introduced_on
    state = _State(
        StageInfo(
            stage=Stage.INTRODUCED,
            on=first,
            chamber=origin,
            detail="INTRODUCED",
            next_chamber=origin,
        )
    )
    for action in actions:
        rule = rule_for(action.classifications)
        if rule is None or rule.event is None or state.info.stage in _FINAL:
            continue
        state = _step(state, rule.event, action.chamber or origin, action.on, origin, resolution)
    return state.info


def _move(
    state: _State, stage: Stage, on: date, chamber: Chamber, detail: str, nxt: Chamber | None
) -> _State:
    old = state.info
    if (old.stage, old.detail, old.chamber) == (stage, detail, chamber):
        return state  # the same step recorded twice keeps its first date
    info = StageInfo(stage=stage, on=on, chamber=chamber, detail=detail, next_chamber=nxt)
    return replace(state, info=info, reached=max(state.reached, _RANK.get(stage, state.reached)))


def _forward(
    state: _State, stage: Stage, on: date, chamber: Chamber, detail: str, nxt: Chamber | None
) -> _State:
    if _RANK[stage] <= state.reached:
        return state
    return _move(state, stage, on, chamber, detail, nxt)


def _other(chamber: Chamber) -> Chamber:
    return Chamber.SENATE if chamber is Chamber.HOUSE else Chamber.HOUSE


def _step(
    state: _State, event: Event, chamber: Chamber, on: date, origin: Chamber, resolution: bool
) -> _State:
    ex = Chamber.EXECUTIVE
    if event is Event.INTRODUCED:
        return state
    if event is Event.REFERRED:
        return _forward(state, Stage.IN_COMMITTEE, on, chamber, "REFERRED", chamber)
    if event is Event.REPORTED:
        return _forward(state, Stage.REPORTED, on, chamber, "REPORTED", chamber)
    if event is Event.PASSED:
        return _passed(state, chamber, on, origin, resolution)
    if event is Event.FAILED:
        return _move(state, Stage.FAILED, on, chamber, "FAILED", None)
    if event is Event.PRESENTED:
        return _forward(state, Stage.SENT_TO_EXECUTIVE, on, ex, "PRESENTED", ex)
    if event is Event.SIGNED:
        return _move(state, Stage.ENACTED, on, ex, "ENACTED:SIGNED", None)
    if event is Event.LAW:
        return _move(state, Stage.ENACTED, on, ex, "ENACTED:LAW", None)
    if event is Event.VETOED:
        return _move(state, Stage.VETOED, on, ex, "VETOED", None)
    if event is Event.LINE_ITEM_VETOED:
        # Only items were struck: the rest of the bill goes on to become law, so the
        # bill stays with the executive (a later ``became-law`` enacts it).
        return _move(state, Stage.SENT_TO_EXECUTIVE, on, ex, "VETOED:LINE_ITEM", ex)
    # Event.OVERRIDE_PASSED: a veto override in a one-house legislature, or in the
    # second chamber to vote on it, makes law; the first of two waits for the other.
    if state.info.stage is not Stage.VETOED and state.info.detail != "VETOED:OVERRIDE":
        return state
    if origin is Chamber.LEGISLATURE or state.info.detail == "VETOED:OVERRIDE":
        return _move(state, Stage.ENACTED, on, chamber, "ENACTED:VETO_OVERRIDE", None)
    return _move(state, Stage.VETOED, on, chamber, "VETOED:OVERRIDE", _other(chamber))


def _passed(state: _State, chamber: Chamber, on: date, origin: Chamber, resolution: bool) -> _State:
    if chamber is Chamber.EXECUTIVE or chamber in state.passed:
        return state  # enrolment records and repeats are no second chamber
    passed = state.passed | {chamber}
    state = replace(state, passed=passed)
    both = origin is Chamber.LEGISLATURE or chamber is Chamber.LEGISLATURE or len(passed) >= 2
    if resolution and both:
        return _move(state, Stage.ADOPTED, on, chamber, "PASSED:RESOLUTION", None)
    if both:
        return _forward(
            state, Stage.PASSED_BOTH_CHAMBERS, on, chamber, "PASSED:BILL", Chamber.EXECUTIVE
        )
    return _forward(
        state, Stage.PASSED_ONE_CHAMBER, on, chamber, f"PASS_OVER:{chamber.name}", _other(chamber)
    )
