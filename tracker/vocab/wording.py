"""Plain-English wording for emails: one headline per event kind, stage labels.

A headline names the bill and what happened ("H.R. 4030 passed the House");
it is the alert's subject and the first line of the email. Every kind in
``tracker.vocab.events.EVENT_TYPES`` has an entry in ``HEADLINES`` (a test checks
it), so a new kind cannot ship without its wording.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from scrapers.model import Chamber, ScheduledKind, Stage, jurisdiction_of_key
from scrapers.stages.ladder import END_STAGES
from tracker.vocab import events as ev

#: Short labels for the progress bar, in ladder order, plus the end states.
STAGE_LABELS: dict[str, str] = {
    Stage.INTRODUCED: "Introduced",
    Stage.IN_COMMITTEE: "In committee",
    Stage.REPORTED: "Reported",
    Stage.PASSED_ONE_CHAMBER: "Passed one chamber",
    Stage.RESOLVING_DIFFERENCES: "Resolving differences",
    Stage.PASSED_BOTH_CHAMBERS: "Passed both chambers",
    Stage.SENT_TO_EXECUTIVE: "Sent to the President",
    Stage.ENACTED: "Became law",
    Stage.ADOPTED: "Adopted",
    Stage.VETOED: "Vetoed",
    Stage.STALLED: "Stalled",
    Stage.FAILED: "Failed",
}

_STAGE_VERBS: dict[Stage, str] = {
    Stage.INTRODUCED: "was introduced",
    Stage.IN_COMMITTEE: "was referred to committee",
    Stage.REPORTED: "was reported by committee",
    Stage.RESOLVING_DIFFERENCES: "passed both chambers in different forms",
    Stage.PASSED_BOTH_CHAMBERS: "passed both chambers",
    Stage.ENACTED: "became law",
    Stage.ADOPTED: "was adopted",
    Stage.VETOED: "was vetoed",
    Stage.STALLED: "stalled",
    Stage.FAILED: "failed",
}

_MOTIONS: dict[ev.VoteMotion, str] = {
    ev.VoteMotion.PASSAGE: "passage",
    ev.VoteMotion.SUSPENSION: "passage under suspension of the rules",
    ev.VoteMotion.CLOTURE: "cloture",
    ev.VoteMotion.CONFERENCE_REPORT: "the conference report",
    ev.VoteMotion.CONCURRENCE: "the other chamber's amendment",
    ev.VoteMotion.VETO_OVERRIDE: "overriding the veto",
}


def stage_label(stage: str | None, *, federal: bool = True) -> str:
    if stage == Stage.SENT_TO_EXECUTIVE and not federal:
        return "Sent to the Governor"
    return STAGE_LABELS.get(stage or "", stage or "Not checked yet")


def long_date(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _chamber(chamber: Chamber | None, default: str = "Floor") -> str:
    named = (Chamber.HOUSE, Chamber.SENATE, Chamber.COMMONS, Chamber.LORDS)
    return chamber.value.capitalize() if chamber in named else default


def _session_word(kind: ScheduledKind) -> str:
    return "Markup" if kind is ScheduledKind.MARKUP else "Hearing"


def _stage_changed(e: Any, cite: str) -> str:
    if e.new is Stage.PASSED_ONE_CHAMBER:
        return f"{cite} passed the {_chamber(e.chamber, 'first chamber')}"
    if e.new is Stage.ENACTED and jurisdiction_of_key(e.bill_key) == "uk":
        return f"{cite} received Royal Assent"  # Westminster: no President or Governor signs
    if e.new is Stage.SENT_TO_EXECUTIVE:
        executive = "the President" if jurisdiction_of_key(e.bill_key) == "us" else "the Governor"
        return f"{cite} was sent to {executive}"
    return f"{cite} {_STAGE_VERBS[e.new]}"


def _vote_recorded(e: Any, cite: str) -> str:
    return f"{_chamber(e.chamber)} vote on {_MOTIONS[e.motion]} of {cite}: {e.result.value}"


def _meeting_scheduled(e: Any, cite: str) -> str:
    if e.kind == "floor_vote_scheduled" and not e.time_known:
        week = long_date(e.scheduled_for)
        return f"{cite} is on the {_chamber(e.chamber)} floor schedule for the week of {week}"
    what = (
        _session_word(e.session)
        if e.kind != "floor_vote_scheduled"
        else f"{_chamber(e.chamber)} vote"
    )
    return f"{what} on {cite} scheduled for {ev.meeting_time(e.starts_at, e.time_known)}"


def _meeting_changed(e: Any, cite: str) -> str:
    return f"{e.what} on {cite} moved to {ev.meeting_time(e.starts_at, e.time_known)}"


def _meeting_cancelled(e: Any, cite: str) -> str:
    word = "postponed" if e.status == "postponed" else "cancelled"
    return f"{e.what} on {cite} of {long_date(e.scheduled_for)} {word}"


Headline = Callable[[Any, str], str]

#: kind -> headline(event, citation). The event is the typed ``tracker.vocab.events`` value.
HEADLINES: dict[str, Headline] = {
    "stage_changed": _stage_changed,
    "action_added": lambda e, cite: f"New action on {cite}",
    "cosponsor_added": lambda e, cite: f"{cite} gained a cosponsor: {e.member_label}",
    "cosponsor_withdrawn": lambda e, cite: f"{e.member_label} withdrew as a cosponsor of {cite}",
    "text_version_published": lambda e, cite: f"New text of {cite}: {e.name}",
    "committee_referral": lambda e, cite: f"{cite} was referred to {e.name}",
    "hearing_scheduled": lambda e, cite: (
        _meeting_scheduled(e, cite)
        if e.meeting_key
        else f"{_session_word(e.session)} on {cite} scheduled for {long_date(e.scheduled_for)}"
    ),
    "hearing_held": lambda e, cite: f"{_session_word(e.session)} held on {cite}",
    "vote_scheduled": lambda e, cite: (
        f"{_chamber(e.chamber)} vote on {cite} scheduled for {long_date(e.scheduled_for)}"
    ),
    "vote_recorded": _vote_recorded,
    "markup_scheduled": _meeting_scheduled,
    "floor_vote_scheduled": _meeting_scheduled,
    **dict.fromkeys(("hearing_changed", "markup_changed", "floor_vote_changed"), _meeting_changed),
    **dict.fromkeys(
        ("hearing_cancelled", "markup_cancelled", "floor_vote_cancelled"), _meeting_cancelled
    ),
    "title_changed": lambda e, cite: f"{cite} has a new title",
    "became_law": lambda e, cite: f"{cite} became law",
    "vetoed": lambda e, cite: f"{cite} was {'pocket ' if e.pocket else ''}vetoed",
    "new_bill_on_topic": lambda e, cite: f"New bill on your topic \u201c{e.topic}\u201d: {cite}",
}


#: Kinds whose summary says more than the headline (the action text, a tally, the
#: new title, the law's number); for the others the summary repeats the headline.
DETAIL_KINDS = frozenset(
    {
        "action_added",
        "vote_recorded",
        "hearing_held",
        "title_changed",
        "new_bill_on_topic",
        "became_law",
    }
    # Schedule events: the summary names the committee and the place (and the time).
    | {"hearing_scheduled", "markup_scheduled"}
    | {
        f"{what}_{how}"
        for what in ("hearing", "markup", "floor_vote")
        for how in ("changed", "cancelled")
    }
)


def headline(
    kind: str,
    *,
    citation: str,
    bill_key: str,
    occurred_on: date | None,
    payload: dict[str, Any],
    summary: str,
) -> str:
    """The event's headline; a stored payload the code cannot read falls back to its summary."""
    wording = HEADLINES.get(kind)
    if wording is None:
        return f"{citation}: {summary}"
    try:
        event = ev.event_from_payload(kind, bill_key, occurred_on, payload)
        return wording(event, citation)
    except (ValueError, KeyError, TypeError, AttributeError):
        # An event stored by an older version may lack a field: still say something true.
        return f"{citation}: {summary}"


def stage_when(stage: str | None, on: date | None) -> str:
    """ "on December 22, 2017" for a stage reached once (became law, failed ...),
    "since October 12, 2017" for one a bill stays in; "" without a date."""
    if on is None:
        return ""
    ended = stage in {s.value for s in END_STAGES}
    return f"{'on' if ended else 'since'} {long_date(on)}"
