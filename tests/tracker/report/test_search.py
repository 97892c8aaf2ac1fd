"""Searching real bills on SQLite (FTS5) and PostgreSQL (tsvector); the index kept in step."""

from __future__ import annotations

import importlib.util
import itertools
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from db import migrate
from db.engine import make_engine, make_session_factory
from db.models import Bill
from db.search import MARK_END, MARK_START, SearchDocument, index_bills
from scrapers.archives import iter_documents
from scrapers.sources.govinfo import parse_billstatus
from tests.conftest import REPO
from tests.db_rows import T0
from tracker.bulk.prepare import Prepared, PrepareOptions, prepare
from tracker.bulk.write import write_batch
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.checking.search_index import search_document, summary_prose
from tracker.checking.store import apply_snapshot
from tracker.report.search import SearchHit, search_bills, snippet_parts
from tracker.report.topics import topic_bills
from tracker.vocab.serialize import snapshot_to_dict

OPTIONS = PrepareOptions(base_url="https://www.govinfo.gov")


@cache
def _prepared(folder: Path) -> tuple[Prepared, ...]:
    outcomes = (prepare(doc, OPTIONS) for doc in iter_documents(folder))
    return tuple(o for o in outcomes if isinstance(o, Prepared))


@pytest.fixture
def bills(session, test_data):
    """The 37 real bills, imported into the test's (rolled back) transaction."""
    write_batch(session, _prepared(test_data / "billstatus"), reparse=None, now=T0)  # type: ignore[arg-type]
    return session


def test_title_ix_finds_the_title_ix_protection_act_first(bills):
    hits = search_bills(bills, "Title IX")
    assert hits[0].key == "hr4030-115"
    assert hits[0].title == "Title IX Protection Act"
    assert _marked(hits[0]) == "Title IX"
    assert hits[0].snippet.startswith("[Title IX] Protection Act")
    assert all(h.score >= later.score for h, later in itertools.pairwise(hits))
    # The Bipartisan Budget Act of 2015 and the Water Resources Development Act of 2016
    # have a "TITLE IX--" among their divisions: a label, not words of the summary.
    assert not {"hr1314-114", "s2848-114"} & {h.key for h in hits}


def test_no_snippet_marks_a_division_label(bills):
    hits = search_bills(bills, "title ix", limit=50)
    assert hits
    for hit in hits:
        assert "[TITLE] I" not in hit.snippet and "TITLE I--" not in hit.snippet, hit.snippet
    budget = search_bills(bills, "temporary extension of public debt limit", phrase=True)
    assert [h.key for h in budget] == ["hr1314-114"]  # what the heading names still counts


def _marked(hit: SearchHit) -> str:
    return " ".join(text for text, matched in hit.snippet_parts if matched)


def test_words_phrases_or_and_exclusion(bills):
    assert search_bills(bills, "title ix", phrase=True)[0].key == "hr4030-115"
    both = {h.key for h in search_bills(bills, "harassment or veto")}
    assert {"hr4030-115", "hr3762-114"} <= both  # hr3762-114 was vetoed
    without = {h.key for h in search_bills(bills, "education -harassment")}
    assert "hr4030-115" not in without and without
    assert search_bills(bills, "assaults")  # stemming: "assault" in the text


def test_filters_limit_and_empty_queries(bills):
    assert {h.congress for h in search_bills(bills, "title", congress=114)} == {"114"}
    assert {h.stage for h in search_bills(bills, "act", stage="enacted")} == {"enacted"}
    assert len(search_bills(bills, "act", limit=3)) == 3
    for nothing in ("", "   ", "-ix", "or", '"', "*)(:"):
        assert search_bills(bills, nothing) == [], nothing
    assert search_bills(bills, 'NEAR("title ix") AND {titles}: *') is not None  # no syntax error


def test_hits_serialise_for_json(bills):
    data = search_bills(bills, "Title IX", limit=1)[0].to_json()
    assert data["id"] == "hr4030-115"
    assert data["congress"] == "115"
    assert data["stage"] == "in_committee"
    assert data["latest_action"]["date"] == "2017-10-12"
    assert "IX]" in data["snippet"]


def test_the_index_follows_a_bill_whose_snapshot_is_stored(bills, test_data):
    bill = bills.scalars(select(Bill).where(Bill.key == "hr4030-115")).one()
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
    old = parse_billstatus(path.read_bytes(), where=path.name)
    new = replace(old, title="Campus Accountability Act", short_title="Campus Accountability Act")
    apply_snapshot(bills, bill, new, fingerprint=snapshot_fingerprint(new))
    hit = search_bills(bills, "campus accountability")[0]
    assert hit.key == "hr4030-115"
    assert hit.snippet.startswith("[Campus Accountability] Act")
    assert hit.title == "Campus Accountability Act"


def test_snippet_parts_split_on_the_marks():
    marked = f"…a {MARK_START}Title{chr(0xE001)} and {MARK_START}IX{chr(0xE001)}\n law"
    assert snippet_parts(marked) == (
        ("…a ", False),
        ("Title", True),
        (" and ", False),
        ("IX", True),
        (" law", False),
    )


def _migration_module():
    path = REPO / "db" / "migrations" / "versions" / "0004_bill_search.py"
    spec = importlib.util.spec_from_file_location("migration_0004", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_indexes_bills_stored_before_it(database_url, test_data):
    """Bills stored before search existed are searchable after `tracker db upgrade`."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0003_report")
        path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        with engine.begin() as conn:
            conn.execute(
                insert(Bill.__table__).values(
                    key="hr4030-115",
                    session="115",
                    bill_type="hr",
                    number=4030,
                    source="govinfo",
                    title=snapshot.title,
                    snapshot=snapshot_to_dict(snapshot),
                    created_at=T0,
                    updated_at=T0,
                )
            )
        migrate.upgrade(engine)
        with make_session_factory(engine).begin() as session:
            assert [h.key for h in search_bills(session, "title ix")] == ["hr4030-115"]
        # The migration's frozen reader and the live one agree on the document.
        expected = search_document(snapshot)
        assert _migration_module()._document(snapshot_to_dict(snapshot)) == {
            "titles": expected.titles,
            "subjects": expected.subjects,
            "summary": expected.summary,
            "actions": expected.actions,
        }
        migrate.downgrade(engine, "0003_report")  # drops the index with its table
        migrate.upgrade(engine)
        with make_session_factory(engine).begin() as session:
            assert [h.key for h in search_bills(session, "title ix")] == ["hr4030-115"]
    finally:
        engine.dispose()


def _migration_0006():
    path = REPO / "db" / "migrations" / "versions" / "0006_search_text.py"
    spec = importlib.util.spec_from_file_location("migration_0006", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_migration_0006_reindexes_summaries_without_division_labels(database_url, test_data):
    """A bill indexed with its whole summary (before 0006) reads as prose after it."""
    engine = make_engine(database_url)
    try:
        migrate.upgrade(engine, "0004_search")
        path = test_data / "billstatus" / "usgpo-samples" / "legacy" / "BILLSTATUS-114hr1314.xml"
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        with engine.begin() as conn:
            conn.execute(
                insert(Bill.__table__).values(
                    key="hr1314-114",
                    session="114",
                    bill_type="hr",
                    number=1314,
                    source="govinfo",
                    title=snapshot.title,
                    snapshot=snapshot_to_dict(snapshot),
                    created_at=T0,
                    updated_at=T0,
                )
            )
        _reindex_as_0004(engine, snapshot)
        with make_session_factory(engine).begin() as session:
            assert [h.key for h in topic_bills(session, "Title IX")] == ["hr1314-114"]
        migrate.upgrade(engine)
        with make_session_factory(engine).begin() as session:
            assert topic_bills(session, "Title IX") == []
            assert [h.key for h in topic_bills(session, "public debt limit")] == ["hr1314-114"]
        migrate.downgrade(engine, "0004_search")  # the whole summary again
        with make_session_factory(engine).begin() as session:
            assert [h.key for h in topic_bills(session, "Title IX")] == ["hr1314-114"]
    finally:
        engine.dispose()


def _reindex_as_0004(engine, snapshot):
    """The search document as migration 0004 wrote it: the whole summary."""
    document = _migration_module()._document(snapshot_to_dict(snapshot))
    assert "TITLE IX--" in document["summary"]
    with make_session_factory(engine).begin() as session:
        bill_id = session.scalars(select(Bill.id)).one()
        index_bills(session, [(bill_id, SearchDocument(**document))])


def test_the_migration_and_the_index_strip_the_same_labels(test_data):
    frozen = _migration_0006()._prose
    for path in sorted((test_data / "billstatus").rglob("*.xml")):
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        if snapshot.latest_summary:
            text = snapshot.latest_summary.text
            assert frozen(text) == summary_prose(text), path.name


def test_summary_prose_drops_division_labels_and_section_marks():
    text = (
        "Bipartisan Budget Act of 2015\n\nTITLE I--BUDGET ENFORCEMENT\n\n(Sec. 101) This bill "
        "amends...\n\nTITLE IX--TEMPORARY EXTENSION OF PUBLIC DEBT LIMIT\n\nSubtitle A\u2014"
        "Other\n\nTITLE IX\n\nThis title provides. Schools must comply with title IX of the "
        "Education Amendments of 1972.\n\nTitle IX coordinators report."
    )
    assert summary_prose(text) == (
        "Bipartisan Budget Act of 2015\n\nBUDGET ENFORCEMENT\n\nThis bill amends...\n\n"
        "TEMPORARY EXTENSION OF PUBLIC DEBT LIMIT\n\nOther\n\n\n\nThis title provides. Schools "
        "must comply with title IX of the Education Amendments of 1972.\n\nTitle IX "
        "coordinators report."
    )


def test_words_marked_next_to_each_other_read_as_one_match():
    marked = f"{MARK_START}Title{MARK_END} {MARK_START}IX{MARK_END} Protection Act"
    assert snippet_parts(marked) == (("Title IX", True), (" Protection Act", False))
