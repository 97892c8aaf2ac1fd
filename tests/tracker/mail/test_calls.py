"""``ContactBook`` (officials for many places at once) answers as ``officials_to_contact``."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from db.models import CommitteeReferral as Referral
from db.models import Cosponsor, Official
from tests.tracker.mail.builders import T0, add_bill
from tracker.core.settings import Settings
from tracker.mail.calls import ContactBook
from tracker.people.contacts import officials_to_contact
from tracker.people.officials import import_officials, read_legislator_files


@pytest.fixture
def officials(session, test_data):
    folder = test_data / "legislators" / "current"
    import_officials(session, read_legislator_files(str(folder), settings=Settings()), now=T0)
    return list(session.scalars(select(Official).where(Official.in_office.is_(True))))


def _backed_bill(session, officials, **overrides):
    """A House bill in the Judiciary Committee, backed by a few Californians and New Yorkers."""
    bill = add_bill(session, "hr7000-119", **overrides)
    session.add(
        Referral(
            bill_id=bill.id,
            committee_code="hsju00",
            name="Judiciary Committee",
            chamber="house",
            latest_activity="Referred to",
        )
    )
    backers = [o for o in officials if o.state in ("CA", "NY") and o.chamber == "house"][::3]
    for i, o in enumerate(backers):
        session.add(
            Cosponsor(
                bill_id=bill.id,
                member_key=o.bioguide_id,
                bioguide_id=o.bioguide_id,
                name=o.name,
                sponsored_on=date(2026, 1, 5),
                withdrawn_on=date(2026, 2, 1) if i % 4 == 3 else None,  # some withdrew
            )
        )
    bill.sponsor_bioguide_id = backers[0].bioguide_id
    session.flush()
    return bill


@pytest.mark.parametrize(
    "stage",
    [
        {"stage": "in_committee", "next_chamber": "house"},
        {"stage": "passed_one_chamber", "next_chamber": "senate", "stage_chamber": "house"},
        {"stage": "vetoed", "next_chamber": None},
    ],
)
def test_contact_book_matches_officials_to_contact(session, officials, stage):
    bill = _backed_bill(session, officials, **stage)
    places = sorted(
        {(o.state, o.district) for o in officials if o.chamber == "house"}
        | {("CA", None), ("ZZ", 1)},
        key=str,
    )
    places = [p for p in places if p[0] in ("CA", "NY", "VT", "DC", "PR", "TX", "ZZ")]
    book = ContactBook()
    compared = 0
    for state, district in places:
        for stance in ("support", "oppose", "watch"):
            expected = officials_to_contact(
                session, state=state, district=district, bill=bill, stance=stance
            )
            got = book.find(session, state=state, district=district, bill=bill, stance=stance)
            assert got == expected, (state, district, stance)
            compared += len(expected)
    assert compared > 300
    # The comparison covered officials who back the bill and who do not.
    actions = {
        s.action
        for place in places
        for s in book.find(session, state=place[0], district=place[1], bill=bill, stance="support")
    }
    assert {"thank", "ask"} <= actions
