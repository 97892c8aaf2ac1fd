"""The snapshot vocabulary: what a source says about one bill at one moment.

Plain frozen values, no behaviour beyond small derived properties. Sources
produce them; ``tracker`` diffs and stores them. This module imports only the
standard library, so every other package can depend on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

# Re-exported (``X as X``): sources and tracker need only the model for the ladder.
from scrapers.stages.ladder import STAGE_LADDER as STAGE_LADDER
from scrapers.stages.ladder import Stage as Stage


class Chamber(StrEnum):
    HOUSE = "house"  # also a state's lower chamber (Assembly, House of Delegates)
    SENATE = "senate"  # also a state's upper chamber
    JOINT = "joint"
    EXECUTIVE = "executive"
    LEGISLATURE = "legislature"  # a single chamber: Nebraska, the DC Council
    COMMONS = "commons"  # UK House of Commons
    LORDS = "lords"  # UK House of Lords


def jurisdiction_of_key(key: str) -> str:
    """``us`` for ``hr4030-115``; ``mo`` for ``mo-2011-sb70`` (the part before the first ``-``
    when the key has three parts)."""
    parts = key.split("-")
    return parts[0] if len(parts) >= 3 else "us"


def session_slug(session: str) -> str:
    """A session as it appears in a key: lower case, letters and digits only."""
    return "".join(ch for ch in session.lower() if ch.isascii() and ch.isalnum())


@dataclass(frozen=True, slots=True, kw_only=True)
class BillRef:
    """Identifies one bill. ``key`` is the canonical id used everywhere.

    Federal bills: ``jurisdiction="us"``, ``session`` is the Congress number
    as text, ``bill_type`` one of ``FEDERAL_BILL_TYPES``; key ``hr4030-115``.
    Other jurisdictions lead with their code, then the session, then the bill:
    ``mo-2011-sb70``, ``ca-20232024-ab123``, ``ky-2026rs-sb197``. The key has no
    ``/`` (it is a path segment on the web page) and the session part keeps only
    letters and digits, so the three parts split on ``-``; ``session`` itself
    keeps the source's spelling.
    """

    jurisdiction: str = "us"
    session: str
    bill_type: str
    number: int

    @property
    def key(self) -> str:
        if self.jurisdiction == "us":
            return f"{self.bill_type}{self.number}-{self.session}"
        return f"{self.jurisdiction}-{session_slug(self.session)}-{self.bill_type}{self.number}"

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """A legislator as a source names them (sponsor or cosponsor)."""

    bioguide_id: str | None
    name: str
    party: str | None = None
    state: str | None = None
    district: int | None = None
    by_request: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Cosponsor:
    member: Member
    sponsored_on: date | None
    withdrawn_on: date | None = None
    is_original: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitteeActivity:
    name: str  # "Referred to", "Markup by", "Reported by", "Hearings by"
    on: date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Committee:
    code: str  # source system code, e.g. "hsed00"; subcommittees "hsed13"
    name: str
    chamber: Chamber | None
    activities: tuple[CommitteeActivity, ...] = ()
    parent_code: str | None = None  # set on subcommittees


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedVote:
    """A roll-call vote an action names: enough to fetch it from the chamber's record.

    ``number`` is the House roll number or the Senate record vote number, counted
    per session; ``(chamber, congress, session, number)`` identifies the vote.
    """

    chamber: Chamber  # HOUSE or SENATE
    congress: int
    session: int
    number: int
    # The date of the action that reports it. (No URL: the record is fetched from the
    # configured base URL, and a 3.0.0 file and an older copy of one bill then read
    # the same, so their content hashes agree.)
    on: date | None = None

    @property
    def key(self) -> str:
        """``house-115-1-699``: the vote's id in events, the database and the API."""
        return f"{self.chamber.value}-{self.congress}-{self.session}-{self.number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    """One entry of the bill's history, with the source's own codes kept."""

    on: date
    text: str
    chamber: Chamber | None = None
    time: str | None = None  # as the source gives it ("15:29:39", "07:15PM")
    code: str | None = None  # BILLSTATUS actionCode ("H11100", "Intro-H")
    action_type: str | None = None  # BILLSTATUS/API type ("IntroReferral")
    source_system: str | None = None
    committee_codes: tuple[str, ...] = ()
    recorded_votes: tuple[RecordedVote, ...] = ()  # roll calls this action reports


@dataclass(frozen=True, slots=True, kw_only=True)
class TextVersion:
    name: str  # "Introduced in House", "Enrolled Bill"
    on: date | None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Law:
    kind: str  # "public" or "private"
    number: str  # "115-97"


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    version_code: str | None
    action_on: date | None
    action_desc: str | None
    text: str  # plain text; markup stripped by the source


class ScheduledKind(StrEnum):
    HEARING = "hearing"
    MARKUP = "markup"
    FLOOR_VOTE = "floor_vote"


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduledEvent:
    """A hearing, markup or floor vote announced for a date (may be in the future)."""

    kind: ScheduledKind
    on: date
    chamber: Chamber | None
    description: str
    committee: str | None = None
    location: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class StageInfo:
    """The normalised stage and what backs it."""

    stage: Stage
    on: date | None
    chamber: Chamber | None = None  # the chamber that acted to reach the stage
    detail: str | None = None  # e.g. "PASS_OVER:HOUSE"
    next_chamber: Chamber | None = None  # who acts next, for calls to action


@dataclass(frozen=True, slots=True, kw_only=True)
class BillSnapshot:
    """Everything one source says about one bill, parsed and normalised.

    ``actions`` are oldest first (sources list them newest first; parsers
    reverse them, keeping the source order within one day stable).
    """

    ref: BillRef
    source: str
    source_url: str | None
    title: str  # display title: short title if any, else official
    official_title: str | None = None
    short_title: str | None = None
    popular_title: str | None = None
    origin_chamber: Chamber | None = None
    introduced_on: date | None = None
    updated_at: datetime | None = None  # the source's own update stamp (not trusted for change)
    sponsor: Member | None = None
    cosponsors: tuple[Cosponsor, ...] = ()
    committees: tuple[Committee, ...] = ()
    actions: tuple[Action, ...] = ()
    text_versions: tuple[TextVersion, ...] = ()
    laws: tuple[Law, ...] = ()
    subjects: tuple[str, ...] = ()
    policy_area: str | None = None
    latest_summary: Summary | None = None
    scheduled: tuple[ScheduledEvent, ...] = ()
    stage: StageInfo

    @property
    def latest_action(self) -> Action | None:
        return self.actions[-1] if self.actions else None

    @property
    def became_law(self) -> bool:
        return self.stage.stage is Stage.ENACTED
