"""The JSON API over real HTTP, against bills stored by real check cycles."""

from __future__ import annotations

from datetime import timedelta

from tests.report_data import MISSING, REAL_BILLS


def _all_pages(served, path):
    """Follow ``next`` links; returns every bill id in order and the number of pages."""
    ids, pages, url = [], 0, served.base + path
    while url:
        body = served.http.get(url, timeout=30).json()
        ids.extend(b["id"] for b in body["bills"])
        pages += 1
        url = body["next"]
        assert pages < 50, "pagination does not end"
    return ids, pages


def test_pages_chain_through_every_tracked_bill_once(served):
    everything = served.get("/api/bills").json()
    assert everything["next"] is None and everything["next_cursor"] is None
    ids = [b["id"] for b in everything["bills"]]
    assert set(ids) == {*REAL_BILLS, MISSING}
    paged, pages = _all_pages(served, "/api/bills?limit=3")
    assert paged == ids  # same order, nothing skipped or repeated
    assert pages == 3


def test_a_bill_in_the_list_is_the_status_row_plus_links(served):
    bills = {b["id"]: b for b in served.get("/api/bills").json()["bills"]}
    hr4924 = bills["hr4924-115"]
    assert hr4924["stage"] == "passed_one_chamber" and hr4924["stage_chamber"] == "house"
    assert hr4924["stage_date"] == "2018-02-06"
    assert hr4924["latest_action"]["date"] == "2018-02-07"
    assert hr4924["health"] == "ok" and hr4924["citation"] == "H.R. 4924"
    assert hr4924["links"]["html"] == f"{served.base}/bills/hr4924-115"
    missing = bills[MISSING]
    assert missing["health"] == "failing" and "404" in missing["error"]


def test_filters_stage_q_and_changed_since(served):
    def ids(query):
        response = served.get(f"/api/bills?{query}")
        assert response.status_code == 200, response.text
        return {b["id"] for b in response.json()["bills"]}

    assert ids("stage=enacted") == {"hr1865-115", "s3749-115"}
    assert ids("stage=in_committee") == {"hr4030-115", "hr4396-115"}
    assert ids("stage=vetoed") == set()
    # Full text reads summaries too: the ME TOO Congress Act (hr4396) amends the
    # Congressional Accountability Act, so it is found beside the three namesakes.
    assert ids("q=congressional+accountability") == {
        "hr4924-115",
        "s2952-115",
        "s3749-115",
        "hr4396-115",
    }
    assert ids("q=harassment") >= {"hr4030-115", "hr4396-115"}  # stemmed words, not titles
    assert ids("q=H.R.+4030+(115th+Congress)") == {"hr4030-115"}  # a reference: exact
    assert ids("q=4030") == {"hr4030-115"}  # an id substring
    assert ids("q=100%25") == set()  # LIKE wildcards are plain text
    both = ids("stage=enacted&q=accountability")  # FOSTA's text says "accountability" too
    assert "s3749-115" in both and both <= {"s3749-115", "hr1865-115"}
    changed = served.filled.clock() - timedelta(minutes=30)
    assert ids(f"changed_since={changed.isoformat().replace('+00:00', 'Z')}") == {
        "hr4924-115",
        "sres44-115",
    }
    assert ids("changed_since=2000-01-01") == set(REAL_BILLS)  # MISSING never changed
    assert ids("changed_since=2999-01-01") == set()


def test_filters_keep_across_pages(served):
    paged, pages = _all_pages(served, "/api/bills?stage=enacted&limit=1")
    assert paged == ["hr1865-115", "s3749-115"] and pages == 2


def test_bad_parameters_are_400_with_a_reason(served):
    for query, words in (
        ("stage=nonsense", "unknown stage"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("changed_since=yesterday", "changed_since"),
        ("cursor=not-a-cursor", "cursor"),
    ):
        response = served.get(f"/api/bills?{query}")
        assert response.status_code == 400, query
        assert response.headers["Content-Type"].startswith("application/json")
        assert words in response.json()["error"], query


def test_one_bill_has_its_stages_actions_cosponsors_and_followers(served):
    body = served.get("/api/bills/hr4924-115").json()
    stages = [(s["stage"], s["date"]) for s in body["stages"]]
    assert stages == [
        ("introduced", "2018-02-05"),
        ("in_committee", "2018-02-05"),
        ("passed_one_chamber", "2018-02-06"),
    ]
    # 12 stored actions, 8 facts: copies from a second source system are listed once.
    assert len(body["actions"]) == 8 and body["actions"][0]["date"] == "2018-02-05"
    assert body["cosponsor_count"] > 0
    over_time = body["cosponsors_over_time"]
    assert over_time[-1]["count"] == body["cosponsor_count"]
    assert [c["date"] for c in over_time] == sorted(c["date"] for c in over_time)
    assert body["committees"] and body["subscribers"] == 1
    assert served.get("/api/bills/hr4030-115").json()["subscribers"] == 2


def test_an_enacted_bill_climbs_the_whole_ladder(served):
    stages = [s["stage"] for s in served.get("/api/bills/s3749-115").json()["stages"]]
    assert stages[0] == "introduced" and stages[-1] == "enacted"
    assert "sent_to_executive" in stages


def test_scheduled_hearings_and_votes_are_in_the_bill(served):
    scheduled = served.get("/api/bills/hr4030-115").json()["scheduled"]
    assert [(s["kind"], s["date"]) for s in scheduled] == [
        ("markup", "2018-03-14"),
        ("floor_vote", "2018-04-10"),
    ]


def test_events_page_newest_first(served):
    first = served.get("/api/bills/hr4924-115/events?limit=2").json()
    assert first["bill"] == "hr4924-115" and len(first["events"]) == 2
    ids, url = [], f"{served.base}/api/bills/hr4924-115/events?limit=2"
    while url:
        page = served.http.get(url, timeout=30).json()
        ids.extend(e["id"] for e in page["events"])
        url = page["next"]
    assert ids == sorted(ids, reverse=True) and len(ids) == len(set(ids))
    every = served.get("/api/bills/hr4924-115/events?limit=100").json()["events"]
    assert [e["id"] for e in every] == ids
    kinds = {e["kind"] for e in every}
    assert {"stage_changed", "vote_recorded", "action_added"} <= kinds
    stage = next(e for e in every if e["kind"] == "stage_changed")
    assert stage["headline"] == "H.R. 4924 passed the House"
    assert stage["payload"]["new"] == "passed_one_chamber"


def test_unknown_bills_are_404_json(served):
    for path in ("/api/bills/hr1-999", "/api/bills/hr1-999/events", "/api/nothing"):
        response = served.get(path)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


def test_the_api_only_reads(served):
    response = served.http.post(f"{served.base}/api/bills", timeout=30)
    assert response.status_code == 405 and "GET" in response.headers["Allow"]
    assert served.http.head(f"{served.base}/api/bills", timeout=30).status_code == 200
