"""Parse GovInfo BILLSTATUS XML into a ``BillSnapshot``: pure bytes in, snapshot out.

Owns the knowledge of the three format generations GPO has published:

- legacy (2015-2016): no ``<version>``; ``<bill>`` children in any order; sponsors
  named only by ``fullName``; one ``<committee>`` per action; ``primarySubject``.
- 1.0.0 (2017-2022): ``billNumber``/``billType``; ``billCommittees``/``billSummaries``
  wrappers; ``billSubjects``.
- 3.0.0 (since 2022-12-20, ``<version>`` under the root or missing altogether):
  ``number``/``type``; ``committees/item``; ``summaries/summary``;
  ``subjects/legislativeSubjects``; ``isByRequest``.

Every child is looked up by name, never by position, so all three read the same way.
Anything the snapshot cannot do without (root, bill type, number, Congress, a title,
the actions list, any date) raises ``ParseError("govinfo", where, path, problem)``.

BILLSTATUS announces no future hearings or votes (its ``recordedVotes`` and
``calendarNumbers`` are history, already present as actions), so ``scheduled`` stays
empty. Imports lxml and ``scrapers`` only; no HTTP, no database.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, tzinfo
from functools import cache, lru_cache
from html import unescape
from operator import attrgetter
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml import etree

from scrapers.errors import ParseError
from scrapers.federal_stages import compute_federal_stage
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
from scrapers.refs import federal_ref

__all__ = ["SOURCE", "looks_like_billstatus", "parse_billstatus"]

SOURCE = "govinfo"
_Element = etree._Element

_SNIFF = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<billStatus[\s>/]", re.DOTALL
)


def looks_like_billstatus(content: bytes) -> bool:
    """True when the first few KB open a ``<billStatus>`` document (cheap, no parsing)."""
    return _SNIFF.match(content[:4096]) is not None


def parse_billstatus(content: bytes, *, where: str, source_url: str | None = None) -> BillSnapshot:
    """Parse one BILLSTATUS document; ``where`` names it in error messages."""
    doc = _Doc(where)
    bill = doc.bill(_parse_xml(content, where))
    parts = _children(bill)
    ref = doc.ref(parts)
    actions = doc.actions(parts)
    laws = doc.laws(parts.get("laws"))
    titles = doc.titles(parts)
    return BillSnapshot(
        ref=ref,
        source=SOURCE,
        source_url=source_url,
        title=titles.display,
        official_title=titles.official,
        short_title=titles.short,
        popular_title=titles.popular,
        origin_chamber=_CHAMBERS.get(_text(parts.get("originChamber"))) or _origin(ref),
        introduced_on=doc.date_of(parts.get("introducedDate"), "bill/introducedDate"),
        updated_at=doc.stamp(parts.get("updateDate"), "bill/updateDate"),
        sponsor=doc.sponsor(parts.get("sponsors")),
        cosponsors=doc.cosponsors(parts.get("cosponsors")),
        committees=doc.committees(parts.get("committees")),
        actions=actions,
        text_versions=doc.text_versions(parts.get("textVersions")),
        laws=laws,
        subjects=_subjects(parts.get("subjects")),
        policy_area=_policy_area(parts),
        latest_summary=doc.latest_summary(parts.get("summaries")),
        stage=compute_federal_stage(actions, bill_type=ref.bill_type, laws=laws),
    )


# --- XML plumbing ----------------------------------------------------------------------

_parsers = threading.local()  # lxml parsers must not be shared between threads


def _parse_xml(content: bytes, where: str) -> _Element:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        # No entity expansion, no network: documents come from outside. Dropping blank
        # text, comments and ID bookkeeping makes the parse about a third faster.
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            remove_blank_text=True,
            remove_comments=True,
            remove_pis=True,
            collect_ids=False,
        )
        _parsers.parser = parser
    try:
        root: _Element = etree.fromstring(content, parser)
    except etree.LxmlError as exc:
        raise ParseError(SOURCE, where, "/", f"not well-formed XML: {exc}") from exc
    return root


def _children(element: _Element) -> dict[str, _Element]:
    """Children by tag: generations order them differently (legacy: alphabetically)."""
    return cast("dict[str, _Element]", {child.tag: child for child in element})


def _child(element: _Element, tag: str) -> _Element | None:
    """The first child named ``tag``: a plain loop is ~3x faster than ``find`` here."""
    for child in element:
        if child.tag == tag:
            return child
    return None


def _split(element: _Element) -> tuple[dict[str, str], dict[str, _Element]]:
    """Children split in one pass into leaf texts (stripped, blanks left out) and
    elements that have children of their own."""
    texts: dict[Any, str] = {}  # keys are tags (str); typed Any to spare a cast per child
    inner: dict[Any, _Element] = {}
    for child in element:
        if len(child):
            inner[child.tag] = child
        elif child.text and (text := child.text.strip()):
            texts[child.tag] = text
    return texts, inner


def _title_pair(item: _Element) -> tuple[str, str]:
    """(titleType, title) of one ``titles/item``; empty strings when missing."""
    kind = title = ""
    for child in item:
        if child.tag == "titleType":
            kind = (child.text or "").strip()
        elif child.tag == "title":
            title = (child.text or "").strip()
    return kind, title


def _text(element: _Element | None) -> str | None:
    """Stripped text of an element; None when absent or blank."""
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _fields(element: _Element) -> dict[str, str]:
    """Children's texts by tag, in one pass (faster than one ``findtext`` per field)."""
    # Values are stripped here once; blank ones are left out, so ``get`` means "given".
    found = {child.tag: text for child in element if (text := (child.text or "").strip())}
    return cast("dict[str, str]", found)


def _items(container: _Element | None) -> Iterator[_Element]:
    """``item`` (3.0.0 summaries: ``summary``) children of a list element."""
    if container is None:
        return iter(())
    return container.iterchildren("item", "summary")


def _wrapped_items(container: _Element | None, wrapper: str) -> Iterator[_Element]:
    """Like ``_items``, looking through the 1.0.0 wrapper (``billCommittees``) if any."""
    inner = _child(container, wrapper) if container is not None else None
    return _items(inner if inner is not None else container)


def _utc_stamp(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@lru_cache(maxsize=16384)
def _calendar_date(value: str) -> date:
    """``2017-10-12``, or the Washington date of a UTC stamp ``2017-10-12T04:00:00Z``.

    Cached: a Congress has a few hundred distinct dates and 100,000+ dated records.
    """
    if "T" in value:
        return _utc_stamp(value).astimezone(_capitol_zone()).date()
    return date.fromisoformat(value)


@cache
def _capitol_zone() -> tzinfo:
    # Congress dates its work in Washington time; fall back to UTC without tz data.
    try:
        return ZoneInfo("America/New_York")
    except ZoneInfoNotFoundError:
        return UTC


_CHAMBERS: dict[str | None, Chamber] = {
    "House": Chamber.HOUSE,
    "Senate": Chamber.SENATE,
    "Joint": Chamber.JOINT,
}


def _origin(ref: BillRef) -> Chamber:
    return Chamber.SENATE if ref.bill_type.startswith("s") else Chamber.HOUSE


# --- the document, with the name it goes by in errors ----------------------------------


class _Doc:
    """Field readers that know the document's name for ``ParseError`` messages."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, problem: str = "missing") -> ParseError:
        return ParseError(SOURCE, self.where, path, problem)

    def bill(self, root: _Element) -> _Element:
        if root.tag != "billStatus":
            raise self.fail("/", f"root element is <{root.tag!s}>, not <billStatus>")
        bill = _child(root, "bill")
        if bill is None:
            raise self.fail("billStatus/bill")
        return bill

    def ref(self, parts: dict[str, _Element]) -> BillRef:
        bill_type = self.required(parts, "bill/type", "type", "billType")
        number = self.required(parts, "bill/number", "number", "billNumber")
        congress = self.required(parts, "bill/congress", "congress")
        if not (_is_digits(number) and _is_digits(congress)):
            raise self.fail("bill/number", f"not a bill number: {number!r}, Congress {congress!r}")
        ref = federal_ref(bill_type, number, congress)
        if ref is None:
            raise self.fail("bill/type", f"not a federal bill: {bill_type} {number}-{congress}")
        return ref

    def required(self, parts: dict[str, _Element], path: str, *tags: str) -> str:
        """The text of the first of ``tags`` present (generations rename elements)."""
        for tag in tags:
            value = _text(parts.get(tag))
            if value is not None:
                return value
        raise self.fail(path)

    # dates ------------------------------------------------------------------------

    def date_of(self, element: _Element | None, path: str) -> date | None:
        value = _text(element)
        return None if value is None else self.parse_date(value, path)

    def field_date(self, fields: dict[str, str], key: str, where: str) -> date | None:
        """``fields[key]`` as a date, if given; ``where`` + key names it in errors."""
        value = fields.get(key)
        return None if value is None else self.parse_date(value, f"{where}/{key}")

    def parse_date(self, value: str, path: str) -> date:
        try:
            return _calendar_date(value)
        except (ValueError, OverflowError) as exc:  # OverflowError: year 9999 plus a zone
            raise self.fail(path, f"not a date: {value!r}") from exc

    def stamp(self, element: _Element | None, path: str) -> datetime | None:
        value = _text(element)
        if value is None:
            return None
        try:
            return _utc_stamp(value)
        except (ValueError, OverflowError) as exc:
            raise self.fail(path, f"not a timestamp: {value!r}") from exc

    # actions ----------------------------------------------------------------------

    def actions(self, parts: dict[str, _Element]) -> tuple[Action, ...]:
        container = parts.get("actions")
        if container is None:
            raise self.fail("bill/actions")
        actions = [self.action(item, n) for n, item in enumerate(_items(container), 1)]
        # Sources list newest first; reverse, then a stable sort by date only repairs
        # dates out of order and keeps the (reversed) source order within one day.
        actions.reverse()
        actions.sort(key=attrgetter("on"))
        return tuple(actions)

    def action(self, item: _Element, n: int) -> Action:
        fields, inner = _split(item)
        source = inner.get("sourceSystem")
        system = _text(_child(source, "name")) if source is not None else None
        listed = inner.get("committees", inner.get("committee"))  # legacy: one <committee>
        on = self.field_date(fields, "actionDate", f"bill/actions/item[{n}]")
        if on is None:
            raise self.fail(f"bill/actions/item[{n}]/actionDate")
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
        )

    # people -----------------------------------------------------------------------

    def sponsor(self, container: _Element | None) -> Member | None:
        first = next(_items(container), None)
        if first is None:
            return None  # 114s2848 has an empty <sponsors/>
        fields = _fields(first)
        member = self.member(fields, "bill/sponsors/item")
        return replace(member, by_request=True) if _by_request(fields) else member

    def member(self, fields: dict[str, str], path: str) -> Member:
        full_name = fields.get("fullName") or fields.get("name")
        if full_name is None:
            raise self.fail(f"{path}/fullName")
        get = fields.get
        try:
            return _member(
                get("bioguideId"), full_name, get("party"), get("state"), get("district")
            )
        except ValueError as exc:
            raise self.fail(f"{path}/district", str(exc)) from exc

    def cosponsors(self, container: _Element | None) -> tuple[Cosponsor, ...]:
        return tuple(self.cosponsor(item, n) for n, item in enumerate(_items(container), 1))

    def cosponsor(self, item: _Element, n: int) -> Cosponsor:
        fields = _fields(item)
        where = f"bill/cosponsors/item[{n}]"
        return Cosponsor(
            member=self.member(fields, where),
            sponsored_on=self.field_date(fields, "sponsorshipDate", where),
            withdrawn_on=self.field_date(fields, "sponsorshipWithdrawnDate", where),
            is_original=fields.get("isOriginalCosponsor", "").lower() == "true",
        )

    # committees -------------------------------------------------------------------

    def committees(self, container: _Element | None) -> tuple[Committee, ...]:
        found: list[Committee] = []
        for n, item in enumerate(_wrapped_items(container, "billCommittees"), 1):
            parent = self.committee(item, f"bill/committees/item[{n}]", None, None)
            found.append(parent)
            for m, sub in enumerate(_items(_child(item, "subcommittees")), 1):  # few
                path = f"bill/committees/item[{n}]/subcommittees/item[{m}]"
                found.append(self.committee(sub, path, parent.code, parent.chamber))
        return tuple(found)

    def committee(
        self, item: _Element, path: str, parent_code: str | None, chamber: Chamber | None
    ) -> Committee:
        fields, inner = _split(item)
        code = fields.get("systemCode")
        if code is None:
            raise self.fail(f"{path}/systemCode")
        return Committee(
            code=code,
            name=fields.get("name") or code,
            chamber=_CHAMBERS.get(fields.get("chamber")) or chamber,
            activities=tuple(self.activities(inner.get("activities"), path)),
            parent_code=parent_code,
        )

    def activities(self, container: _Element | None, path: str) -> Iterator[CommitteeActivity]:
        for n, item in enumerate(_items(container), 1):
            fields = _fields(item)
            when = self.field_date(fields, "date", f"{path}/activities/item[{n}]")
            yield CommitteeActivity(name=fields.get("name") or "", on=when)

    # titles, texts, laws, summaries ----------------------------------------------

    def titles(self, parts: dict[str, _Element]) -> _Titles:
        pairs = [pair for pair in map(_title_pair, _items(parts.get("titles"))) if pair[1]]
        titles = _pick_titles(pairs, _text(parts.get("title")))
        if titles is None:
            raise self.fail("bill/titles", "no title at all")
        return titles

    def text_versions(self, container: _Element | None) -> tuple[TextVersion, ...]:
        versions = []
        for n, item in enumerate(_items(container), 1):
            fields, inner = _split(item)
            on = self.field_date(fields, "date", f"bill/textVersions/item[{n}]")
            first = next(_items(inner.get("formats")), None)
            url = _text(_child(first, "url")) if first is not None else None
            name = fields.get("type") or "Unnamed version"
            versions.append(TextVersion(name=name, on=on, url=url))
        return tuple(versions)

    def laws(self, container: _Element | None) -> tuple[Law, ...]:
        laws = []
        for n, item in enumerate(_items(container), 1):
            fields = _fields(item)
            kind = (fields.get("type") or "").replace(" ", "").lower()  # "PublicLaw", "Public Law"
            number = fields.get("number")
            if kind not in ("publiclaw", "privatelaw") or number is None:
                raise self.fail(f"bill/laws/item[{n}]", f"not a law: {kind!r} {number!r}")
            laws.append(Law(kind=kind.removesuffix("law"), number=number))
        return tuple(laws)

    def latest_summary(self, container: _Element | None) -> Summary | None:
        best: tuple[tuple[str, str], dict[str, str]] | None = None
        for item in _wrapped_items(container, "billSummaries"):
            fields = _fields(item)
            key = (
                fields.get("actionDate", ""),
                fields.get("lastSummaryUpdateDate") or fields.get("updateDate", ""),
            )
            if best is None or key >= best[0]:
                best = (key, fields)
        return None if best is None else self.summary(best[1])

    def summary(self, fields: dict[str, str]) -> Summary:
        return Summary(
            version_code=fields.get("versionCode"),
            action_on=self.field_date(fields, "actionDate", "bill/summaries"),
            action_desc=fields.get("actionDesc"),
            text=_plain_text(fields.get("text") or ""),
        )


# --- members ---------------------------------------------------------------------------

# "Rep. Speier, Jackie [D-CA-14]", "Del. Norton, Eleanor Holmes [D-DC-At Large]",
# "Sen. Van Hollen, Chris [D-MD]": legacy files give party and state only here.
_MEMBER_LABEL = re.compile(
    r"\[(?P<party>[A-Z]{1,3})-(?P<state>[A-Z]{2})(?:-(?P<district>\d+|At Large))?\]"
)


@lru_cache(maxsize=4096)
def _member(
    bioguide_id: str | None,
    full_name: str,
    party: str | None,
    state: str | None,
    district: str | None,
) -> Member:
    """One shared, immutable ``Member`` per distinct record: the same few hundred members
    cosponsor thousands of bills."""
    if party is None or state is None:  # legacy files name them only in fullName
        label = _member_label(full_name)
        party, state = party or label.get("party"), state or label.get("state")
        district = district or label.get("district")
    return Member(
        bioguide_id=bioguide_id,
        name=full_name,
        party=party,
        state=state,
        district=_district(district),
    )


def _district(value: str | None) -> int | None:
    if value is None:
        return None
    if value == "At Large":
        return 0  # BILLSTATUS itself writes 0 for at-large seats (Norton, DC)
    if not _is_digits(value):
        raise ValueError(f"not a district: {value!r}")
    return int(value)


def _member_label(full_name: str) -> dict[str, str]:
    found = _MEMBER_LABEL.search(full_name)
    if found is None:
        return {}
    return {k: v for k, v in found.groupdict().items() if v is not None}


def _is_digits(value: str) -> bool:
    # Short: bill numbers, Congresses and districts; int() refuses 4,300+ digits anyway.
    return len(value) <= 6 and value.isascii() and value.isdigit()


def _by_request(fields: dict[str, str]) -> bool:
    # 3.0.0: <isByRequest>Y/N</isByRequest>; earlier: a non-empty <byRequestType>.
    flag = (fields.get("isByRequest") or "").strip().upper()
    return flag in ("Y", "YES", "TRUE") or "byRequestType" in fields


# --- actions ---------------------------------------------------------------------------

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


def _committee_codes(element: _Element) -> tuple[str, ...]:
    # 1.0.0 and 3.0.0: <committees><item><systemCode>; legacy: one <committee>.
    items = element if element.tag == "committees" else (element,)
    codes = (_text(_child(item, "systemCode")) for item in items)
    return tuple(code for code in codes if code)


# --- subjects --------------------------------------------------------------------------


# Subject names as plain strings straight from libxml2, for all three generations.
_SUBJECT_NAMES = etree.XPath(
    "(billSubjects/legislativeSubjects|legislativeSubjects|billSubjects/otherSubjects)"
    "/item/name/text()",
    smart_strings=False,
)


def _subjects(container: _Element | None) -> tuple[str, ...]:
    if container is None:
        return ()
    names = cast("list[str]", _SUBJECT_NAMES(container))
    return tuple(stripped for name in names if (stripped := name.strip()))


def _policy_area(parts: dict[str, _Element]) -> str | None:
    subjects = parts.get("subjects")
    inner = _child(subjects, "billSubjects") if subjects is not None else None
    candidates: Iterable[_Element | None] = (
        parts.get("policyArea"),
        parts.get("primarySubject"),
        _child(inner, "policyArea") if inner is not None else None,
    )
    for element in candidates:
        name = _text(_child(element, "name")) if element is not None else None
        if name:
            return name
    return None


# --- titles ----------------------------------------------------------------------------

# How far along the bill each title type was given ("Short Titles as Passed House").
_TITLE_STAGE = (
    ("as enacted", 6),
    ("agreed to by house and senate", 5),
    ("on conference report", 5),
    ("as passed", 4),
    ("as amended", 4),
    ("as reported", 3),
    ("as introduced", 2),
)


def _title_rank(kind: str) -> int:
    lowered = kind.lower()
    return next((rank for words, rank in _TITLE_STAGE if words in lowered), 1)


@dataclass(frozen=True, slots=True)
class _Titles:
    display: str
    official: str | None
    short: str | None
    popular: str | None


def _pick_titles(pairs: list[tuple[str, str]], title_element: str | None) -> _Titles | None:
    """Display, official, short and popular titles from (titleType, title) pairs.

    The display title is the document's own "Display Title" (or ``<title>``): Congress.gov
    knows when a short title was struck, as in 115hr1 (Tax Cuts and Jobs Act), whose
    display title is the official one. Without it: the latest short title, else the
    latest official title.
    """
    shorts = [(k, t) for k, t in pairs if _is_whole_bill_short(k)]
    officials = [(k, t) for k, t in pairs if k.startswith("Official Title")]
    short, official = _latest(shorts), _latest(officials)
    given = next((t for k, t in pairs if k == "Display Title"), None) or title_element
    display = given or short or official
    if display is None:
        return None
    if given in {t for _, t in officials} and given not in {t for _, t in shorts}:
        short = None  # the short title was struck; the official one is shown instead
    popular = next((t for k, t in pairs if k == "Popular Title"), None)
    return _Titles(display=display, official=official, short=short, popular=popular)


def _is_whole_bill_short(kind: str) -> bool:
    # "Short Title(s) as Introduced", "Short Titles as Enacted"; not "... for portions of
    # this bill", not the "(Extracted from GPO)" copies, not "Other Short Titles".
    return kind.startswith("Short Title") and "portion" not in kind


def _latest(pairs: list[tuple[str, str]]) -> str | None:
    """The first title of the furthest stage (``max`` keeps the first of equals)."""
    if not pairs:
        return None
    return max(pairs, key=lambda pair: _title_rank(pair[0]))[1]


# --- summaries -------------------------------------------------------------------------

_BLOCK_END = re.compile(r"<\s*(?:/\s*(?:p|li|h\d|div|ul|ol)|br\s*/?)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain_text(markup: str) -> str:
    """CRS summary HTML as plain paragraphs separated by blank lines."""
    text = unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", markup)))
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)
