"""Whom an advocate should call about a bill, why, and what to say.

An advocate's officials are their two senators and their representative.
They are ordered by what matters now: members of the committee holding the
bill first while it is in committee, then the chamber that acts next, then
the rest. Each gets an action that follows the advocate's stance:

========  ==========================  ===============================================
stance    official backs the bill     official does not
========  ==========================  ===============================================
support   ``thank`` (keep pushing)    ``ask`` (cosponsor if they can, and vote yes)
oppose    ``urge_withdraw``           ``urge_oppose`` (vote no)
watch     ``inform`` (ask their       ``inform``
          position)
========  ==========================  ===============================================

"Backs" means sponsors, or cosponsors without having withdrawn. Reads five
small queries however many officials or cosponsors there are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import officials as official_rows
from db.models import Bill, CommitteeInfo, CommitteeReferral, Cosponsor, Official
from scrapers.legislators import committee_thomas_id
from scrapers.model import Stage
from tracker.core.errors import InvalidInput
from tracker.people.places import NON_STATES
from tracker.people.subscriptions import Stance

_HOUSE_TYPES = frozenset({"hr", "hres", "hjres", "hconres"})
_SENATE_TYPES = frozenset({"s", "sres", "sjres", "sconres"})
_IN_COMMITTEE = frozenset({Stage.INTRODUCED, Stage.IN_COMMITTEE})
#: Stages at which the chambers still vote on the bill.
_BEFORE_FLOOR = frozenset({Stage.INTRODUCED, Stage.IN_COMMITTEE, Stage.REPORTED})
_FLOOR = frozenset({Stage.REPORTED, Stage.PASSED_ONE_CHAMBER, Stage.RESOLVING_DIFFERENCES})
#: A committee's latest activity that means the bill has left it.
_LEFT_COMMITTEE = ("reported", "discharged")


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


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactSuggestion:
    """One official to call. ``priority`` 1 is the call that matters most now."""

    bioguide_id: str
    name: str
    title: str  # "Sen.", "Rep.", "Del." (DC and territories) or "Resident Commissioner" (PR)
    chamber: str
    state: str
    district: int | None
    party: str | None
    phone: str | None
    office_address: str | None
    contact_form_url: str | None
    website: str | None
    relation: Relation
    action: ContactAction
    reasons: tuple[str, ...]  # plain words, most important first
    priority: int
    committee: str | None = None  # the committee holding the bill that they sit on
    can_cosponsor: bool = False  # in the chamber the bill started in, before it passed there


@dataclass(frozen=True, slots=True, kw_only=True)
class Backing:
    relation: Relation
    since: date | None  # the cosponsorship date, when known


@dataclass(frozen=True, slots=True, kw_only=True)
class _Situation:
    """Where the bill is, as far as calls are concerned."""

    stage: Stage | None
    acting: str | None  # "house" | "senate": the chamber that acts next
    origin: str | None
    committees: dict[str, str]  # thomas id -> display name, of committees holding it now


def officials_to_contact(
    session: Session, *, state: str, district: int | None, bill: Bill, stance: str
) -> list[ContactSuggestion]:
    """The advocate's senators and representative in office, most useful call first."""
    wanted = _stance(stance)
    officials = official_rows.officials_for_place(session, state=state, district=district)
    if not officials:
        return []
    situation = _situation(session, bill)
    sits_on = _committee_seats(session, officials, situation.committees)
    backers = _backers(session, bill, officials)
    suggestions = [
        _suggest(o, situation, sits_on.get(o.id), backers.get(o.bioguide_id), wanted)
        for o in officials
    ]
    suggestions.sort(key=lambda s: _order(s, situation))
    return [replace(s, priority=rank) for rank, s in enumerate(suggestions, start=1)]


def _stance(stance: str) -> Stance:
    try:
        return Stance(stance)
    except ValueError:
        raise InvalidInput(f"unknown stance {stance!r}: use support, oppose or watch") from None


# --- the few queries -------------------------------------------------------------------


def _situation(session: Session, bill: Bill) -> _Situation:
    stage = _as_stage(bill.stage)
    origin = _origin_chamber(bill.bill_type)
    acting = (bill.next_chamber or "").lower() or (origin if stage in _BEFORE_FLOOR else None)
    committees: dict[str, str] = {}
    if stage in _IN_COMMITTEE and acting:
        committees = _holding_committees(session, bill, acting)
    return _Situation(stage=stage, acting=acting, origin=origin, committees=committees)


def _holding_committees(session: Session, bill: Bill, chamber: str) -> dict[str, str]:
    """Committees of ``chamber`` the bill was referred to and has not left, by thomas id."""
    query = select(CommitteeReferral).where(CommitteeReferral.bill_id == bill.id)
    referrals: dict[str, str] = {}
    for referral in session.scalars(query):
        activity = (referral.latest_activity or "").lower()
        code = _thomas_id(referral.committee_code)
        if code and _chamber_of(code) == chamber and not activity.startswith(_LEFT_COMMITTEE):
            referrals[code] = referral.name
    # Names from congress-legislators: BILLSTATUS gives a committee's *current*
    # name ("Education and Labor Committee" for hsed00 in H.R. 4030), which may
    # not be what the officials' data, or the advocate, calls it.
    parents = {c[:4] for c in referrals}
    known = official_rows.committees_by_code(session, set(referrals) | parents)
    return {code: _committee_name(code, known) or name for code, name in referrals.items()}


def _committee_seats(
    session: Session, officials: Sequence[Official], committees: dict[str, str]
) -> dict[int, str]:
    """Official id -> "the <committee> (Chair)" for officials on a committee holding the bill."""
    memberships = official_rows.memberships_of(session, [o.id for o in officials], committees)
    seats: dict[int, str] = {}
    # Full committees before subcommittees: "HSED" sorts before "HSED13".
    for m in sorted(memberships, key=lambda m: m.committee_code):
        title = f" ({m.title})" if m.title else ""
        seats.setdefault(m.official_id, f"{committees[m.committee_code]}{title}")
    return seats


def _backers(session: Session, bill: Bill, officials: Iterable[Official]) -> dict[str, Backing]:
    """bioguide id -> how they back the bill, for those among ``officials`` who do."""
    ids = {o.bioguide_id for o in officials}
    query = select(Cosponsor.bioguide_id, Cosponsor.sponsored_on).where(
        Cosponsor.bill_id == bill.id,
        Cosponsor.bioguide_id.in_(ids),
        Cosponsor.withdrawn_on.is_(None),  # a withdrawn cosponsor no longer backs the bill
    )
    found = {
        bioguide: Backing(relation=Relation.COSPONSOR, since=on)
        for bioguide, on in session.execute(query)
        if bioguide
    }
    if bill.sponsor_bioguide_id in ids:
        found[bill.sponsor_bioguide_id] = Backing(relation=Relation.SPONSOR, since=None)
    return found


# --- one suggestion --------------------------------------------------------------------


def _suggest(
    official: Official,
    situation: _Situation,
    committee: str | None,
    backing: Backing | None,
    stance: Stance,
) -> ContactSuggestion:
    relation = backing.relation if backing else Relation.NONE
    can_cosponsor = (
        relation is Relation.NONE
        and official.chamber == situation.origin
        and situation.stage in (_BEFORE_FLOOR | {None})
    )
    reasons = [
        f"sits on the {committee}, where the bill is now" if committee else None,
        _chamber_reason(official.chamber, situation),
        _backing_reason(backing),
        _seat_reason(official),
    ]
    return ContactSuggestion(
        bioguide_id=official.bioguide_id,
        name=official.name,
        title=_title(official),
        chamber=official.chamber,
        state=official.state,
        district=official.district,
        party=official.party,
        phone=official.phone,
        office_address=official.office_address,
        contact_form_url=official.contact_form_url,
        website=official.website,
        relation=relation,
        action=_action(stance, relation),
        reasons=tuple(r for r in reasons if r),
        priority=0,  # set once all are ordered
        committee=committee,
        can_cosponsor=can_cosponsor,
    )


def _action(stance: Stance, relation: Relation) -> ContactAction:
    backs = relation is not Relation.NONE
    if stance is Stance.SUPPORT:
        return ContactAction.THANK if backs else ContactAction.ASK
    if stance is Stance.OPPOSE:
        return ContactAction.URGE_WITHDRAW if backs else ContactAction.URGE_OPPOSE
    return ContactAction.INFORM


def _order(s: ContactSuggestion, situation: _Situation) -> tuple[bool, bool, str, str]:
    # False sorts first: committee members, then the chamber acting next.
    return (s.committee is None, s.chamber != situation.acting, s.chamber, s.name)


def _chamber_reason(chamber: str, situation: _Situation) -> str | None:
    stage, acting = situation.stage, situation.acting
    body = _CHAMBER_NAMES.get(chamber, chamber)
    if stage is Stage.VETOED:
        return "Congress may vote to override the veto"
    if acting is None or stage not in _BEFORE_FLOOR | _FLOOR:
        return None
    if chamber == acting:
        return f"the {body} votes next" if stage in _FLOOR else f"the {body} acts on the bill next"
    if stage is Stage.PASSED_ONE_CHAMBER:
        return f"the {body} has passed the bill"
    return f"the {body} takes the bill up after the {_CHAMBER_NAMES.get(acting, acting)}"


def _backing_reason(backing: Backing | None) -> str | None:
    if backing is None:
        return None
    if backing.relation is Relation.SPONSOR:
        return "is the bill's sponsor"
    return f"cosponsored the bill on {backing.since}" if backing.since else "cosponsors the bill"


def _seat_reason(official: Official) -> str:
    if official.chamber == "senate":
        return f"is one of your senators ({official.state})"
    seat = "at large" if official.district == 0 else f"district {official.district}"
    role = _SPOKEN_TITLE[_title(official)].lower()
    return f"is your {role} in the House ({official.state}, {seat})"


_CHAMBER_NAMES = {"house": "House", "senate": "Senate"}


def _title(official: Official) -> str:
    if official.chamber == "senate":
        return "Sen."
    if official.state == "PR":
        return "Resident Commissioner"
    return "Del." if official.state in NON_STATES else "Rep."


# --- the call script -------------------------------------------------------------------


_SPOKEN_TITLE = {
    "Sen.": "Senator",
    "Rep.": "Representative",
    "Del.": "Delegate",
    "Resident Commissioner": "Resident Commissioner",
}
_POSITION = {
    Stance.SUPPORT: "I support this bill.",
    Stance.OPPOSE: "I oppose this bill.",
    Stance.WATCH: "I am following this bill closely.",
}


def call_script(
    suggestion: ContactSuggestion, bill_title: str, bill_citation: str, stance: str
) -> str:
    """A short script to read to the office's staff, following the advocate's stance."""
    who = f"{_SPOKEN_TITLE.get(suggestion.title, suggestion.title)} {suggestion.name}"
    lines = [
        "Hello, my name is [your name], and I am a constituent from [your town and ZIP code].",
        f"I am calling about {bill_citation}, the {bill_title}. {_POSITION[_stance(stance)]}",
        _request(suggestion, who),
        _committee_request(suggestion, who, _stance(stance)),
        "Please take down my name and ZIP code so my view is counted. Thank you.",
    ]
    return "\n".join(line for line in lines if line)


def _request(s: ContactSuggestion, who: str) -> str:
    sponsor = s.relation is Relation.SPONSOR
    match s.action:
        case ContactAction.THANK:
            did = "introducing" if sponsor else "cosponsoring"
            return f"Thank you for {did} it. I hope {who} will keep working to move it forward."
        case ContactAction.ASK if s.can_cosponsor:
            return f"I ask {who} to cosponsor it and to vote yes."
        case ContactAction.ASK:
            return f"I ask {who} to vote yes on it."
        case ContactAction.URGE_WITHDRAW if sponsor:
            return f"I ask {who} to reconsider it and not to move it forward."
        case ContactAction.URGE_WITHDRAW:
            return f"I ask {who} to withdraw their cosponsorship and to vote no."
        case ContactAction.URGE_OPPOSE:
            return f"I ask {who} to vote no on it."
        case _:
            return f"Where does {who} stand on it?"


def _committee_request(s: ContactSuggestion, who: str, stance: Stance) -> str | None:
    if s.committee is None:
        return None
    where = f"Since {who} sits on the {s.committee}, where the bill is now,"
    if stance is Stance.SUPPORT:
        return f"{where} please press for a hearing and a vote there."
    if stance is Stance.OPPOSE:
        return f"{where} please oppose it there."
    return f"{where} I would like to know whether a hearing is planned."


# --- small helpers ---------------------------------------------------------------------


def _as_stage(value: str | None) -> Stage | None:
    try:
        return Stage(value) if value else None
    except ValueError:
        return None


def _origin_chamber(bill_type: str) -> str | None:
    kind = bill_type.lower()
    return "house" if kind in _HOUSE_TYPES else "senate" if kind in _SENATE_TYPES else None


def _thomas_id(system_code: str) -> str | None:
    try:
        return committee_thomas_id(system_code)
    except ValueError:  # a code we cannot map cannot match a membership either
        return None


def _chamber_of(thomas_id: str) -> str | None:
    return {"H": "house", "S": "senate", "J": "joint"}.get(thomas_id[:1])


def _committee_name(code: str, known: dict[str, CommitteeInfo]) -> str | None:
    committee = known.get(code)
    if committee is None:
        return None
    parent = known.get(committee.parent_code or "")
    if parent is None:
        return committee.name
    return f"Subcommittee on {committee.name} of the {parent.name}"
