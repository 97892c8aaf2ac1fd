"""UK Parliament Members API answers: current Commons members and their contact details.

Pure parsers for two answers (shapes from the API's published OpenAPI schema,
members-api.parliament.uk/swagger/v1/swagger.json):

- ``GET /api/Members/Search?House=1&IsCurrentMember=true&skip=N&take=20``:
  ``{"items": [{"value": Member, "links": [...]}], "totalResults", "skip", "take"}``;
  a ``Member`` has ``id``, ``nameDisplayAs``, ``latestParty.name`` and
  ``latestHouseMembership`` (``house`` 1 Commons / 2 Lords, ``membershipFrom``:
  the constituency, ``membershipEndDate``).
- ``GET /api/Members/{id}/Contact``: ``{"value": [ContactInformation]}``, each with
  ``type``, ``phone``, ``email``, ``isPreferred``.

Imports the standard library and ``scrapers.errors`` only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from scrapers.errors import ParseError, load_json

SOURCE = "uk_members"
#: The Members API's ``House`` enumeration.
COMMONS, LORDS = 1, 2
#: The most the search answers per page (its ``take`` is capped at 20).
PAGE_SIZE = 20


@dataclass(frozen=True, slots=True, kw_only=True)
class UkMemberRecord:
    member_id: int
    name: str
    party: str | None
    house: str  # "commons" | "lords"
    constituency: str | None
    in_office: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchPage:
    members: tuple[UkMemberRecord, ...]
    total: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    phone: str | None
    email: str | None


def _json(content: bytes, where: str) -> Any:
    return load_json(content, source=SOURCE, where=where)


def parse_search_page(content: bytes, *, where: str) -> SearchPage:
    """The members on one page of a Members search answer."""
    doc = _json(content, where)
    if not isinstance(doc, dict) or not isinstance(doc.get("items"), list):
        raise ParseError(SOURCE, where, "items", "missing or not a list")
    members = []
    for i, item in enumerate(doc["items"]):
        value = item.get("value") if isinstance(item, dict) else None
        if not isinstance(value, dict):
            raise ParseError(SOURCE, where, f"items[{i}].value", "missing or not an object")
        members.append(_member(value, f"items[{i}].value", where))
    total = doc.get("totalResults")
    return SearchPage(members=tuple(members), total=total if isinstance(total, int) else None)


def _member(value: Mapping[str, Any], path: str, where: str) -> UkMemberRecord:
    member_id = value.get("id")
    name = value.get("nameDisplayAs")
    if not isinstance(member_id, int) or isinstance(member_id, bool) or member_id <= 0:
        raise ParseError(SOURCE, where, f"{path}.id", "missing or not a positive number")
    if not isinstance(name, str) or not name.strip():
        raise ParseError(SOURCE, where, f"{path}.nameDisplayAs", "missing")
    party = value.get("latestParty")
    membership = value.get("latestHouseMembership")
    if not isinstance(membership, dict):
        raise ParseError(SOURCE, where, f"{path}.latestHouseMembership", "missing")
    house = membership.get("house")
    if house not in (COMMONS, LORDS):
        raise ParseError(SOURCE, where, f"{path}.latestHouseMembership.house", f"is {house!r}")
    seat = membership.get("membershipFrom")
    status = membership.get("membershipStatus")
    # A membership that has ended, or whose status says it is not active, is no
    # longer a seat to call: never suggest a former MP.
    active = membership.get("membershipEndDate") is None and not (
        isinstance(status, dict) and status.get("statusIsActive") is False
    )
    return UkMemberRecord(
        member_id=member_id,
        name=" ".join(name.split()),
        party=_text(party.get("name")) if isinstance(party, dict) else None,
        house="commons" if house == COMMONS else "lords",
        constituency=_text(seat),
        in_office=active,
    )


def parse_contact(content: bytes, *, where: str) -> Contact:
    """The phone and email to give an advocate: preferred entry first, then Parliament's."""
    doc = _json(content, where)
    entries = doc.get("value") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise ParseError(SOURCE, where, "value", "missing or not a list")
    usable = [e for e in entries if isinstance(e, dict)]

    def rank(entry: Mapping[str, Any]) -> tuple[bool, bool]:
        parliamentary = "parliament" in str(entry.get("type") or "").lower()
        return (entry.get("isPreferred") is not True, not parliamentary)

    ordered = sorted(usable, key=rank)
    phone = next((p for e in ordered if (p := _text(e.get("phone")))), None)
    email = next((m for e in ordered if (m := _text(e.get("email")))), None)
    return Contact(phone=phone, email=email)


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
