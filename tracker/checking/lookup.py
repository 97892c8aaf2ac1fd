"""Looking a new bill up once at its source before it is tracked.

A typo (``hr99999-115``) must fail when it is typed, not hours later as a
"failing: HTTP 404" in ``tracker status``. Bills already in the database are
known to exist and are not looked up. A source that cannot be reached does not
block the operator: the bill is stored with a warning that it is unverified,
and the first check will tell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from scrapers.errors import NotFound, SourceError
from scrapers.source import NotModified, Source
from tracker.checking.sources import make_client, make_sources
from tracker.core.references import ResolvedRef
from tracker.core.settings import Settings


class Verdict(StrEnum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    UNVERIFIED = "unverified"  # the source could not say: stored with a warning


@dataclass(frozen=True, slots=True, kw_only=True)
class LookUp:
    key: str
    source: str
    verdict: Verdict
    problem: str | None = None  # one line, for NOT_FOUND and UNVERIFIED


def look_up_bills(settings: Settings, refs: Sequence[ResolvedRef]) -> list[LookUp]:
    """One fetch per bill at its configured source; nothing is stored."""
    if not refs:
        return []
    with make_client(settings) as client:
        sources = make_sources(settings, client)
        return [_look_up(sources[item.source], item) for item in refs]


def _look_up(source: Source, item: ResolvedRef) -> LookUp:
    key, name = item.ref.key, item.source
    try:
        fetched = source.fetch(item.ref, None)
        if isinstance(fetched, NotModified):  # no validators were sent: cannot happen
            return LookUp(key=key, source=name, verdict=Verdict.FOUND)
        source.parse(fetched)
    except NotFound:
        problem = f"no such bill at {name}: {key}"
        return LookUp(key=key, source=name, verdict=Verdict.NOT_FOUND, problem=problem)
    except SourceError as exc:
        problem = f"could not verify {key} at {name} ({_first_line(exc)})"
        return LookUp(key=key, source=name, verdict=Verdict.UNVERIFIED, problem=problem)
    return LookUp(key=key, source=name, verdict=Verdict.FOUND)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
