"""Open States API v3 bill objects -> ``BillSnapshot`` (pure; no HTTP).

Reads one bill object (``/bills/{jurisdiction}/{session}/{id}``) or a ``/bills``
page (``{"results": [...], "pagination": ...}``) as saved. Actions come in
Open States' ``order`` which is not always date order (Kentucky's SB 197 lists a
House action between two Senate ones of the same day): they are sorted by date,
then ``order``, then position, so the sort is stable. Each action keeps its
classifications (``Action.action_type``, comma-separated) and the acting
organisation's chamber; ``scrapers.stages.openstates`` turns them into a stage.

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from scrapers.errors import ParseError, load_json
from scrapers.model import (
    Action,
    BillRef,
    BillSnapshot,
    Chamber,
    Committee,
    CommitteeActivity,
    Cosponsor,
    Member,
    Summary,
    TextVersion,
)
from scrapers.sources.openstates.refs import bill_page_url, state_ref
from scrapers.stages.openstates import StateAction, chamber_of, compute_state_stage

SOURCE = "openstates"
_RESOLUTION_WORDS = ("resolution", "joint resolution", "concurrent resolution")


@dataclass(frozen=True, slots=True, kw_only=True)
class StateVote:
    """A chamber vote as Open States reports it (counts and result, not each member)."""

    motion: str
    on: date | None
    chamber: Chamber | None
    result: str  # "pass" / "fail"
    counts: tuple[tuple[str, int], ...]  # ("yes", 36), ("no", 0), ("other", 2)
    voters: int  # how many member votes the response lists


def bill_objects(content: bytes, where: str) -> list[Mapping[str, Any]]:
    """The bill objects in a saved response: one bill, or every bill of a ``/bills`` page."""
    doc = load_json(content, source=SOURCE, where=where)
    bills: list[Any] = (
        doc["results"] if isinstance(doc, dict) and isinstance(doc.get("results"), list) else [doc]
    )
    for i, bill in enumerate(bills):
        if not _is_bill(bill):
            raise ParseError(SOURCE, where, f"results[{i}]", "not an Open States bill")
    return bills


def recognises(content: bytes) -> bool:
    """True for a saved v3 bill object or ``/bills`` page."""
    if b"ocd-bill/" not in content[:4096] and b'"openstates_url"' not in content:
        return False
    try:
        bills = bill_objects(content, "-")
    except ParseError:
        return False
    return bool(bills)


def _is_bill(obj: Any) -> bool:
    return (
        isinstance(obj, dict)
        and isinstance(obj.get("id"), str)
        and obj["id"].startswith("ocd-bill/")
        and isinstance(obj.get("identifier"), str)
        and isinstance(obj.get("session"), str)
    )


def jurisdiction_code(bill: Mapping[str, Any], where: str) -> str:
    """``tx`` from ``ocd-jurisdiction/country:us/state:tx/government``."""
    value = bill.get("jurisdiction")
    ocd = value.get("id") if isinstance(value, dict) else value
    if not isinstance(ocd, str):
        raise ParseError(SOURCE, where, "jurisdiction.id", "missing")
    for part in ocd.split("/"):
        kind, _, code = part.partition(":")
        if kind in {"state", "district", "territory"} and code:
            return code.lower()
    raise ParseError(SOURCE, where, "jurisdiction.id", f"not a state: {ocd}")


def ref_of(bill: Mapping[str, Any], where: str) -> BillRef:
    code = jurisdiction_code(bill, where)
    ref = state_ref(code, str(bill["session"]), str(bill["identifier"]))
    if ref is None:
        raise ParseError(SOURCE, where, "identifier", f"unreadable: {bill['identifier']!r}")
    return ref


def parse_bill(bill: Mapping[str, Any], *, where: str) -> BillSnapshot:
    """The snapshot of one v3 bill object; ``ParseError`` on a missing essential."""
    if not _is_bill(bill):
        raise ParseError(SOURCE, where, "$", "not an Open States bill")
    ref = ref_of(bill, where)
    origin = _origin(bill)
    actions = _actions(bill.get("actions") or [], where)
    state_actions = [
        StateAction(on=a.on, classifications=_classifications(a), chamber=a.chamber)
        for a in actions
    ]
    kinds = [str(c).lower() for c in bill.get("classification") or []]
    resolution = any(k in _RESOLUTION_WORDS for k in kinds) and "bill" not in kinds
    introduced_on = _day(bill.get("first_action_date")) or (actions[0].on if actions else None)
    stage = compute_state_stage(
        state_actions, origin=origin, resolution=resolution, introduced_on=introduced_on
    )
    sponsor, cosponsors = _sponsors(bill.get("sponsorships") or [], ref.jurisdiction)
    committees = _committees(bill.get("actions") or [])
    title = str(bill.get("title") or "").strip() or f"{ref.bill_type.upper()} {ref.number}"
    url = bill.get("openstates_url")
    return BillSnapshot(
        ref=ref,
        source=SOURCE,
        source_url=url
        if isinstance(url, str) and url.startswith("https://")
        else bill_page_url(ref),
        title=title,
        official_title=title,
        origin_chamber=origin,
        introduced_on=introduced_on,
        updated_at=_moment(bill.get("updated_at")),
        sponsor=sponsor,
        cosponsors=cosponsors,
        committees=committees,
        actions=actions,
        text_versions=_versions(bill.get("versions") or []),
        subjects=tuple(str(s) for s in bill.get("subject") or [] if isinstance(s, str)),
        latest_summary=_summary(bill.get("abstracts") or []),
        stage=stage,
    )


def parse_votes(bill: Mapping[str, Any]) -> tuple[StateVote, ...]:
    """The chamber votes of a bill object (``include=votes``), oldest first."""
    votes = []
    for vote in bill.get("votes") or []:
        if not isinstance(vote, dict):
            continue
        org = vote.get("organization")
        counts = tuple(
            (str(c.get("option")), int(c.get("value") or 0))
            for c in vote.get("counts") or []
            if isinstance(c, dict)
        )
        votes.append(
            StateVote(
                motion=str(vote.get("motion_text") or ""),
                on=_day(vote.get("start_date")),
                chamber=chamber_of(org.get("classification") if isinstance(org, dict) else None),
                result=str(vote.get("result") or ""),
                counts=counts,
                voters=len(vote.get("votes") or []),
            )
        )
    return tuple(sorted(votes, key=lambda v: v.on or date.min))


def _origin(bill: Mapping[str, Any]) -> Chamber:
    org = bill.get("from_organization")
    found = chamber_of(org.get("classification") if isinstance(org, dict) else None)
    if found is not None and found is not Chamber.EXECUTIVE:
        return found
    # No organisation: the usual prefixes (S... upper, else lower).
    return (
        Chamber.SENATE if str(bill.get("identifier", "")).upper().startswith("S") else Chamber.HOUSE
    )


def _classifications(action: Action) -> tuple[str, ...]:
    return tuple(action.action_type.split(",")) if action.action_type else ()


def _actions(items: Sequence[Any], where: str) -> tuple[Action, ...]:
    keyed = []
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise ParseError(SOURCE, where, f"actions[{position}]", "not an object")
        on = _day(item.get("date"))
        if on is None:
            raise ParseError(SOURCE, where, f"actions[{position}].date", "missing")
        org = item.get("organization")
        kinds = [str(c) for c in item.get("classification") or [] if isinstance(c, str)]
        order = item.get("order")
        action = Action(
            on=on,
            text=str(item.get("description") or "").strip(),
            chamber=chamber_of(org.get("classification") if isinstance(org, dict) else None),
            action_type=",".join(kinds)[:200] or None,  # the stored column's width
        )
        keyed.append((on, order if isinstance(order, int) else position, position, action))
    keyed.sort(key=lambda k: (k[0], k[1], k[2]))
    return tuple(k[3] for k in keyed)


#: What a committee did, by the action's classification (the federal activity names).
_COMMITTEE_ACTIVITY = {
    "referral-committee": "Referred to",
    "committee-passage": "Reported by",
    "committee-passage-favorable": "Reported by",
    "committee-passage-unfavorable": "Reported by",
    "committee-failure": "Failed in",
}


def committee_code(chamber: Chamber | None, name: str) -> str:
    """A short stable code for a state committee (Open States gives names, not codes):
    the chamber's letter and a digest of the name, 16 characters at most."""
    letter = {Chamber.SENATE: "s", Chamber.HOUSE: "h", Chamber.LEGISLATURE: "l"}.get(
        chamber or Chamber.JOINT, "j"
    )
    return f"{letter}-{hashlib.sha1(name.lower().encode()).hexdigest()[:12]}"


def _committees(items: Sequence[Any]) -> tuple[Committee, ...]:
    """Committees the actions name (``related_entities``), with what each did, by date."""
    found: dict[str, tuple[str, Chamber | None, list[CommitteeActivity]]] = {}
    dated = sorted(
        (i for i in items if isinstance(i, dict) and _day(i.get("date"))),
        key=lambda i: (
            _day(i.get("date")),
            i.get("order") if isinstance(i.get("order"), int) else 0,
        ),
    )
    for item in dated:
        kinds = [c for c in item.get("classification") or [] if c in _COMMITTEE_ACTIVITY]
        if not kinds:
            continue
        org = item.get("organization")
        chamber = chamber_of(org.get("classification") if isinstance(org, dict) else None)
        for entity in item.get("related_entities") or []:
            if not isinstance(entity, dict) or entity.get("entity_type") != "organization":
                continue
            name = str(entity.get("name") or "").strip()
            if not name:
                continue
            code = committee_code(chamber, name)
            entry = found.setdefault(code, (name, chamber, []))
            entry[2].append(
                CommitteeActivity(name=_COMMITTEE_ACTIVITY[kinds[-1]], on=_day(item.get("date")))
            )
    return tuple(
        Committee(code=code, name=name, chamber=chamber, activities=tuple(acts))
        for code, (name, chamber, acts) in found.items()
    )


def _sponsors(
    items: Sequence[Any], jurisdiction: str
) -> tuple[Member | None, tuple[Cosponsor, ...]]:
    sponsor: Member | None = None
    cosponsors: list[Cosponsor] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        member = _member(item, jurisdiction)
        if sponsor is None and item.get("primary") is True:
            sponsor = member
        else:
            cosponsors.append(Cosponsor(member=member, sponsored_on=None))
    return sponsor, tuple(cosponsors)


def _member(item: Mapping[str, Any], jurisdiction: str) -> Member:
    person = item.get("person") if isinstance(item.get("person"), dict) else {}
    assert isinstance(person, dict)
    role = person.get("current_role") if isinstance(person.get("current_role"), dict) else {}
    assert isinstance(role, dict)
    district = str(role.get("district") or "")
    return Member(
        bioguide_id=None,
        name=str(person.get("name") or item.get("name") or "").strip(),
        party=party_letter(person.get("party")),
        state=jurisdiction.upper(),
        district=int(district) if district.isdecimal() else None,
    )


#: Parties as the federal sources write them (one or two letters): the tracker stores
#: and prints them so ("Phillip Wheeler (R)"). Others become their initials.
_PARTY_LETTERS = {
    "republican": "R",
    "democratic": "D",
    "democrat": "D",
    "independent": "I",
    "libertarian": "L",
    "green": "G",
    "nonpartisan": "NP",
}


def party_letter(value: Any) -> str | None:
    """``R`` for ``Republican``; initials for a party not in the table."""
    if not isinstance(value, str) or not value.strip():
        return None
    name = value.strip()
    known = _PARTY_LETTERS.get(name.lower())
    if known is not None:
        return known
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()[:8] or None


def _versions(items: Sequence[Any]) -> tuple[TextVersion, ...]:
    out = []
    for item in items:
        if not isinstance(item, dict):
            continue
        links = [link for link in item.get("links") or [] if isinstance(link, dict)]
        url = links[0].get("url") if links else None
        out.append(
            TextVersion(
                name=str(item.get("note") or "version"),
                on=_day(item.get("date")),
                url=url if isinstance(url, str) else None,
            )
        )
    return tuple(out)


def _summary(items: Sequence[Any]) -> Summary | None:
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("abstract"), str) and item["abstract"]:
            note = item.get("note")
            return Summary(
                version_code=None,
                action_on=None,
                action_desc=note if isinstance(note, str) and note else None,
                text=item["abstract"].strip(),
            )
    return None


def _day(value: Any) -> date | None:
    # Dates come as "2025-02-20" or "2026-02-13T05:00:00+00:00" (midnight Eastern
    # written in UTC): the legislature's calendar day is the first ten characters.
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    # Stored and compared with other stamps in UTC (a stamp without a zone is UTC).
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
