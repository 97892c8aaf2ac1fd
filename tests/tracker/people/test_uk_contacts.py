"""Whom to contact for a UK bill: the advocate's MP (imported from the Members API) or
the find-your-MP page, and the bill's sponsors; never members of Congress.

The bill is the real Bills API answer for bill 2818 (sponsor Kevin Hollinrake,
Thirsk and Malton). The Members API answers are written from its published
schema (``members_api_schema_written``: no recorded response exists).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Advocate, Bill, Official, UkMember
from scrapers.http import PoliteClient
from scrapers.sources.uk_parliament.parse import parse_document
from scrapers.uk_members import parse_contact, parse_search_page
from tests.tracker.people import members_api_schema_written as written
from tests.tracker.people._legislators import parsed
from tests.uk_bill_2818 import bundle, real_bill, real_stages, track_2818
from tracker.checking.store import apply_snapshot
from tracker.people.contacts import call_plan, call_script
from tracker.people.moment import ContactAction, Relation
from tracker.people.officials import store_officials
from tracker.people.uk_contacts import FIND_YOUR_MP
from tracker.people.uk_members import constituency_key, fetch_current_mps, store_mps

NOW = datetime(2026, 9, 14, 12, 0, tzinfo=UTC)


def _client() -> PoliteClient:
    return PoliteClient(
        user_agent="bill-tracker-tests (+tests@example.org)",
        min_interval=0.0,
        max_retries=0,
        respect_robots=False,
        sleep=lambda _s: None,
    )


def serve_members(httpserver: Any, items: list[dict[str, Any]], *, total: int | None = None):
    httpserver.expect_request(
        "/api/Members/Search",
        query_string={"House": "1", "IsCurrentMember": "true", "skip": "0", "take": "20"},
    ).respond_with_json(written.search_page(items, total=total))
    phones = {4474: "020 7946 0474", 9001: "020 7946 0901", 9002: "020 7946 0902"}
    for member_id, phone in phones.items():
        httpserver.expect_request(f"/api/Members/{member_id}/Contact").respond_with_json(
            written.contact(phone)
        )


def import_mps(session, httpserver, items, *, total=None):
    serve_members(httpserver, items, total=total)
    with _client() as client:
        found, complete = fetch_current_mps(client, httpserver.url_for("/").rstrip("/"))
    return store_mps(session, found, complete=complete, now=NOW)


@pytest.fixture
def bill_2818(session, test_data) -> Bill:
    raw = bundle(real_bill(test_data), real_stages(test_data)["items"])
    bill = track_2818(session, now=NOW)
    apply_snapshot(session, bill, parse_document(raw, where="2818"), fingerprint="f")
    session.flush()
    return bill


# --- reading the Members API ---------------------------------------------------------


def test_search_page_and_contact_parse():
    page = parse_search_page(
        json.dumps(
            written.search_page([written.HOLLINRAKE, written.EXAMPLE_NORTH, written.FORMER])
        ).encode(),
        where="search",
    )
    assert [(m.member_id, m.name, m.constituency, m.in_office) for m in page.members] == [
        (4474, "Kevin Hollinrake", "Thirsk and Malton", True),
        (9001, "Alex Example", "Example North & Westside", True),
        (9002, "Former Member", "Example South", False),
    ]
    assert page.members[0].party == "Conservative" and page.members[0].house == "commons"
    # The preferred (Parliamentary) entry's phone, not the constituency office's.
    assert parse_contact(
        json.dumps(written.contact("020 7946 0474")).encode(), where="c"
    ).phone == ("020 7946 0474")


def test_import_keeps_current_mps_only_and_retires_only_after_a_whole_list(session, httpserver):
    report = import_mps(
        session, httpserver, [written.HOLLINRAKE, written.EXAMPLE_NORTH, written.FORMER]
    )

    assert (report.added, report.complete) == (2, True)
    rows = {m.member_id: m for m in session.scalars(select(UkMember))}
    assert set(rows) == {4474, 9001}  # the former member is never stored as a seat
    assert rows[4474].phone == "020 7946 0474"
    assert rows[9001].constituency_key == "example north and westside"

    # An answer that counts 650 members but holds one: nobody is retired.
    httpserver.clear()
    short = import_mps(session, httpserver, [written.HOLLINRAKE], total=650)
    assert (short.complete, short.left_office, short.unchanged) == (False, 0, 1)
    # A whole list without Alex Example: he has left office.
    httpserver.clear()
    whole = import_mps(session, httpserver, [written.HOLLINRAKE])
    assert (whole.complete, whole.left_office) == (True, 1)
    assert session.get(UkMember, rows[9001].id).in_office is False


def test_constituency_names_fold_case_spacing_and_ampersands():
    assert constituency_key("  Example North &  Westside ") == constituency_key(
        "example north and westside"
    )
    assert constituency_key("Thirsk and Malton") != constituency_key("Thirsk")


# --- the call plan ---------------------------------------------------------------------


def _plan(session, bill, constituency, *, state="CA", district=12, stance="support"):
    return call_plan(
        session,
        state=state,
        district=district,
        bill=bill,
        stance=stance,
        today=NOW.date(),
        constituency=constituency,
    )


def test_the_mp_who_sponsors_the_bill_is_thanked(session, httpserver, bill_2818):
    import_mps(session, httpserver, [written.HOLLINRAKE, written.EXAMPLE_NORTH])

    plan = _plan(session, bill_2818, "thirsk and malton")

    (mp,) = plan.suggestions  # the sponsor is the MP: named once
    assert (mp.name, mp.title, mp.phone) == ("Kevin Hollinrake", "MP", "020 7946 0474")
    assert (mp.relation, mp.action) == (Relation.SPONSOR, ContactAction.THANK)
    assert mp.contact_form_url == "https://members.parliament.uk/member/4474/contact"
    assert "your MP (Thirsk and Malton)" in mp.reasons
    assert "postcode" in call_script(
        mp, "Abolition of Business Rates Bill", "UK Bill 2818", "support"
    )


def test_another_constituency_asks_its_own_mp_then_the_sponsor(session, httpserver, bill_2818):
    import_mps(session, httpserver, [written.HOLLINRAKE, written.EXAMPLE_NORTH])

    plan = _plan(session, bill_2818, "Example North & Westside", stance="oppose")

    names = [(s.name, s.action) for s in plan.suggestions]
    assert names == [
        ("Alex Example", ContactAction.URGE_OPPOSE),
        ("Kevin Hollinrake", ContactAction.URGE_WITHDRAW),
    ]
    assert plan.moment.headline == "It is before the Commons."


@pytest.mark.parametrize("constituency", [None, "Nowhere West", "Example South"])
def test_without_a_known_mp_the_find_your_mp_page(session, httpserver, bill_2818, constituency):
    import_mps(session, httpserver, [written.HOLLINRAKE, written.EXAMPLE_NORTH, written.FORMER])

    plan = _plan(session, bill_2818, constituency)

    first = plan.suggestions[0]
    assert (first.name, first.contact_form_url) == ("Your MP", FIND_YOUR_MP)
    assert [s.name for s in plan.suggestions[1:]] == ["Kevin Hollinrake"]


def test_never_members_of_congress_for_a_uk_bill(session, test_data, bill_2818):
    store_officials(session, parsed(test_data / "legislators" / "snapshot-2017-09-28"), now=NOW)
    assert session.scalar(select(Official.id).limit(1)) is not None

    plan = _plan(session, bill_2818, None, state="CA", district=12)

    assert {s.chamber for s in plan.suggestions} <= {"commons", "lords", "parliament"}
    assert not any(s.bioguide_id for s in plan.suggestions)
    # And without imported MPs, the sponsor is named without a phone nobody checked.
    sponsor = plan.suggestions[-1]
    assert (sponsor.name, sponsor.phone) == ("Kevin Hollinrake", None)


def test_a_withdrawn_bill_asks_nobody(session, httpserver, bill_2818):
    import_mps(session, httpserver, [written.HOLLINRAKE])
    bill_2818.stage = "failed"

    plan = _plan(session, bill_2818, "Thirsk and Malton")

    assert plan.moment.dead and plan.suggestions == ()


def test_an_advocate_without_a_state_keeps_a_london_clock(session):
    from tracker.people.advocates import AdvocateInput, save_advocates

    save_advocates(
        session,
        [AdvocateInput(email="uk@example.org", state=None, uk_constituency="Thirsk and Malton")],
        now=NOW,
    )
    stored = session.scalars(select(Advocate).where(Advocate.email == "uk@example.org")).one()
    assert (stored.state, stored.uk_constituency, stored.timezone) == (
        None,
        "Thirsk and Malton",
        "Europe/London",
    )
