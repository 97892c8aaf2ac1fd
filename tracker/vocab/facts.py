"""One fact, one line: the rule that says when two actions or two events tell the same thing.

BILLSTATUS lists many actions twice or three times, once per source system
("Became Public Law No: 114-94." as ``36000``, ``E40000`` and again from the
Library of Congress; a House vote as "On passage Failed ..." and as "Failed of
passage/not agreed to in House: On passage Failed ..."). The stored actions
and events stay complete; this module is the *view* over them, used by the
diff, the timeline (web page, ``tracker show``) and every email:

- two actions are one fact when they share the date and ``core_action_text``
  (which drops the Library of Congress prefix, record citations, case and the
  final period); the copy that names its chamber is shown, else the shorter;
- among events: a roll-call vote is one vote per (date, chamber, roll); a
  ``stage_changed`` to ``enacted`` says what ``became_law`` says; an
  ``action_added`` whose action a specific event already tells (a vote, a
  hearing held, a veto, the law) is not a second change.

Imports only the standard library and ``tracker.vocab.events``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from tracker.vocab.events import core_action_text

T = TypeVar("T")


def fact_key(on: date | None, text: str) -> tuple[date | None, str]:
    """What identifies an action across source systems: its date and core text."""
    return (on, core_action_text(text))


def one_per_fact(
    items: Iterable[T],
    *,
    on: Callable[[T], date | None],
    text: Callable[[T], str],
    chamber: Callable[[T], object | None] = lambda _: None,
) -> list[T]:
    """``items`` (in their order) with one copy of each fact: the best copy, at the
    place of the first one (the copy that names its chamber, else the shorter text)."""
    best: dict[Hashable, T] = {}
    order: list[Hashable] = []
    for item in items:
        key = fact_key(on(item), text(item))
        kept = best.get(key)
        if kept is None:
            order.append(key)
            best[key] = item
        elif _better(item, kept, text, chamber):
            best[key] = item
    return [best[key] for key in order]


def _better(
    item: T, kept: T, text: Callable[[T], str], chamber: Callable[[T], object | None]
) -> bool:
    rank = (chamber(item) is None, len(text(item)))
    return rank < (chamber(kept) is None, len(text(kept)))


# --- events ----------------------------------------------------------------------------


class EventLike(Protocol):
    """A stored event: the ORM row or a plain record (``tracker.mail.compose``)."""

    @property
    def kind(self) -> str: ...
    @property
    def occurred_on(self) -> date | None: ...
    @property
    def payload(self) -> dict[str, Any]: ...


E = TypeVar("E", bound=EventLike)

#: Kinds that tell what an action meant; their action is not also a "new action".
_TELLING_KINDS = frozenset({"vote_recorded", "hearing_held", "vetoed"})
_LAW_ACTION = re.compile(r"^became (?:public|private) law no: (\S+?)\.?$")


def one_per_event_fact(events: Sequence[E]) -> list[E]:
    """``events`` without the ones that repeat a fact another event tells (order kept)."""
    told = _told_actions(events)
    laws = {e.payload.get("law_number") for e in events if e.kind == "became_law"}
    seen: set[Hashable] = set()
    out: list[E] = []
    for event in events:
        key = _event_fact(event, told, laws)
        if key is None or key in seen:
            continue
        seen.add(key)
        out.append(event)
    return out


def _told_actions(events: Iterable[EventLike]) -> set[Hashable]:
    return {
        fact_key(e.occurred_on, str(e.payload.get("text") or ""))
        for e in events
        if e.kind in _TELLING_KINDS
    }


def _event_fact(e: EventLike, told: set[Hashable], laws: set[Any]) -> Hashable | None:
    """The fact ``e`` tells, or None when another event of the list tells it already."""
    payload = e.payload
    if e.kind == "stage_changed" and payload.get("new") == "enacted" and laws:
        return None  # "became law" is one event: the law says it
    if e.kind == "action_added":
        key = fact_key(e.occurred_on, str(payload.get("text") or ""))
        law = _LAW_ACTION.match(key[1])
        if key in told or (law is not None and law[1] in laws):
            return None
        return ("action", key)
    if e.kind == "vote_recorded" and payload.get("roll"):
        return ("vote", e.occurred_on, payload.get("chamber"), payload.get("roll"))
    if e.kind in _TELLING_KINDS:
        return (e.kind, fact_key(e.occurred_on, str(payload.get("text") or "")))
    return ("event", id(e))  # every other event is its own fact (stored once by its key)


def told_actions(events: Sequence[EventLike]) -> Callable[[date | None, str], bool]:
    """Whether an action (date, text) is already told by one of ``events``: its own
    ``action_added``, a vote, hearing or veto with that text, or the law it made."""
    told = {
        fact_key(e.occurred_on, str(e.payload["text"]))
        for e in events
        if isinstance(e.payload.get("text"), str)
    }
    laws = {e.payload.get("law_number") for e in events if e.kind == "became_law"}

    def is_told(on: date | None, text: str) -> bool:
        key = fact_key(on, text)
        law = _LAW_ACTION.match(key[1])
        return key in told or (law is not None and law[1] in laws)

    return is_told


# --- what matters most -----------------------------------------------------------------

#: Kinds from the one that matters most to an advocate to the one that matters least:
#: an alert's subject names the first; lists go in this order, then by date.
KIND_WEIGHT: dict[str, int] = {
    kind: rank
    for rank, kind in enumerate(
        (
            "became_law",
            "vetoed",
            "stage_changed",
            "vote_recorded",
            "vote_scheduled",
            "hearing_scheduled",
            "new_bill_on_topic",
            "hearing_held",
            "text_version_published",
            "cosponsor_withdrawn",
            "cosponsor_added",
            "committee_referral",
            "title_changed",
            "action_added",
        )
    )
}

#: Kinds that are procedure, not a move: a digest counts them, an alert lists them last.
PROCEDURAL_KINDS = frozenset({"action_added"})


class Weighed(EventLike, Protocol):
    @property
    def significance(self) -> str: ...


W = TypeVar("W", bound=Weighed)


def by_weight(events: Iterable[W]) -> list[W]:
    """Major before minor, then by kind (``KIND_WEIGHT``), then oldest first."""
    return sorted(events, key=_weight)


def _weight(e: Weighed) -> tuple[bool, int, bool, date]:
    rank = KIND_WEIGHT.get(e.kind, len(KIND_WEIGHT))
    return (e.significance != "major", rank, e.occurred_on is None, e.occurred_on or date.min)
