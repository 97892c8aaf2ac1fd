"""Parsing a Congress.gov API bundle into a ``BillSnapshot``: a pure function.

Reads the JSON bundle ``fetch.fetch_bill`` writes: the bill item plus its
actions, cosponsors, committees, text versions, summaries, subjects and
titles. A missing or malformed required key raises ``ParseError`` naming the
path (``bill.number``, ``actions[3].actionDate``): a half-filled snapshot
would become a false alert or a missed one.

Imports ``scrapers`` and the standard library only; no HTTP here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
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
    Law,
    Member,
    Summary,
    TextVersion,
)
from scrapers.refs import congress_gov_url, federal_ref
from scrapers.sources.congress_gov._values import (
    Malformed,
    chamber_of,
    day,
    html_to_text,
    need_list,
    need_obj,
    need_str,
    need_whole,
    opt_code,
    opt_day,
    opt_list,
    opt_obj,
    opt_str,
    opt_whole,
    utc_moment,
)
from scrapers.sources.congress_gov.fetch import BUNDLE_FORMAT, BUNDLE_LISTS, SOURCE, change_stamp
from scrapers.stages.federal import compute_federal_stage

_SOURCE_SYSTEM_CHAMBERS = {"0": Chamber.SENATE, "1": Chamber.HOUSE, "2": Chamber.HOUSE}
#: Library of Congress action codes are numbered by who acts
#: (https://www.congress.gov/help/field-values/action-codes); [low, high).
_LOC_CODE_CHAMBERS: tuple[tuple[int, int, Chamber], ...] = (
    (1000, 10000, Chamber.HOUSE),  # introduced .. failed of passage in House
    (10000, 19000, Chamber.SENATE),  # introduced .. failed of passage in Senate
    (19000, 20000, Chamber.HOUSE),  # resolving differences, House actions
    (20000, 20800, Chamber.SENATE),  # resolving differences, Senate actions
    (21000, 23000, Chamber.HOUSE),  # conference report agreed/disagreed in House
    (23000, 25000, Chamber.SENATE),  # conference report agreed/disagreed in Senate
    (25000, 26000, Chamber.HOUSE),  # roll call votes in House
    (26000, 27000, Chamber.SENATE),  # roll call votes in Senate
    (28000, 31000, Chamber.EXECUTIVE),  # presented, signed, pocket vetoed
)
_LOC_WORD_CODES = {"Intro-H": Chamber.HOUSE, "Intro-S": Chamber.SENATE}
_LAW_KINDS = {"public law": "public", "private law": "private"}
#: Which of a text version's formats to link, best first.
_TEXT_FORMATS = ("Formatted Text", "PDF", "Formatted XML", "Generated HTML")


def parse_bundle(content: bytes, *, where: str, source_url: str | None = None) -> BillSnapshot:
    """The snapshot in a bundle; ``source_url`` defaults to the bill's congress.gov page."""
    doc = load_json(content, source=SOURCE, where=where)
    try:
        return _snapshot(need_obj(doc, "$"), source_url)
    except Malformed as exc:
        raise ParseError(SOURCE, where, exc.path, exc.problem) from None


def _snapshot(doc: Mapping[str, Any], source_url: str | None) -> BillSnapshot:
    if doc.get("format") != BUNDLE_FORMAT:
        raise Malformed("format", f"not {BUNDLE_FORMAT}")
    bill = need_obj(doc.get("bill"), "bill")
    ref = _ref(bill)
    lists = {key: need_list(doc.get(key), key) for key in BUNDLE_LISTS}
    titles = _titles(lists["titles"], bill)
    actions = _actions(lists["actions"])
    laws = _laws(bill)
    return BillSnapshot(
        ref=ref,
        source=SOURCE,
        source_url=source_url or congress_gov_url(ref),
        title=titles.display,
        official_title=titles.official,
        short_title=titles.short,
        popular_title=titles.popular,
        origin_chamber=chamber_of(bill.get("originChamber")),
        introduced_on=opt_day(bill, "introducedDate", "bill"),
        updated_at=_updated_at(bill),
        sponsor=_sponsor(bill),
        cosponsors=_cosponsors(lists["cosponsors"]),
        committees=_committees(lists["committees"]),
        actions=actions,
        text_versions=_text_versions(lists["text_versions"]),
        laws=laws,
        subjects=_subjects(lists["subjects"]),
        policy_area=_policy_area(bill),
        latest_summary=_latest_summary(lists["summaries"]),
        stage=compute_federal_stage(actions, bill_type=ref.bill_type, laws=laws),
    )


# --- the bill item -------------------------------------------------------------------


def _ref(bill: Mapping[str, Any]) -> BillRef:
    congress = need_whole(bill, "congress", "bill")
    number = need_whole(bill, "number", "bill")
    bill_type = need_str(bill, "type", "bill")
    ref = federal_ref(bill_type, number, congress)
    if ref is None:
        raise Malformed("bill.type", f"not a federal bill: {bill_type} {number} ({congress})")
    return ref


@dataclass(frozen=True, slots=True)
class _Titles:
    display: str
    official: str | None
    short: str | None
    popular: str | None


def _titles(raw: list[Any], bill: Mapping[str, Any]) -> _Titles:
    entries = [_title_entry(item, f"titles[{i}]") for i, item in enumerate(raw)]
    shown = next((t for kind, t in entries if kind == "Display Title"), None)
    shorts = [t for kind, t in entries if kind.startswith("Short Title")]
    officials = [t for kind, t in entries if kind.startswith("Official Title")]
    # A bill has several short titles; Congress.gov's display title says which
    # one it shows (H.R. 21, 117th: "FedRAMP Authorization Act", not the long one).
    short = shown if shown in shorts else next(iter(shorts), None)
    official = next(
        (t for kind, t in entries if kind == "Official Title as Introduced"),
        next(iter(officials), None),
    )
    popular = next((t for kind, t in entries if kind.startswith("Popular Title")), None)
    display = short or official or opt_str(bill, "title", "bill")
    if display is None:
        raise Malformed("bill.title", "missing, and no titles")
    return _Titles(display=display, official=official, short=short, popular=popular)


def _title_entry(raw: Any, path: str) -> tuple[str, str]:
    obj = need_obj(raw, path)
    return need_str(obj, "titleType", path), need_str(obj, "title", path)


def _updated_at(bill: Mapping[str, Any]) -> datetime | None:
    stamp = change_stamp(bill)
    return None if stamp is None else utc_moment(stamp, "bill.updateDate")


def _sponsor(bill: Mapping[str, Any]) -> Member | None:
    sponsors = opt_list(bill.get("sponsors"), "bill.sponsors")
    if not sponsors:
        return None
    return _member(need_obj(sponsors[0], "bill.sponsors[0]"), "bill.sponsors[0]")


def _member(obj: Mapping[str, Any], path: str) -> Member:
    return Member(
        bioguide_id=opt_str(obj, "bioguideId", path),
        name=need_str(obj, "fullName", path),
        party=opt_str(obj, "party", path),
        state=opt_str(obj, "state", path),
        district=opt_whole(obj, "district", path),  # senators have none
        # Older answers say byRequestType (null when not), newer isByRequest "Y"/"N".
        by_request=bool(obj.get("byRequestType")) or obj.get("isByRequest") == "Y",
    )


def _laws(bill: Mapping[str, Any]) -> tuple[Law, ...]:
    laws = []
    for i, item in enumerate(opt_list(bill.get("laws"), "bill.laws")):
        path = f"bill.laws[{i}]"
        obj = need_obj(item, path)
        kind = _LAW_KINDS.get(need_str(obj, "type", path).lower())
        if kind is None:
            raise Malformed(f"{path}.type", "neither Public Law nor Private Law")
        laws.append(Law(kind=kind, number=need_str(obj, "number", path)))
    return tuple(laws)


def _policy_area(bill: Mapping[str, Any]) -> str | None:
    area = opt_obj(bill.get("policyArea"), "bill.policyArea")
    return opt_str(area, "name", "bill.policyArea")


# --- sub-resources -------------------------------------------------------------------


def _actions(raw: list[Any]) -> tuple[Action, ...]:
    parsed = [_action(item, f"actions[{i}]") for i, item in enumerate(raw)]
    # The API lists newest first, and within a day latest first (H.R. 21, 117th:
    # 12:17:16 before 12:05:23 on 2021-01-05), so reversing gives oldest first;
    # the stable sort by date only repairs a list that is not strictly in order.
    parsed.reverse()
    return tuple(sorted(parsed, key=lambda action: action.on))


def _action(raw: Any, path: str) -> Action:
    obj = need_obj(raw, path)
    system = opt_obj(obj.get("sourceSystem"), f"{path}.sourceSystem")
    code = opt_code(obj, "actionCode", path)
    return Action(
        on=day(obj.get("actionDate"), f"{path}.actionDate"),
        text=need_str(obj, "text", path),
        chamber=_action_chamber(opt_code(system, "code", f"{path}.sourceSystem"), code),
        time=opt_str(obj, "actionTime", path),
        code=code,
        action_type=opt_str(obj, "type", path),
        source_system=opt_str(system, "name", f"{path}.sourceSystem"),
        committee_codes=_committee_codes(obj.get("committees"), f"{path}.committees"),
    )


def _action_chamber(system: str | None, code: str | None) -> Chamber | None:
    if system in _SOURCE_SYSTEM_CHAMBERS:
        return _SOURCE_SYSTEM_CHAMBERS[system]
    if code is None:
        return None
    if code in _LOC_WORD_CODES:
        return _LOC_WORD_CODES[code]
    if not code.isdecimal():
        return None
    number = int(code)
    return next((ch for low, high, ch in _LOC_CODE_CHAMBERS if low <= number < high), None)


def _committee_codes(raw: Any, path: str) -> tuple[str, ...]:
    items = opt_list(raw, path)
    return tuple(
        need_str(need_obj(c, f"{path}[{i}]"), "systemCode", f"{path}[{i}]")
        for i, c in enumerate(items)
    )


def _cosponsors(raw: list[Any]) -> tuple[Cosponsor, ...]:
    return tuple(_cosponsor(item, f"cosponsors[{i}]") for i, item in enumerate(raw))


def _cosponsor(raw: Any, path: str) -> Cosponsor:
    obj = need_obj(raw, path)
    original = obj.get("isOriginalCosponsor")
    if original is not None and not isinstance(original, bool):
        raise Malformed(f"{path}.isOriginalCosponsor", "not true or false")
    return Cosponsor(
        member=_member(obj, path),
        sponsored_on=opt_day(obj, "sponsorshipDate", path),
        withdrawn_on=opt_day(obj, "sponsorshipWithdrawnDate", path),
        is_original=bool(original),
    )


def _subjects(raw: list[Any]) -> tuple[str, ...]:
    return tuple(
        need_str(need_obj(item, f"subjects[{i}]"), "name", f"subjects[{i}]")
        for i, item in enumerate(raw)
    )


def _committees(raw: list[Any]) -> tuple[Committee, ...]:
    committees: list[Committee] = []
    for i, item in enumerate(raw):
        path = f"committees[{i}]"
        obj = need_obj(item, path)
        parent = _committee(obj, path, chamber=None, parent_code=None)
        committees.append(parent)
        subs = opt_list(obj.get("subcommittees"), f"{path}.subcommittees")
        committees.extend(
            _committee(
                need_obj(sub, f"{path}.subcommittees[{j}]"),
                f"{path}.subcommittees[{j}]",
                chamber=parent.chamber,
                parent_code=parent.code,
            )
            for j, sub in enumerate(subs)
        )
    return tuple(committees)


def _committee(
    obj: Mapping[str, Any], path: str, *, chamber: Chamber | None, parent_code: str | None
) -> Committee:
    activities = opt_list(obj.get("activities"), f"{path}.activities")
    return Committee(
        code=need_str(obj, "systemCode", path),
        name=need_str(obj, "name", path),
        # Subcommittee entries carry no chamber of their own: they sit in the parent's.
        chamber=chamber_of(obj.get("chamber")) or chamber,
        activities=tuple(_activity(a, f"{path}.activities[{i}]") for i, a in enumerate(activities)),
        parent_code=parent_code,
    )


def _activity(raw: Any, path: str) -> CommitteeActivity:
    obj = need_obj(raw, path)
    return CommitteeActivity(name=need_str(obj, "name", path), on=opt_day(obj, "date", path))


def _text_versions(raw: list[Any]) -> tuple[TextVersion, ...]:
    found = (_text_version(item, f"text_versions[{i}]") for i, item in enumerate(raw))
    versions = [version for version in found if version is not None]
    # Newest first in the API; oldest first here, as actions are (stable sort).
    versions.reverse()
    return tuple(sorted(versions, key=lambda v: v.on or date.max))


def _text_version(raw: Any, path: str) -> TextVersion | None:
    obj = need_obj(raw, path)
    name = opt_str(obj, "type", path)
    if name is None:
        # The API drops null type/date/formats (LOC ChangeLog, issue #65, e.g.
        # H.R. 500, 117th): such an entry names no version we could announce.
        return None
    return TextVersion(
        name=name,
        on=opt_day(obj, "date", path),
        url=_text_url(opt_list(obj.get("formats"), f"{path}.formats"), f"{path}.formats"),
    )


def _text_url(formats: list[Any], path: str) -> str | None:
    urls: dict[str, str] = {}
    for i, item in enumerate(formats):
        obj = need_obj(item, f"{path}[{i}]")
        url = opt_str(obj, "url", f"{path}[{i}]")
        if url is not None:
            urls.setdefault(opt_str(obj, "type", f"{path}[{i}]") or "", url)
    preferred = (urls[kind] for kind in _TEXT_FORMATS if kind in urls)
    return next(preferred, next(iter(urls.values()), None))


def _latest_summary(raw: list[Any]) -> Summary | None:
    best: tuple[tuple[date, str, int], Summary] | None = None
    for i, item in enumerate(raw):
        path = f"summaries[{i}]"
        obj = need_obj(item, path)
        summary = Summary(
            version_code=opt_code(obj, "versionCode", path),
            action_on=opt_day(obj, "actionDate", path),
            action_desc=opt_str(obj, "actionDesc", path),
            text=html_to_text(need_str(obj, "text", path)),
        )
        rank = (summary.action_on or date.min, opt_str(obj, "updateDate", path) or "", i)
        if best is None or rank > best[0]:
            best = (rank, summary)
    return None if best is None else best[1]
