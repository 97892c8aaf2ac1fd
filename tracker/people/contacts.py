"""Whom an advocate should call about a bill now, why, and what to say.

The moment of the bill and the ask for each official are decided in
``tracker.people.moment``; this module reads what that needs (the
advocate's officials, the committees holding the bill and who sits on them,
who sponsors or cosponsors it) and puts the answer together, most useful call
first: the White House while the bill is on the President's desk, then
committee members, then the chamber acting now, then thanks. Officials with
nothing to do at this moment are left out (a House bill in a House committee
asks nothing of the senators; a dead bill asks nothing of anybody). A vacant
seat of a chamber that is asked is named as vacant, with the office serving it.

``CallPlan`` is the moment plus the suggestions; ``officials_to_contact`` is
its suggestions alone. ``bill_facts`` and ``suggestions_for`` are the two
halves, public so that mail can answer thousands of places from one read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db import officials as official_rows
from db.models import Bill, CommitteeInfo, CommitteeReferral, Cosponsor, Official
from scrapers.legislators import committee_thomas_id
from tracker.core.errors import InvalidInput
from tracker.people.moment import (
    WHITE_HOUSE_FORM,
    WHITE_HOUSE_PHONE,
    Ask,
    ContactAction,
    Moment,
    MomentKind,
    RecordedVote,
    Relation,
    ScheduledMeeting,
    ask_for,
    bill_state,
    decide_moment,
    president_ask,
    vacant_reason,
)
from tracker.people.on_record import coming_meetings, recorded_votes
from tracker.people.places import NON_STATES
from tracker.people.state_contacts import state_suggestions
from tracker.people.subscriptions import Stance

__all__ = [
    "Backing",
    "BillFacts",
    "CallPlan",
    "ContactAction",
    "ContactSuggestion",
    "Relation",
    "bill_facts",
    "call_plan",
    "call_script",
    "officials_to_contact",
    "script_title",
    "suggestions_for",
]

#: A committee's latest activity that means the bill has left it.
_LEFT_COMMITTEE = ("reported", "discharged")
#: Moments at which a committee of the acting chamber may hold the bill.
_COMMITTEE_MOMENTS = frozenset(
    {MomentKind.IN_COMMITTEE, MomentKind.SCHEDULED, MomentKind.PASSED_CHAMBER}
)
#: Who serves a vacant seat's constituents, and their number.
_VACANT_OFFICE = {"house": "202-225-7000", "senate": "202-224-3622"}


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactSuggestion:
    """One official to call. ``priority`` 1 is the call that matters most now."""

    bioguide_id: str  # "" for the White House and for a vacant seat
    name: str
    title: str  # "Sen.", "Rep.", "Del.", "Resident Commissioner"; "" for the President
    chamber: str  # "house" | "senate" | "executive"
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
    request: str = ""  # the script's sentence that asks or thanks (from the moment)


@dataclass(frozen=True, slots=True, kw_only=True)
class Backing:
    relation: Relation
    since: date | None  # the cosponsorship date, when known


@dataclass(frozen=True, slots=True, kw_only=True)
class BillFacts:
    """What every place's answer about one bill is made of."""

    moment: Moment
    committees: dict[str, str]  # thomas id -> name, of committees holding it now
    seats: dict[int, str]  # official id -> "the <committee> (Chair)"
    backers: dict[str, Backing]  # bioguide id -> sponsor / cosponsor


@dataclass(frozen=True, slots=True, kw_only=True)
class CallPlan:
    moment: Moment
    suggestions: tuple[ContactSuggestion, ...]
    hint: str | None = None  # a state bill: how to find one's state districts


def call_plan(
    session: Session,
    *,
    state: str,
    district: int | None,
    bill: Bill,
    stance: str,
    today: date | None = None,
    votes: Sequence[RecordedVote] | None = None,
    meetings: Sequence[ScheduledMeeting] | None = None,
    constituency: str | None = None,
    state_senate_district: str | None = None,
    state_house_district: str | None = None,
) -> CallPlan:
    """The bill's moment and the advocate's calls. ``today`` None: the stored
    ``session_ended`` flag says whether its Congress is over. A UK bill is answered
    by ``uk_contacts`` from the advocate's ``constituency`` (never by Congress); a
    state bill's calls are the advocate's state legislators (``state_contacts``)."""
    wanted = parse_stance(stance)
    if bill.jurisdiction == "uk":
        from tracker.people.uk_contacts import uk_call_plan  # it builds on this module

        return uk_call_plan(session, bill=bill, constituency=constituency, stance=wanted)
    if bill.jurisdiction != "us":
        moment, found_state, hint = state_suggestions(
            session,
            bill=bill,
            stance=wanted,
            advocate_state=state,
            senate_district=state_senate_district,
            house_district=state_house_district,
            today=today,
        )
        return CallPlan(moment=moment, suggestions=tuple(found_state), hint=hint)
    officials = official_rows.officials_for_place(session, state=state, district=district)
    facts = bill_facts(session, bill, officials, today=today, votes=votes, meetings=meetings)
    found = suggestions_for(officials, facts, wanted, state=state, district=district)
    ranked = tuple(replace(s, priority=rank) for rank, s in enumerate(found, start=1))
    return CallPlan(moment=facts.moment, suggestions=ranked)


def officials_to_contact(
    session: Session, *, state: str, district: int | None, bill: Bill, stance: str,
    today: date | None = None, votes: Sequence[RecordedVote] | None = None,
    meetings: Sequence[ScheduledMeeting] | None = None,
) -> list[ContactSuggestion]:  # fmt: skip
    """The advocate's calls about ``bill`` now, most useful first."""
    plan = call_plan(session, state=state, district=district, bill=bill, stance=stance,
                     today=today, votes=votes, meetings=meetings)  # fmt: skip
    return list(plan.suggestions)


def parse_stance(stance: str) -> Stance:
    try:
        return Stance(stance)
    except ValueError:
        raise InvalidInput(f"unknown stance {stance!r}: use support, oppose or watch") from None


def bill_facts(
    session: Session,
    bill: Bill,
    officials: Sequence[Official],
    *,
    today: date | None = None,
    votes: Sequence[RecordedVote] | None = None,
    meetings: Sequence[ScheduledMeeting] | None = None,
) -> BillFacts:
    """The moment, the committees holding the bill, and which of ``officials`` sit on
    them or back it (a few queries, whatever the number of officials). ``votes`` and
    ``meetings`` None: what is stored (roll calls, coming meetings) is read."""
    if votes is None:
        votes = recorded_votes(session, bill)
    if meetings is None:
        meetings = coming_meetings(session, bill.id, today=today)
    state = bill_state(bill)
    if today is None and bill.session_ended:
        today = date.max  # the stored flag says its Congress is over
    moment = decide_moment(state, today=today or date.min, votes=votes, meetings=meetings)
    committees: dict[str, str] = {}
    if moment.kind in _COMMITTEE_MOMENTS and moment.acting:
        committees = _holding_committees(session, bill, moment.acting)
    return BillFacts(
        moment=moment,
        committees=committees,
        seats=_committee_seats(session, officials, committees),
        backers=_backers(session, bill, officials),
    )


def suggestions_for(
    officials: Sequence[Official],
    facts: BillFacts,
    stance: Stance,
    *,
    state: str,
    district: int | None,
    suggest: Callable[[Official, BillFacts, Stance], ContactSuggestion | None] | None = None,
) -> list[ContactSuggestion]:
    """The calls for the officials of one place, in order (``priority`` left at 0).

    ``suggest`` (default ``suggest``) lets a batch memoise each official's part."""
    one = suggest or globals()["suggest"]
    found = [s for o in officials if (s := one(o, facts, stance)) is not None]
    found += _vacant_seats(officials, facts.moment, state, district)
    if facts.moment.asks_president:
        found.append(_white_house(facts.moment, stance))
    found.sort(key=lambda s: _order(s, facts.moment))
    return found


def suggest(official: Official, facts: BillFacts, stance: Stance) -> ContactSuggestion | None:
    """One official's call, or None: nothing for them to do at this moment."""
    backing = facts.backers.get(official.bioguide_id)
    committee = facts.seats.get(official.id)
    title = _title(official)
    ask = ask_for(
        facts.moment,
        bioguide_id=official.bioguide_id,
        chamber=official.chamber,
        who=f"{_SPOKEN_TITLE[title]} {official.name}",
        relation=backing.relation if backing else Relation.NONE,
        committee=committee,
        stance=stance,
    )
    if ask is None:
        return None
    return _suggestion(official, title, ask, backing, committee)


def _suggestion(
    official: Official, title: str, ask: Ask, backing: Backing | None, committee: str | None
) -> ContactSuggestion:
    reasons = [*ask.reasons]
    if backing and backing.since and backing.relation is Relation.COSPONSOR:
        reasons = [
            f"cosponsored the bill on {backing.since}" if r == "cosponsors the bill" else r
            for r in reasons
        ]
    return ContactSuggestion(
        bioguide_id=official.bioguide_id,
        name=official.name,
        title=title,
        chamber=official.chamber,
        state=official.state,
        district=official.district,
        party=official.party,
        phone=official.phone,
        office_address=official.office_address,
        contact_form_url=official.contact_form_url,
        website=official.website,
        relation=backing.relation if backing else Relation.NONE,
        action=ask.action,
        reasons=(*[r for r in reasons if r], _seat_reason(official, title)),
        priority=0,  # set once all are ordered
        committee=committee,
        can_cosponsor=ask.can_cosponsor,
        request=ask.request,
    )


def _vacant_seats(
    officials: Sequence[Official], moment: Moment, state: str, district: int | None
) -> list[ContactSuggestion]:
    """A seat of an asked chamber that nobody holds (CA-14 once Speier left).

    A place with no official at all says the officials were never imported, not
    that every seat is empty: nothing is listed then."""
    if not officials or not state:
        return []
    vacant: list[tuple[str, int | None]] = []
    house = any(o.chamber == "house" for o in officials)
    if "house" in moment.asked and district is not None and not house:
        vacant.append(("house", district))
    if "senate" in moment.asked and state not in NON_STATES:
        vacant += [("senate", None)] * (2 - sum(o.chamber == "senate" for o in officials))
    return [_vacant(chamber, state, seat) for chamber, seat in vacant]


def _vacant(chamber: str, state: str, district: int | None) -> ContactSuggestion:
    seat = f"{state}-{district}" if chamber == "house" else f"{state}, Senate"
    office = "Office of the Clerk of the House" if chamber == "house" else (
        "Office of the Secretary of the Senate"
    )  # fmt: skip
    return ContactSuggestion(
        bioguide_id="", name=f"Vacant seat ({seat})", title="", chamber=chamber, state=state,
        district=district, party=None, phone=_VACANT_OFFICE[chamber], office_address=office,
        contact_form_url=None, website=None, relation=Relation.NONE,
        action=ContactAction.VACANT, reasons=(vacant_reason(chamber, state, district),),
        priority=0, request="",
    )  # fmt: skip


def _white_house(moment: Moment, stance: Stance) -> ContactSuggestion:
    ask = president_ask(moment, stance)
    return ContactSuggestion(
        bioguide_id="", name="The President", title="", chamber="executive", state="",
        district=None, party=None, phone=WHITE_HOUSE_PHONE,
        office_address="The White House, 1600 Pennsylvania Avenue NW, Washington, DC 20500",
        contact_form_url=WHITE_HOUSE_FORM, website=None, relation=Relation.NONE,
        action=ask.action, reasons=(*ask.reasons, "the White House comment line"),
        priority=0, request=ask.request,
    )  # fmt: skip


def _order(s: ContactSuggestion, moment: Moment) -> tuple[int, bool, bool, str, str]:
    # The President first, then committee members, the chamber asked, the thanked.
    group = 0 if s.chamber == "executive" else 1 if s.chamber in moment.asked else 2
    return (group, s.committee is None, s.action is ContactAction.VACANT, s.chamber, s.name)


# --- the few queries -------------------------------------------------------------------


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


def _seat_reason(official: Official, title: str) -> str:
    if official.chamber == "senate":
        return f"is one of your senators ({official.state})"
    seat = "at large" if official.district == 0 else f"district {official.district}"
    return f"is your {_SPOKEN_TITLE[title].lower()} in the House ({official.state}, {seat})"


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


def script_title(bill: object) -> str:
    """The name a caller says: the short title, else the popular one, else nothing
    (the citation alone; an official title "To authorize ..." reads badly aloud)."""
    for name in ("short_title", "popular_title"):
        value = (getattr(bill, name, None) or "").strip().rstrip(".").strip()
        if value:
            return value
    return ""


def call_script(
    suggestion: ContactSuggestion, bill_title: str, bill_citation: str, stance: str
) -> str:
    """A short script to read to the office's staff; "" for a vacant seat.

    ``bill_title`` is ``script_title(bill)``: empty gives the citation alone.
    """
    if suggestion.action is ContactAction.VACANT:
        return ""
    title = bill_title.strip().rstrip(".").strip()
    subject = f"{bill_citation}, the {title}" if title else bill_citation
    # Westminster constituents give a postcode, not a ZIP code.
    code = "postcode" if suggestion.chamber in ("commons", "lords", "parliament") else "ZIP code"
    lines = [
        f"Hello, my name is [your name], and I am a constituent from [your town and {code}].",
        f"I am calling about {subject}. {_POSITION[parse_stance(stance)]}",
        suggestion.request,
        f"Please take down my name and {code} so my view is counted. Thank you.",
    ]
    return "\n".join(line for line in lines if line)


# --- small helpers ---------------------------------------------------------------------


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
