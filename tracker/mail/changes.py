"""What an email says changed on one bill: each fact once, what matters first.

The events of an alert (one check) or of a digest (one period) go through the
one rule of ``tracker.vocab.facts`` (a vote two systems reported is one vote;
"became law" is one event; an action a vote or hearing already tells is not
also a "new action"), then are ordered by weight (major first, then law,
stage, votes, hearings, text, cosponsors), then by date. Cosponsor changes
of one period are one line ("gained 3 cosponsors"). Procedural actions (the
generic ``action_added``) are kept apart: an alert lists them last, a digest
only counts them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from db.models import Bill
from tracker.mail.compose import ActionView, EventView, StoredEvent, bill_citation, event_view
from tracker.mail.message import one_line
from tracker.vocab.facts import PROCEDURAL_KINDS, by_weight, one_per_event_fact

#: Cosponsors named in a "gained N cosponsors" line before "and N more".
NAMED_COSPONSORS = 4
_COSPONSOR_KINDS = ("cosponsor_added", "cosponsor_withdrawn")


@dataclass(frozen=True, slots=True, kw_only=True)
class Changes:
    """One bill's changes as an email tells them."""

    moved: tuple[EventView, ...]  # what moved the bill, most significant first
    procedural: tuple[ActionView, ...]  # generic new actions, oldest first
    left_out: int = 0  # moved changes beyond the email's bound (digests)
    fold: bool = False  # digests count the procedural actions; alerts list them
    lead_action: str = ""  # the headline of the first procedural action, if nothing moved

    @property
    def count(self) -> int:
        return len(self.moved) + self.left_out + len(self.procedural)

    @property
    def lead(self) -> str | None:
        """The headline of the change that matters most."""
        if self.moved:
            return self.moved[0].headline
        return self.lead_action or None


def changes_of(
    events: Sequence[StoredEvent],
    bill: Bill,
    *,
    limit: int | None = None,
    fold: bool = False,
) -> Changes:
    """The changes ``events`` tell about ``bill``; at most ``limit`` moves are listed."""
    distinct = by_weight(one_per_event_fact(events))
    procedural = [e for e in distinct if e.kind in PROCEDURAL_KINDS]
    procedural.sort(key=lambda e: (e.occurred_on is None, e.occurred_on or date.min))
    moved = _moves(distinct, bill)
    shown = moved if limit is None else moved[:limit]
    return Changes(
        moved=tuple(shown),
        procedural=tuple(_action(e) for e in procedural),
        left_out=len(moved) - len(shown),
        fold=fold,
        lead_action=event_view(procedural[0], bill).headline if procedural else "",
    )


def _action(e: StoredEvent) -> ActionView:
    on = e.occurred_on.isoformat() if e.occurred_on else ""
    return ActionView(on=on, text=one_line(str(e.payload.get("text") or e.summary), 500))


def alert_subject(changes: Changes) -> str:
    """The lead change's headline, and "+ N more changes" when there are more."""
    lead = changes.lead
    if lead is None:
        return "No change"
    more = changes.count - 1
    if more <= 0:
        return lead
    return f"{lead} + {more} more change{'' if more == 1 else 's'}"


def _moves(events: Sequence[StoredEvent], bill: Bill) -> list[EventView]:
    out: list[EventView] = []
    cosponsors_done = False
    for e in events:
        if e.kind in PROCEDURAL_KINDS:
            continue
        if e.kind in _COSPONSOR_KINDS:
            if not cosponsors_done:
                out.extend(_cosponsor_lines(events, bill))
                cosponsors_done = True
            continue
        out.append(event_view(e, bill))
    return out


def _cosponsor_lines(events: Sequence[StoredEvent], bill: Bill) -> list[EventView]:
    """A lone cosponsor change as itself; several of one kind as one counted line."""
    lines = []
    for kind, verb in (("cosponsor_added", "gained"), ("cosponsor_withdrawn", "lost")):
        group = [e for e in events if e.kind == kind]
        if len(group) == 1:
            lines.append(event_view(group[0], bill))
        elif group:
            lines.append(_counted(group, bill, verb))
    return lines


def _counted(group: Sequence[StoredEvent], bill: Bill, verb: str) -> EventView:
    names = [str(e.payload.get("name") or "") for e in group]
    named = ", ".join(names[:NAMED_COSPONSORS])
    rest = len(names) - NAMED_COSPONSORS
    return EventView(
        headline=f"{bill_citation(bill)} {verb} {len(group)} cosponsors",
        summary=named + (f" and {rest} more" if rest > 0 else ""),
        on=None,
        major=False,
    )
