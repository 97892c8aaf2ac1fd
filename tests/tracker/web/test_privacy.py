"""No page, API answer or feed names an advocate: every response is searched for canaries."""

from __future__ import annotations

from tests.report_data import CANARIES


def _paths(served):
    bills = served.get("/api/bills").json()["bills"]
    keys = [b["id"] for b in bills]
    paths = ["/", "/?stage=in_committee", "/?q=title", "/api/bills", "/api/openapi.json"]
    paths += ["/feeds/changes.atom", "/feeds/schedule.ics", "/static/style.css", "/nowhere"]
    for key in keys:
        paths += [
            f"/bills/{key}",
            f"/bills/{key}?state=CA&district=12&stance=support",
            f"/bills/{key}?state=NY&district=10&stance=oppose",
            f"/api/bills/{key}",
            f"/api/bills/{key}/events?limit=100",
            f"/feeds/bills/{key}.atom",
        ]
    return paths


def test_no_response_leaks_an_advocate(served):
    paths = _paths(served)
    assert len(paths) > 50
    for path in paths:
        body = served.get(path).text.casefold()
        for canary in CANARIES:
            assert canary.casefold() not in body, f"{canary} leaked by {path}"
        assert "@example.org" not in body, path


def test_followers_are_only_counted(served):
    body = served.get("/api/bills/hr4030-115").json()
    assert body["subscribers"] == 2
    assert not {"advocates", "subscriptions", "followers"} & set(body)
