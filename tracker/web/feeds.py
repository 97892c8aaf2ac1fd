"""Atom feeds of changes (all bills, one bill) and the iCalendar feed of the schedule.

Atom (RFC 4287) is built with lxml, so scraped text is escaped by the XML
writer; characters XML cannot hold at all (control characters) are dropped
first. Entry ids are ``urn:uuid`` values derived from each event's dedupe key:
the same change keeps the same id on any server and after any restart.

The calendar (RFC 5545) lists each announced hearing, markup or vote: at its
time (UTC, one hour nominal: schedules give no end) when the official schedule
gives one, else as an all-day event. A polled meeting keeps its UID when it
moves (the UID names the meeting and the bill, not the date), and a cancelled
one stays with ``STATUS:CANCELLED`` so calendar apps remove it rather than keep
a stale copy. Text is escaped and lines folded as the RFC says, so a scraped
newline or semicolon cannot add a property.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta

from lxml import etree
from werkzeug.wrappers import Response

from db.models import Bill
from db.models import BillEvent as EventRow
from tracker.report.announcements import ScheduleItem
from tracker.web import api
from tracker.web.context import RequestContext
from tracker.web.queries import latest_changes

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UrlMaker = Callable[[str], str]


def changes(ctx: RequestContext) -> Response:
    rows = latest_changes(ctx.session, limit=FEED_SIZE)
    return _atom(ctx, title="Bill tracker: all changes", rows=rows, html_path="/")


def bill_changes(ctx: RequestContext, key: str) -> Response:
    bill = api.bill_row_or_404(ctx, key)
    rows = latest_changes(ctx.session, bill_id=bill.id, limit=FEED_SIZE)
    name = f"{api.bill_citation(key)}: {bill.short_title or bill.title or key}"
    return _atom(ctx, title=f"Bill tracker: {name}", rows=rows, html_path=f"/bills/{key}")


def schedule(ctx: RequestContext) -> Response:
    items = ctx.schedule_cache.items(ctx.session, now=ctx.now)
    body = icalendar(items, now=ctx.now, url=ctx.url)
    return Response(body, content_type="text/calendar; charset=utf-8")


# --- Atom -------------------------------------------------------------------------------


def _atom(
    ctx: RequestContext, *, title: str, rows: Sequence[tuple[EventRow, Bill]], html_path: str
) -> Response:
    self_url = ctx.url(ctx.request.path)
    feed = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    _add(feed, "id", _urn(ctx.request.path))
    _add(feed, "title", title)
    # An empty feed is as old as the server's clock says "now".
    _add(feed, "updated", _stamp(rows[0][0].detected_at if rows else ctx.now))
    _add(_add(feed, "author"), "name", "Bill tracker")
    _link(feed, self_url, rel="self", kind="application/atom+xml")
    _link(feed, ctx.url(html_path), rel="alternate", kind="text/html")
    for event, bill in rows:
        _entry(ctx, feed, event, bill)
    body = etree.tostring(feed, xml_declaration=True, encoding="UTF-8")
    return Response(body, content_type="application/atom+xml; charset=utf-8")


def _entry(ctx: RequestContext, feed: etree._Element, event: EventRow, bill: Bill) -> None:
    entry = _add(feed, "entry")
    _add(entry, "id", f"urn:uuid:{uuid.UUID(hex=event.dedupe_key[:32])}")
    _add(entry, "title", api.event_headline(event, bill.key))
    _add(entry, "updated", _stamp(event.detected_at))
    _link(entry, ctx.url(f"/bills/{bill.key}"), rel="alternate", kind="text/html")
    _add(entry, "category").set("term", event.kind)
    occurred = f" ({event.occurred_on.isoformat()})" if event.occurred_on else ""
    _add(entry, "summary", f"{event.summary}{occurred}").set("type", "text")


def _add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    child = etree.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    if text is not None:
        child.text = _NOT_XML.sub("", text)
    return child


def _link(parent: etree._Element, href: str, *, rel: str, kind: str) -> None:
    link = _add(parent, "link")
    link.set("rel", rel)
    link.set("type", kind)
    link.set("href", href)


def _urn(path: str) -> str:
    # The feed's id must not change with the host name it is reached by.
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'bill-tracker:' + path)}"


def _stamp(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


# --- iCalendar --------------------------------------------------------------------------

_KIND_WORDS = {"hearing": "Hearing", "markup": "Markup", "floor_vote": "Floor vote"}


def icalendar(items: Sequence[ScheduleItem], *, now: datetime, url: _UrlMaker) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//bill-tracker//schedule//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:Hearings and votes on tracked bills",
    ]
    for item in items:
        lines.extend(_vevent(item, now=now, link=url(f"/bills/{item.bill_key}")))
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _vevent(item: ScheduleItem, *, now: datetime, link: str) -> list[str]:
    what = _KIND_WORDS.get(item.kind, item.kind.replace("_", " ").capitalize())
    title = f"{what}: {item.bill_citation}" + (f" {item.bill_title}" if item.bill_title else "")
    details = [item.description, f"Committee: {item.committee}" if item.committee else ""]
    if item.status != "scheduled":
        title = f"{item.status.upper()}: {title}"
    lines = [
        "BEGIN:VEVENT",
        f"UID:{item.uid}@bill-tracker",
        f"DTSTAMP:{now:%Y%m%dT%H%M%SZ}",
        *_when(item),
        f"SUMMARY:{_text(title)}",
        f"DESCRIPTION:{_text(chr(10).join(d for d in details if d))}",
        f"URL:{link}",
    ]
    if item.location:
        lines.append(f"LOCATION:{_text(item.location)}")
    if item.updated_at is not None:
        lines.append(f"LAST-MODIFIED:{item.updated_at.astimezone(UTC):%Y%m%dT%H%M%SZ}")
        lines.append(f"STATUS:{_STATUS.get(item.status, 'CONFIRMED')}")
    lines.append("END:VEVENT")
    return lines


_STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}


def _when(item: ScheduleItem) -> list[str]:
    if item.starts_at is not None:
        return [f"DTSTART:{item.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}", "DURATION:PT1H"]
    return [
        f"DTSTART;VALUE=DATE:{item.on:%Y%m%d}",
        f"DTEND;VALUE=DATE:{item.on + timedelta(days=item.days):%Y%m%d}",
    ]


def _text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    value = _NOT_XML.sub("", value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " "))
    for raw, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(raw, escaped)
    return value


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, size = [], 0, 75
    while start < len(data):
        end = min(start + size, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # never split a UTF-8 character
        parts.append(data[start:end].decode())
        start, size = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)
