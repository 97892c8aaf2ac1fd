"""State legislators and their committees from the openstates/people YAML.

Two layouts are read: the repository's own (``data/{state}/legislature/*.yml`` and
``data/{state}/committees/*.yml``) and a flat copy of one state (``*.yml`` beside a
``committees/`` folder, as in the shared test data). Only a legislator's current role
counts: the one without an ``end_date`` whose type is ``upper``, ``lower`` or
``legislature`` (Nebraska). The capitol office's phone comes first, then any office's.
YAML is read with the safe loader only.

Imports ``scrapers`` and the standard library (and PyYAML) only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scrapers.errors import ParseError
from scrapers.stages.openstates import chamber_of

SOURCE = "openstates-people"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CHAMBER_ROLES = frozenset({"upper", "lower", "legislature"})


@dataclass(frozen=True, slots=True, kw_only=True)
class StateLegislator:
    person_id: str
    jurisdiction: str
    chamber: str  # "senate" | "house" | "legislature"
    district: str
    name: str
    party: str | None
    phone: str | None
    office_address: str | None
    email: str | None
    website: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StateCommitteeSeat:
    committee_id: str
    committee_name: str
    jurisdiction: str
    chamber: str | None
    person_id: str
    role: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatePeople:
    legislators: tuple[StateLegislator, ...]
    seats: tuple[StateCommitteeSeat, ...]
    states: tuple[str, ...]  # the states the files covered (their old rows are replaced)


def is_people_folder(path: Path) -> bool:
    """True for a folder in either openstates/people layout."""
    return any(_state_folders(path))


def read_people_folder(path: Path) -> StatePeople:
    """Every state's legislators and committee seats under ``path``."""
    legislators: list[StateLegislator] = []
    seats: list[StateCommitteeSeat] = []
    states: list[str] = []
    for state, people_dir, committees_dir in _state_folders(path):
        states.append(state)
        for file in sorted(people_dir.glob("*.yml")):
            found = parse_person(file.read_bytes(), where=str(file), state=state)
            if found is not None:
                legislators.append(found)
        if committees_dir.is_dir():
            for file in sorted(committees_dir.glob("*.yml")):
                seats.extend(parse_committee(file.read_bytes(), where=str(file), state=state))
    return StatePeople(legislators=tuple(legislators), seats=tuple(seats), states=tuple(states))


def _state_folders(path: Path) -> Iterator[tuple[str, Path, Path]]:
    data = path / "data" if (path / "data").is_dir() else path
    for folder in sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []:
        state = folder.name.lower()
        if len(state) != 2 or not state.isalpha():
            continue
        if (folder / "legislature").is_dir():
            yield state, folder / "legislature", folder / "committees"
        elif any(folder.glob("*.yml")):
            yield state, folder, folder / "committees"
    # One state's files straight in ``path`` (``ca/`` itself was given).
    if len(path.name) == 2 and path.name.isalpha() and any(path.glob("*.yml")):
        yield path.name.lower(), path, path / "committees"


def _load(content: bytes, where: str) -> Mapping[str, Any]:
    try:
        doc = yaml.load(content, Loader=_LOADER)  # the safe loader (C or Python)
    except yaml.YAMLError as exc:
        raise ParseError(SOURCE, where, "$", f"not YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(doc, dict):
        raise ParseError(SOURCE, where, "$", "not a mapping")
    return doc


def parse_person(content: bytes, *, where: str, state: str) -> StateLegislator | None:
    """The legislator in one person file; None when they hold no legislative seat now."""
    doc = _load(content, where)
    person_id, name = doc.get("id"), doc.get("name")
    if not isinstance(person_id, str) or not isinstance(name, str):
        raise ParseError(SOURCE, where, "id/name", "missing")
    role = next(
        (
            r
            for r in doc.get("roles") or []
            if isinstance(r, dict) and r.get("type") in _CHAMBER_ROLES and not r.get("end_date")
        ),
        None,
    )
    if role is None:
        return None
    chamber = chamber_of(str(role["type"]))
    assert chamber is not None  # the three role types all name a chamber
    offices = [o for o in doc.get("offices") or [] if isinstance(o, dict)]
    offices.sort(key=lambda o: o.get("classification") != "capitol")
    phone = next((str(o["voice"]) for o in offices if o.get("voice")), None)
    address = next((str(o["address"]) for o in offices if o.get("address")), None)
    parties = [p.get("name") for p in doc.get("party") or [] if isinstance(p, dict)]
    links = [link.get("url") for link in doc.get("links") or [] if isinstance(link, dict)]
    email = doc.get("email")
    return StateLegislator(
        person_id=person_id,
        jurisdiction=state,
        chamber=chamber.value,
        district=str(role.get("district") or ""),
        name=name.strip(),
        party=str(parties[0]) if parties and parties[0] else None,
        phone=phone[:40] if phone else None,
        office_address=address,
        email=email if isinstance(email, str) else None,
        website=str(links[0]) if links and links[0] else None,
    )


def parse_committee(content: bytes, *, where: str, state: str) -> list[StateCommitteeSeat]:
    """The seats of one committee file (members without a person id are skipped)."""
    doc = _load(content, where)
    committee_id, name = doc.get("id"), doc.get("name")
    if not isinstance(committee_id, str) or not isinstance(name, str):
        raise ParseError(SOURCE, where, "id/name", "missing")
    chamber = chamber_of(str(doc.get("chamber") or ""))
    return [
        StateCommitteeSeat(
            committee_id=committee_id,
            committee_name=name.strip(),
            jurisdiction=state,
            chamber=chamber.value if chamber else None,
            person_id=member["person_id"],
            role=str(member.get("role") or "member")[:40],
        )
        for member in doc.get("members") or []
        if isinstance(member, dict) and isinstance(member.get("person_id"), str)
    ]
