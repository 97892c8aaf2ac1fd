"""Whom an advocate should call about a STATE bill: their own state legislators.

The moment (who acts now) is decided as for a federal bill (``tracker.people.moment``);
the people are the advocate's own state senator and representative, from the districts
stored on the advocate and the legislators imported from openstates/people. Committee
members come first when the bill sits in a committee they are on (matched by the
committee's name in the latest referral). When the advocate's own are missing (no
districts set, or nobody imported for them) the bill's sponsors from the advocate's
state are named instead, and the plan says how to find one's districts: the state's
official lookup page. An advocate of another state gets nobody: only that state's
legislators vote on the bill. Members of Congress are never named for a state bill.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import (
    Bill,
    BillAction,
    CommitteeReferral,
    Cosponsor,
    StateCommitteeMember,
    StateLegislator,
)
from tracker.people.moment import (
    ContactAction,
    Moment,
    Relation,
    ask_for,
    bill_state,
    decide_moment,
)
from tracker.people.state_officials import own_legislators
from tracker.people.subscriptions import Stance

if TYPE_CHECKING:
    from tracker.people.contacts import ContactSuggestion

#: Where a resident finds their state legislative districts: the state's own lookup (the
#: legislature's, or the state election office's). A state missing here gets Open
#: States' finder, which covers every state; none is ever guessed from an address here.
DISTRICT_LOOKUP = {
    "ca": "https://findyourrep.legislature.ca.gov/",
    "ny": "https://www.nysenate.gov/find-my-senator",
    "tx": "https://wrm.capitol.texas.gov/home",
    "ky": "https://apps.legislature.ky.gov/findyourlegislator/findyourlegislator.html",
    "il": "https://www.elections.il.gov/ElectionOperations/DistrictLocator/DistrictOfficialSearchByAddress.aspx",
    "wa": "https://app.leg.wa.gov/districtfinder/",
}
FALLBACK_LOOKUP = "https://openstates.org/find_your_legislator/"
#: States whose lower chamber is the Assembly.
_ASSEMBLY_STATES = frozenset({"ca", "nv", "nj", "ny", "wi"})


def district_lookup_url(jurisdiction: str) -> str:
    return DISTRICT_LOOKUP.get(jurisdiction.lower(), FALLBACK_LOOKUP)


def districts_hint(jurisdiction: str) -> str:
    return (
        f"set your state districts (tracker advocates add EMAIL --state "
        f"{jurisdiction.upper()} --state-senate-district N --state-house-district N); "
        f"find them at {district_lookup_url(jurisdiction)}"
    )


def state_suggestions(
    session: Session,
    *,
    bill: Bill,
    stance: Stance,
    advocate_state: str,
    senate_district: str | None,
    house_district: str | None,
    today: date | None,
) -> tuple[Moment, list[ContactSuggestion], str | None]:
    """The moment, the suggestions, most useful first, and a hint line or None."""
    # Imported here: ``contacts`` dispatches to this module, so a top-level import cycles.
    from tracker.people.contacts import ContactSuggestion

    if today is None and bill.session_ended:
        today = date.max
    moment = decide_moment(bill_state(bill), today=today or date.min)
    jurisdiction = bill.jurisdiction
    if advocate_state.lower() != jurisdiction or moment.dead:
        return moment, [], None
    hint = None if senate_district or house_district else districts_hint(jurisdiction)
    own = own_legislators(
        session,
        jurisdiction=jurisdiction,
        senate_district=senate_district,
        house_district=house_district,
    )
    why_own = "is your state legislator"
    people: list[tuple[StateLegislator, str]] = [(p, why_own) for p in own]
    if not own:
        people = [(p, "sponsors the bill") for p in _sponsors(session, bill)]
    seats = _committee_seats(session, bill, [p for p, _ in people])
    backers = _backer_names(session, bill)
    found: list[ContactSuggestion] = []
    for person, why in people:
        title, spoken = _titles(person)
        committee = seats.get(person.person_id)
        relation = backers.get(person.name.lower(), Relation.NONE)
        ask = ask_for(
            moment,
            bioguide_id="",
            chamber=person.chamber,
            who=f"{spoken} {person.name}",
            relation=relation,
            committee=committee,
            stance=stance,
        )
        if ask is None:
            continue
        seat = f"district {person.district}"
        found.append(
            ContactSuggestion(
                bioguide_id="",
                name=person.name,
                title=title,
                chamber=person.chamber,
                state=jurisdiction.upper(),
                district=int(person.district) if person.district.isdecimal() else None,
                party=person.party,
                phone=person.phone,
                office_address=person.office_address,
                contact_form_url=None,
                website=person.website,
                relation=relation,
                action=ask.action,
                reasons=(*ask.reasons, f"{why} ({jurisdiction.upper()} {_body(person)}, {seat})"),
                priority=0,
                committee=committee,
                can_cosponsor=ask.can_cosponsor,
                request=ask.request,
            )
        )
    # Committee members first, then asks before thanks, then by name.
    found.sort(key=lambda s: (s.committee is None, s.action is not ContactAction.ASK, s.name))
    ranked = [replace(s, priority=rank) for rank, s in enumerate(found, start=1)]
    return moment, ranked, hint


def _titles(person: StateLegislator) -> tuple[str, str]:
    if person.chamber == "house" and person.jurisdiction in _ASSEMBLY_STATES:
        return "Asm.", "Assemblymember"
    if person.chamber == "house":
        return "Rep.", "Representative"
    return "Sen.", "Senator"


def _body(person: StateLegislator) -> str:
    if person.chamber == "legislature":
        return "Legislature"
    if person.chamber == "senate":
        return "Senate"
    return "Assembly" if person.jurisdiction in _ASSEMBLY_STATES else "House"


def _sponsors(session: Session, bill: Bill) -> list[StateLegislator]:
    """The bill's sponsor and cosponsors who sit in its legislature now, by name."""
    names = {bill.sponsor_name} if bill.sponsor_name else set()
    names |= set(session.scalars(select(Cosponsor.name).where(Cosponsor.bill_id == bill.id)))
    lowered = {n.lower() for n in names if n}
    if not lowered:
        return []
    rows = session.scalars(
        select(StateLegislator)
        .where(StateLegislator.jurisdiction == bill.jurisdiction)
        .order_by(StateLegislator.name)
    )
    return [p for p in rows if p.name.lower() in lowered]


def _backer_names(session: Session, bill: Bill) -> dict[str, Relation]:
    found = {
        n.lower(): Relation.COSPONSOR
        for n in session.scalars(select(Cosponsor.name).where(Cosponsor.bill_id == bill.id))
        if n
    }
    if bill.sponsor_name:
        found[bill.sponsor_name.lower()] = Relation.SPONSOR
    return found


def _committee_seats(session: Session, bill: Bill, people: list[StateLegislator]) -> dict[str, str]:
    """person id -> "<committee> committee (chair)", for the committees holding the bill:
    those Open States names on the bill as referred to (and not yet reported), and the
    one named in the words of the latest referral (not every state names the entity)."""
    if not people:
        return {}
    referral = session.scalar(
        select(BillAction.text)
        .where(BillAction.bill_id == bill.id, BillAction.action_type.like("%referral-committee%"))
        .order_by(BillAction.position.desc())
        .limit(1)
    )
    holding = {
        name.lower()
        for name in session.scalars(
            select(CommitteeReferral.name).where(
                CommitteeReferral.bill_id == bill.id,
                CommitteeReferral.latest_activity == "Referred to",
            )
        )
    }
    if not referral and not holding:
        return {}
    text = (referral or "").lower()
    seats: dict[str, str] = {}
    rows = session.scalars(
        select(StateCommitteeMember).where(
            StateCommitteeMember.jurisdiction == bill.jurisdiction,
            StateCommitteeMember.person_id.in_([p.person_id for p in people]),
        )
    )
    for seat in rows:
        name = seat.committee_name.lower()
        if name in holding or (text and name in text):
            role = f" ({seat.role})" if seat.role and seat.role != "member" else ""
            seats[seat.person_id] = f"{seat.committee_name} committee{role}"
    return seats
