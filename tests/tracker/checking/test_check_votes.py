"""Roll-call votes in the check: a bill's House vote fetched once from a local server, stored
with every member's position, never asked for again; failures never cost the bill its check.

The bill is the real BILLSTATUS of H.R. 1865 (115th), cut to an earlier date and
then whole; the vote records are the real House Clerk and Senate LIS samples with
their number and date set to the votes the bill names (``tests.roll_call_edit``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from werkzeug import Request, Response

from db.models import BillEvent, BillVote, FetchLog, Official, RollCall, VotePosition
from tests.billstatus_edit import billstatus_as_of
from tests.bulk_import import Importer
from tests.db_rows import MutableClock, add_tracked_bill
from tests.roll_call_edit import (
    HOUSE_91,
    SENATE_115_2,
    house_roll_91_of_2018,
    senate_vote_115_2,
)
from tests.tracker.checking.test_check_cycle import FakeGovInfo, _Prefix
from tracker.checking.check import CheckContext
from tracker.checking.cycle import run_cycle
from tracker.checking.sources import make_client, make_sources, make_vote_sources
from tracker.core.app import App
from tracker.core.settings import Settings

SENATE = SENATE_115_2


@dataclass
class FakeVotes:
    """Serves the vote records it holds; counts every request by path."""

    docs: dict[str, bytes] = field(default_factory=dict)
    failing: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.requests.append(request.path)
        if request.path in self.failing:
            return Response("upstream broke", status=500)
        if request.path not in self.docs:
            return Response("not found", status=404)
        return Response(self.docs[request.path], content_type="text/xml")


@pytest.fixture
def servers(httpserver):
    govinfo, votes = FakeGovInfo(), FakeVotes()
    httpserver.expect_request(_Prefix("/bulkdata/")).respond_with_handler(govinfo)
    httpserver.expect_request(_Prefix("/evs/")).respond_with_handler(votes)
    httpserver.expect_request(_Prefix("/legislative/")).respond_with_handler(votes)
    return govinfo, votes


@pytest.fixture
def app(migrated_url, httpserver):
    base = httpserver.url_for("/").rstrip("/")
    settings = Settings(
        database_url=migrated_url,
        govinfo_base_url=base,
        house_clerk_base_url=base,
        senate_lis_base_url=base,
        min_request_interval=0,
        http_max_retries=0,
        check_jitter=0,
    )
    application = App.from_settings(settings, clock=MutableClock())
    yield application
    application.close()


@pytest.fixture
def ctx(app):
    check_ctx = CheckContext(
        sessions=app.sessions, sources={}, settings=app.settings, clock=app.clock, owner="test:1"
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    check_ctx.votes = make_vote_sources(app.settings, client)
    yield check_ctx
    client.close()


def _bill(test_data: Path) -> bytes:
    return (test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr1865.xml").read_bytes()


def _count(app, model, *where) -> int:
    with app.sessions.begin() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_a_house_vote_is_fetched_once_stored_with_positions_and_never_asked_again(
    app, ctx, servers, test_data
):
    govinfo, votes = servers
    real = _bill(test_data)
    votes.docs[HOUSE_91] = house_roll_91_of_2018(test_data)
    with app.transaction() as s:
        add_tracked_bill(s, "hr1865-115")

    # 1. Before the House vote: a baseline; no vote named, no vote request.
    govinfo.publish("hr1865-115", billstatus_as_of(real, date(2018, 2, 26)), '"v1"')
    report = run_cycle(ctx, due_only=False)
    assert (report.changed, report.votes_fetched) == (1, 0)
    assert votes.requests == []

    # 2. The House passes it by roll call 91: the vote is fetched, once, with positions.
    app.clock.advance(days=31)
    govinfo.publish("hr1865-115", billstatus_as_of(real, date(2018, 3, 1)), '"v2"')
    report = run_cycle(ctx, due_only=False)
    assert (report.changed, report.votes_fetched) == (1, 1)
    assert votes.requests == [HOUSE_91]
    assert report.requests == 2  # the bill and the vote
    with app.sessions.begin() as s:
        roll = s.scalars(select(RollCall)).one()
        assert (roll.vote_key, roll.voted_on) == ("house-115-2-91", date(2018, 2, 27))
        assert (roll.yea, roll.nay, roll.present, roll.not_voting) == (214, 211, 0, 8)
        assert roll.bill_citation == "H.R. 1865"
        link = s.scalars(select(BillVote)).one()
        assert link.action_on == date(2018, 2, 27) and "(Roll no. 91)" in link.action_text
        assert link.gave_up_at is None and link.fetch_error is None
        adams = s.scalars(select(VotePosition).where(VotePosition.bioguide_id == "A000370")).one()
        assert (adams.position, adams.choice, adams.party, adams.state) == ("No", "nay", "D", "NC")
        event = s.scalars(select(BillEvent).where(BillEvent.kind == "vote_recorded")).one()
        assert event.payload["vote_id"] == "house-115-2-91"
    assert _count(app, VotePosition) == 433
    assert _count(app, FetchLog, FetchLog.source == "house_clerk") == 1

    # 3. Checked again (304, then a rewrite with the same content): no vote request at all.
    for etag in ('"v2"', '"v3"'):
        app.clock.advance(days=31)
        govinfo.publish("hr1865-115", billstatus_as_of(real, date(2018, 3, 1)), etag)
        report = run_cycle(ctx, due_only=False)
        assert report.votes_fetched == 0
    assert votes.requests == [HOUSE_91]

    # 4. The Senate votes: 60 is served, 57 is missing (404, given up); the House one stays.
    votes.docs[SENATE.format(60)] = senate_vote_115_2(test_data, 60)
    app.clock.advance(days=31)
    govinfo.publish("hr1865-115", real, '"v4"')
    report = run_cycle(ctx, due_only=False)
    assert report.votes_fetched == 1
    assert sorted(votes.requests) == sorted([HOUSE_91, SENATE.format(57), SENATE.format(60)])
    with app.sessions.begin() as s:
        missing = s.scalars(select(BillVote).where(BillVote.vote_key == "senate-115-2-57")).one()
        assert missing.gave_up_at is not None and "404" in (missing.fetch_error or "")
    assert _count(app, RollCall) == 2

    # 5. Once more: every vote is stored or given up; not one request for a vote.
    app.clock.advance(days=31)
    run_cycle(ctx, due_only=False)
    assert len(votes.requests) == 3


def test_a_failed_vote_fetch_keeps_the_bill_update_and_is_retried_at_the_next_check(
    app, ctx, servers, test_data
):
    govinfo, votes = servers
    votes.docs[HOUSE_91] = house_roll_91_of_2018(test_data)
    votes.failing.add(HOUSE_91)
    with app.transaction() as s:
        add_tracked_bill(s, "hr1865-115")
    govinfo.publish("hr1865-115", billstatus_as_of(_bill(test_data), date(2018, 3, 1)), '"v1"')

    report = run_cycle(ctx, due_only=False)
    assert (report.changed, report.failed, report.votes_fetched) == (1, 0, 0)
    with app.sessions.begin() as s:
        link = s.scalars(select(BillVote)).one()
        assert "500" in (link.fetch_error or "") and link.gave_up_at is None
    assert _count(app, RollCall) == 0

    # The bill is unchanged (304) next time; the pending vote is fetched all the same.
    votes.failing.clear()
    app.clock.advance(days=31)
    report = run_cycle(ctx, due_only=False)
    assert (report.unchanged, report.votes_fetched) == (1, 1)
    assert votes.requests == [HOUSE_91, HOUSE_91]
    with app.sessions.begin() as s:
        assert s.scalars(select(BillVote)).one().fetch_error is None


def test_senators_get_their_bioguide_id_from_the_imported_officials(app, ctx, servers, test_data):
    govinfo, votes = servers
    votes.docs[SENATE.format(60)] = senate_vote_115_2(test_data, 60)
    votes.docs[SENATE.format(57)] = senate_vote_115_2(test_data, 57)
    with app.transaction() as s:
        add_tracked_bill(s, "hr1865-115")
        s.add(
            Official(
                bioguide_id="M001153",
                lis_id="S288",
                name="Lisa Murkowski",
                chamber="senate",
                state="AK",
                updated_at=app.clock(),
            )
        )
    full = _bill(test_data)
    govinfo.publish("hr1865-115", full.replace(b"(Roll no. 91)", b"(roll call withheld)"), '"v1"')
    run_cycle(ctx, due_only=False)
    with app.sessions.begin() as s:
        murkowski = s.scalars(
            select(VotePosition).where(VotePosition.lis_member_id == "S288")
        ).first()
        assert murkowski is not None and murkowski.bioguide_id == "M001153"
        assert murkowski.position == "Present, Giving Live Pair"
        assert murkowski.paired_with == "S375"


def test_a_bill_imported_in_bulk_then_tracked_gets_its_votes_at_its_first_check(
    app, ctx, servers, test_data, migrated_url, tmp_path
):
    govinfo, votes = servers
    votes.docs[HOUSE_91] = house_roll_91_of_2018(test_data)
    votes.docs[SENATE.format(60)] = senate_vote_115_2(test_data, 60)
    folder = tmp_path / "billstatus"
    folder.mkdir()
    (folder / "BILLSTATUS-115hr1865.xml").write_bytes(_bill(test_data))
    importer = Importer(migrated_url)
    try:
        assert importer.run(folder).new == 1
    finally:
        importer.close()
    assert _count(app, BillVote) == 3 and votes.requests == []  # imported bills fetch nothing
    with app.transaction() as s:
        add_tracked_bill(s, "hr1865-115")
    govinfo.publish("hr1865-115", _bill(test_data), '"v1"')

    report = run_cycle(ctx, due_only=False)
    assert (report.unchanged, report.votes_fetched) == (1, 2)  # the same content: no rewrite
    assert sorted(votes.requests) == sorted([HOUSE_91, SENATE.format(57), SENATE.format(60)])
