"""Members of Congress and their committees, from unitedstates/congress-legislators.

The project publishes YAML files (CC0) at
https://unitedstates.github.io/congress-legislators/; their fields are
documented in its README ("Data Dictionary"). This module reads those bytes
into plain frozen values and nothing else: storing them is ``db.officials``'
job, deciding what to import is ``tracker.people.officials``'. Imports requests'
client type and PyYAML only; never ``db``, ``tracker`` or ``jobs``.

Committee codes differ between the sources: BILLSTATUS and the Congress.gov
API say ``hsed00`` (committee) and ``hsed13`` (subcommittee); this data says
``HSED`` and, for subcommittees, ``HSED`` + ``13``. ``committee_thomas_id``
maps the first onto the second.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from scrapers.errors import ParseError
from scrapers.http import PoliteClient

SOURCE = "congress-legislators"
LEGISLATORS_FILE = "legislators-current.yaml"
COMMITTEES_FILE = "committees-current.yaml"
MEMBERSHIP_FILE = "committee-membership-current.yaml"
#: The files an import reads, in the order they must be stored (members first).
FILES: tuple[str, ...] = (LEGISLATORS_FILE, COMMITTEES_FILE, MEMBERSHIP_FILE)

#: The libyaml loader parses legislators-current.yaml (1 MB) about ten times
#: faster than the pure-Python one; fall back when PyYAML was built without it.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CHAMBER_OF_TERM = {"rep": "house", "sen": "senate"}
_SYSTEM_CODE = re.compile(r"^([a-z]{4})(\d{2})$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Legislator:
    """A sitting member as of their last term. ``district`` is 0 for at-large seats."""

    bioguide_id: str
    name: str
    first_name: str | None
    last_name: str | None
    chamber: str  # "house" | "senate"
    state: str
    district: int | None  # None for senators
    party: str | None
    phone: str | None
    office_address: str | None
    contact_form_url: str | None
    website: str | None
    term_start: date | None
    term_end: date | None
    lis_id: str | None = None  # the Senate's LIS member id ("S289"), which its roll calls use


@dataclass(frozen=True, slots=True, kw_only=True)
class Committee:
    """A committee (``code`` "HSED") or subcommittee ("HSED13", ``parent_code`` "HSED")."""

    code: str
    name: str
    chamber: str | None  # "house" | "senate" | "joint"
    parent_code: str | None
    url: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Membership:
    committee_code: str
    bioguide_id: str
    rank: int | None
    title: str | None  # "Chair", "Ranking Member", ... (not normalised upstream)
    party_side: str | None  # "majority" | "minority"


@dataclass(frozen=True, slots=True, kw_only=True)
class LegislatorsData:
    """What the files given held; a part is ``None`` when its file was not given."""

    legislators: tuple[Legislator, ...] | None = None
    committees: tuple[Committee, ...] | None = None
    memberships: tuple[Membership, ...] | None = None


def committee_thomas_id(system_code: str) -> str:
    """``hsed00`` -> ``HSED``; ``hsed13`` -> ``HSED13``; ``ssfi00`` -> ``SSFI``.

    Raises ``ValueError`` for anything that is not four letters and two digits.
    """
    match = _SYSTEM_CODE.match(system_code.strip().lower())
    if match is None:
        raise ValueError(f"not a committee system code: {system_code!r} (e.g. 'hsed00')")
    letters, number = match.groups()
    return letters.upper() if number == "00" else f"{letters.upper()}{number}"


# --- reading the files -----------------------------------------------------------------


def read_folder(folder: Path, names: tuple[str, ...] = FILES) -> dict[str, bytes]:
    """The bytes of each of ``names`` in ``folder``; ``FileNotFoundError`` names a missing one."""
    return {name: (folder / name).read_bytes() for name in names}


def fetch_files(
    client: PoliteClient, base_url: str, names: tuple[str, ...] = FILES
) -> dict[str, bytes]:
    """Download ``names`` from ``base_url`` (the project's published folder or a mirror)."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    return {name: client.get(base + name).content for name in names}


def parse_files(files: Mapping[str, bytes]) -> LegislatorsData:
    """Parse whichever of the known files ``files`` (name -> bytes) holds."""
    return LegislatorsData(
        legislators=_parsed(files, LEGISLATORS_FILE, parse_legislators),
        committees=_parsed(files, COMMITTEES_FILE, parse_committees),
        memberships=_parsed(files, MEMBERSHIP_FILE, parse_memberships),
    )


def _parsed(files: Mapping[str, bytes], name: str, parse: Any) -> Any:
    return parse(load_yaml(files[name], name)) if name in files else None


def load_yaml(content: bytes, name: str) -> Any:
    try:
        return yaml.load(content, Loader=_LOADER)  # a safe loader (C or pure Python)
    except yaml.YAMLError as exc:
        raise ParseError(SOURCE, name, "(document)", f"not YAML: {exc}") from None


# --- legislators-current.yaml ----------------------------------------------------------


def parse_legislators(doc: Any) -> tuple[Legislator, ...]:
    """Every member in legislators-current.yaml, described by their last term."""
    entries = _require_list(doc, LEGISLATORS_FILE, "(document)")
    return tuple(_legislator(entry, f"[{i}]") for i, entry in enumerate(entries))


def _legislator(entry: Any, where: str) -> Legislator:
    bioguide = _require(entry, ("id", "bioguide"), where)
    name = _require(entry, ("name",), where)
    terms = _require_list(_require(entry, ("terms",), where), LEGISLATORS_FILE, f"{where}.terms")
    if not terms:
        raise ParseError(SOURCE, LEGISLATORS_FILE, f"{where}.terms", "empty")
    term = terms[-1]  # "the current term information will always be the last one"
    chamber = _CHAMBER_OF_TERM.get(term.get("type"))
    if chamber is None:
        raise ParseError(SOURCE, LEGISLATORS_FILE, f"{where}.terms[-1].type", "not rep/sen")
    return Legislator(
        bioguide_id=str(bioguide),
        name=_display_name(name),
        first_name=_text(name.get("first")),
        last_name=_text(name.get("last")),
        chamber=chamber,
        state=str(_require(term, ("state",), f"{where}.terms[-1]")),
        district=_district(term) if chamber == "house" else None,
        party=_text(term.get("party")),
        phone=_text(term.get("phone")),
        # ``address`` is the full mailing address; ``office`` only room and building.
        office_address=_text(term.get("address")) or _text(term.get("office")),
        contact_form_url=_text(term.get("contact_form")),
        website=_text(term.get("url")),
        term_start=_date(term.get("start")),
        term_end=_date(term.get("end")),
        lis_id=_text(entry["id"].get("lis")),
    )


def _display_name(name: Mapping[str, Any]) -> str:
    # official_full is present for everyone serving since 2012 (two members lack it here).
    full = _text(name.get("official_full"))
    if full:
        return full
    return " ".join(p for p in (_text(name.get("first")), _text(name.get("last"))) if p)


def _district(term: Mapping[str, Any]) -> int | None:
    value = term.get("district")
    # -1 means "unknown" in historical data; treat it as not known rather than a seat.
    return int(value) if value is not None and int(value) >= 0 else None


# --- committees-current.yaml -----------------------------------------------------------


def parse_committees(doc: Any) -> tuple[Committee, ...]:
    """Committees and their subcommittees (subcommittee codes are parent + two digits)."""
    committees: list[Committee] = []
    for i, entry in enumerate(_require_list(doc, COMMITTEES_FILE, "(document)")):
        parent = _committee(entry, f"[{i}]", parent=None)
        committees.append(parent)
        for j, sub in enumerate(entry.get("subcommittees") or ()):
            committees.append(_committee(sub, f"[{i}].subcommittees[{j}]", parent=parent))
    return tuple(committees)


def _committee(entry: Any, where: str, *, parent: Committee | None) -> Committee:
    thomas_id = str(_require(entry, ("thomas_id",), where, COMMITTEES_FILE))
    return Committee(
        code=f"{parent.code}{thomas_id}" if parent else thomas_id,
        name=str(_require(entry, ("name",), where, COMMITTEES_FILE)),
        chamber=parent.chamber if parent else _text(entry.get("type")),
        parent_code=parent.code if parent else None,
        url=_text(entry.get("url")),
    )


# --- committee-membership-current.yaml -------------------------------------------------


def parse_memberships(doc: Any) -> tuple[Membership, ...]:
    """Who sits on which committee, keyed by thomas id ("HSED", "HSED13")."""
    if not isinstance(doc, Mapping):
        raise ParseError(SOURCE, MEMBERSHIP_FILE, "(document)", "not a mapping")
    return tuple(
        _membership(code, member, f"{code}[{i}]")
        for code, members in doc.items()
        for i, member in enumerate(members or ())
    )


def _membership(code: str, member: Any, where: str) -> Membership:
    rank = member.get("rank") if isinstance(member, Mapping) else None
    return Membership(
        committee_code=str(code),
        bioguide_id=str(_require(member, ("bioguide",), where, MEMBERSHIP_FILE)),
        rank=int(rank) if rank is not None else None,
        title=_text(member.get("title")),
        party_side=_text(member.get("party")),
    )


# --- small helpers ---------------------------------------------------------------------


def _require(entry: Any, path: tuple[str, ...], where: str, name: str = LEGISLATORS_FILE) -> Any:
    value = entry
    for key in path:
        if not isinstance(value, Mapping) or value.get(key) in (None, ""):
            raise ParseError(SOURCE, name, f"{where}.{'.'.join(path)}")
        value = value[key]
    return value


def _require_list(value: Any, name: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ParseError(SOURCE, name, where, "not a list")
    return value


def _text(value: Any) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None
