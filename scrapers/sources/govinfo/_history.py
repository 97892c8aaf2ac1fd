"""What happened to the bill, as BILLSTATUS records it: actions, committees and their
activities, text versions and laws.

Owns the action list (put oldest first, each with the chamber that acted, worked out
from the President's codes, the source system, Library of Congress codes or the
wording), the committee and subcommittee list, the printed text versions and the
public/private law numbers. The stage itself is ``scrapers.stages.federal``'s business.
Imports lxml (through ``_xml``) and ``scrapers`` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from operator import attrgetter

from scrapers.model import (
    Action,
    Chamber,
    Committee,
    CommitteeActivity,
    Law,
    RecordedVote,
    TextVersion,
)
from scrapers.sources.govinfo._doc import CHAMBERS, Doc, is_digits
from scrapers.sources.govinfo._xml import (
    Element,
    field_texts,
    first_child,
    items,
    split_children,
    text_of,
    wrapped_items,
)
from scrapers.votes import votes_named_in_text

# --- actions ---------------------------------------------------------------------------


def read_actions(doc: Doc, parts: dict[str, Element]) -> tuple[Action, ...]:
    container = parts.get("actions")
    if container is None:
        raise doc.fail("bill/actions")
    congress = int(doc.required(parts, "bill/congress", "congress"))
    actions = [_read_action(doc, item, n, congress) for n, item in enumerate(items(container), 1)]
    # Sources list newest first; reverse, then a stable sort by date only repairs
    # dates out of order and keeps the (reversed) source order within one day.
    actions.reverse()
    actions.sort(key=attrgetter("on"))
    return tuple(actions)


def _read_action(doc: Doc, item: Element, n: int, congress: int) -> Action:
    fields, inner = split_children(item)
    source = inner.get("sourceSystem")
    system = text_of(first_child(source, "name")) if source is not None else None
    listed = inner.get("committees", inner.get("committee"))  # legacy: one <committee>
    on = doc.field_date(fields, "actionDate", f"bill/actions/item[{n}]")
    if on is None:
        raise doc.fail(f"bill/actions/item[{n}]/actionDate")
    code = fields.get("actionCode")
    text = (fields.get("text") or "").strip()
    return Action(
        on=on,
        text=text,
        chamber=_action_chamber(system, code, text),
        time=fields.get("actionTime"),
        code=code,
        action_type=fields.get("type"),
        source_system=system,
        committee_codes=_committee_codes(listed) if listed is not None else (),
        recorded_votes=_recorded_votes(inner.get("recordedVotes"), text, on, congress),
    )


# --- the roll calls an action reports ----------------------------------------------------


def _recorded_votes(
    listed: Element | None, text: str, on: date, congress: int
) -> tuple[RecordedVote, ...]:
    """3.0.0 ``<recordedVotes>`` of the action, else the votes its text names.

    Older files name a vote only in the text ("Roll no. 115", "Record Vote Number:
    331"); the action's date then gives the session. Where both exist, the listed
    ones win (they carry the session).
    """
    found = {(v.chamber, v.number): v for v in votes_named_in_text(text, on=on, congress=congress)}
    for element in listed.iterchildren("recordedVote") if listed is not None else ():
        vote = _listed_vote(element, on)
        if vote is not None:
            found[(vote.chamber, vote.number)] = vote
    return tuple(found.values())


def _listed_vote(element: Element, on: date) -> RecordedVote | None:
    fields = field_texts(element)
    chamber = CHAMBERS.get(fields.get("chamber"))
    numbers = [fields.get(k) or "" for k in ("rollNumber", "congress", "sessionNumber")]
    if chamber not in (Chamber.HOUSE, Chamber.SENATE) or not all(map(is_digits, numbers)):
        return None  # a vote we could not fetch anyway; the action itself still counts
    assert chamber is not None
    roll, congress, session = map(int, numbers)
    return RecordedVote(chamber=chamber, congress=congress, session=session, number=roll, on=on)


_PRESIDENT_CODES = frozenset({"E30000", "E40000", "31000", "36000", "41000"})
# Library of Congress (source 9) codes from the user guide, by the chamber they belong to.
_LOC_CODE_CHAMBER: dict[str, Chamber] = {
    **dict.fromkeys(
        ("1000", "Intro-H", "2000", "5000", "5500", "8000", "9000", "19500", "21000"), Chamber.HOUSE
    ),
    **dict.fromkeys(
        ("10000", "11000", "13100", "13200", "14000", "14500", "14900", "17000", "20500", "23000"),
        Chamber.SENATE,
    ),
}


def _action_chamber(system: str | None, code: str | None, text: str) -> Chamber | None:
    """Who acted: the President's codes, else the source system, else the code, else the text."""
    if code in _PRESIDENT_CODES:
        return Chamber.EXECUTIVE
    if system is not None:
        if system.startswith("House"):
            return Chamber.HOUSE
        if system.startswith("Senate"):
            return Chamber.SENATE
    if code is not None:
        chamber = _LOC_CODE_CHAMBER.get(code)
        if chamber is not None or code.startswith("H"):
            return chamber or Chamber.HOUSE
    return _chamber_named_in(text)


def _chamber_named_in(text: str) -> Chamber | None:
    if " in Senate" in text or text.startswith("Senate"):
        return Chamber.SENATE
    return Chamber.HOUSE if " in House" in text or text.startswith("House") else None


def _committee_codes(element: Element) -> tuple[str, ...]:
    # 1.0.0 and 3.0.0: <committees><item><systemCode>; legacy: one <committee>.
    listed = element if element.tag == "committees" else (element,)
    codes = (text_of(first_child(item, "systemCode")) for item in listed)
    return tuple(code for code in codes if code)


# --- committees ------------------------------------------------------------------------


def read_committees(doc: Doc, container: Element | None) -> tuple[Committee, ...]:
    found: list[Committee] = []
    for n, item in enumerate(wrapped_items(container, "billCommittees"), 1):
        parent = _read_committee(doc, item, f"bill/committees/item[{n}]", None, None)
        found.append(parent)
        for m, sub in enumerate(items(first_child(item, "subcommittees")), 1):  # few
            path = f"bill/committees/item[{n}]/subcommittees/item[{m}]"
            found.append(_read_committee(doc, sub, path, parent.code, parent.chamber))
    return tuple(found)


def _read_committee(
    doc: Doc, item: Element, path: str, parent_code: str | None, chamber: Chamber | None
) -> Committee:
    fields, inner = split_children(item)
    code = fields.get("systemCode")
    if code is None:
        raise doc.fail(f"{path}/systemCode")
    return Committee(
        code=code,
        name=fields.get("name") or code,
        chamber=CHAMBERS.get(fields.get("chamber")) or chamber,
        activities=tuple(_read_activities(doc, inner.get("activities"), path)),
        parent_code=parent_code,
    )


def _read_activities(doc: Doc, container: Element | None, path: str) -> Iterator[CommitteeActivity]:
    for n, item in enumerate(items(container), 1):
        fields = field_texts(item)
        when = doc.field_date(fields, "date", f"{path}/activities/item[{n}]")
        yield CommitteeActivity(name=fields.get("name") or "", on=when)


# --- text versions and laws ------------------------------------------------------------


def read_text_versions(doc: Doc, container: Element | None) -> tuple[TextVersion, ...]:
    versions = []
    for n, item in enumerate(items(container), 1):
        fields, inner = split_children(item)
        on = doc.field_date(fields, "date", f"bill/textVersions/item[{n}]")
        first = next(items(inner.get("formats")), None)
        url = text_of(first_child(first, "url")) if first is not None else None
        name = fields.get("type") or "Unnamed version"
        versions.append(TextVersion(name=name, on=on, url=url))
    return tuple(versions)


def read_laws(doc: Doc, container: Element | None) -> tuple[Law, ...]:
    laws = []
    for n, item in enumerate(items(container), 1):
        fields = field_texts(item)
        kind = (fields.get("type") or "").replace(" ", "").lower()  # "PublicLaw", "Public Law"
        number = fields.get("number")
        if kind not in ("publiclaw", "privatelaw") or number is None:
            raise doc.fail(f"bill/laws/item[{n}]", f"not a law: {kind!r} {number!r}")
        laws.append(Law(kind=kind.removesuffix("law"), number=number))
    return tuple(laws)
