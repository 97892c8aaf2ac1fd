"""The BILLSTATUS document being parsed: its name in errors, and the readings every part
of it shares.

Owns ``SOURCE``, ``Doc`` (which raises ``ParseError("govinfo", where, path, problem)``
and reads the root, the bill's identity, required texts, dates and timestamps), the
chamber names as BILLSTATUS writes them, and Congress's calendar: dates are Washington
dates. Imports lxml (through ``_xml``) and ``scrapers`` only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml import etree

from scrapers.errors import ParseError
from scrapers.model import BillRef, Chamber
from scrapers.refs import federal_ref
from scrapers.sources.govinfo._xml import Element, first_child, parse_xml, text_of

SOURCE = "govinfo"

CHAMBERS: dict[str | None, Chamber] = {
    "House": Chamber.HOUSE,
    "Senate": Chamber.SENATE,
    "Joint": Chamber.JOINT,
}


class Doc:
    """Field readers that know the document's name for ``ParseError`` messages."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, path: str, problem: str = "missing") -> ParseError:
        return ParseError(SOURCE, self.where, path, problem)

    def root(self, content: bytes) -> Element:
        try:
            return parse_xml(content)
        except etree.LxmlError as exc:
            raise self.fail("/", f"not well-formed XML: {exc}") from exc

    def bill(self, root: Element) -> Element:
        if root.tag != "billStatus":
            raise self.fail("/", f"root element is <{root.tag!s}>, not <billStatus>")
        bill = first_child(root, "bill")
        if bill is None:
            raise self.fail("billStatus/bill")
        return bill

    def ref(self, parts: dict[str, Element]) -> BillRef:
        bill_type = self.required(parts, "bill/type", "type", "billType")
        number = self.required(parts, "bill/number", "number", "billNumber")
        congress = self.required(parts, "bill/congress", "congress")
        if not (is_digits(number) and is_digits(congress)):
            raise self.fail("bill/number", f"not a bill number: {number!r}, Congress {congress!r}")
        ref = federal_ref(bill_type, number, congress)
        if ref is None:
            raise self.fail("bill/type", f"not a federal bill: {bill_type} {number}-{congress}")
        return ref

    def required(self, parts: dict[str, Element], path: str, *tags: str) -> str:
        """The text of the first of ``tags`` present (generations rename elements)."""
        for tag in tags:
            value = text_of(parts.get(tag))
            if value is not None:
                return value
        raise self.fail(path)

    # dates ------------------------------------------------------------------------

    def date_of(self, element: Element | None, path: str) -> date | None:
        value = text_of(element)
        return None if value is None else self.parse_date(value, path)

    def field_date(self, fields: dict[str, str], key: str, where: str) -> date | None:
        """``fields[key]`` as a date, if given; ``where`` + key names it in errors."""
        value = fields.get(key)
        if value is None:
            return None
        try:
            return _calendar_date(value)
        except (ValueError, OverflowError):
            # The path is spelled out only on an error: a Congress has 200,000 dated
            # fields. ``parse_date`` raises the ParseError that names it.
            return self.parse_date(value, f"{where}/{key}")

    def parse_date(self, value: str, path: str) -> date:
        try:
            return _calendar_date(value)
        except (ValueError, OverflowError) as exc:  # OverflowError: year 9999 plus a zone
            raise self.fail(path, f"not a date: {value!r}") from exc

    def stamp(self, element: Element | None, path: str) -> datetime | None:
        value = text_of(element)
        if value is None:
            return None
        try:
            return _utc_stamp(value)
        except (ValueError, OverflowError) as exc:
            raise self.fail(path, f"not a timestamp: {value!r}") from exc


def is_digits(value: str) -> bool:
    # Short: bill numbers, Congresses and districts; int() refuses 4,300+ digits anyway.
    return len(value) <= 6 and value.isascii() and value.isdigit()


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
