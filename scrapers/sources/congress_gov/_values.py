"""Typed reading of the API's JSON, with the path of whatever is wrong.

Small helpers for ``parse``: each takes a JSON value and the path that names
it (``actions[3].actionDate``) and returns a checked Python value or raises
``Malformed``. Also the API's dates (legislative days are Eastern dates) and
the plain text of the HTML it puts in JSON strings. Standard library and
``scrapers.model`` only.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, tzinfo
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

from scrapers.model import Chamber


class Malformed(Exception):
    """A value is missing or of the wrong kind; ``parse_bundle`` makes it a ``ParseError``."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(path, problem)
        self.path = path
        self.problem = problem


# Congress.gov stamps legislative days as midnight Eastern ("2021-01-06T05:00:00Z")
# and committee activities in UTC: H.R. 21 (117th) was referred to ssga00 on
# 2021-01-06, stamped 2021-01-07T01:26:34Z. Eastern dates match the actions.
_EASTERN = ZoneInfo("America/New_York")
_CHAMBERS = {"house": Chamber.HOUSE, "senate": Chamber.SENATE, "joint": Chamber.JOINT}


# --- HTML in JSON strings ------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "tr", "table", "pre", "blockquote"}
    | {f"h{n}" for n in range(1, 7)}
)
_TAG = re.compile(r"<[^>]*>")


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, one list of pieces per paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = [[]]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS and self.paragraphs[-1]:
            self.paragraphs.append([])

    def handle_endtag(self, tag: str) -> None:
        self.handle_starttag(tag, [])

    def handle_data(self, data: str) -> None:
        self.paragraphs[-1].append(data)


def html_to_text(markup: str) -> str:
    """Plain text of a CRS summary: paragraphs separated by a blank line."""
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
        paragraphs = ["".join(pieces) for pieces in collector.paragraphs]
    except AssertionError:
        # html.parser asserts on some broken declarations ("<![foo]>"); a
        # summary is still worth keeping as text.
        paragraphs = [_TAG.sub(" ", markup)]
    return "\n\n".join(text for p in paragraphs if (text := " ".join(p.split())))


# --- typed access with paths ---------------------------------------------------------


def need_obj(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise Malformed(path, "missing" if value is None else "not an object")
    return value


def opt_obj(value: Any, path: str) -> Mapping[str, Any]:
    return {} if value is None else need_obj(value, path)


def need_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise Malformed(path, "missing" if value is None else "not a list")
    return value


def opt_list(value: Any, path: str) -> list[Any]:
    return [] if value is None else need_list(value, path)


def need_str(obj: Mapping[str, Any], key: str, path: str) -> str:
    value = opt_str(obj, key, path)
    if value is None:
        raise Malformed(f"{path}.{key}", "missing")
    return value


def opt_str(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise Malformed(f"{path}.{key}", "not text")
    return value.strip() or None


def opt_code(obj: Mapping[str, Any], key: str, path: str) -> str | None:
    """A code the API writes as text or as a number ("8000", 0)."""
    value = obj.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return opt_str(obj, key, path)


def need_whole(obj: Mapping[str, Any], key: str, path: str) -> int:
    value = opt_whole(obj, key, path)
    if value is None:
        raise Malformed(f"{path}.{key}", "missing")
    return value


def opt_whole(obj: Mapping[str, Any], key: str, path: str) -> int | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str) and value.strip().isdecimal():
        return int(value)
    raise Malformed(f"{path}.{key}", f"not a whole number: {value!r}")


def chamber_of(value: Any) -> Chamber | None:
    return _CHAMBERS.get(value.strip().lower()) if isinstance(value, str) else None


def opt_day(obj: Mapping[str, Any], key: str, path: str) -> date | None:
    value = obj.get(key)
    return None if value is None else day(value, f"{path}.{key}")


def day(value: Any, path: str) -> date:
    """A legislative date: ``2021-01-04`` as is, a timestamp as its Eastern date."""
    if isinstance(value, str) and len(value) == 10:
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
    moment = _parse_moment(value, path)
    return _convert(moment, _EASTERN, path).date() if moment.tzinfo else moment.date()


def utc_moment(value: Any, path: str) -> datetime:
    """An aware UTC datetime; a bare date is its midnight UTC."""
    if isinstance(value, str) and len(value) == 10:
        return datetime.combine(day(value, path), time(), tzinfo=UTC)
    moment = _parse_moment(value, path)
    return _convert(moment, UTC, path) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _parse_moment(value: Any, path: str) -> datetime:
    if not isinstance(value, str):
        raise Malformed(path, "missing" if value is None else "not a date")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise Malformed(path, f"not a date: {value!r}") from None


def _convert(moment: datetime, zone: tzinfo, path: str) -> datetime:
    try:
        return moment.astimezone(zone)
    except OverflowError:  # year 1 or 9999 moved across midnight
        raise Malformed(path, f"date out of range: {moment.isoformat()}") from None
