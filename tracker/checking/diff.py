"""Diffing a new snapshot of a bill against the stored one into change events.

One pure function, ``diff_snapshots``, built from small functions that each
return one part of the event list. No I/O, no clock, no database: imports only
``scrapers.model`` and ``tracker.vocab.events``.

Identity rules (what counts as "the same thing" in both snapshots):

- actions: a multiset of (date, whitespace-normalised text, code), so the
  duplicates BILLSTATUS carries from two source systems ("Introduced in
  House" as ``Intro-H`` and ``1000``) and a new order within one day produce
  nothing. A new action whose ``core_action_text`` on that date is already
  known (the Library of Congress copy of a floor action that arrived later)
  is not news either; new copies of one action are reported once
  (``tracker.vocab.facts``, the one rule for "the same action").
- cosponsors: bioguide id, else the folded name; a withdrawal is a new
  ``withdrawn_on`` date on a cosponsor. A cosponsor missing from the new
  snapshot is ignored (sources drop entries by mistake; BILLSTATUS keeps
  withdrawn cosponsors with their date).
- text versions: (name, date); committees: code; scheduled events: (kind,
  date, committee, description); laws: number.

Votes, hearings and vetoes are recognised in the new actions' text by the
rules tables below; every new action is also reported as ``ActionAdded``
(minor), so the log stays complete while alerts use the major events.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from scrapers.model import (
    Action,
    BillSnapshot,
    Chamber,
    Committee,
    Cosponsor,
    Member,
    ScheduledEvent,
    ScheduledKind,
    TextVersion,
)
from tracker.vocab.events import (
    EVENT_TYPES,
    ActionAdded,
    BecameLaw,
    BillEvent,
    CommitteeReferral,
    CosponsorAdded,
    CosponsorWithdrawn,
    HearingHeld,
    HearingScheduled,
    StageChanged,
    TextVersionPublished,
    TitleChanged,
    Vetoed,
    VoteMotion,
    VoteRecorded,
    VoteResult,
    VoteScheduled,
    core_action_text,
)
from tracker.vocab.facts import fact_key, one_per_fact
from tracker.vocab.members import member_identity


def diff_snapshots(stored: BillSnapshot | None, new: BillSnapshot) -> list[BillEvent]:
    """The events that take ``stored`` to ``new``, by date then kind.

    First sight (``stored is None``) is a baseline and gives no events.
    """
    if stored is None:
        return []
    added = _new_actions(stored.actions, new.actions)
    events = [
        *_stage_events(stored, new),
        *_action_events(new, added),
        *_vote_events(new, added),
        *_hearing_held_events(new, added),
        *_veto_events(new, added),
        *_law_events(stored, new),
        *_cosponsor_events(stored, new),
        *_text_version_events(stored, new),
        *_committee_events(stored, new),
        *_scheduled_events(stored, new),
        *_title_events(stored, new),
    ]
    return sorted(_unique(events, lambda e: e.dedupe_key), key=_event_order)


# --- the parts ------------------------------------------------------------------------


def _stage_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    old, now = stored.stage, new.stage
    if (old.stage, old.chamber) == (now.stage, now.chamber):
        return []
    return [
        StageChanged(
            bill_key=new.ref.key,
            occurred_on=now.on,
            old=old.stage,
            new=now.stage,
            chamber=now.chamber,
            detail=now.detail,
        )
    ]


def _action_events(new: BillSnapshot, added: list[Action]) -> list[BillEvent]:
    return [
        ActionAdded(
            bill_key=new.ref.key,
            occurred_on=a.on,
            text=a.text,
            code=a.code,
            chamber=a.chamber,
            action_type=a.action_type,
        )
        for a in added
    ]


def _vote_events(new: BillSnapshot, added: list[Action]) -> list[BillEvent]:
    events: list[BillEvent] = []
    for action in added:
        core = core_action_text(action.text)
        motion = _vote_motion(core)
        if motion is None:
            continue
        tally, roll = _TALLY.search(core), _ROLL.search(core)
        events.append(
            VoteRecorded(
                bill_key=new.ref.key,
                occurred_on=action.on,
                motion=motion,
                result=VoteResult.FAILED if _FAILED.search(core) else VoteResult.PASSED,
                text=action.text,
                chamber=_action_chamber(action),
                method=_first_label(_VOTE_METHODS, core),
                tally=f"{tally[1]} - {tally[2]}" if tally else None,
                roll=(roll[1] or roll[2]) if roll else None,
                vote_id=action.recorded_votes[0].key if action.recorded_votes else None,
            )
        )
    return events


def _hearing_held_events(new: BillSnapshot, added: list[Action]) -> list[BillEvent]:
    events: list[BillEvent] = []
    for action in added:
        session = _first_label(_HEARING_RULES, core_action_text(action.text))
        if session is not None:
            events.append(
                HearingHeld(
                    bill_key=new.ref.key,
                    occurred_on=action.on,
                    session=session,
                    text=action.text,
                    chamber=_action_chamber(action),
                )
            )
    return events


def _veto_events(new: BillSnapshot, added: list[Action]) -> list[BillEvent]:
    events: list[BillEvent] = []
    for action in added:
        m = _VETO.match(core_action_text(action.text))
        if m:
            pocket = bool(m[1])
            events.append(
                Vetoed(bill_key=new.ref.key, occurred_on=action.on, text=action.text, pocket=pocket)
            )
    return events


def _law_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    known = _laws_of(stored)
    return [
        BecameLaw(bill_key=new.ref.key, occurred_on=on, law_number=number, law_kind=kind)
        for number, (kind, on) in _laws_of(new).items()
        if number not in known
    ]


def _cosponsor_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    known = {_cosponsor_identity(c) for c in stored.cosponsors}
    withdrawn = {(_cosponsor_identity(c), c.withdrawn_on) for c in stored.cosponsors}
    events: list[BillEvent] = []
    for c in new.cosponsors:
        who = _cosponsor_identity(c)
        if who not in known:
            known.add(who)
            events.append(_cosponsor_added(new.ref.key, c))
        if c.withdrawn_on is not None and (who, c.withdrawn_on) not in withdrawn:
            withdrawn.add((who, c.withdrawn_on))
            events.append(_cosponsor_withdrawn(new.ref.key, c))
    return events


def _text_version_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    known = {(v.name, v.on) for v in stored.text_versions}
    fresh = _unique((v for v in new.text_versions if (v.name, v.on) not in known), _tv_key)
    return [
        TextVersionPublished(bill_key=new.ref.key, occurred_on=v.on, name=v.name, url=v.url)
        for v in fresh
    ]


def _committee_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    known = {c.code.casefold() for c in stored.committees}
    fresh = _unique(
        (c for c in new.committees if c.code.casefold() not in known), lambda c: c.code.casefold()
    )
    return [
        CommitteeReferral(
            bill_key=new.ref.key,
            occurred_on=_referral_date(c),
            code=c.code,
            name=c.name,
            chamber=c.chamber,
        )
        for c in fresh
    ]


def _scheduled_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    known = {_scheduled_key(s) for s in stored.scheduled}
    fresh = _unique((s for s in new.scheduled if _scheduled_key(s) not in known), _scheduled_key)
    return [_announcement(new.ref.key, s) for s in fresh]


def _announcement(bill_key: str, s: ScheduledEvent) -> BillEvent:
    if s.kind is ScheduledKind.FLOOR_VOTE:
        return VoteScheduled(
            bill_key=bill_key,
            occurred_on=None,
            scheduled_for=s.on,
            description=s.description,
            chamber=s.chamber,
            url=s.url,
        )
    return HearingScheduled(
        bill_key=bill_key,
        occurred_on=None,
        session=s.kind,
        scheduled_for=s.on,
        description=s.description,
        committee=s.committee,
        chamber=s.chamber,
        location=s.location,
        url=s.url,
    )


def _title_events(stored: BillSnapshot, new: BillSnapshot) -> list[BillEvent]:
    if _SPACES.sub(" ", stored.title).strip() == _SPACES.sub(" ", new.title).strip():
        return []
    return [TitleChanged(bill_key=new.ref.key, occurred_on=None, old=stored.title, new=new.title)]


# --- actions --------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def _action_key(a: Action) -> tuple[date, str, str | None]:
    return (a.on, _SPACES.sub(" ", a.text).strip(), a.code)


def _new_actions(old: tuple[Action, ...], new: tuple[Action, ...]) -> list[Action]:
    """Actions of ``new`` beyond those of ``old`` (as a multiset), once per fact."""
    remaining = Counter(_action_key(a) for a in old)
    known = {fact_key(a.on, a.text) for a in old}
    added = []
    for action in new:
        key = _action_key(action)
        if remaining[key] > 0:
            remaining[key] -= 1
        elif fact_key(action.on, action.text) not in known:
            added.append(action)
    return one_per_fact(added, on=_on, text=_text, chamber=_chamber)


def _on(a: Action) -> date:
    return a.on


def _text(a: Action) -> str:
    return a.text


def _chamber(a: Action) -> Chamber | None:
    return a.chamber


def _action_chamber(action: Action) -> Chamber | None:
    if action.chamber is not None:
        return action.chamber
    m = _CHAMBER_IN_TEXT.search(action.text)
    if m:
        return Chamber(m[1].casefold())
    if action.code and _HOUSE_CODE.match(action.code):
        return Chamber.HOUSE
    return None


_CHAMBER_IN_TEXT = re.compile(r"\b(?:in|passed) (?:the )?(house|senate)\b", re.IGNORECASE)
_HOUSE_CODE = re.compile(r"^H[0-9A-Z]{4,5}$")  # House floor codes: "H37100", "H8D000"

# --- recognising votes, hearings, vetoes and laws in action text ------------------------
# Each table is tried in order on ``core_action_text`` (lower case, no Library of
# Congress prefix, no Congressional Record citations); the first match wins.


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Rule(Generic[T]):
    label: T
    pattern: re.Pattern[str]


def _rule(label: T, *regexes: str) -> _Rule[T]:
    return _Rule(label, re.compile("|".join(f"(?:{r})" for r in regexes)))


_VOTE_RULES: tuple[_Rule[VoteMotion], ...] = (
    _rule(
        VoteMotion.VETO_OVERRIDE,
        r"\bover (?:the president's )?veto\b",  # "Passed Senate over veto by Yea-Nay Vote."
        r"objections of the president to the contrary notwithstanding",
    ),
    # Cloture on the bill itself, not on an amendment ("Cloture on SA 948 invoked").
    _rule(
        VoteMotion.CLOTURE,
        r"^(?:upon reconsideration, )?cloture (?:on the measure )?(?:not )?invoked",
        r"^(?:upon reconsideration, )?cloture on the motion to [^.]*? (?:not )?invoked",
    ),
    _rule(
        VoteMotion.CONFERENCE_REPORT,
        r"^on agreeing to the conference report",
        r"^senate (?:agreed|disagreed) to (?:the )?conference report",
    ),
    _rule(
        VoteMotion.CONCURRENCE,
        r"^on motion (?:that the house |to )?(?:agree|concur) (?:in|to|with)\b",
        r"^senate (?:agreed|concurred) (?:to|in) the house amendment",
        r"^senate receded from its amendment and concurred",  # BILLSTATUS-114hr3762
    ),
    _rule(
        VoteMotion.SUSPENSION,
        r"^on motion to suspend the rules and (?:pass|agree)",
        r"\bpassed under suspension of the rules\b",  # en bloc, H.Res. 504 (117th)
    ),
    _rule(
        VoteMotion.PASSAGE,
        r"^on passage\b",
        r"^(?:passed|failed of passage in) (?:the )?(?:house|senate)\b",
        r"^failed of passage\b",
        r"\bread the third time, and passed\b",  # BILLSTATUS-115s3749
        r"^resolution (?:not )?agreed to in (?:house|senate)\b",
        r"^on agreeing to the resolution\b",
        r"^submitted in the senate, considered, and (?:not )?agreed to\b",
    ),
)
_FAILED = re.compile(r"\b(?:failed|not agreed to|not invoked|rejected|defeated|disagreed)\b")
_VOTE_METHODS: tuple[_Rule[str], ...] = (
    _rule("roll_call", r"yeas and nays", r"recorded vote", r"yea-nay vote", r"\broll no\b"),
    _rule("voice", r"\bvoice vote\b"),
    _rule("unanimous_consent", r"\bunanimous consent\b"),
    _rule("without_objection", r"\bwithout objection\b"),
)
_TALLY = re.compile(r"\b(\d{1,3}) - (\d{1,3})\b")
_ROLL = re.compile(r"\broll no\. (\d+)|\brecord vote number: (\d+)")
_HEARING_RULES: tuple[_Rule[ScheduledKind], ...] = (
    _rule(ScheduledKind.MARKUP, r"\bmark-?up session held\b"),  # "Committee Consideration and ..."
    _rule(ScheduledKind.HEARING, r"\bhearings? held\b"),  # "Subcommittee Hearings Held."
)
_VETO = re.compile(r"^(pocket )?vetoed by (?:the )?(?:president|governor)\b")
_LAW_ACTION = re.compile(r"^became (public|private) law no: (\S+?)\.?$")


def _vote_motion(core: str) -> VoteMotion | None:
    return _first_label(_VOTE_RULES, core)


def _first_label(rules: Iterable[_Rule[T]], text: str) -> T | None:
    return next((rule.label for rule in rules if rule.pattern.search(text)), None)


# --- other helpers --------------------------------------------------------------------


def _laws_of(s: BillSnapshot) -> dict[str, tuple[str, date | None]]:
    """Law number -> (kind, date), from ``laws`` and from "Became Public Law" actions."""
    found: dict[str, tuple[str, date | None]] = {}
    for action in s.actions:
        m = _LAW_ACTION.match(core_action_text(action.text))
        if m:
            found.setdefault(m[2], (m[1], action.on))
    fallback = s.stage.on if s.became_law else None
    for law in s.laws:
        on = found[law.number][1] if law.number in found else fallback
        found[law.number] = (law.kind, on)
    return found


def _cosponsor_identity(c: Cosponsor) -> str:
    return member_identity(c.member.bioguide_id, c.member.name)


def _cosponsor_added(bill_key: str, c: Cosponsor) -> CosponsorAdded:
    return CosponsorAdded(
        bill_key=bill_key,
        occurred_on=c.sponsored_on,
        is_original=c.is_original,
        **_member_fields(c.member),
    )


def _cosponsor_withdrawn(bill_key: str, c: Cosponsor) -> CosponsorWithdrawn:
    return CosponsorWithdrawn(
        bill_key=bill_key, occurred_on=c.withdrawn_on, **_member_fields(c.member)
    )


def _member_fields(m: Member) -> dict[str, Any]:
    return {
        "bioguide_id": m.bioguide_id,
        "name": m.name,
        "party": m.party,
        "state": m.state,
        "district": m.district,
    }


def _referral_date(c: Committee) -> date | None:
    """When the bill went to the committee: its "Referred to" date, else its first date."""
    dated = [(a.name, a.on) for a in c.activities if a.on is not None]
    referred = [on for name, on in dated if name.casefold().startswith("referr")]
    return min(referred or [on for _, on in dated], default=None)


def _tv_key(v: TextVersion) -> Hashable:
    return (v.name, v.on)


def _scheduled_key(s: ScheduledEvent) -> Hashable:
    return (s.kind, s.on, s.committee, core_action_text(s.description))


def _unique(items: Iterable[T], key: Callable[[T], Hashable]) -> Iterator[T]:
    seen: set[Hashable] = set()
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            yield item


_KIND_RANK = {kind: rank for rank, kind in enumerate(EVENT_TYPES)}


def _event_order(e: BillEvent) -> tuple[bool, date, int]:
    # Undated events (title changes, announcements) come after the dated ones.
    return (e.occurred_on is None, e.occurred_on or date.min, _KIND_RANK[e.kind])
