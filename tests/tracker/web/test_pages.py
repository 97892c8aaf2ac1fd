"""The advocates' pages over real HTTP: what they show, and that they are safe to show."""

from __future__ import annotations

from urllib.parse import urlencode

import lxml.html
import pytest
from werkzeug.test import Client

from db.engine import make_engine, make_session_factory
from scrapers.refs import citation, parse_federal_ref
from tests.report_data import HEARING_DESCRIPTION, REAL_BILLS
from tracker.report.search import search_bills
from tracker.web import make_web_app
from tracker.web.app import CONTENT_SECURITY_POLICY


def _page(served, path, status=200):
    response = served.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    return response, lxml.html.fromstring(response.text)


def _text(node):
    return " ".join(node.text_content().split())


@pytest.mark.parametrize(
    "path",
    ["/", "/bills/hr4030-115", "/api/bills", "/feeds/changes.atom", "/feeds/schedule.ics", "/no"],
)
def test_every_response_is_locked_down(served, path):
    headers = served.get(path).headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert (
        "script-src" not in CONTENT_SECURITY_POLICY
        and "default-src 'none'" in CONTENT_SECURITY_POLICY
    )
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"


def test_the_list_shows_every_tracked_bill_with_a_progress_bar(served):
    response, doc = _page(served, "/")
    items = doc.cssselect("li.bill")
    assert len(items) == len(REAL_BILLS) + 1
    assert all(item.cssselect("ol.progress li") for item in items)
    hr4030 = next(i for i in items if "H.R. 4030" in _text(i))
    assert "Title IX Protection Act" in _text(hr4030)
    assert _text(hr4030.cssselect("li.current")[0]).startswith("In committee")
    failing = next(i for i in items if "H.R. 9999" in _text(i))
    assert "failing" in _text(failing) and "404" in _text(failing)
    assert "<script" not in response.text.lower()
    assert [link.get("href") for link in doc.cssselect("link[rel=stylesheet]")] == [
        "/static/style.css"
    ]


def test_the_list_filters_by_stage_and_searches(served):
    _, doc = _page(served, "/?stage=enacted")
    assert {_text(a) for a in doc.cssselect("li.bill h2 a")} == {"H.R. 1865", "S. 3749"}
    assert doc.cssselect("option[selected]")[0].get("value") == "enacted"
    _, doc = _page(served, "/?q=title+ix")
    assert [_text(a) for a in doc.cssselect("li.bill h2 a")] == ["H.R. 4030"]
    _, doc = _page(served, "/?q=nothing+like+this")
    assert "No bill matches" in _text(doc)


def test_the_list_pages_with_a_next_link(served):
    _, doc = _page(served, "/?limit=3")
    seen = [_text(a) for a in doc.cssselect("li.bill h2 a")]
    while doc.cssselect("a[rel=next]"):
        nxt = doc.cssselect("a[rel=next]")[0].get("href")
        _, doc = _page(served, nxt.removeprefix(served.base))
        seen += [_text(a) for a in doc.cssselect("li.bill h2 a")]
    assert len(seen) == len(set(seen)) == len(REAL_BILLS) + 1
    assert "limit=3" in nxt  # the page size is kept


def test_a_bill_page_draws_its_timeline_and_lists_its_actions(served):
    response, doc = _page(served, "/bills/hr4924-115")
    assert _text(doc.cssselect("h1")[0]).startswith("H.R. 4924")
    svg = doc.cssselect("figure.chart svg")[0]
    assert len(svg.cssselect("circle.point")) == 3  # introduced, in committee, passed the House
    assert svg.cssselect("path.line")[0].get("d").startswith("M")
    assert "Passed one chamber" in _text(svg)
    rows = [[_text(td) for td in r.cssselect("td")] for r in doc.cssselect("table.stages tbody tr")]
    assert rows[-1] == ["Passed one chamber", "February 6, 2018", "House"]
    actions = doc.cssselect("section ol.actions")[0].cssselect("li")
    # 12 stored actions, 8 facts: the copies from a second source system are shown once.
    assert len(actions) == 8 and "February 7, 2018" in _text(actions[0])  # newest first
    assert "1 advocate follows this bill" in _text(doc)
    assert "<script" not in response.text.lower()


def test_scraped_text_is_escaped(served):
    response, doc = _page(served, "/bills/hr4030-115")
    assert "<b>bold</b>" not in response.text
    assert "&lt;b&gt;bold&lt;/b&gt;" in response.text
    assert HEARING_DESCRIPTION.split("\n")[0] in _text(doc)  # shown, as text


def test_a_bill_of_an_ended_congress_asks_nobody(served):
    """H.R. 4030 (115th) seen today: dead, said plainly; the whom-to-call part of the page
    is exercised on live moments by tests/tracker/people/test_moment_table.py."""
    _, doc = _page(served, "/bills/hr4030-115?state=CA&district=12&stance=support")
    assert not doc.cssselect("article.official")
    dead = _text(doc.cssselect("p.dead")[0])
    assert "Died at the end of the 115th Congress, January 3, 2019." in dead
    assert "next to act" not in _text(doc)
    assert "Nobody to call" in _text(doc.cssselect("p.nobody")[0])


def test_the_list_says_which_congress_each_bill_belongs_to(served):
    _, doc = _page(served, "/")
    heads = [_text(h) for h in doc.cssselect("li.bill h2")]
    assert any(h.startswith("H.R. 4030 (115th Congress)") for h in heads), heads
    assert any("(114th Congress)" in h for h in heads) or all("115th" in h for h in heads)
    assert "Died at the end of the 115th Congress" in _text(doc.cssselect("ul.bills")[0])


def test_a_bad_form_is_explained_not_an_error(served):
    _, doc = _page(served, "/bills/hr4030-115?state=ZZ&district=12")
    assert "Choose your state" in _text(doc.cssselect("p.error")[0])
    assert not doc.cssselect("article.official")
    _, doc = _page(served, "/bills/hr4030-115?state=CA&district=twelve")
    assert "district is a number" in _text(doc.cssselect("p.error")[0])


def test_unknown_pages_are_404_pages(served):
    _, doc = _page(served, "/bills/hr1-999", status=404)
    assert "hr1-999" in _text(doc)
    _page(served, "/static/../db.sqlite", status=404)


def test_a_bug_is_a_500_page_that_tells_nothing(served):
    web = make_web_app(served.web.app)

    def broken(ctx):
        raise RuntimeError("secret detail")

    web.handlers["bill_list"] = broken
    response = Client(web).get("/")
    assert response.status_code == 500
    assert "secret detail" not in response.get_data(as_text=True)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def _ranked_tracked(served, query):
    """What `tracker search` lists for ``query``, among the tracked bills, in its order."""
    engine = make_engine(served.filled.url)
    try:
        with make_session_factory(engine).begin() as session:
            return [
                citation_of_key(h.key) for h in search_bills(session, query, limit=50) if h.tracked
            ]
    finally:
        engine.dispose()


def citation_of_key(key):
    ref = parse_federal_ref(key)
    assert ref is not None
    return citation(ref)


@pytest.mark.parametrize("query", ["sexual harassment", "congressional accountability", "act"])
def test_the_search_box_ranks_as_tracker_search_and_shows_the_snippet(served, query):
    _, doc = _page(served, "/?" + urlencode({"q": query}))
    listed = [_text(a) for a in doc.cssselect("li.bill h2 a")]
    assert listed == _ranked_tracked(served, query)
    assert listed
    stems = [word[:4] for word in query.split()]
    for item in doc.cssselect("li.bill"):
        marks = [_text(m).casefold() for m in item.cssselect("p.snippet mark")]
        assert marks, _text(item)  # every hit shows the text it matched
        assert all(any(stem in mark for stem in stems) for mark in marks), marks


def test_the_search_box_shows_title_ix_first_with_the_phrase_marked(served):
    _, doc = _page(served, "/?q=title+ix")
    first = doc.cssselect("li.bill")[0]
    assert _text(first.cssselect("h2 a")[0]) == "H.R. 4030"
    assert " ".join(_text(m) for m in first.cssselect("p.snippet mark")) == "Title IX"


def test_search_results_page_in_rank_order(served):
    everything = _ranked_tracked(served, "act")
    assert len(everything) > 2
    _, doc = _page(served, "/?q=act&limit=2")
    seen = [_text(a) for a in doc.cssselect("li.bill h2 a")]
    while doc.cssselect("a[rel=next]"):
        _, doc = _page(
            served, doc.cssselect("a[rel=next]")[0].get("href").removeprefix(served.base)
        )
        seen += [_text(a) for a in doc.cssselect("li.bill h2 a")]
    assert seen == everything
    _page(served, "/?q=act&cursor=zz", status=400)
