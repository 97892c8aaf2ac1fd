"""State legislators from the real openstates/people YAML, advocates' state districts,
and the call list for a state bill: the advocate's own legislators, committee members
first, sponsors when their own are missing, the lookup page when districts are unset,
never members of Congress and never another state's legislators."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.bills import track_bill
from db.models import Official, StateCommitteeMember, StateLegislator
from scrapers.sources.openstates import parse_bill
from scrapers.state_legislators import parse_person, read_people_folder
from tests.db_rows import T0, MutableClock
from tracker.checking.store import apply_snapshot
from tracker.core.app import App
from tracker.core.errors import InvalidInput
from tracker.core.settings import Settings
from tracker.people.contacts import call_plan
from tracker.people.state_officials import import_state_people, read_state_people

WAHAB = "ocd-person/295965df-6c71-4e11-806f-2b7d5be5d45c"  # CA Senate district 10
WICKS = "ocd-person/8230907e-9ae3-4ae9-b52a-c8464a157f64"  # CA Assembly district 14


@pytest.fixture
def people_dir(test_data: Path) -> Path:
    root = test_data / "openstates-people"
    if not (root / "ca").is_dir():
        pytest.skip(f"{root} not found (shared data without section 7)")
    return root


@pytest.fixture
def app(migrated_url: str) -> Any:
    application = App.from_settings(Settings(database_url=migrated_url), clock=MutableClock())
    yield application
    application.close()


def test_real_yaml_reads_legislators_offices_and_committees(people_dir: Path) -> None:
    people = read_people_folder(people_dir)
    assert people.states == ("ca", "ny")
    by_id = {p.person_id: p for p in people.legislators}
    assert len(by_id) == 10
    wahab, wicks = by_id[WAHAB], by_id[WICKS]
    assert (wahab.chamber, wahab.district, wahab.phone) == ("senate", "10", "916-651-4410")
    # Wicks held district 15 before 2022: only the current role counts.
    assert (wicks.chamber, wicks.district, wicks.phone) == ("house", "14", "916-319-2014")
    assert wicks.office_address is not None and "Sacramento" in wicks.office_address
    seats = [s for s in people.seats if s.person_id == WAHAB]
    assert [(s.committee_name, s.chamber, s.role) for s in seats] == [
        ("Appropriations", "senate", "member")
    ]
    assert {s.jurisdiction for s in people.seats} == {"ca", "ny"}


def test_repository_layout_and_a_former_member(people_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "people" / "data" / "ca"
    shutil.copytree(
        people_dir / "ca", target / "legislature", ignore=shutil.ignore_patterns("committees")
    )
    shutil.copytree(people_dir / "ca" / "committees", target / "committees")
    people = read_people_folder(tmp_path / "people")
    assert people.states == ("ca",) and len(people.legislators) == 5
    retired = (people_dir / "ca" / f"Buffy-Wicks-{WICKS[11:]}.yml").read_bytes()
    retired = retired.replace(
        b"- start_date: 2022-12-05\n", b"- start_date: 2022-12-05\n  end_date: 2024-12-02\n"
    )
    assert parse_person(retired, where="wicks", state="ca") is None


def test_import_replaces_a_state_and_refuses_an_empty_one(
    app: Any, people_dir: Path, tmp_path: Path
) -> None:
    people = read_state_people(str(people_dir))
    with app.transaction() as s:
        report = import_state_people(s, people, now=T0)
        assert (report.state_legislators, report.states) == (10, ("ca", "ny"))
    with app.transaction() as s:  # again: replaced, not doubled
        import_state_people(s, people, now=T0)
    with app.sessions.begin() as s:
        assert len(s.scalars(select(StateLegislator)).all()) == 10
        assert len(s.scalars(select(StateCommitteeMember)).all()) == len(people.seats)
    (tmp_path / "ca").mkdir()
    (tmp_path / "ca" / "nobody.yml").write_text("id: ocd-person/x\nname: X\nroles: []\n")
    with app.transaction() as s, pytest.raises(InvalidInput, match="no sitting legislator"):
        import_state_people(s, read_state_people(str(tmp_path)), now=T0)


def _ca_bill(app: Any, test_data: Path, **changes: Any) -> Any:
    """A CA Senate bill in the Senate Appropriations committee: the real Kentucky bill
    object with its place, sponsors and actions changed (hand-made on the real shape)."""
    path = test_data / "openstates-api" / "v3" / "ky-2026RS-SB197-bill.json"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    real = json.loads(path.read_bytes())
    upper = real["actions"][0]["organization"]
    sponsor = dict(real["sponsorships"][0], primary=True, name="Ben Allen")
    sponsor["person"] = dict(sponsor["person"], name="Ben Allen", party="Democratic")
    doc = (
        dict(
            real,
            jurisdiction={
                "id": "ocd-jurisdiction/country:us/state:ca/government",
                "name": "California",
            },
            session="20232024",
            identifier="SB 100",
            openstates_url="https://openstates.org/ca/bills/20232024/SB100/",
            sponsorships=[sponsor],
            votes=[],
            actions=[
                dict(
                    real["actions"][0],
                    order=0,
                    date="2023-02-01",
                    classification=["introduction"],
                    description="Introduced. Read first time.",
                    organization=upper,
                ),
                dict(
                    real["actions"][0],
                    order=1,
                    date="2023-02-15",
                    classification=["referral-committee"],
                    description="Referred to Com. on Appropriations.",
                    organization=upper,
                ),
            ],
        )
        | changes
    )
    snapshot = parse_bill(doc, where="ca-sb100")
    with app.transaction() as s:
        bill, _ = track_bill(
            s,
            key=snapshot.ref.key,
            jurisdiction="ca",
            bill_session="20232024",
            bill_type="sb",
            number=100,
            source="openstates",
            now=T0,
        )
        apply_snapshot(s, bill, snapshot, fingerprint="x")
        s.add(
            Official(  # a member of Congress from CA: never named for a state bill
                bioguide_id="P000197",
                name="Nancy Pelosi",
                chamber="house",
                state="CA",
                district=11,
                updated_at=T0,
            )
        )
    return snapshot.ref.key


def _plan(app: Any, key: str, **advocate: Any) -> Any:
    from db.bills import get_bill

    with app.sessions.begin() as s:
        bill = get_bill(s, key)
        return call_plan(s, bill=bill, stance="support", today=T0.date(), **advocate)


def test_a_ca_advocate_with_state_districts_gets_their_own_legislators(
    app: Any, people_dir: Path, test_data: Path
) -> None:
    with app.transaction() as s:
        import_state_people(s, read_state_people(str(people_dir)), now=T0)
    key = _ca_bill(app, test_data)
    plan = _plan(
        app, key, state="CA", district=11, state_senate_district="10", state_house_district="14"
    )
    assert plan.hint is None
    names = [s.name for s in plan.suggestions]
    # The bill is in the Senate Appropriations committee, where Wahab sits: first, asked.
    # Wicks (Assembly) has nothing to do while the Senate holds it.
    assert names == ["Aisha Wahab"]
    first = plan.suggestions[0]
    assert (first.title, first.phone, first.committee) == (
        "Sen.",
        "916-651-4410",
        "Appropriations committee",
    )
    assert first.action.value == "ask" and first.bioguide_id == ""
    assert any("district 10" in r for r in first.reasons)
    assert "Pelosi" not in " ".join(names)


def test_without_districts_the_sponsor_and_the_lookup_page(
    app: Any, people_dir: Path, test_data: Path
) -> None:
    with app.transaction() as s:
        import_state_people(s, read_state_people(str(people_dir)), now=T0)
    key = _ca_bill(app, test_data)
    plan = _plan(app, key, state="CA", district=11)
    assert plan.hint is not None and "findyourrep.legislature.ca.gov" in plan.hint
    assert [s.name for s in plan.suggestions] == ["Ben Allen"]
    assert plan.suggestions[0].relation.value == "sponsor"
    # An advocate of another state: nobody (only California's legislators vote on it).
    other = _plan(app, key, state="NY", district=12, state_senate_district="35")
    assert other.suggestions == () and other.hint is None


def test_alert_mail_calls_for_a_state_bill_name_the_advocate_s_own(
    app: Any, people_dir: Path, test_data: Path
) -> None:
    from db.bills import get_bill
    from tracker.mail.calls import CallPlanner
    from tracker.mail.compose import bill_view

    with app.transaction() as s:
        import_state_people(s, read_state_people(str(people_dir)), now=T0)
    key = _ca_bill(app, test_data)
    with app.sessions.begin() as s:
        bill = get_bill(s, key)
        view = bill_view(bill, (), public_url="https://tracker.example.org")
        planner = CallPlanner(s, today=T0.date())
        own = planner.fragment(
            state="CA", district=11, bill=bill, view=view, stance="support",
            state_districts=("10", "14"),
        ).text  # fmt: skip
        unset = planner.fragment(
            state="CA", district=11, bill=bill, view=view, stance="support"
        ).text
    assert "Aisha Wahab" in own and "916-651-4410" in own
    assert "Pelosi" not in own and "Pelosi" not in unset
    assert "Aisha Wahab" not in unset and "Ben Allen" in unset


def test_bill_page_asks_for_state_districts_and_names_own_legislators(
    app: Any, people_dir: Path, test_data: Path
) -> None:
    from werkzeug.test import Client

    from tracker.web import make_web_app

    with app.transaction() as s:
        import_state_people(s, read_state_people(str(people_dir)), now=T0)
    key = _ca_bill(app, test_data)
    client = Client(make_web_app(app))
    page = client.get(f"/bills/{key}").get_data(as_text=True)
    assert 'name="senate_district"' in page and 'name="district"' not in page
    own = client.get(f"/bills/{key}?state=CA&senate_district=10&house_district=14")
    text = own.get_data(as_text=True)
    assert own.status_code == 200 and "Aisha Wahab" in text and "916-651-4410" in text
    assert "Pelosi" not in text
    unset = client.get(f"/bills/{key}?state=CA").get_data(as_text=True)
    assert "https://findyourrep.legislature.ca.gov/" in unset and "Ben Allen" in unset
    other = client.get(f"/bills/{key}?state=NY&senate_district=35").get_data(as_text=True)
    assert (
        "Only CA&#39;s legislators vote on this bill." in other or "Only CA's legislators" in other
    )
    bad = client.get(f"/bills/{key}?state=CA&senate_district=%3Cb%3E").get_data(as_text=True)
    assert "Write your state district" in bad


def test_the_committee_open_states_names_puts_its_members_first(
    app: Any, people_dir: Path, test_data: Path
) -> None:
    with app.transaction() as s:
        import_state_people(s, read_state_people(str(people_dir)), now=T0)
    real = json.loads(
        (test_data / "openstates-api" / "v3" / "ky-2026RS-SB197-bill.json").read_bytes()
    )
    upper = real["actions"][0]["organization"]
    entity = [{"name": "Appropriations", "entity_type": "organization"}]
    key = _ca_bill(
        app,
        test_data,
        actions=[
            dict(real["actions"][0], order=0, date="2023-02-01", classification=["introduction"],
                 description="Introduced.", organization=upper, related_entities=[]),
            dict(real["actions"][0], order=1, date="2023-02-15",
                 classification=["referral-committee"], description="Referred to committee.",
                 organization=upper, related_entities=entity),
        ],
    )  # fmt: skip
    plan = _plan(app, key, state="CA", district=11, state_senate_district="10")
    assert [(s.name, s.committee) for s in plan.suggestions] == [
        ("Aisha Wahab", "Appropriations committee")
    ]
    assert any("Appropriations" in r for r in plan.suggestions[0].reasons)
