"""The change-event vocabulary: what happened to a bill between two checks.

``tracker.checking.diff`` produces these; the database stores them append-only in
``bill_events`` (``kind``, ``bill_key``, ``occurred_on``, ``dedupe_key`` and the
JSON from ``to_payload()``); notifications and digests are rendered from them.
This module imports only the standard library and ``scrapers.model``; never
``db`` or ``jobs``.

Every event is a frozen, keyword-only value with:

- ``kind``: a stable string (stored in the database and in JSON; never rename one).
- ``significance``: ``major`` (worth an instant alert: the bill moved, a vote,
  a hearing announced, law, veto) or ``minor`` (digest material).
- ``dedupe_key``: sha1 hex of the canonical JSON list
  ``[bill_key, kind, occurred_on, *identity]``, where ``identity`` is the part
  of the event that names the change (see each class). The same change seen
  twice, in any process, gives the same key; two different changes give two.
- ``summary()``: one plain-English line.

Significance choices: votes (recorded or scheduled), announced hearings,
stage changes, law and veto are major; a hearing *held* is minor, because the
moment to act was before it, and the stage change that follows a markup
("reported") is its own major event.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import types
from dataclasses import dataclass, fields
from datetime import date, datetime, tzinfo
from enum import Enum, StrEnum
from typing import Any, ClassVar, TypeAlias, get_type_hints
from zoneinfo import ZoneInfo

from scrapers.model import Chamber, ScheduledKind, Stage, jurisdiction_of_key
from tracker.vocab.members import member_identity

#: Schedules are published in Washington time; meetings are worded in it unless told.
CAPITOL = ZoneInfo("America/New_York")

JSON: TypeAlias = str | int | float | bool | list["JSON"] | dict[str, "JSON"] | None


class Significance(StrEnum):
    MAJOR = "major"
    MINOR = "minor"


class VoteMotion(StrEnum):
    """What a recorded floor vote decided (see ``tracker.checking.diff`` for the text rules)."""

    PASSAGE = "passage"
    SUSPENSION = "suspension"  # House: motion to suspend the rules and pass
    CLOTURE = "cloture"
    CONFERENCE_REPORT = "conference_report"
    CONCURRENCE = "concurrence"  # agreeing to the other chamber's amendment
    VETO_OVERRIDE = "veto_override"


class VoteResult(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


# Prefixes the Library of Congress puts before a copy of a chamber's own
# action ("Passed/agreed to in House: On passage Passed ..."), so one vote
# shows up twice in BILLSTATUS (e.g. BILLSTATUS-115s3749, 2018-12-13).
_LOC_PREFIX = re.compile(
    r"^(?:passed/agreed to in (?:house|senate)|conference report agreed to in (?:house|senate)"
    r"|failed of passage/not agreed to in (?:house|senate)"  # BILLSTATUS-115hr2, roll 205
    r"|resolving differences -- (?:house|senate) actions|roll call votes on amendments in senate"
    r"|(?:house|senate) amendment (?:not )?agreed to|floor summary"
    r"|conference report filed|conference committee actions):\s*",
    re.IGNORECASE,
)
# Congressional Record citations, spaced differently by the two source systems.
_CR_CITATION = re.compile(r"\s*\((?:consideration|text|CR)\b[^)]*\)", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def core_action_text(text: str) -> str:
    """Action text reduced to what identifies it across source systems.

    Drops a Library of Congress prefix, Congressional Record citations, case,
    spacing and the final period, so both copies of one action compare equal.
    """
    text = _SPACES.sub(" ", text).strip()
    text = _LOC_PREFIX.sub("", text)
    text = _CR_CITATION.sub("", text)
    return text.strip().rstrip(".").strip().casefold()


@dataclass(frozen=True, slots=True, kw_only=True)
class BillEvent:
    """Base of all events. Subclasses set ``kind`` and ``significance``."""

    kind: ClassVar[str]
    significance: ClassVar[Significance]

    bill_key: str
    occurred_on: date | None  # the source's date for the change, if it gives one

    def identity(self) -> tuple[JSON, ...]:
        """The content that names this change (beside bill, kind and date)."""
        raise NotImplementedError

    @property
    def dedupe_key(self) -> str:
        day = self.occurred_on.isoformat() if self.occurred_on else None
        canonical = [self.bill_key, self.kind, day, *self.identity()]
        text = json.dumps(canonical, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def summary(self) -> str:
        raise NotImplementedError

    def to_payload(self) -> dict[str, JSON]:
        """The event's own fields (not ``bill_key``/``occurred_on``) as JSON values."""
        return {
            f.name: _encode(getattr(self, f.name))
            for f in fields(self)
            if f.name not in _COLUMN_FIELDS
        }

    @property
    def _federal(self) -> bool:
        return jurisdiction_of_key(self.bill_key) == "us"

    @property
    def _executive(self) -> str:
        return "the President" if self._federal else "the Governor"


_COLUMN_FIELDS = frozenset({"bill_key", "occurred_on"})


@dataclass(frozen=True, slots=True, kw_only=True)
class StageChanged(BillEvent):
    """The normalised stage moved. Identity: old stage, new stage, chamber."""

    kind: ClassVar[str] = "stage_changed"
    significance: ClassVar[Significance] = Significance.MAJOR
    old: Stage | None
    new: Stage
    chamber: Chamber | None = None
    detail: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (_encode(self.old), self.new.value, _encode(self.chamber))

    def summary(self) -> str:
        if self.new is Stage.ENACTED and jurisdiction_of_key(self.bill_key) == "uk":
            return "Received Royal Assent"
        return _stage_phrase(self.new, self.chamber, self._executive)


@dataclass(frozen=True, slots=True, kw_only=True)
class ActionAdded(BillEvent):
    """A new entry in the bill's history. Identity: ``core_action_text(text)``."""

    kind: ClassVar[str] = "action_added"
    significance: ClassVar[Significance] = Significance.MINOR
    text: str
    code: str | None = None
    chamber: Chamber | None = None
    action_type: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (core_action_text(self.text),)

    def summary(self) -> str:
        return f"Action: {_SPACES.sub(' ', self.text).strip()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class _MemberEvent(BillEvent):
    bioguide_id: str | None
    name: str
    party: str | None = None
    state: str | None = None
    district: int | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (member_identity(self.bioguide_id, self.name),)

    @property
    def member_label(self) -> str:
        """``Rep. Lieu, Ted [D-CA-33]``: the source's full name, or one built like it."""
        if "[" in self.name or not (self.party or self.state):
            return self.name
        parts = [p for p in (self.party, self.state) if p]
        if self.district is not None:
            parts.append(str(self.district))
        return f"{self.name} [{'-'.join(parts)}]"


@dataclass(frozen=True, slots=True, kw_only=True)
class CosponsorAdded(_MemberEvent):
    """A member signed on. Identity: bioguide id (else name); date is the sponsorship date."""

    kind: ClassVar[str] = "cosponsor_added"
    significance: ClassVar[Significance] = Significance.MINOR
    is_original: bool = False

    def summary(self) -> str:
        return f"{self.member_label} cosponsored"


@dataclass(frozen=True, slots=True, kw_only=True)
class CosponsorWithdrawn(_MemberEvent):
    """A cosponsor withdrew. Identity: bioguide id (else name); date is the withdrawal."""

    kind: ClassVar[str] = "cosponsor_withdrawn"
    significance: ClassVar[Significance] = Significance.MINOR

    def summary(self) -> str:
        return f"{self.member_label} withdrew as cosponsor"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextVersionPublished(BillEvent):
    """A new version of the bill's text. Identity: version name (with its date)."""

    kind: ClassVar[str] = "text_version_published"
    significance: ClassVar[Significance] = Significance.MINOR
    name: str
    url: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (self.name,)

    def summary(self) -> str:
        return f"New text: {self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitteeReferral(BillEvent):
    """The bill went to a committee or subcommittee it was not in. Identity: code."""

    kind: ClassVar[str] = "committee_referral"
    significance: ClassVar[Significance] = Significance.MINOR
    code: str
    name: str
    chamber: Chamber | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (self.code.casefold(),)

    def summary(self) -> str:
        return f"Referred to {self.name}"


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingScheduled(BillEvent):
    """A hearing or markup was announced (``occurred_on`` is None: the source gives
    no announcement date). Identity: session kind, date, committee, description; for
    a meeting from an official schedule (``meeting_key`` set), the meeting alone, so
    a re-poll never announces it twice (a move is ``..._changed``)."""

    kind: ClassVar[str] = "hearing_scheduled"
    significance: ClassVar[Significance] = Significance.MAJOR
    session: ScheduledKind
    scheduled_for: date
    description: str
    committee: str | None = None
    chamber: Chamber | None = None
    location: str | None = None
    url: str | None = None
    # Set by the schedules (tracker.checking.schedules); None for BILLSTATUS actions.
    meeting_key: str | None = None
    starts_at: datetime | None = None  # aware, Eastern as published
    time_known: bool = False

    def identity(self) -> tuple[JSON, ...]:
        if self.meeting_key:
            return (self.meeting_key,)
        return (
            self.session.value,
            self.scheduled_for.isoformat(),
            self.committee,
            core_action_text(self.description),
        )

    def summary(self) -> str:
        what = "Markup" if self.session is ScheduledKind.MARKUP else "Hearing"
        where = f" by {self.committee}" if self.committee else ""
        when = meeting_time(self.starts_at, self.time_known) or _long_date(self.scheduled_for)
        place = f" in {self.location}" if self.location and self.meeting_key else ""
        return f"{what}{where} scheduled for {when}{place}"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkupScheduled(HearingScheduled):
    """A committee markup (business meeting on bills) from an official schedule."""

    kind: ClassVar[str] = "markup_scheduled"


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingHeld(BillEvent):
    """A committee held a hearing or markup on the bill (from an action).
    Identity: session kind and ``core_action_text(text)``."""

    kind: ClassVar[str] = "hearing_held"
    significance: ClassVar[Significance] = Significance.MINOR
    session: ScheduledKind
    text: str
    chamber: Chamber | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (self.session.value, core_action_text(self.text))

    def summary(self) -> str:
        what = "Markup session" if self.session is ScheduledKind.MARKUP else "Hearing"
        return f"{what} held: {_SPACES.sub(' ', self.text).strip()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteScheduled(BillEvent):
    """A floor vote was announced (``occurred_on`` is None, as for hearings).
    Identity: date, chamber, description."""

    kind: ClassVar[str] = "vote_scheduled"
    significance: ClassVar[Significance] = Significance.MAJOR
    scheduled_for: date
    description: str
    chamber: Chamber | None = None
    url: str | None = None
    # Set by the schedules (the House floor week); None for BILLSTATUS actions.
    meeting_key: str | None = None
    starts_at: datetime | None = None
    time_known: bool = False
    location: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        if self.meeting_key:
            return (self.meeting_key,)
        return (
            self.scheduled_for.isoformat(),
            _encode(self.chamber),
            core_action_text(self.description),
        )

    def summary(self) -> str:
        who = _chamber_name(self.chamber, "Floor")
        if self.meeting_key and not self.time_known:  # the floor week: no day published
            return f"{who} may vote in the week of {_long_date(self.scheduled_for)}"
        return f"{who} vote scheduled for {_long_date(self.scheduled_for)}"


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorVoteScheduled(VoteScheduled):
    """A bill on a chamber's floor schedule (docs.house.gov ``billsthisweek``)."""

    kind: ClassVar[str] = "floor_vote_scheduled"


@dataclass(frozen=True, slots=True, kw_only=True)
class _MeetingUpdate(BillEvent):
    """A scheduled meeting moved or went away (``tracker.checking.schedules``).

    Carries the meeting as it now stands (date and time, committee, place) and,
    for a move, where and when it was before. ``occurred_on`` is None."""

    significance: ClassVar[Significance] = Significance.MAJOR
    meeting_key: str
    session: ScheduledKind
    starts_at: datetime
    description: str
    time_known: bool = True
    committee: str | None = None
    chamber: Chamber | None = None
    location: str | None = None
    url: str | None = None
    previous_starts_at: datetime | None = None
    previous_location: str | None = None
    status: str = "scheduled"  # cancelled and postponed meetings say which

    @property
    def scheduled_for(self) -> date:
        return self.starts_at.date()

    @property
    def what(self) -> str:
        return _SESSION_WORDS[self.session]


@dataclass(frozen=True, slots=True, kw_only=True)
class _MeetingChanged(_MeetingUpdate):
    """Identity: meeting, new start and place (each move is announced once)."""

    def identity(self) -> tuple[JSON, ...]:
        return (self.meeting_key, self.starts_at.isoformat(), self.location)

    def summary(self) -> str:
        where = f" in {self.location}" if self.location else ""
        return f"{self.what} moved to {meeting_time(self.starts_at, self.time_known)}{where}"


@dataclass(frozen=True, slots=True, kw_only=True)
class _MeetingCancelled(_MeetingUpdate):
    """Identity: meeting and the start it no longer has."""

    def identity(self) -> tuple[JSON, ...]:
        return (self.meeting_key, self.starts_at.isoformat())

    def summary(self) -> str:
        word = "postponed" if self.status == "postponed" else "cancelled"
        return f"{self.what} of {meeting_time(self.starts_at, self.time_known)} {word}"


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingChanged(_MeetingChanged):
    kind: ClassVar[str] = "hearing_changed"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkupChanged(_MeetingChanged):
    kind: ClassVar[str] = "markup_changed"


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorVoteChanged(_MeetingChanged):
    kind: ClassVar[str] = "floor_vote_changed"


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingCancelled(_MeetingCancelled):
    kind: ClassVar[str] = "hearing_cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class MarkupCancelled(_MeetingCancelled):
    kind: ClassVar[str] = "markup_cancelled"


@dataclass(frozen=True, slots=True, kw_only=True)
class FloorVoteCancelled(_MeetingCancelled):
    kind: ClassVar[str] = "floor_vote_cancelled"


#: The schedule event kinds of each session kind: (scheduled, changed, cancelled).
MEETING_EVENTS: dict[
    ScheduledKind, tuple[type[BillEvent], type[_MeetingUpdate], type[_MeetingUpdate]]
] = {
    ScheduledKind.HEARING: (HearingScheduled, HearingChanged, HearingCancelled),
    ScheduledKind.MARKUP: (MarkupScheduled, MarkupChanged, MarkupCancelled),
    ScheduledKind.FLOOR_VOTE: (FloorVoteScheduled, FloorVoteChanged, FloorVoteCancelled),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class VoteRecorded(BillEvent):
    """A floor vote on the bill (roll call, voice, unanimous consent).
    Identity: ``core_action_text(text)`` (one vote, whichever system reported it)."""

    kind: ClassVar[str] = "vote_recorded"
    significance: ClassVar[Significance] = Significance.MAJOR
    motion: VoteMotion
    result: VoteResult
    text: str
    chamber: Chamber | None = None
    method: str | None = None  # "roll_call", "voice", "unanimous_consent", "without_objection"
    tally: str | None = None  # "421 - 0"
    roll: str | None = None  # House roll number or Senate record vote number
    # The roll call's id ("house-115-1-699", see ``RecordedVote.key``), when the
    # action names one: the key of its stored positions. Not part of the identity.
    vote_id: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (core_action_text(self.text),)

    def summary(self) -> str:
        who = _chamber_name(self.chamber, "Floor")
        how = _VOTE_METHOD_WORDS.get(self.method or "", "")
        outcome = self.result.value
        if self.motion is VoteMotion.CLOTURE:  # cloture is "invoked", not "passed"
            outcome = "invoked" if self.result is VoteResult.PASSED else "not invoked"
        line = f"{who} vote on {_MOTION_WORDS[self.motion]}: {outcome}{how}"
        if self.tally:
            line += f", {self.tally}"
        return line + (f" (roll call {self.roll})" if self.roll else "")


@dataclass(frozen=True, slots=True, kw_only=True)
class TitleChanged(BillEvent):
    """The display title changed. Identity: old and new title."""

    kind: ClassVar[str] = "title_changed"
    significance: ClassVar[Significance] = Significance.MINOR
    old: str
    new: str

    def identity(self) -> tuple[JSON, ...]:
        return (self.old, self.new)

    def summary(self) -> str:
        return f'Title changed to "{self.new}"'


@dataclass(frozen=True, slots=True, kw_only=True)
class BecameLaw(BillEvent):
    """The bill became law. Identity: the law number ("115-97")."""

    kind: ClassVar[str] = "became_law"
    significance: ClassVar[Significance] = Significance.MAJOR
    law_number: str
    law_kind: str = "public"  # "public" or "private"

    def identity(self) -> tuple[JSON, ...]:
        return (self.law_number,)

    def summary(self) -> str:
        if not self._federal:
            return f"Became law ({self.law_number})"
        return f"Became {self.law_kind.capitalize()} Law {self.law_number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Vetoed(BillEvent):
    """The executive vetoed the bill. Identity: the date alone (one veto a day)."""

    kind: ClassVar[str] = "vetoed"
    significance: ClassVar[Significance] = Significance.MAJOR
    text: str
    pocket: bool = False

    def identity(self) -> tuple[JSON, ...]:
        return ()

    def summary(self) -> str:
        return f"{'Pocket vetoed' if self.pocket else 'Vetoed'} by {self._executive}"


@dataclass(frozen=True, slots=True, kw_only=True)
class NewBillOnTopic(BillEvent):
    """A bill the tracker had not seen before matches a topic advocates follow
    (``tracker.checking.topic_alerts``). ``occurred_on`` is the day it was introduced.
    Identity: the topic, case-folded ("Title IX" and "title ix" are one topic)."""

    kind: ClassVar[str] = "new_bill_on_topic"
    significance: ClassVar[Significance] = Significance.MAJOR
    topic: str
    title: str | None = None

    def identity(self) -> tuple[JSON, ...]:
        return (self.topic.casefold(),)

    def summary(self) -> str:
        line = f"New bill on the topic “{self.topic}”"
        return f"{line}: {self.title}" if self.title else line


#: Every event type by its stable kind, in the order events of one day are listed:
#: the record (referrals, cosponsors, texts, actions), then what the actions mean
#: (hearing, vote, stage, veto, law), then announcements and title changes, and last
#: the news that a new bill matches a followed topic.
EVENT_TYPES: dict[str, type[BillEvent]] = {
    cls.kind: cls
    for cls in (
        CommitteeReferral,
        CosponsorAdded,
        CosponsorWithdrawn,
        TextVersionPublished,
        ActionAdded,
        HearingHeld,
        VoteRecorded,
        StageChanged,
        Vetoed,
        BecameLaw,
        HearingScheduled,
        VoteScheduled,
        MarkupScheduled,
        FloorVoteScheduled,
        HearingChanged,
        MarkupChanged,
        FloorVoteChanged,
        HearingCancelled,
        MarkupCancelled,
        FloorVoteCancelled,
        TitleChanged,
        NewBillOnTopic,
    )
}


def event_from_payload(
    kind: str, bill_key: str, occurred_on: date | None, payload: dict[str, Any]
) -> BillEvent:
    """Rebuild the event ``to_payload()`` described (exact round trip)."""
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event kind {kind!r} for {bill_key}")
    hints, names = _payload_fields(kind)
    unknown = set(payload) - names
    if unknown:
        raise ValueError(f"{kind} event for {bill_key}: unknown payload keys {sorted(unknown)}")
    values = {name: _decode(hints[name], payload[name]) for name in names if name in payload}
    return cls(bill_key=bill_key, occurred_on=occurred_on, **values)


@functools.cache
def _payload_fields(kind: str) -> tuple[dict[str, Any], frozenset[str]]:
    """Each event class's field types and payload names, resolved once: resolving type
    hints costs about a millisecond, and every digest, feed and page rebuilds events."""
    cls = EVENT_TYPES[kind]
    names = frozenset(f.name for f in fields(cls)) - _COLUMN_FIELDS
    return get_type_hints(cls), names


def _encode(value: object) -> JSON:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot put {type(value).__name__} in an event payload")


def _decode(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(hint, types.UnionType):
        (hint,) = (arg for arg in hint.__args__ if arg is not type(None))
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is date:
        return date.fromisoformat(value)
    return value


def _long_date(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def meeting_time(at: datetime | None, time_known: bool = True, zone: tzinfo = CAPITOL) -> str:
    """``Thursday, July 30, 2026, 9:45 AM EDT`` in ``zone`` (Washington unless told);
    the date alone when the hour is not published (the House floor week)."""
    if at is None:
        return ""
    at = at.astimezone(zone)
    day = f"{at:%A}, {_long_date(at)}"
    if not time_known:
        return day
    hour = at.hour % 12 or 12
    return f"{day}, {hour}:{at:%M %p} {at.tzname() or ''}".rstrip()


_SESSION_WORDS = {
    ScheduledKind.HEARING: "Hearing",
    ScheduledKind.MARKUP: "Markup",
    ScheduledKind.FLOOR_VOTE: "Floor vote",
}


def _chamber_name(chamber: Chamber | None, default: str) -> str:
    if chamber is Chamber.HOUSE or chamber is Chamber.SENATE:
        return chamber.value.capitalize()
    return default


_MOTION_WORDS = {
    VoteMotion.PASSAGE: "passage",
    VoteMotion.SUSPENSION: "passage under suspension of the rules",
    VoteMotion.CLOTURE: "cloture",
    VoteMotion.CONFERENCE_REPORT: "the conference report",
    VoteMotion.CONCURRENCE: "agreeing to the other chamber's amendment",
    VoteMotion.VETO_OVERRIDE: "overriding the veto",
}
_VOTE_METHOD_WORDS = {
    "voice": " by voice vote",
    "unanimous_consent": " by unanimous consent",
    "without_objection": " without objection",
}
_STAGE_PHRASES = {
    Stage.INTRODUCED: "Introduced",
    Stage.IN_COMMITTEE: "Referred to committee",
    Stage.REPORTED: "Reported by committee",
    Stage.RESOLVING_DIFFERENCES: "Passed both chambers in different forms; resolving differences",
    Stage.PASSED_BOTH_CHAMBERS: "Passed both chambers",
    Stage.ENACTED: "Became law",
    Stage.ADOPTED: "Adopted",
    Stage.STALLED: "Stalled",
    Stage.FAILED: "Failed",
}


def _stage_phrase(stage: Stage, chamber: Chamber | None, executive: str) -> str:
    if stage is Stage.PASSED_ONE_CHAMBER:
        where = chamber.value.capitalize() if chamber else "first chamber"
        return f"Passed the {where}"
    if stage is Stage.SENT_TO_EXECUTIVE:
        return f"Sent to {executive}"
    if stage is Stage.VETOED:
        return f"Vetoed by {executive}"
    return _STAGE_PHRASES[stage]
