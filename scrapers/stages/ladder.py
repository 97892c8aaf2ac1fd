"""The one stage ladder every source maps onto (DESIGN.md, "Bill status stages").

``Stage`` names are stable: they are stored in the database and written in JSON.
Each legislature's rules (``scrapers.stages.federal`` today; states and the UK
next) turn that legislature's actions into one of these. ``scrapers.model``
re-exports both names, so snapshots and sources need only the model.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["END_STAGES", "STAGE_LADDER", "Stage"]


class Stage(StrEnum):
    """The one ladder every source maps onto (see DESIGN.md, "Bill status stages")."""

    INTRODUCED = "introduced"
    IN_COMMITTEE = "in_committee"
    REPORTED = "reported"
    PASSED_ONE_CHAMBER = "passed_one_chamber"
    RESOLVING_DIFFERENCES = "resolving_differences"
    PASSED_BOTH_CHAMBERS = "passed_both_chambers"
    SENT_TO_EXECUTIVE = "sent_to_executive"
    ENACTED = "enacted"
    ADOPTED = "adopted"
    VETOED = "vetoed"
    STALLED = "stalled"
    FAILED = "failed"


#: The forward path a progress bar draws, in order. ``adopted``, ``vetoed``,
#: ``stalled`` and ``failed`` are end states drawn beside it.
STAGE_LADDER: tuple[Stage, ...] = (
    Stage.INTRODUCED,
    Stage.IN_COMMITTEE,
    Stage.REPORTED,
    Stage.PASSED_ONE_CHAMBER,
    Stage.RESOLVING_DIFFERENCES,
    Stage.PASSED_BOTH_CHAMBERS,
    Stage.SENT_TO_EXECUTIVE,
    Stage.ENACTED,
)

#: Stages a bill reaches on a day rather than stays in: "became law on", not "since".
END_STAGES: frozenset[Stage] = frozenset(
    {Stage.ENACTED, Stage.ADOPTED, Stage.VETOED, Stage.STALLED, Stage.FAILED}
)
