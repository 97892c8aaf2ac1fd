"""``compute_federal_stage``: a federal measure's actions, oldest first, folded into a
``StageInfo``.

Owns the walk over the actions: each is matched against the rules table
(``_rules.match_rule``), given the chamber that acted and whether it was amended, then
handed to that event's transition (``_transitions.HANDLERS``); a law listed by the
document has the last word. Imports only ``scrapers.model`` and its sibling modules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scrapers.model import Action, Chamber, Law, Stage, StageInfo
from scrapers.stages.federal._rules import Event, match_rule
from scrapers.stages.federal._transitions import FINAL, HANDLERS, Bill, State, Step

# "with an amendment", "with amendments", "Senate amendments with amendment", "as amended",
# "(Amended)" -- but not "without amendment" or "with a preamble".
_AMENDED = re.compile(r"\bwith (?:an )?amendments?\b|\bas amended\b|\(Amended\)", re.IGNORECASE)


def compute_federal_stage(
    actions: Sequence[Action], *, bill_type: str, laws: Sequence[Law] = ()
) -> StageInfo:
    """The stage reached by a federal measure of ``bill_type`` ("hr", "sjres", ...).

    ``actions`` must be oldest first. ``laws`` (the document's own law list) overrides
    the actions: a measure with a law number is enacted.
    """
    bill = Bill(bill_type=bill_type.lower(), origin=_origin(bill_type))
    state = State(info=_introduced(bill, actions))
    for action in actions:
        step = _step_for(action, bill)
        if step is not None and state.info.stage not in FINAL:
            state = HANDLERS[step.event](state, step, bill)
    return _with_laws(state.info, laws)


def _origin(bill_type: str) -> Chamber:
    return Chamber.SENATE if bill_type.lower().startswith("s") else Chamber.HOUSE


def _introduced(bill: Bill, actions: Sequence[Action]) -> StageInfo:
    first = actions[0].on if actions else None
    return StageInfo(
        stage=Stage.INTRODUCED,
        on=first,
        chamber=bill.origin,
        detail="INTRODUCED",
        next_chamber=bill.origin,
    )


def _step_for(action: Action, bill: Bill) -> Step | None:
    rule = match_rule(action)
    if rule is None:
        return None
    chamber = rule.chamber or action.chamber or _chamber_in_text(action.text) or bill.origin
    amended = rule.event in _AMENDABLE and _AMENDED.search(action.text) is not None
    return Step(event=rule.event, chamber=chamber, on=action.on, amended=amended)


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
