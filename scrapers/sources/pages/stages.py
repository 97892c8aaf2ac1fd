"""A definition's table of action wording -> stage, folded over a bill's actions.

The first rule whose pattern is found in an action's text wins (rules are read top
to bottom, as in ``scrapers.stages.federal``). The walk:

- stages on the ladder only move forward; ``failed``/``stalled``/``vetoed`` are
  provisional: a later rule that goes past the furthest point reached moves on;
- ``enacted`` and ``adopted`` are final;
- ``passed`` is remembered per chamber, so the same chamber passing twice (a
  conference text, a re-vote) never counts as the second chamber; the second
  distinct chamber (or the only one, for ``legislature``) makes it both chambers.

Definitions with ``stages = "federal"`` (THOMAS) use Congress's rules instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from scrapers.model import STAGE_LADDER, Action, Chamber, Stage, StageInfo
from scrapers.sources.pages.definition import PASSED, StageRule
from scrapers.stages.ladder import END_STAGES

_FINAL = frozenset({Stage.ENACTED, Stage.ADOPTED})
_RANK = {stage: i for i, stage in enumerate(STAGE_LADDER)}
_TWO_CHAMBERS = (Chamber.HOUSE, Chamber.SENATE)


def match_stage_rule(rules: Sequence[StageRule], text: str) -> StageRule | None:
    for rule in rules:
        if rule.pattern.search(text):
            return rule
    return None


def compute_table_stage(
    actions: Sequence[Action], rules: Sequence[StageRule], *, origin: Chamber | None
) -> StageInfo:
    """The stage the actions (oldest first) reach under ``rules``."""
    info = StageInfo(
        stage=Stage.INTRODUCED,
        on=actions[0].on if actions else None,
        chamber=origin,
        detail="INTRODUCED",
        next_chamber=origin,
    )
    furthest = 0
    passed: set[Chamber] = set()
    for action in actions:
        if info.stage in _FINAL:
            break
        rule = match_stage_rule(rules, action.text)
        if rule is None:
            continue
        chamber = rule.chamber or action.chamber or origin
        if rule.stage == PASSED:
            if chamber is not None:
                passed.add(chamber)
            both = len(passed) >= 2 or chamber is Chamber.LEGISLATURE
            stage = Stage.PASSED_BOTH_CHAMBERS if both else Stage.PASSED_ONE_CHAMBER
        else:
            stage = Stage(rule.stage)
        if stage in _RANK:
            if _RANK[stage] <= furthest:
                continue  # not past the furthest point (also after a provisional end)
            furthest = _RANK[stage]
        info = StageInfo(
            stage=stage,
            on=action.on,
            chamber=chamber,
            detail=rule.detail or rule.stage.upper(),
            next_chamber=_next(stage, chamber),
        )
    return info


def _next(stage: Stage, chamber: Chamber | None) -> Chamber | None:
    if stage in END_STAGES:
        return None
    if stage in (Stage.PASSED_BOTH_CHAMBERS, Stage.SENT_TO_EXECUTIVE):
        return Chamber.EXECUTIVE
    if stage is Stage.PASSED_ONE_CHAMBER and chamber in _TWO_CHAMBERS:
        return Chamber.SENATE if chamber is Chamber.HOUSE else Chamber.HOUSE
    return chamber
