"""Whom an advocate should contact about a UK Parliament bill: their MP and its sponsors.

Westminster has no senators or state delegations, so nothing of the
congressional call plan applies; a UK bill gets its own, short answer:

1. The advocate's MP, found by the advocate's constituency among the MPs the
   operator imported from the Members API (``tracker officials import --uk``).
   Exactly one sitting MP must hold that constituency; otherwise, and when
   no MPs were imported or the advocate gave no constituency, the official
   "find your MP" page is suggested instead. Never a guess, never a member of
   Congress.
2. The bill's sponsors (as the Bills API names them), thanked or urged.

A bill that can no longer move (withdrawn, defeated) asks nothing of anybody.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, Cosponsor, UkMember
from scrapers.model import Stage
from tracker.people.contacts import CallPlan, ContactSuggestion
from tracker.people.moment import ContactAction, Moment, MomentKind, Relation
from tracker.people.subscriptions import Stance
from tracker.people.uk_members import mp_for

#: The UK Parliament's own page to find one's MP by postcode.
FIND_YOUR_MP = "https://members.parliament.uk/FindYourMP"
MEMBER_CONTACT_PAGE = "https://members.parliament.uk/member/{member_id}/contact"
#: Chamber values a UK suggestion carries ("parliament": a sponsor whose house is not known).
UK_CHAMBERS = frozenset({"commons", "lords", "parliament"})

_MOMENTS = {
    Stage.INTRODUCED: MomentKind.FLOOR,
    Stage.IN_COMMITTEE: MomentKind.IN_COMMITTEE,
    Stage.REPORTED: MomentKind.FLOOR,
    Stage.PASSED_ONE_CHAMBER: MomentKind.PASSED_CHAMBER,
    Stage.RESOLVING_DIFFERENCES: MomentKind.FLOOR,
    Stage.ENACTED: MomentKind.ENACTED,
    Stage.FAILED: MomentKind.DEAD,
    Stage.STALLED: MomentKind.DEAD,
}
_HOUSE = {"commons": "the Commons", "lords": "the Lords"}


def uk_moment(bill: Bill) -> Moment:
    """Where the bill stands, in plain words, for the call plan's headline."""
    stage = Stage(bill.stage) if bill.stage else None
    kind = _MOMENTS.get(stage, MomentKind.UNKNOWN) if stage else MomentKind.UNKNOWN
    acting = bill.next_chamber if bill.next_chamber in _HOUSE else None
    if kind is MomentKind.ENACTED:
        headline = "It received Royal Assent: it is law."
    elif kind is MomentKind.DEAD:
        headline = "It can no longer move in this session."
    elif kind is MomentKind.PASSED_CHAMBER and bill.stage_chamber in _HOUSE:
        other = "the Lords" if bill.stage_chamber == "commons" else "the Commons"
        headline = f"It passed {_HOUSE[bill.stage_chamber]}; {other} takes it next."
    elif acting:
        headline = f"It is before {_HOUSE[acting]}."
    else:
        headline = ""
    return Moment(
        kind=kind,
        asked=(acting,) if acting else (),
        voted=(),
        origin=bill.stage_chamber if kind is MomentKind.FLOOR else None,
        headline=headline,
        died_on=bill.stage_date if kind is MomentKind.DEAD else None,
    )


def uk_call_plan(
    session: Session, *, bill: Bill, constituency: str | None, stance: Stance
) -> CallPlan:
    """The moment and the calls, most useful first: the advocate's MP, then the sponsors."""
    moment = uk_moment(bill)
    if moment.dead:
        return CallPlan(moment=moment, suggestions=())
    found: list[ContactSuggestion] = []
    sponsors = _sponsor_names(session, bill)
    mp = mp_for(session, constituency)
    if mp is not None:
        found.append(_mp(mp, sponsors, stance, moment, constituency or ""))
    elif moment.kind is not MomentKind.ENACTED:
        found.append(_find_your_mp(stance, constituency))
    for name in sponsors:
        if mp is not None and name == mp.name:
            continue
        found.append(_sponsor(session, name, stance, first=name == sponsors[0]))
    ranked = tuple(replace(s, priority=rank) for rank, s in enumerate(found, start=1))
    return CallPlan(moment=moment, suggestions=ranked)


def _sponsor_names(session: Session, bill: Bill) -> list[str]:
    names = [bill.sponsor_name] if bill.sponsor_name else []
    rows = session.scalars(
        select(Cosponsor.name)
        .where(Cosponsor.bill_id == bill.id, Cosponsor.withdrawn_on.is_(None))
        .order_by(Cosponsor.id)
    )
    return names + [n for n in rows if n not in names]


def _ask(stance: Stance, relation: Relation) -> tuple[ContactAction, str]:
    if stance is Stance.SUPPORT:
        if relation is Relation.SPONSOR:
            return ContactAction.THANK, "Thank you for bringing this bill forward."
        return ContactAction.ASK, "I ask you to support it at every stage."
    if stance is Stance.OPPOSE:
        if relation is Relation.SPONSOR:
            return ContactAction.URGE_WITHDRAW, "I urge you to withdraw it."
        return ContactAction.URGE_OPPOSE, "I urge you to oppose it."
    return ContactAction.INFORM, "I am following it and would like to know your view."


def _mp(
    mp: UkMember, sponsors: list[str], stance: Stance, moment: Moment, constituency: str
) -> ContactSuggestion:
    relation = Relation.SPONSOR if mp.name in sponsors else Relation.NONE
    action, request = _ask(stance, relation)
    if moment.kind is MomentKind.ENACTED and action is ContactAction.ASK:
        action, request = ContactAction.INFORM, "It is law now; I would like to know your view."
    reasons = [f"your MP ({mp.constituency or constituency})"]
    if relation is Relation.SPONSOR:
        reasons.insert(0, "sponsors the bill")
    return ContactSuggestion(
        bioguide_id="",
        name=mp.name,
        title="MP",
        chamber="commons",
        state="",
        district=None,
        party=mp.party,
        phone=mp.phone,
        office_address=None,
        contact_form_url=MEMBER_CONTACT_PAGE.format(member_id=mp.member_id),
        website=None,
        relation=relation,
        action=action,
        reasons=tuple(reasons),
        priority=0,
        request=request,
    )


def _find_your_mp(stance: Stance, constituency: str | None) -> ContactSuggestion:
    action, request = _ask(stance, Relation.NONE)
    why = (
        f"no MP on record for {constituency!r}: find yours by postcode"
        if constituency
        else "find your MP by postcode"
    )
    return ContactSuggestion(
        bioguide_id="",
        name="Your MP",
        title="",
        chamber="commons",
        state="",
        district=None,
        party=None,
        phone=None,
        office_address=None,
        contact_form_url=FIND_YOUR_MP,
        website=FIND_YOUR_MP,
        relation=Relation.NONE,
        action=action,
        reasons=(why,),
        priority=0,
        request=request,
    )


def _sponsor(session: Session, name: str, stance: Stance, *, first: bool) -> ContactSuggestion:
    action, request = _ask(stance, Relation.SPONSOR)
    # Phone and page only when exactly one sitting MP has that name: never a namesake's.
    matches = list(
        session.scalars(select(UkMember).where(UkMember.name == name, UkMember.in_office.is_(True)))
    )
    member = matches[0] if len(matches) == 1 else None
    return ContactSuggestion(
        bioguide_id="",
        name=name,
        title="MP" if member is not None else "",
        chamber="commons" if member is not None else "parliament",
        state="",
        district=None,
        party=member.party if member is not None else None,
        phone=member.phone if member is not None else None,
        office_address=None,
        contact_form_url=(
            MEMBER_CONTACT_PAGE.format(member_id=member.member_id) if member is not None else None
        ),
        website=None,
        relation=Relation.SPONSOR,
        action=action,
        reasons=("sponsors the bill" if first else "a sponsor of the bill",),
        priority=0,
        request=request,
    )
