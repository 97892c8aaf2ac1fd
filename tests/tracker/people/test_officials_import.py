"""Importing the real congress-legislators data, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from db.models import CommitteeInfo, CommitteeMembership, Official
from scrapers.errors import ParseError
from scrapers.legislators import (
    LEGISLATORS_FILE,
    committee_thomas_id,
    parse_files,
    parse_legislators,
)
from tests.tracker.people._legislators import parsed
from tracker.people.officials import import_officials, store_officials

T0 = datetime(2017, 9, 28, 12, 0, tzinfo=UTC)
T1 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)


@pytest.fixture
def current(test_data):
    return parsed(test_data / "legislators" / "current")


@pytest.fixture
def snapshot(test_data):
    return parsed(test_data / "legislators" / "snapshot-2017-09-28")


def _count(session, *where):
    return session.scalar(select(func.count()).select_from(Official).where(*where))


def _official(session, bioguide):
    return session.scalars(select(Official).where(Official.bioguide_id == bioguide)).one()


def test_current_members_are_imported(session, current):
    report = store_officials(session, current, now=T1)

    assert (report.added, report.updated, report.left_office) == (537, 0, 0)
    assert _count(session) == 537
    assert _count(session, Official.chamber == "senate") == 100
    assert _count(session, Official.chamber == "house") == 437
    assert report.committees == session.scalar(select(func.count()).select_from(CommitteeInfo))
    assert report.memberships == 3879 and report.memberships_skipped == 0
    # At-large seats and delegates are district 0, senators have none.
    assert _official(session, "N000147").district == 0  # Eleanor Holmes Norton, DC
    assert _official(session, "C000127").district is None  # Maria Cantwell, WA


def test_contact_details_match_the_yaml(session, current):
    store_officials(session, current, now=T1)

    padilla = _official(session, "P000145")  # Sen. Alex Padilla, CA
    assert (padilla.name, padilla.chamber, padilla.state, padilla.party) == (
        "Alex Padilla",
        "senate",
        "CA",
        "Democrat",
    )
    assert padilla.phone == "202-224-3553"
    pelosi = _official(session, "P000197")  # Rep. Nancy Pelosi, CA-11
    assert (pelosi.chamber, pelosi.state, pelosi.district) == ("house", "CA", 11)
    assert pelosi.phone == "202-225-4965"
    assert pelosi.website and pelosi.website.startswith("https://pelosi.house.gov")


def test_reimport_changes_nothing(session, current):
    store_officials(session, current, now=T0)
    again = store_officials(session, current, now=T1)

    assert (again.added, again.updated, again.unchanged, again.left_office) == (0, 0, 537, 0)
    assert again.memberships == 3879
    assert session.scalar(select(func.count()).select_from(CommitteeMembership)) == 3879
    assert session.scalar(select(func.max(Official.updated_at))) == T0


def test_departed_members_stay_but_leave_office(session, snapshot, current):
    first = store_officials(session, snapshot, now=T0)
    assert first.added == 540 and _count(session) == 540

    report = store_officials(session, current, now=T1)

    before = {m.bioguide_id for m in snapshot.legislators}
    now = {m.bioguide_id for m in current.legislators}
    assert report.left_office == len(before - now)
    assert report.added == len(now - before)
    assert _count(session) == len(before | now)  # nobody deleted
    assert _count(session, Official.in_office.is_(True)) == 537
    speier = _official(session, "S001175")  # Jackie Speier left Congress in January 2023
    assert (speier.in_office, speier.left_office_at) == (False, T1)
    assert speier.phone == "202-225-3531"  # her 2017 contact details are kept
    pelosi = _official(session, "P000197")  # CA-12 in 2017, CA-11 now
    assert (pelosi.in_office, pelosi.district, pelosi.left_office_at) == (True, 11, None)
    # Speier's committee seats went with her: memberships are replaced per import.
    assert not session.scalars(
        select(CommitteeMembership).where(CommitteeMembership.official_id == speier.id)
    ).all()


def test_a_returning_member_is_in_office_again(session, snapshot, current):
    store_officials(session, snapshot, now=T0)
    store_officials(session, current, now=T1)
    store_officials(session, snapshot, now=T1)

    speier = _official(session, "S001175")
    assert (speier.in_office, speier.left_office_at) == (True, None)


def test_one_file_refreshes_only_its_part(session, current, test_data):
    store_officials(session, current, now=T0)
    folder = test_data / "legislators" / "current"
    name = "committee-membership-current.yaml"

    report = import_officials(session, {name: (folder / name).read_bytes()}, now=T1)

    assert (report.added, report.committees, report.memberships) == (None, None, 3879)
    assert _count(session) == 537


def test_a_truncated_member_list_is_refused(session, current, test_data):
    store_officials(session, current, now=T0)
    text = (test_data / "legislators" / "current" / LEGISLATORS_FILE).read_text()
    first_ten = "\n- id:".join(text.split("\n- id:")[:10]) + "\n"

    with pytest.raises(ParseError, match="lists only 10 members"):
        import_officials(session, {LEGISLATORS_FILE: first_ten.encode()}, now=T1)


def test_a_member_without_bioguide_id_fails_loudly():
    doc = [{"id": {"thomas": "1"}, "name": {"first": "A", "last": "B"}, "terms": []}]
    with pytest.raises(ParseError, match=r"\[0\]\.id\.bioguide"):
        parse_legislators(doc)


def test_yaml_that_is_not_yaml_fails_loudly():
    with pytest.raises(ParseError, match="not YAML"):
        parse_files({LEGISLATORS_FILE: b"- id: [unclosed"})


# --- committee codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("system_code", "thomas_id"),
    [
        ("hsed00", "HSED"),  # H.R. 4030's committee
        ("hsed13", "HSED13"),
        ("ssfi00", "SSFI"),
        ("hsju08", "HSJU08"),
        ("HSAS02", "HSAS02"),
        ("jsec00", "JSEC"),
    ],
)
def test_committee_thomas_id(system_code, thomas_id):
    assert committee_thomas_id(system_code) == thomas_id


@pytest.mark.parametrize("bad", ["hsed", "hsed0", "hs1d00", "", "HSED13x"])
def test_committee_thomas_id_refuses_other_text(bad):
    with pytest.raises(ValueError, match="not a committee system code"):
        committee_thomas_id(bad)


def test_every_real_committee_code_maps_to_a_known_committee(test_data, snapshot):
    """BILLSTATUS (115th) and Congress.gov API codes all name a committee of the 2017 data."""
    texts = [p.read_text() for p in (test_data / "billstatus" / "govinfo-115").glob("*.xml")]
    texts += [p.read_text() for p in (test_data / "congress-api").rglob("*.json")]
    codes = {c for t in texts for c in re.findall(r"systemCode\W+([a-z]{4}\d{2})", t)}
    assert {"hsed00", "hsju08", "hsif16", "ssfi00", "hsgo00", "ssga00"} <= codes

    known = {c.code for c in snapshot.committees}
    assert {code: committee_thomas_id(code) in known for code in codes} == dict.fromkeys(
        codes, True
    )
    names = {c.code: c.name for c in snapshot.committees}
    # BILLSTATUS calls hsed00 "Education and Labor Committee" (its later name);
    # the 2017 data keeps the name of the day, as the action text does.
    assert names["HSED"] == "House Committee on Education and the Workforce"
    assert names["HSED13"] == "Higher Education and Workforce Development"
