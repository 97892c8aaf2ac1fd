"""What the two roll-call parsers share: a safe XML parser, text lookups, Washington time.

Imports lxml and ``scrapers`` only.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from lxml import etree

from scrapers.errors import ParseError

Element = etree._Element

_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")
#: Both chambers record times in Washington.
WASHINGTON = ZoneInfo("America/New_York")


def parse_root(content: bytes, *, source: str, where: str) -> Element:
    """The root element; no entities, no DTD, no network: the bytes come from outside."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    try:
        root: Element = etree.fromstring(content, parser)
    except etree.LxmlError as exc:
        raise ParseError(source, where, "/", f"not well-formed XML: {exc}") from exc
    return root


def text(element: Element | None, path: str) -> str | None:
    """The stripped text at ``path`` under ``element``; None when absent or empty."""
    if element is None:
        return None
    found = element.find(path)
    if found is None:
        return None
    value = "".join(found.itertext()).strip()
    return value or None


class Required:
    """Reads required fields, raising ``ParseError`` that names the document and path."""

    def __init__(self, source: str, where: str) -> None:
        self.source = source
        self.where = where

    def fail(self, path: str, problem: str = "missing") -> ParseError:
        return ParseError(self.source, self.where, path, problem)

    def text(self, element: Element, path: str) -> str:
        value = text(element, path)
        if value is None:
            raise self.fail(path)
        return value

    def number(self, element: Element, path: str) -> int:
        value = self.text(element, path)
        digits = _ORDINAL.sub("", value)  # "2nd" session
        if not digits.isdigit():
            raise self.fail(path, f"not a number: {value!r}")
        return int(digits)


def washington_to_utc(on: date, at: time | None) -> datetime | None:
    if at is None:
        return None
    return datetime.combine(on, at, tzinfo=WASHINGTON).astimezone(UTC)
