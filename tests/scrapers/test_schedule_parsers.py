"""The schedule parsers on every real sample in ../shared/data/schedules/ (README 6.1, 7.4)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from scrapers.errors import ParseError
from scrapers.meetings import CAPITOL_ZONE, MeetingKind, MeetingStatus, bill_citations
from scrapers.model import Chamber
from scrapers.sources.house_docs import looks_like_house_schedule, parse_house_schedule
from scrapers.sources.house_docs.feed import meeting_xml_urls
from scrapers.sources.senate_hearings import looks_like_senate_hearings, parse_senate_hearings


def _read(test_data, name: str) -> bytes:
    return (test_data / "schedules" / name).read_bytes()


def test_every_sample_is_recognised_and_parses(test_data):
    files = sorted((test_data / "schedules").rglob("*.xml"))
    assert len(files) == 6
    for path in files:
        content = path.read_bytes()
        if looks_like_house_schedule(content):
            meetings = parse_house_schedule(content, where=path.name)
        else:
            assert looks_like_senate_hearings(content), path
            meetings = parse_senate_hearings(content, where=path.name)
        for m in meetings:
            assert m.starts_at.tzinfo is not None and m.starts_at.utcoffset() is not None
            assert m.title and m.key


def test_house_hearing_with_subcommittee_bills_and_draft(test_data):
    (m,) = parse_house_schedule(
        _read(test_data, "house-committee/HHRG115955-II10-20230523.xml"), where="115955"
    )
    assert m.key == "house:115955"
    assert m.chamber is Chamber.HOUSE and m.kind is MeetingKind.HEARING
    assert m.committee == "Committee on Natural Resources: Subcommittee on Federal Lands"
    assert m.committee_code == "II10"
    assert m.starts_at == datetime(2023, 5, 23, 14, 0, tzinfo=CAPITOL_ZONE)
    assert m.starts_at.isoformat() == "2023-05-23T14:00:00-04:00"
    assert m.location == "1324 LHOB"
    assert m.status is MeetingStatus.SCHEDULED
    # 8 BR documents with a <legis-num>, plus H.R. 1450 named only in the title; the
    # draft "H.R. _____ (Rep. Neguse)" has no number (matched by title, if at all).
    cites = [b.citation for b in m.bills]
    expected = ["H.R. 188", "H.R. 934", "H.R. 2997", "H.R. 1726", "H.R. 3522", "H.R. 3499"]
    expected += ["H.R. 3389", "H.R. 3396", "H.R. 1450"]
    assert sorted(cites) == sorted(expected)
    assert {b.congress for b in m.bills} == {118}
    assert m.bills[0].ref is not None and m.bills[0].ref.key == "hr188-118"
    assert "Forest Service Flexible Housing Partnerships Act of 2023" in m.title


def test_rules_committee_meeting_on_bills_is_a_markup(test_data):
    (m,) = parse_house_schedule(
        _read(test_data, "house-committee/HMTG102252-rules-20140519.xml"), where="102252"
    )
    assert m.kind is MeetingKind.MARKUP
    assert m.committee == "Committee on Rules" and m.location == "H-313 CAPITOL"
    assert m.starts_at.isoformat() == "2014-05-19T17:00:00-04:00"
    assert [b.ref.key for b in m.bills if b.ref] == ["hr4435-113", "hr4660-113"]


def test_witness_list_is_recognised_and_holds_no_meeting(test_data):
    content = _read(test_data, "house-committee/witnesses-102266-GO25-20140522.xml")
    assert looks_like_house_schedule(content)
    assert parse_house_schedule(content, where="witnesses") == []


def test_house_floor_week(test_data):
    meetings = parse_house_schedule(
        _read(test_data, "house-floor/billsthisweek-20260914.xml"), where="floor"
    )
    assert len(meetings) == 78  # every floor item names a bill; sub-items (reports) do not
    assert all(m.kind is MeetingKind.FLOOR and not m.time_known for m in meetings)
    assert {m.starts_at for m in meetings} == {datetime(2026, 9, 14, tzinfo=CAPITOL_ZONE)}
    first = meetings[0]
    assert first.key == "floor:20260914:409734"
    assert [b.ref.key for b in first.bills if b.ref] == ["s283-119"]
    assert first.title == "S. 283: Illegal Red Snapper and Tuna Enforcement Act, as amended"
    keys = {b.ref.key for m in meetings for b in m.bills if b.ref}
    assert {"hr309-119", "hr5334-119", "s790-119"} <= keys  # "Senate amendments to H.R. 5334"
    assert len({m.key for m in meetings}) == len(meetings)


def test_senate_hearings(test_data):
    meetings = parse_senate_hearings(
        _read(test_data, "senate-committee/hearings-2026-07-30.xml"), where="senate"
    )
    assert len(meetings) == 17
    help_ = meetings[0]
    assert help_.key == "senate:338684"
    assert help_.chamber is Chamber.SENATE and help_.kind is MeetingKind.MARKUP
    assert help_.committee == "Health, Education, Labor, and Pensions"
    assert help_.starts_at.isoformat() == "2026-07-30T09:45:00-04:00"
    assert help_.location == "SD-430"
    keys = [b.ref.key for b in help_.bills if b.ref]
    assert keys[:2] == ["s2511-119", "s3010-119"]  # associated documents first
    assert {"s5038-119", "s5046-119"} <= set(keys)  # also in the matter text
    sub = meetings[1]
    assert sub.committee == (
        "Commerce, Science, and Transportation: Telecommunications and Media Subcommittee"
    )
    assert sub.kind is MeetingKind.HEARING and sub.bills == ()
    assert {m.starts_at.date() for m in meetings} == {
        date(2026, 7, 30),
        date(2026, 8, 4),
        date(2026, 8, 5),
    }


def test_empty_senate_feed_is_no_meetings_not_an_error(test_data):
    content = _read(test_data, "senate-committee/hearings-2026-10-02-empty.xml")
    assert looks_like_senate_hearings(content)
    assert parse_senate_hearings(content, where="empty") == []


def test_cancelled_or_postponed_senate_meeting_says_so(test_data):
    content = _read(test_data, "senate-committee/hearings-2026-07-30.xml").replace(
        b"<matter>Hearings to examine the reality of Medicaid.",
        b"<matter>POSTPONED: Hearings to examine the reality of Medicaid.",
    )
    statuses = {m.key: m.status for m in parse_senate_hearings(content, where="x")}
    assert statuses["senate:338693"] is MeetingStatus.POSTPONED
    assert statuses["senate:338684"] is MeetingStatus.SCHEDULED


def test_broken_documents_raise_parse_error():
    with pytest.raises(ParseError):
        parse_senate_hearings(b"<css_meetings_scheduled><meeting>", where="cut")
    with pytest.raises(ParseError):
        parse_house_schedule(
            b'<committee-meeting meeting-id="HHRG1"><meeting-details><meeting-date>'
            b"<calendar-date>soon</calendar-date></meeting-date></meeting-details>"
            b"</committee-meeting>",
            where="no date",
        )


def test_citations_in_free_text():
    found = bill_citations("to consider S.5038, H.R. 4030, H. Res. 1530 and S.J.Res. 12", 119)
    assert [b.citation for b in found] == ["S. 5038", "H.R. 4030", "H.Res. 1530", "S.J.Res. 12"]
    assert bill_citations("H.R. _____ (Rep. Issa)", 118) == ()


def test_committee_feed_lists_future_meeting_xml_once():
    # A hand-made feed in the RSS 2.0 shape docs.house.gov serves (no real copy is in
    # the data): enclosures point at meeting XML whose path holds the date.
    feed = (
        b"<rss version='2.0'><channel><title>II00</title>"
        b"<item><title>old</title><enclosure type='text/xml' url='https://docs.house.gov/"
        b"meetings/II/II10/20230523/115955/HHRG-118-II10-20230523.xml'/></item>"
        b"<item><title>new&nbsp;one</title><link>https://docs.house.gov/meetings/II/II00/"
        b"20260915/118000/HMKP-119-II00-20260915.xml</link><enclosure type='text/xml' "
        b"url='https://docs.house.gov/meetings/II/II00/20260915/118000/HMKP-119-II00-"
        b"20260915.xml'/></item></channel></rss>"
    )
    urls = meeting_xml_urls(feed, since=date(2026, 9, 1))
    assert urls == [
        "https://docs.house.gov/meetings/II/II00/20260915/118000/HMKP-119-II00-20260915.xml"
    ]
