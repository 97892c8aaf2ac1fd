"""The bill's progress through the stages, as steps for a progress bar.

Bills sent to the executive walk ``scrapers.model.STAGE_LADDER``; simple
resolutions (H.Res., S.Res.) end at "Adopted" after the committee, concurrent
ones (H.Con.Res., S.Con.Res.) after passing a chamber. ``vetoed``, ``stalled``
and ``failed`` (and ``adopted`` on a bill that would normally be presented)
are end states: the bar shows the steps reached, then the end state, and
drops the steps the bill will not take.

How far a stalled or failed bill got is not in its stage; callers pass
``reached`` (e.g. the ``old`` stage of the stage change that ended it). When
it is unknown only "Introduced" is drawn as done.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapers.model import STAGE_LADDER, Stage
from tracker.vocab.wording import stage_label

_SIMPLE_RESOLUTIONS = frozenset({"hres", "sres"})
_CONCURRENT_RESOLUTIONS = frozenset({"hconres", "sconres"})
_SIMPLE_LADDER = (Stage.INTRODUCED, Stage.IN_COMMITTEE, Stage.REPORTED, Stage.ADOPTED)
_CONCURRENT_LADDER = (
    Stage.INTRODUCED,
    Stage.IN_COMMITTEE,
    Stage.REPORTED,
    Stage.PASSED_ONE_CHAMBER,
    Stage.ADOPTED,
)
#: The last ladder step an end state implies was reached, when that is certain.
_IMPLIED_REACHED = {
    Stage.VETOED: Stage.SENT_TO_EXECUTIVE,
    Stage.ADOPTED: Stage.PASSED_BOTH_CHAMBERS,
}
_KNOWN_STAGES = frozenset(Stage)
#: Westminster: no bill goes to an executive to sign; Royal Assent makes it law.
_UK_LADDER = tuple(s for s in STAGE_LADDER if s is not Stage.SENT_TO_EXECUTIVE)
_UK_LABELS = {
    Stage.PASSED_ONE_CHAMBER: "Passed one House",
    Stage.PASSED_BOTH_CHAMBERS: "Passed both Houses",
    Stage.ENACTED: "Royal Assent",
}
_TEXT_MARKS = {"done": "[x]", "current": "[x]", "todo": "[ ]", "ended": "[!]"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    label: str
    state: str  # "done" | "current" | "todo" | "ended"
    good: bool = True  # an end state that is a success (adopted) rather than a stop


def ladder_for(bill_type: str, jurisdiction: str | None = None) -> tuple[Stage, ...]:
    if jurisdiction == "uk":
        return _UK_LADDER
    if bill_type in _SIMPLE_RESOLUTIONS:
        return _SIMPLE_LADDER
    if bill_type in _CONCURRENT_RESOLUTIONS:
        return _CONCURRENT_LADDER
    return STAGE_LADDER


def progress_steps(
    bill_type: str,
    stage: str | None,
    *,
    reached: str | None = None,
    federal: bool = True,
    jurisdiction: str | None = None,
) -> tuple[Step, ...]:
    ladder = ladder_for(bill_type, jurisdiction)
    labels = [step_label(s, jurisdiction=jurisdiction, federal=federal) for s in ladder]
    if stage is None or stage not in _KNOWN_STAGES:
        return tuple(Step(label=label, state="todo") for label in labels)
    if stage in ladder:
        at = ladder.index(Stage(stage))
        return tuple(
            Step(label=label, state="done" if i < at else "current" if i == at else "todo")
            for i, label in enumerate(labels)
        )
    return _ended(ladder, labels, Stage(stage), reached)


def step_label(stage: str, *, jurisdiction: str | None = None, federal: bool = True) -> str:
    """A stage's label on a bar or chart: Westminster's words for a UK bill."""
    if jurisdiction == "uk" and stage in _UK_LABELS:
        return _UK_LABELS[Stage(stage)]
    return stage_label(stage, federal=federal)


def _ended(
    ladder: tuple[Stage, ...], labels: list[str], stage: Stage, reached: str | None
) -> tuple[Step, ...]:
    last = _IMPLIED_REACHED.get(stage) or (Stage(reached) if reached in _KNOWN_STAGES else None)
    upto = ladder.index(last) if last in ladder else 0
    steps = [Step(label=labels[i], state="done") for i in range(upto + 1)]
    end = Step(label=stage_label(stage), state="ended", good=stage is Stage.ADOPTED)
    return (*steps, end)


def progress_text(steps: tuple[Step, ...]) -> str:
    """``[x] Introduced > [x] In committee > [ ] Reported > ...``"""
    return " > ".join(f"{_TEXT_MARKS[s.state]} {s.label}" for s in steps)
