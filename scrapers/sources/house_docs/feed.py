"""Reading a docs.house.gov committee feed (``/Committee/RSS.ashx?Code=II00``).

The feed is RSS 2.0, one item per meeting of the committee and its
subcommittees; each item's ``<enclosure>`` (or link) is the meeting's XML,
whose path holds the meeting date: ``/meetings/II/II10/20230523/115955/...xml``.
Only meetings dated on or after ``since`` are wanted: a past meeting needs no
reminder. The feed is not always valid XML (``&nbsp;``; unitedstates/congress
replaces it too), so it is read with a recovering parser.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

_MEETING_PATH = re.compile(r"/meetings/[A-Z]{2}/[A-Z0-9]{4}/(\d{8})/(\d+)/[^\s\"<>]*\.xml", re.I)


def meeting_xml_urls(content: bytes, *, since: date) -> list[str]:
    """The meeting XML addresses the feed lists, dated ``since`` or later, each once."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True)
    root = etree.fromstring(content.replace(b"&nbsp;", b" "), parser)
    if root is None:
        return []
    found: dict[str, str] = {}
    for item in root.iter("item"):
        for url in _candidates(item):
            m = _MEETING_PATH.search(url)
            if m and _date(m.group(1)) >= since:
                found.setdefault(m.group(2), url)
    return list(found.values())


def _candidates(item: etree._Element) -> list[str]:
    urls = [e.get("url") or "" for e in item.iter("enclosure")]
    urls += [(e.text or "").strip() for e in item.iter("link", "guid")]
    return [u for u in urls if u]


def _date(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))
