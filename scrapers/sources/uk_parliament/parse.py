"""Parsing Bills API JSON into a ``BillSnapshot``: pure functions over saved documents.

Reads a bundle ``fetch_bill`` wrote (the bill, all its stages and its
publications, whose bill texts and Act become ``text_versions``), or a bill
as the API returns it on its own (``/api/v1/Bills/{id}``, or one item of a
``/api/v1/Bills`` search), whose only stage is then its current one.

Each stage sitting is an action (its date, the stage's name, the house). A
sitting dated after the bill record's own ``lastUpdate`` is announced, not
held: it goes to ``scheduled`` (the record cannot report on a sitting that had
not happened when it was written). Times in the API carry no zone; they are
London's.

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from scrapers.errors import ParseError, load_json
from scrapers.model import (
    Action,
    BillRef,
    BillSnapshot,
    Chamber,
    Cosponsor,
    Member,
    ScheduledEvent,
    ScheduledKind,
    TextVersion,
)
from scrapers.sources.uk_parliament.fetch import BUNDLE_FORMAT, SOURCE
from scrapers.stages.uk import UkStage, uk_stage

LONDON = ZoneInfo("Europe/London")
BILL_PAGE = "https://bills.parliament.uk/bills/{number}"
_HOUSES = {"commons": Chamber.COMMONS, "lords": Chamber.LORDS}
#: Publication types that are texts of the bill itself (Bills API ``publicationType.name``).
_TEXT_TYPES = frozenset({"Bill", "Act of Parliament"})


class _Bad(Exception):
    def __init__(self, path: str, problem: str = "missing") -> None:
        super().__init__(path)
        self.path = path
        self.problem = problem


def uk_ref(bill_id: int, session_id: int | str) -> BillRef:
    """``uk-{session}-bill{id}``: the API's session id, which never changes for a bill."""
    return BillRef(jurisdiction="uk", session=str(session_id), bill_type="bill", number=bill_id)


def bill_page_url(bill_id: int) -> str:
    return BILL_PAGE.format(number=bill_id)


def parse_document(content: bytes, *, where: str) -> BillSnapshot:
    """A bundle, or one bill as the API gives it; ``ParseError`` for anything else."""
    doc = load_json(content, source=SOURCE, where=where)
    try:
        if not isinstance(doc, dict):
            raise _Bad("$", "not a JSON object")
        if doc.get("format") == BUNDLE_FORMAT:
            bill = _obj(doc.get("bill"), "bill")
            raw_stages = doc.get("stages")
            if not isinstance(raw_stages, list):
                raise _Bad("stages", "missing or not a list")
            pubs = doc.get("publications", [])
            if not isinstance(pubs, list):
                raise _Bad("publications", "not a list")
            return _snapshot(
                bill,
                [_obj(s, f"stages[{i}]") for i, s in enumerate(raw_stages)],
                text_versions_of(pubs),
            )
        return parse_bill(doc)
    except _Bad as exc:
        raise ParseError(SOURCE, where, exc.path, exc.problem) from None


def parse_bill(bill: Mapping[str, Any]) -> BillSnapshot:
    """One bill on its own: its current stage is the only stage known."""
    current = bill.get("currentStage")
    stages = [_obj(current, "currentStage")] if current is not None else []
    return _snapshot(bill, stages)


def is_bill(doc: Any) -> bool:
    """A bundle, or a bill object as the API returns it (not a list, stages or publications)."""
    if not isinstance(doc, dict):
        return False
    if doc.get("format") == BUNDLE_FORMAT:
        return True
    return isinstance(doc.get("billId"), int) and "shortTitle" in doc and "currentStage" in doc


def text_versions_of(publications: list[Any]) -> tuple[TextVersion, ...]:
    """The bill's texts and its Act among its publications, oldest first.

    Amendment papers, proceedings, briefings and reports are left out: a new one
    is not a new text of the bill.
    """
    found = []
    for i, raw in enumerate(publications):
        pub = _obj(raw, f"publications[{i}]")
        kind = _obj(pub.get("publicationType"), f"publications[{i}].publicationType")
        if kind.get("name") not in _TEXT_TYPES:
            continue
        shown = _moment(pub.get("displayDate"), f"publications[{i}].displayDate")
        found.append(
            TextVersion(
                name=_text(pub, "title", f"publications[{i}]"),
                on=shown.date() if shown is not None else None,
                url=_text_link(pub.get("links")),
            )
        )
    return tuple(sorted(found, key=lambda t: (t.on is None, t.on or date.min)))


def _text_link(links: Any) -> str | None:
    listed = links if isinstance(links, list) else []
    usable = [
        link for link in listed if isinstance(link, dict) and isinstance(link.get("url"), str)
    ]
    # The HTML text reads in a browser; a PDF only when there is nothing else.
    usable.sort(key=lambda link: link.get("contentType") != "text/html")
    return usable[0]["url"] if usable else None


def _snapshot(
    bill: Mapping[str, Any],
    raw_stages: list[Mapping[str, Any]],
    text_versions: tuple[TextVersion, ...] = (),
) -> BillSnapshot:
    bill_id = _whole(bill, "billId")
    session_id = bill.get("introducedSessionId")
    if not isinstance(session_id, int):
        raise _Bad("introducedSessionId", "missing or not a number")
    updated = _moment(bill.get("lastUpdate"), "lastUpdate")
    ordered = sorted(enumerate(raw_stages), key=lambda pair: (_order(pair[1], pair[0]), pair[0]))
    stages = tuple(_stage(raw, f"stages[{i}]") for i, raw in ordered)
    held_until = updated.date() if updated is not None else None
    actions, scheduled = _sittings(stages, held_until)
    withdrawn = _moment(bill.get("billWithdrawn"), "billWithdrawn")
    origin = _house(bill.get("originatingHouse"))
    sponsor, cosponsors = _sponsors(bill.get("sponsors"))
    held = tuple(
        UkStage(name=s.name, house=s.house, sittings=_held_days(s, held_until)) for s in stages
    )
    title = _text(bill, "shortTitle")
    return BillSnapshot(
        ref=uk_ref(bill_id, session_id),
        source=SOURCE,
        source_url=bill_page_url(bill_id),
        title=title,
        official_title=_opt_text(bill, "longTitle"),
        short_title=title,
        origin_chamber=origin,
        introduced_on=actions[0].on if actions else None,
        updated_at=updated.astimezone(UTC) if updated is not None else None,
        sponsor=sponsor,
        cosponsors=cosponsors,
        actions=actions,
        scheduled=scheduled,
        text_versions=text_versions,
        stage=uk_stage(
            held,
            origin=origin,
            is_act=bill.get("isAct") is True,
            withdrawn_on=withdrawn.date() if withdrawn is not None else None,
            defeated=bill.get("isDefeated") is True,
        ),
    )


def _held_days(stage: UkStage, held_until: date | None) -> tuple[date, ...]:
    return tuple(day for day in stage.sittings if _held(day, held_until))


def _held(day: date, held_until: date | None) -> bool:
    return held_until is None or day <= held_until


def _sittings(
    stages: tuple[UkStage, ...], held_until: date | None
) -> tuple[tuple[Action, ...], tuple[ScheduledEvent, ...]]:
    actions: list[Action] = []
    scheduled: list[ScheduledEvent] = []
    for stage in stages:
        for day in stage.sittings:
            if _held(day, held_until):
                actions.append(Action(on=day, text=stage.name, chamber=stage.house))
            else:
                kind = (
                    ScheduledKind.MARKUP
                    if "committee" in stage.name.lower()
                    else ScheduledKind.FLOOR_VOTE
                )
                scheduled.append(
                    ScheduledEvent(kind=kind, on=day, chamber=stage.house, description=stage.name)
                )
    # Stable sort: sittings of one day keep Parliament's stage order.
    actions.sort(key=lambda a: a.on)
    scheduled.sort(key=lambda s: s.on)
    return tuple(actions), tuple(scheduled)


def _stage(raw: Mapping[str, Any], path: str) -> UkStage:
    name = _text(raw, "description", path)
    sittings = raw.get("stageSittings") or []
    if not isinstance(sittings, list):
        raise _Bad(f"{path}.stageSittings", "not a list")
    days = []
    for i, sitting in enumerate(sittings):
        moment = _moment(_obj(sitting, f"{path}.stageSittings[{i}]").get("date"), "date")
        if moment is not None:
            days.append(moment.date())
    house = _house(raw.get("house"))
    if house is None and "royal assent" in name.lower():
        house = Chamber.EXECUTIVE  # "Unassigned" in the API: the Crown's act, not a house's
    return UkStage(name=name, house=house, sittings=tuple(sorted(days)))


def _order(raw: Mapping[str, Any], default: int) -> int:
    value = raw.get("sortOrder")
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _sponsors(raw: Any) -> tuple[Member | None, tuple[Cosponsor, ...]]:
    if raw is None:
        return None, ()
    if not isinstance(raw, list):
        raise _Bad("sponsors", "not a list")
    entries = sorted(
        (_obj(s, f"sponsors[{i}]") for i, s in enumerate(raw)),
        key=lambda s: _order(s, 0),
    )
    members = [m for i, s in enumerate(entries) if (m := _member(s, f"sponsors[{i}]"))]
    if not members:
        return None, ()
    rest = tuple(Cosponsor(member=m, sponsored_on=None) for m in members[1:])
    return members[0], rest


def _member(entry: Mapping[str, Any], path: str) -> Member | None:
    member = entry.get("member")
    if isinstance(member, dict):
        return Member(
            bioguide_id=None,
            name=_text(member, "name", f"{path}.member"),
            party=_opt_text(member, "party"),
        )
    # A government department sponsoring without a named minister.
    org = entry.get("organisation")
    if isinstance(org, dict) and isinstance(org.get("name"), str):
        return Member(bioguide_id=None, name=org["name"].strip())
    return None


def _house(value: Any) -> Chamber | None:
    return _HOUSES.get(value.strip().lower()) if isinstance(value, str) else None


def _obj(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(path, "missing or not an object")
    return value


def _whole(obj: Mapping[str, Any], key: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise _Bad(key, "missing or not a positive number")
    return value


def _text(obj: Mapping[str, Any], key: str, path: str = "") -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"{path}.{key}" if path else key, "missing or empty")
    return " ".join(value.split())


def _opt_text(obj: Mapping[str, Any], key: str) -> str | None:
    value = obj.get(key)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _moment(value: Any, path: str) -> datetime | None:
    """A London wall-clock stamp (``2021-05-04T10:42:08.0579851``, 7 fractional digits)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(path, "not a date")
    text = value.strip()
    head, _, fraction = text.partition(".")
    try:
        moment = datetime.fromisoformat(head)
    except ValueError:
        raise _Bad(path, f"not a date: {value!r}") from None
    if fraction.rstrip("Z").isdigit():
        moment = moment.replace(microsecond=int(fraction.rstrip("Z")[:6].ljust(6, "0")))
    return moment.replace(tzinfo=LONDON) if moment.tzinfo is None else moment
