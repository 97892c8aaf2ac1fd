"""Importing current MPs from the UK Parliament Members API into ``uk_members``.

Reads every page of the current Commons members search, then each member's
contact information (their phone), and syncs the table: new members added,
known ones updated, and, only when the whole list was read (as many members as
the API says it has), members no longer listed marked out of office. A
truncated answer never retires anybody.

About 33 search pages and one contact request per MP (650): with the default
one request a second, an import takes some 11 minutes.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import UkMember
from scrapers import uk_members
from scrapers.errors import ParseError
from scrapers.http import PoliteClient

_SEARCH = "/api/Members/Search"
#: More pages than there are MPs means the server is not paging.
_MAX_PAGES = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class UkImportReport:
    added: int
    updated: int
    unchanged: int
    left_office: int
    complete: bool  # every member the search counts was read

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def constituency_key(name: str | None) -> str | None:
    """A constituency folded for matching: case, spacing, punctuation and "&" / "and"."""
    if not name or not name.strip():
        return None
    folded = name.lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", folded).split()) or None


def fetch_current_mps(
    client: PoliteClient, base_url: str
) -> tuple[list[tuple[uk_members.UkMemberRecord, uk_members.Contact]], bool]:
    """Every current Commons member with their contact, and whether the list is complete."""
    base = base_url.rstrip("/")
    records: list[uk_members.UkMemberRecord] = []
    total: int | None = None
    for page_number in range(_MAX_PAGES):
        params = {
            "House": str(uk_members.COMMONS),
            "IsCurrentMember": "true",
            "skip": str(page_number * uk_members.PAGE_SIZE),
            "take": str(uk_members.PAGE_SIZE),
        }
        response = client.get(f"{base}{_SEARCH}", params=params)
        page = uk_members.parse_search_page(response.content, where=response.url)
        records.extend(page.members)
        total = page.total if page.total is not None else total
        if len(page.members) < uk_members.PAGE_SIZE or (
            total is not None and len(records) >= total
        ):
            break
    else:
        raise ParseError(uk_members.SOURCE, f"{base}{_SEARCH}", "items", "too many pages")
    found = []
    for record in records:
        if record.house != "commons" or not record.in_office:
            continue
        url = f"{base}/api/Members/{record.member_id}/Contact"
        response = client.get(url)
        found.append((record, uk_members.parse_contact(response.content, where=url)))
    return found, total is not None and len(records) >= total


def store_mps(
    session: Session,
    found: list[tuple[uk_members.UkMemberRecord, uk_members.Contact]],
    *,
    complete: bool,
    now: datetime,
) -> UkImportReport:
    known = {m.member_id: m for m in session.scalars(select(UkMember))}
    added = updated = unchanged = 0
    seen: set[int] = set()
    for record, contact in found:
        seen.add(record.member_id)
        values = {
            "name": record.name,
            "party": record.party,
            "house": record.house,
            "constituency": record.constituency,
            "constituency_key": constituency_key(record.constituency),
            "phone": contact.phone,
            "email": contact.email,
            "in_office": True,
        }
        row = known.get(record.member_id)
        if row is None:
            session.add(UkMember(member_id=record.member_id, updated_at=now, **values))
            added += 1
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.updated_at = now
            updated += 1
        else:
            unchanged += 1
    left = 0
    if complete:
        for member_id, row in known.items():
            if member_id not in seen and row.in_office:
                row.in_office, row.updated_at = False, now
                left += 1
    session.flush()
    return UkImportReport(
        added=added, updated=updated, unchanged=unchanged, left_office=left, complete=complete
    )


def mp_for(session: Session, constituency: str | None) -> UkMember | None:
    """The one sitting MP of ``constituency``; None when there is none, or more than one."""
    key = constituency_key(constituency)
    if key is None:
        return None
    rows = list(
        session.scalars(
            select(UkMember).where(
                UkMember.constituency_key == key,
                UkMember.in_office.is_(True),
                UkMember.house == "commons",
            )
        )
    )
    return rows[0] if len(rows) == 1 else None


def any_mps(session: Session) -> bool:
    return (
        session.scalar(select(UkMember.id).where(UkMember.in_office.is_(True)).limit(1)) is not None
    )
