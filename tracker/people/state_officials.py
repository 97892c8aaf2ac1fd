"""State legislators from the openstates/people YAML: storing them, and finding an
advocate's own.

``import_state_people`` replaces, state by state, the legislators and committee seats
of the states the files cover (a state whose files list nobody is refused: that is a
wrong folder, not a legislature that emptied). ``own_legislators`` gives the advocate's
state senator and representative from their districts. The CLI owns the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import StateCommitteeMember, StateLegislator
from scrapers.state_legislators import StatePeople, is_people_folder, read_people_folder
from tracker.core.errors import InvalidInput

__all__ = [
    "StateImportReport",
    "import_state_people",
    "is_people_folder",
    "own_legislators",
    "read_state_people",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class StateImportReport:
    states: tuple[str, ...]
    state_legislators: int
    state_committee_seats: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_state_people(location: str) -> StatePeople:
    path = Path(location).expanduser()
    if not path.is_dir() or not is_people_folder(path):
        raise InvalidInput(
            f"{location}: not an openstates/people folder "
            "(data/{state}/legislature/*.yml, or one state's *.yml files)"
        )
    return read_people_folder(path)


def import_state_people(
    session: Session, people: StatePeople, *, now: datetime
) -> StateImportReport:
    for state in people.states:
        if not any(p.jurisdiction == state for p in people.legislators):
            raise InvalidInput(f"{state}: the files list no sitting legislator; nothing imported")
    for state in people.states:
        session.execute(delete(StateLegislator).where(StateLegislator.jurisdiction == state))
        session.execute(
            delete(StateCommitteeMember).where(StateCommitteeMember.jurisdiction == state)
        )
    session.add_all(StateLegislator(**asdict(p), updated_at=now) for p in people.legislators)
    session.add_all(StateCommitteeMember(**asdict(s)) for s in people.seats)
    session.flush()
    return StateImportReport(
        states=people.states,
        state_legislators=len(people.legislators),
        state_committee_seats=len(people.seats),
    )


def own_legislators(
    session: Session,
    *,
    jurisdiction: str,
    senate_district: str | None,
    house_district: str | None,
) -> list[StateLegislator]:
    """The legislators of the advocate's districts: the senator (or Nebraska's one
    legislator) first, then the representatives (some states elect several per district)."""
    wanted: list[tuple[Sequence[str], str]] = []
    if senate_district:
        wanted.append((("senate", "legislature"), senate_district))
    if house_district:
        wanted.append((("house",), house_district))
    found: list[StateLegislator] = []
    for chambers, district in wanted:
        found.extend(
            session.scalars(
                select(StateLegislator)
                .where(
                    StateLegislator.jurisdiction == jurisdiction,
                    StateLegislator.chamber.in_(chambers),
                    StateLegislator.district == district.strip(),
                )
                .order_by(StateLegislator.name)
            )
        )
    return found
