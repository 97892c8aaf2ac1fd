"""Senators keep their LIS member id (congress-legislators ``id.lis``): Senate roll calls
name senators by it, and the officials map it to the Bioguide id."""

from __future__ import annotations

from sqlalchemy import select

from db.models import Official
from tests.tracker.people._legislators import parsed
from tracker.core.clock import utc_now
from tracker.people.officials import store_officials


def test_senators_carry_their_lis_id_and_representatives_none(test_data):
    data = parsed(test_data / "legislators" / "current")
    senators = [m for m in data.legislators if m.chamber == "senate"]
    assert senators and all(m.lis_id and m.lis_id.startswith("S") for m in senators)
    assert all(m.lis_id is None for m in data.legislators if m.chamber == "house")


def test_the_import_stores_the_lis_id(session, test_data):
    store_officials(
        session, parsed(test_data / "legislators" / "snapshot-2017-09-28"), now=utc_now()
    )
    murkowski = session.scalars(select(Official).where(Official.lis_id == "S288")).one()
    assert (murkowski.bioguide_id, murkowski.state) == ("M001153", "AK")
