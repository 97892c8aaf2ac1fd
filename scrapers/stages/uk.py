"""The UK Parliament's rules: a Westminster bill's stages onto the shared ladder.

A bill's stages (Bills API ``/api/v1/Bills/{id}/Stages``) are listed in the
order Parliament takes them; the bill stands at the latest one listed (its
``currentStage``). Each stage's name, and whether it sits in the house the bill
started in or in the second house, says where the bill is on the ladder.
Procedural stages (money resolutions, programme motions) move nothing, so the
stage is that of the latest stage with a rule.

Imports only ``scrapers.model``; knows nothing of fetching or the API's JSON.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrapers.model import Chamber, Stage, StageInfo

__all__ = ["UK_RULES", "UkStage", "uk_stage"]


@dataclass(frozen=True, slots=True)
class UkRule:
    """Stage names matching ``pattern`` put the bill at ``first_house`` while in the
    house it started in, and at ``second_house`` in the other; ``why`` says so."""

    pattern: re.Pattern[str]
    first_house: Stage
    second_house: Stage
    why: str


def _rule(pattern: str, first: Stage, second: Stage, why: str) -> UkRule:
    return UkRule(re.compile(pattern, re.IGNORECASE), first, second, why)


_ONE = Stage.PASSED_ONE_CHAMBER
#: Read top to bottom; the first pattern that matches a stage's name wins.
UK_RULES: tuple[UkRule, ...] = (
    _rule(r"royal assent", Stage.ENACTED, Stage.ENACTED, "Royal Assent makes it an Act"),
    _rule(
        r"consideration of (lords|commons) amendments|ping[- ]pong|lords message|"
        r"commons message|consequential consideration",
        Stage.RESOLVING_DIFFERENCES,
        Stage.RESOLVING_DIFFERENCES,
        "each house considers the other's amendments: the houses resolve their differences",
    ),
    # "Second reading committee" is a second reading taken in committee, not the
    # committee stage, so it comes before the committee patterns.
    _rule(
        r"^(1st|first|2nd|second) reading",
        Stage.INTRODUCED,
        _ONE,
        "readings before committee: introduced in the first house; in the second, the "
        "first house has passed it",
    ),
    _rule(
        r"committee|examination",
        Stage.IN_COMMITTEE,
        _ONE,
        "committee stage (public bill, whole house, grand or select committee)",
    ),
    _rule(
        r"report stage|^report|recommitt|reconsideration|^(3rd|third) reading",
        Stage.REPORTED,
        _ONE,
        "after committee: report stage and third reading, the committee having reported it",
    ),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class UkStage:
    """One stage of a bill as the stage rules need it."""

    name: str  # "2nd reading", "Committee stage", "Royal Assent"
    house: Chamber | None  # None for Royal Assent ("Unassigned")
    sittings: tuple[date, ...] = ()


def rule_for(name: str) -> UkRule | None:
    for rule in UK_RULES:
        if rule.pattern.search(name.strip()):
            return rule
    return None


def uk_stage(
    stages: tuple[UkStage, ...],
    *,
    origin: Chamber | None,
    is_act: bool = False,
    withdrawn_on: date | None = None,
    defeated: bool = False,
) -> StageInfo:
    """Where the bill stands: the latest stage with a rule, or an end state.

    ``stages`` are in Parliament's order (``sortOrder``), the current one last.
    """
    if withdrawn_on is not None:
        return StageInfo(stage=Stage.FAILED, on=withdrawn_on, detail="WITHDRAWN")
    if defeated:
        return StageInfo(stage=Stage.FAILED, on=_last_sitting(stages), detail="DEFEATED")
    for at, stage in reversed(list(enumerate(stages))):
        rule = rule_for(stage.name)
        if rule is None:
            continue
        second = origin is not None and stage.house is not None and stage.house != origin
        reached = rule.second_house if second else rule.first_house
        if reached is Stage.ENACTED:
            return _enacted(stage.sittings or (_last_sitting(stages[:at]),))
        next_chamber = stage.house
        # The day the bill got here: the last sitting before this stage, for the
        # stage is one it awaits; the first stage has only its own sittings.
        on = _last_sitting(stages[:at]) if at else _last_sitting(stages[:1])
        # Passing one house is the first house's act, whichever stage of the second it is at.
        chamber = origin if reached is _ONE else (_acted(stages[:at]) or stage.house)
        return StageInfo(
            stage=reached,
            on=on,
            chamber=chamber,
            detail=stage.name.upper().replace(" ", "_"),
            next_chamber=next_chamber,
        )
    if is_act:
        return _enacted((_last_sitting(stages),))
    first = stages[0].house if stages else origin
    return StageInfo(stage=Stage.INTRODUCED, on=_last_sitting(stages), chamber=first)


def _enacted(days: tuple[date | None, ...]) -> StageInfo:
    known = [d for d in days if d is not None]
    return StageInfo(
        stage=Stage.ENACTED,
        on=max(known) if known else None,
        chamber=Chamber.EXECUTIVE,
        detail="ROYAL_ASSENT",
    )


def _last_sitting(stages: tuple[UkStage, ...] | list[UkStage]) -> date | None:
    days = [day for stage in stages for day in stage.sittings]
    return max(days) if days else None


def _acted(stages: tuple[UkStage, ...]) -> Chamber | None:
    for stage in reversed(stages):
        if stage.sittings and stage.house is not None:
            return stage.house
    return None
