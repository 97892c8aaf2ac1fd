"""The Atom feeds and the iCalendar feed, read as their formats say."""

from __future__ import annotations

from datetime import datetime

from lxml import etree

from tests.report_data import HEARING_DESCRIPTION

ATOM = "{http://www.w3.org/2005/Atom}"


def _atom(served, path):
    response = served.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/atom+xml")
    return etree.fromstring(response.content)


def _check_atom(feed):
    """RFC 4287 requires these of a feed and each entry."""
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (feed.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for tag in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert entry.find(f"{ATOM}link").get("href").startswith("http://127.0.0.1:")
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
    return entries


def test_the_changes_feed_lists_the_latest_changes_of_all_bills(served):
    entries = _check_atom(_atom(served, "/feeds/changes.atom"))
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "H.R. 4924 passed the House" in titles
    assert "S.Res. 44 was adopted" in titles
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids)) and all(i.startswith("urn:uuid:") for i in ids)
    stamps = [e.findtext(f"{ATOM}updated") for e in entries]
    assert stamps == sorted(stamps, reverse=True)


def test_entry_ids_do_not_change_between_reads(served):
    first = [e.findtext(f"{ATOM}id") for e in _atom(served, "/feeds/changes.atom")]
    again = [e.findtext(f"{ATOM}id") for e in _atom(served, "/feeds/changes.atom")]
    assert first == again


def test_a_bill_feed_holds_only_that_bill(served):
    feed = _atom(served, "/feeds/bills/hr4924-115.atom")
    entries = _check_atom(feed)
    assert entries
    assert "H.R. 4924" in feed.findtext(f"{ATOM}title")
    assert {e.find(f"{ATOM}link").get("href") for e in entries} == {
        f"{served.base}/bills/hr4924-115"
    }


def test_a_bill_without_changes_has_a_valid_empty_feed(served):
    entries = _check_atom(_atom(served, "/feeds/bills/hr9999-115.atom"))
    assert entries == []
    assert served.get("/feeds/bills/hr1-999.atom").status_code == 404


def _unfold(text):
    return text.replace("\r\n ", "")


def test_the_calendar_has_each_announced_meeting_once(served):
    response = served.get("/feeds/schedule.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/calendar")
    raw = response.content.decode()
    assert all(line.endswith("\r") or not line for line in raw.split("\n")[:-1]), "CRLF lines"
    assert all(len(line.encode()) <= 75 for line in raw.split("\r\n")), "folded"
    lines = _unfold(raw).split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    events = raw.count("BEGIN:VEVENT")
    assert events == raw.count("END:VEVENT") == 3
    starts = [line for line in lines if line.startswith("DTSTART")]
    assert starts == [
        "DTSTART;VALUE=DATE:20180117",  # from a stored snapshot (announced before tracking)
        "DTSTART;VALUE=DATE:20180314",  # from a hearing_scheduled event
        "DTSTART;VALUE=DATE:20180410",  # from a vote_scheduled event
    ]
    uids = [line for line in lines if line.startswith("UID:")]
    assert len(set(uids)) == 3


def test_calendar_text_is_escaped_so_it_cannot_add_properties(served):
    lines = _unfold(served.get("/feeds/schedule.ics").content.decode()).split("\r\n")
    description = next(line for line in lines if line.startswith("DESCRIPTION:Markup"))
    expected = HEARING_DESCRIPTION.replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    assert description.startswith(f"DESCRIPTION:{expected}")
    assert not any(line.startswith("second line") for line in lines)
