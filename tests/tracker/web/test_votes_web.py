"""A bill's roll-call votes on its page and in ``/api/bills/{id}/votes``.

The shared database (``tests/report_data.py``) holds H.R. 1865's House roll 91 and
Senate vote 60, fetched by real check cycles from real (renumbered) records; its
other named votes were 404s at the local server.
"""

from __future__ import annotations

import lxml.html


def test_the_api_lists_votes_with_totals_party_breakdown_and_positions(served):
    response = served.get("/api/bills/hr1865-115/votes")
    assert response.status_code == 200
    data = response.json()
    assert data["bill"] == "hr1865-115"
    assert [v["id"] for v in data["votes"]] == ["house-115-2-91", "senate-115-2-60"]
    house, senate = data["votes"]
    assert house["totals"] == {"yea": 214, "nay": 211, "present": 0, "not_voting": 8}
    assert house["action"]["date"] == "2018-02-27" and "Roll no. 91" in house["action"]["text"]
    parties = {t["party"]: t for t in house["by_party"]}
    assert parties["R"]["yea"] == 211 and parties["D"]["nay"] == 209
    assert sum(t["yea"] for t in house["by_party"]) == 214
    assert len(house["positions"]) == 433
    adams = next(p for p in house["positions"] if p["bioguide_id"] == "A000370")
    assert (adams["position"], adams["choice"]) == ("No", "nay")
    # Senators: by LIS id, with the Bioguide id where the 2017 officials know it.
    murkowski = next(p for p in senate["positions"] if p["lis_member_id"] == "S288")
    assert murkowski["bioguide_id"] == "M001153"
    assert (murkowski["position"], murkowski["paired_with"]) == (
        "Present, Giving Live Pair",
        "S375",
    )
    assert "senate-115-2-57" in data["pending"]  # named, but the record was not found


def test_a_bill_without_votes_has_an_empty_list(served):
    data = served.get("/api/bills/hr4030-115/votes").json()
    assert data == {"bill": "hr4030-115", "votes": [], "pending": []}


def test_the_bill_page_shows_each_vote_with_its_party_breakdown(served):
    response = served.get("/bills/hr1865-115")
    assert response.status_code == 200
    page = lxml.html.fromstring(response.text)
    votes = page.get_element_by_id("vote-house-115-2-91")
    heading = " ".join(votes.find(".//h3").text_content().split())
    assert "House roll call 91" in heading and "On Agreeing to the Resolution" in heading
    rows = {
        tr.find("th").text_content(): [td.text_content() for td in tr.findall("td")]
        for tr in votes.iterfind(".//tbody/tr")
    }
    assert rows["R"] == ["211", "2", "0", "5"] and rows["D"] == ["2", "209", "0", "3"]
    total = [td.text_content() for td in votes.find(".//tfoot/tr").findall("td")]
    assert total == ["214", "211", "0", "8"]
    assert page.get_element_by_id("vote-senate-115-2-60") is not None


def test_a_page_without_votes_has_no_vote_section(served):
    page = lxml.html.fromstring(served.get("/bills/hr4030-115").text)
    assert page.find_class("votes") == []
