"""The moment of a bill, and the ask that follows for one official: decided here only.

``decide_moment`` reads where a bill stands (stage, chamber acting next, its
Congress, recorded votes and scheduled meetings given by the caller) and says
which chambers are *asked* now and which *have voted* (thanks only, never a
"vote yes" after the vote). ``ask_for`` then decides, for one of the
advocate's officials, the action, the sentence of the call script that asks
or thanks, and the reasons. The CLI, the web page and every email use these
two through ``tracker.people.contacts``; nothing re-derives them.

=====================  =======================  ==========================================
moment                 asked                     thanked / told "I noticed"
=====================  =======================  ==========================================
in committee in X      members in X              -
on the floor in X      members in X              -
scheduled in X         members in X              -
passed X, next Y       members in Y              members in X, by recorded vote, else backers
at the President       the White House           members of both, as above
vetoed, in session     members of both           -
enacted / adopted      nobody                    members who backed it or voted for it
dead                   nobody                    nobody (why and when it died is said)
=====================  =======================  ==========================================

Recorded votes and scheduled meetings are *inputs* (the votes and schedules
parts of the tracker fill them); by default there are none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from scrapers.model import Stage
from tracker.core.sessions import congress_end_date, congress_ended
from tracker.core.sessions import ordinal as ordinal
from tracker.people.subscriptions import Stance

_SIMPLE = frozenset({"hres", "sres"})
_HOUSE_TYPES = frozenset({"hr", "hres", "hjres", "hconres"})
_CHAMBERS = ("house", "senate")
_BODY = {"house": "House", "senate": "Senate", "legislature": "Legislature"}
#: The White House comment line, for a bill on the President's desk.
WHITE_HOUSE_PHONE = "202-456-1111"
WHITE_HOUSE_FORM = "https://www.whitehouse.gov/contact/"


class Position(StrEnum):
    """A member's recorded position on one roll call."""

    YEA = "yea"
    NAY = "nay"
    PRESENT = "present"
    NOT_VOTING = "not_voting"


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordedVote:
    """One roll call on the bill: ``positions`` maps bioguide id to position."""

    chamber: str  # "house" | "senate"
    on: date
    question: str
    result: str
    positions: Mapping[str, Position] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduledMeeting:
    """A markup, hearing or floor vote announced for a day."""

    chamber: str
    kind: str  # "markup" | "hearing" | "floor_vote" (scrapers.model.ScheduledKind)
    on: date
    committee: str | None = None


class MomentKind(StrEnum):
    IN_COMMITTEE = "in_committee"
    FLOOR = "floor"  # out of committee (or stalled), a floor vote comes next
    SCHEDULED = "scheduled"
    PASSED_CHAMBER = "passed_chamber"  # passed one, the other acts next
    AT_PRESIDENT = "at_president"
    VETOED = "vetoed"
    ENACTED = "enacted"  # became law, or a resolution was adopted
    DEAD = "dead"
    UNKNOWN = "unknown"  # not checked yet


class Relation(StrEnum):
    SPONSOR = "sponsor"
    COSPONSOR = "cosponsor"
    NONE = "none"


class ContactAction(StrEnum):
    THANK = "thank"
    ASK = "ask"
    URGE_WITHDRAW = "urge_withdraw"
    URGE_OPPOSE = "urge_oppose"
    INFORM = "inform"
    NOTICED = "noticed"  # voted against the advocate's wish: say you noticed
    VACANT = "vacant"  # nobody holds the seat; the office that serves it is named


@dataclass(frozen=True, slots=True, kw_only=True)
class BillState:
    """What the moment is decided from (a ``db.models.Bill`` has all of these)."""

    jurisdiction: str
    session: str
    bill_type: str
    stage: str | None
    stage_chamber: str | None
    stage_date: date | None
    stage_detail: str | None
    next_chamber: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Moment:
    kind: MomentKind
    asked: tuple[str, ...]  # chambers whose members are asked to act now
    voted: tuple[str, ...]  # chambers that voted: thanks or "noticed", never an ask
    origin: str | None
    headline: str  # plain words: where the bill is, what comes next
    meeting: ScheduledMeeting | None = None
    votes: Mapping[str, RecordedVote] = field(default_factory=dict)  # latest per chamber
    died_on: date | None = None
    asks_president: bool = False

    @property
    def dead(self) -> bool:
        return self.kind is MomentKind.DEAD

    @property
    def acting(self) -> str | None:
        return self.asked[0] if len(self.asked) == 1 else None


def bill_state(bill: object) -> BillState:
    """The fields of a bill row (or any object with them) that decide its moment."""
    return BillState(**{name: getattr(bill, name) for name in BillState.__dataclass_fields__})


def decide_moment(
    bill: BillState,
    *,
    today: date,
    votes: Sequence[RecordedVote] = (),
    meetings: Sequence[ScheduledMeeting] = (),
) -> Moment:
    """Where ``bill`` stands on ``today``, for calls: whom to ask, whom to thank."""
    stage = _as_stage(bill.stage)
    origin = origin_chamber(bill.bill_type)
    latest = _latest_votes(votes)
    if stage is None:
        return Moment(kind=MomentKind.UNKNOWN, asked=(), voted=(), origin=origin, headline="")
    died = dead_reason(bill, today=today)
    if died is not None:
        return Moment(
            kind=MomentKind.DEAD, asked=(), voted=(), origin=origin, headline=died[0],
            died_on=died[1], votes=latest,
        )  # fmt: skip
    return _living(bill, stage, origin, today, latest, meetings)


def _living(
    bill: BillState,
    stage: Stage,
    origin: str | None,
    today: date,
    votes: Mapping[str, RecordedVote],
    meetings: Sequence[ScheduledMeeting],
) -> Moment:
    acting = (bill.next_chamber or "").lower() or bill.stage_chamber or origin
    voted = tuple(c for c in _CHAMBERS if c in _voted_chambers(bill, stage) or c in votes)
    base = Moment(
        kind=MomentKind.UNKNOWN, asked=(), voted=voted, origin=origin, headline="", votes=votes
    )
    if stage in (Stage.ENACTED, Stage.ADOPTED):
        words = "became law" if stage is Stage.ENACTED else "was adopted"
        headline = f"It {words}{_on(bill.stage_date)}."
        return replace(base, kind=MomentKind.ENACTED, headline=headline)
    if stage is Stage.VETOED:
        headline = f"The President vetoed it{_on(bill.stage_date)}; Congress can override it."
        return replace(base, kind=MomentKind.VETOED, asked=_CHAMBERS, voted=(), headline=headline)
    if stage in (Stage.PASSED_BOTH_CHAMBERS, Stage.SENT_TO_EXECUTIVE) or acting == "executive":
        headline = "Congress passed it; the President signs or vetoes it next."
        return replace(base, kind=MomentKind.AT_PRESIDENT, asks_president=True, headline=headline)
    if acting not in _CHAMBERS:
        return base
    return _in_chamber(base, stage, acting, _next_meeting(meetings, acting, today))


def _in_chamber(
    base: Moment, stage: Stage, acting: str, meeting: ScheduledMeeting | None
) -> Moment:
    """The bill is before ``acting``: in committee, on the floor, or a date is set."""
    voted = tuple(c for c in base.voted if c != acting)
    base = replace(base, asked=(acting,), voted=voted)
    body = _BODY[acting]
    if meeting is not None:
        headline = _meeting_words(meeting)
        return replace(base, kind=MomentKind.SCHEDULED, meeting=meeting, headline=headline)
    if voted:
        headline = f"It passed the {_BODY[voted[0]]}; the {body} acts next."
        return replace(base, kind=MomentKind.PASSED_CHAMBER, headline=headline)
    if stage in (Stage.INTRODUCED, Stage.IN_COMMITTEE):
        headline = f"It is in committee in the {body}."
        return replace(base, kind=MomentKind.IN_COMMITTEE, headline=headline)
    headline = f"It is out of committee; the {body} may vote on it next."
    return replace(base, kind=MomentKind.FLOOR, headline=headline)


def dead_reason(bill: BillState, *, today: date) -> tuple[str, date | None] | None:
    """("Died at the end of the 115th Congress, January 3, 2019", that day), or None."""
    stage, detail = _as_stage(bill.stage), bill.stage_detail or ""
    if stage in (Stage.ENACTED, Stage.ADOPTED):
        return None
    if stage is Stage.FAILED:
        where = _BODY.get((bill.stage_chamber or "").lower(), "Congress")
        return f"Failed in the {where}{_on(bill.stage_date)}.", bill.stage_date
    if stage is Stage.VETOED and detail.startswith("VETOED:OVERRIDE_FAIL"):
        return f"Veto sustained: the override failed{_on(bill.stage_date)}.", bill.stage_date
    if stage is Stage.VETOED and detail == "VETOED:POCKET":
        return f"Pocket-vetoed{_on(bill.stage_date)}.", bill.stage_date
    if bill.jurisdiction == "us" and bill.session.isdigit():
        congress = int(bill.session)
        if congress_ended(congress, today):
            end = congress_end_date(congress)
            return f"Died at the end of the {ordinal(congress)} Congress, {_long(end)}.", end
    return None


# --- one official's ask ------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Ask:
    action: ContactAction
    request: str  # the sentence of the script that asks or thanks
    reasons: tuple[str, ...]
    can_cosponsor: bool = False


def ask_for(
    moment: Moment,
    *,
    bioguide_id: str,
    chamber: str,
    who: str,
    relation: Relation,
    committee: str | None,
    stance: Stance,
) -> Ask | None:
    """What to say to one of the advocate's officials now, or None: not theirs to act on."""
    if moment.dead:
        return None  # it cannot move: nobody to call, whatever the record says
    if chamber in moment.asked:
        return _asked(moment, chamber, who, relation, committee, stance)
    vote = moment.votes.get(chamber)
    position = vote.positions.get(bioguide_id) if vote else None
    if vote is not None and position is not None:
        ask = _after_vote(vote, position, who, stance)
        if moment.kind is MomentKind.ENACTED and ask.action is ContactAction.NOTICED:
            return None  # a law: thanks only, nobody is held to account any more
        return ask
    if (chamber in moment.voted or moment.kind is MomentKind.ENACTED) and relation is not (
        Relation.NONE
    ):
        return _backer_after_vote(relation, who, stance)
    return None


def _asked(
    moment: Moment, chamber: str, who: str, relation: Relation, committee: str | None,
    stance: Stance,
) -> Ask:  # fmt: skip
    backs = relation is not Relation.NONE
    can_cosponsor = (
        not backs and chamber == moment.origin and moment.kind is MomentKind.IN_COMMITTEE
    )
    reasons = [
        f"sits on the {committee}, where the bill is now" if committee else None,
        _asked_reason(moment, chamber),
        _relation_reason(relation),
    ]
    action, request = _asked_words(moment, who, relation, committee, stance, can_cosponsor)
    return Ask(
        action=action,
        request=request,
        reasons=tuple(r for r in reasons if r),
        can_cosponsor=can_cosponsor,
    )


def _asked_words(
    moment: Moment, who: str, relation: Relation, committee: str | None, stance: Stance,
    can_cosponsor: bool,
) -> tuple[ContactAction, str]:  # fmt: skip
    backs = relation is not Relation.NONE
    if stance is Stance.WATCH:
        return ContactAction.INFORM, f"I would like to know where {who} stands on it."
    vote = _vote_words(moment, stance)
    if stance is Stance.SUPPORT and backs:
        did = "introducing" if relation is Relation.SPONSOR else "cosponsoring"
        return ContactAction.THANK, f"Thank you for {did} it. I ask {who} to {vote}."
    if stance is Stance.OPPOSE and backs:
        undo = "to reconsider it" if relation is Relation.SPONSOR else "to withdraw support"
        return ContactAction.URGE_WITHDRAW, f"I ask {who} {undo} and to {vote}."
    action = ContactAction.ASK if stance is Stance.SUPPORT else ContactAction.URGE_OPPOSE
    if can_cosponsor and stance is Stance.SUPPORT:
        vote = "cosponsor it"
    if committee and moment.kind is MomentKind.IN_COMMITTEE:
        push = "press for a hearing and a vote" if stance is Stance.SUPPORT else "oppose it"
        return action, f"I ask {who} to {vote}, and to {push} in the {committee}."
    return action, f"I ask {who} to {vote}."


def _vote_words(moment: Moment, stance: Stance) -> str:
    yes = stance is Stance.SUPPORT
    if moment.kind is MomentKind.VETOED:
        return "vote to override the veto" if yes else "vote to sustain the veto"
    if moment.kind is MomentKind.IN_COMMITTEE:
        return "support it" if yes else "oppose it"
    meeting = moment.meeting
    if meeting is not None:
        when = _long(meeting.on)
        if meeting.kind == "hearing":
            return (
                f"speak for it at the hearing on {when}"
                if yes
                else (f"raise the concerns with it at the hearing on {when}")
            )
        return f"vote {'yes' if yes else 'no'} on {when}"
    return "vote yes on it" if yes else "vote no on it"


def _after_vote(vote: RecordedVote, position: Position, who: str, stance: Stance) -> Ask:
    body = _BODY.get(vote.chamber, vote.chamber)
    said = {Position.YEA: "voted yes", Position.NAY: "voted no", Position.PRESENT: "voted present",
            Position.NOT_VOTING: "did not vote"}[position]  # fmt: skip
    reason = f"{said} in the {body} on {_long(vote.on)} ({vote.question}: {vote.result})"
    wanted = {Stance.SUPPORT: Position.YEA, Stance.OPPOSE: Position.NAY}.get(stance)
    if wanted is None:
        return Ask(action=ContactAction.INFORM, request=f"I saw that {who} {said}.",
                   reasons=(reason,))  # fmt: skip
    if position is wanted:
        return Ask(action=ContactAction.THANK, reasons=(reason,),
                   request=f"Thank you: {who} {said} on {_long(vote.on)}.")  # fmt: skip
    return Ask(action=ContactAction.NOTICED, reasons=(reason,),
               request=f"I noticed that {who} {said} on {_long(vote.on)}, and I am "
               "disappointed.")  # fmt: skip


def _backer_after_vote(relation: Relation, who: str, stance: Stance) -> Ask | None:
    reason = _relation_reason(relation) or ""
    did = "introducing" if relation is Relation.SPONSOR else "cosponsoring"
    if stance is Stance.SUPPORT:
        return Ask(action=ContactAction.THANK, request=f"Thank you: {who} backed it by {did} it.",
                   reasons=(reason,))  # fmt: skip
    if stance is Stance.WATCH:
        return Ask(action=ContactAction.INFORM, request=f"I saw that {who} backed it.",
                   reasons=(reason,))  # fmt: skip
    return None  # without a recorded vote, an opponent has nobody to thank


def president_ask(moment: Moment, stance: Stance) -> Ask:
    words = {
        Stance.SUPPORT: (ContactAction.ASK, "I ask the President to sign it."),
        Stance.OPPOSE: (ContactAction.URGE_OPPOSE, "I ask the President to veto it."),
        Stance.WATCH: (ContactAction.INFORM, "I would like to know whether the President "
                       "will sign it."),
    }  # fmt: skip
    action, request = words[stance]
    return Ask(action=action, request=request, reasons=("the bill is on the President's desk",))


def vacant_reason(chamber: str, state: str, district: int | None) -> str:
    seat = f"{state}-{district}" if chamber == "house" else f"a Senate seat of {state}"
    office = "the Clerk of the House" if chamber == "house" else "the Secretary of the Senate"
    return f"{seat} is vacant; {office} serves its constituents until it is filled"


def _asked_reason(moment: Moment, chamber: str) -> str:
    body = _BODY[chamber]
    if moment.kind is MomentKind.VETOED:
        return f"the {body} votes on overriding the veto"
    if moment.meeting is not None:
        return moment.headline
    if moment.kind is MomentKind.IN_COMMITTEE:
        return f"the {body} acts on the bill next"
    return f"the {body} votes next"


def _relation_reason(relation: Relation) -> str | None:
    if relation is Relation.SPONSOR:
        return "is the bill's sponsor"
    return "cosponsors the bill" if relation is Relation.COSPONSOR else None


# --- small helpers -----------------------------------------------------------------------


def origin_chamber(bill_type: str) -> str | None:
    kind = bill_type.lower()
    if kind in _HOUSE_TYPES:
        return "house"
    return "senate" if kind in {"s", "sres", "sjres", "sconres"} else None


def _voted_chambers(bill: BillState, stage: Stage) -> set[str]:
    origin = origin_chamber(bill.bill_type)
    if stage is Stage.PASSED_ONE_CHAMBER:
        return {(bill.stage_chamber or origin or "").lower()}
    if stage is Stage.ADOPTED and bill.bill_type.lower() in _SIMPLE:
        return {origin} if origin else set()
    if stage in (Stage.RESOLVING_DIFFERENCES, Stage.PASSED_BOTH_CHAMBERS,
                 Stage.SENT_TO_EXECUTIVE, Stage.ENACTED, Stage.ADOPTED):  # fmt: skip
        return set(_CHAMBERS)
    return set()


def _latest_votes(votes: Sequence[RecordedVote]) -> dict[str, RecordedVote]:
    latest: dict[str, RecordedVote] = {}
    for vote in sorted(votes, key=lambda v: v.on):
        latest[vote.chamber] = vote
    return latest


def _next_meeting(
    meetings: Sequence[ScheduledMeeting], chamber: str, today: date
) -> ScheduledMeeting | None:
    coming = [m for m in meetings if m.chamber == chamber and m.on >= today]
    return min(coming, key=lambda m: m.on) if coming else None


def _meeting_words(m: ScheduledMeeting) -> str:
    what = {"markup": "A markup", "hearing": "A hearing"}.get(m.kind, "A floor vote")
    where = f" in the {m.committee}" if m.committee else f" in the {_BODY[m.chamber]}"
    return f"{what} is scheduled{where} on {_long(m.on)}."


def _as_stage(value: str | None) -> Stage | None:
    try:
        return Stage(value) if value else None
    except ValueError:
        return None


def _long(d: date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


def _on(d: date | None) -> str:
    return f" on {_long(d)}" if d else ""
