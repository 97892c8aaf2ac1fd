"""Pages cost a fixed number of queries, and those queries walk indexes in order.

What a page costs to render is measured with the page cache off (``_uncached``);
a cached page costs one statement, checked last.

Counted with a ``before_cursor_execute`` listener around in-process requests;
SQLite's query plans are read with ``EXPLAIN QUERY PLAN`` (PostgreSQL's planner
rightly prefers scanning tables this small, so its plans say nothing here).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

import pytest
from sqlalchemy import event
from werkzeug.test import Client

from tracker.web.page_cache import PageCache


@contextmanager
def _statements(web):
    seen = []

    def record(conn, cursor, statement, parameters, context, executemany):
        seen.append((statement, parameters))

    event.listen(web.app.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(web.app.engine, "before_cursor_execute", record)


def _uncached(web):
    return replace(web, page_cache=None)


def _count(web, path):
    web = _uncached(web)
    with _statements(web) as seen:
        response = Client(web).get(path)
        assert response.status_code == 200, path
    return len(seen)


def test_list_pages_cost_the_same_whatever_their_size(served):
    web = served.web
    assert _count(web, "/api/bills?limit=1") == _count(web, "/api/bills?limit=100") == 1
    # The list page also reads how far stalled or failed bills got: one more at most.
    assert _count(web, "/?limit=1") <= 2 and _count(web, "/?limit=100") <= 2


def test_a_bill_costs_the_same_however_long_its_history(served):
    web = served.web
    small, large = "/bills/hr4030-115", "/bills/hr1865-115"  # 3 and 55 actions
    # hr1865-115 also has two roll-call votes with 533 positions; hr4030-115 none,
    # but H.R. 4030 died with the 115th Congress: its page also looks for a successor.
    # (the page cache makes this the cost of a first visit only)
    assert _count(web, small) == _count(web, large) + 1 <= 12
    assert _count(web, "/api/bills/hr4030-115") == _count(web, "/api/bills/hr1865-115") <= 8
    assert _count(web, "/feeds/changes.atom") == 1


@pytest.mark.parametrize(
    ("path", "index"),
    [
        ("/api/bills?limit=2", "ix_bills_listing"),
        ("/api/bills?stage=enacted&limit=1", "ix_bills_stage_listing"),
        ("/api/bills?q=act", "ix_bills_listing"),
    ],
)
def test_bill_lists_walk_an_index_in_page_order(served, path, index):
    if not served.filled.url.startswith("sqlite"):
        pytest.skip("query plans are checked on SQLite")
    web = _uncached(served.web)
    first = Client(web).get(path).get_json()
    with _statements(web) as seen:
        Client(web).get(first["next"] or path)
    # A word search first asks the full-text index, then walks the list.
    # (a handful of statements for the search, whatever the number of bills)
    assert len(seen) <= 5 if "q=" in path else len(seen) == 1, seen
    statement, parameters = seen[-1]
    with web.app.engine.connect() as conn:
        plan = " ; ".join(
            r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        )
    assert f"USING INDEX {index}" in plan, plan
    assert "TEMP B-TREE" not in plan, f"sorts every matching row: {plan}"


def test_a_cached_page_costs_one_statement_and_answers_if_none_match(served):
    web = replace(served.web, page_cache=PageCache())
    client = Client(web)
    first = client.get("/bills/hr4030-115")
    with _statements(web) as seen:
        again = client.get("/bills/hr4030-115")
    assert len(seen) == 1  # the data version, nothing else
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    etag = first.headers["ETag"]
    not_modified = client.get("/bills/hr4030-115", headers={"If-None-Match": etag})
    assert not_modified.status_code == 304 and not_modified.get_data() == b""
