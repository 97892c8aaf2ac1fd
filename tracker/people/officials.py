"""Importing officials: where the congress-legislators files come from, and storing them.

``read_legislator_files`` turns what the operator typed (a folder, one of the
files, a base URL, or nothing for the project's published copy) into file
bytes; ``import_officials`` parses them with ``scrapers.legislators`` and
syncs them through ``db.officials``. The CLI owns the session and the commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db import officials as official_rows
from scrapers import legislators
from scrapers.errors import ParseError
from scrapers.http import PoliteClient, default_user_agent
from tracker.core.errors import InvalidInput
from tracker.core.settings import Settings

DEFAULT_BASE_URL = "https://unitedstates.github.io/congress-legislators/"
#: Congress has 541 voting members and delegates; a file listing far fewer is
#: truncated or the wrong file, and importing it would mark hundreds of
#: sitting members as having left office.
MIN_PLAUSIBLE_MEMBERS = 400


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportReport:
    """What an import did; a part is ``None`` when its file was not part of the import."""

    added: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    left_office: int | None = None
    committees: int | None = None
    memberships: int | None = None
    memberships_skipped: int | None = None  # rows naming a member not in the officials table

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_legislator_files(location: str | None, *, settings: Settings) -> dict[str, bytes]:
    """The file bytes ``location`` names, by file name.

    A folder gives the three files; a file path or a URL ending in ``.yaml``
    gives that one file (so ``committee-membership-current.yaml`` alone only
    refreshes memberships); any other URL is a base the three files are
    fetched from. ``None`` means the project's published copy.
    """
    location = location or DEFAULT_BASE_URL
    if location.startswith(("http://", "https://")):
        return _fetch(location, settings)
    path = Path(location).expanduser()
    if path.is_dir():
        missing = [name for name in legislators.FILES if not (path / name).is_file()]
        if missing:
            raise InvalidInput(f"{path} lacks {', '.join(missing)}")
        return legislators.read_folder(path)
    if path.is_file():
        return {_known_name(path.name): path.read_bytes()}
    raise InvalidInput(f"{location}: no such file or folder")


def import_officials(
    session: Session, files: Mapping[str, bytes], *, now: datetime
) -> ImportReport:
    """Parse ``files`` (name -> bytes) and store what they hold."""
    return store_officials(session, legislators.parse_files(files), now=now)


def store_officials(
    session: Session, data: legislators.LegislatorsData, *, now: datetime
) -> ImportReport:
    """Store parsed data: officials first (memberships point at them), committees, memberships."""
    report: dict[str, Any] = {}
    if data.legislators is not None:
        report |= _import_legislators(session, data.legislators, now=now)
    if data.committees is not None:
        counts = official_rows.sync_committees(session, [_values(c) for c in data.committees])
        report["committees"] = counts.added + counts.updated + counts.unchanged
    if data.memberships is not None:
        stored, skipped = official_rows.replace_memberships(
            session, [_values(m) for m in data.memberships]
        )
        report |= {"memberships": stored, "memberships_skipped": skipped}
    session.flush()
    return ImportReport(**report)


def _import_legislators(
    session: Session, members: tuple[legislators.Legislator, ...], *, now: datetime
) -> dict[str, int]:
    if len(members) < MIN_PLAUSIBLE_MEMBERS:
        raise ParseError(
            legislators.SOURCE,
            legislators.LEGISLATORS_FILE,
            "(document)",
            f"lists only {len(members)} members; refusing to mark the others as out of office",
        )
    counts = official_rows.sync_officials(session, [_values(m) for m in members], now=now)
    return {
        "added": counts.added,
        "updated": counts.updated,
        "unchanged": counts.unchanged,
        "left_office": counts.retired,
    }


def _values(item: Any) -> dict[str, Any]:
    # The parsed values use the column names on purpose, so this is a plain copy.
    return asdict(item)


def _known_name(name: str) -> str:
    if name not in legislators.FILES:
        raise InvalidInput(f"{name} is not one of {', '.join(legislators.FILES)}")
    return name


def _fetch(url: str, settings: Settings) -> dict[str, bytes]:
    base, _, last = url.rpartition("/")
    names = (_known_name(last),) if last.endswith(".yaml") else legislators.FILES
    base_url = base + "/" if last.endswith(".yaml") else url
    with PoliteClient(
        user_agent=default_user_agent(settings.contact),
        min_interval=settings.min_request_interval,
        timeout=settings.http_timeout,
        max_retries=settings.http_max_retries,
    ) as client:
        return legislators.fetch_files(client, base_url, names)
