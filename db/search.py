"""Full-text search over bills: one search document per bill, indexed by the database.

SQLite keeps the documents in an FTS5 virtual table ``bill_search`` (rowid = bill id,
Porter stemming, ranked with ``bm25``, excerpts with ``snippet``). PostgreSQL keeps
them in a plain table ``bill_search`` whose ``document`` column is a generated,
weighted ``tsvector`` with a GIN index (``websearch_to_tsquery``, ``ts_rank``,
``ts_headline``). Both are created by migration 0002, not by the models: SQLAlchemy
cannot describe an FTS5 table, so ``include_object`` keeps Alembic's comparison
away from them.

A document is written by ``index_bills`` in the caller's transaction, whenever a
bill's snapshot is stored, so the index never lags the bill. Knows nothing of
snapshots (``tracker.report.search`` builds the document) nor of HTTP.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from db._excerpt import EXCERPT_CHARS, excerpt
from db._fts5 import fts5_query, query_words
from db.bulk import insert_rows

SEARCH_TABLE = "bill_search"
#: Marks around matched words in a snippet: private-use characters, which never occur
#: in bill text, so callers can split on them and highlight safely (no markup to escape).
MARK_START = "\ue000"
MARK_END = "\ue001"
#: Column weights: a word in a title counts most, then subjects, summary, actions.
_FTS5_WEIGHTS = "10.0, 4.0, 2.0, 1.0"
_PG_CONFIG = "english"
_PG_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=10, MaxFragments=1"
)
#: ts_headline re-parses (and stems) all it is given, about 1 ms per 2 KB here: the
#: excerpt is taken from the titles, subjects and the start of the summary and actions.
_PG_HEADLINE_CHARS = 2000

Mode = Literal["words", "phrase"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchDocument:
    """The text of one bill that search reads, in four weighted parts."""

    titles: str
    subjects: str  # legislative subjects and the policy area
    summary: str  # the latest CRS summary
    actions: str  # every action's text


@dataclass(frozen=True, slots=True, kw_only=True)
class SearchRow:
    bill_id: int
    score: float  # higher is better
    snippet: str  # with MARK_START / MARK_END around matched words


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic hook: leave the search tables (and FTS5's shadow tables) out of comparisons."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (table and (table == SEARCH_TABLE or table.startswith(SEARCH_TABLE + "_")))


def index_bill(session: Session, bill_id: int, document: SearchDocument) -> None:
    """Write (or rewrite) one bill's search document."""
    index_bills(session, [(bill_id, document)])


def index_bills(
    session: Session, items: Sequence[tuple[int, SearchDocument]], *, new: bool = False
) -> None:
    """Write many documents in one statement per kind; ``new``: none is indexed yet."""
    if not items:
        return
    rows = [
        {
            "id": bill_id,
            "titles": d.titles,
            "subjects": d.subjects,
            "summary": d.summary,
            "actions": d.actions,
        }
        for bill_id, d in items
    ]
    postgres = _dialect(session) == "postgresql"
    if postgres and not new:
        session.execute(text(_PG_UPSERT), rows)
        return
    if not new:
        session.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :id"), rows)
    # Straight to the driver: a Congress is 11,000 documents in one go.
    id_column = "bill_id" if postgres else "rowid"
    insert_rows(session, SEARCH_TABLE, [{id_column: r.pop("id"), **r} for r in rows])


def search(
    session: Session,
    query: str,
    *,
    mode: Mode = "words",
    congress: str | None = None,
    stage: str | None = None,
    limit: int = 20,
) -> list[SearchRow]:
    """The best ``limit`` bills for ``query``, best first, each with a snippet."""
    if not query_words(query):
        return []  # only exclusions ("-ix") would list every other bill: find nothing
    if _dialect(session) == "postgresql":
        return _pg_search(session, query, mode, congress, stage, limit)
    return _sqlite_search(session, query, mode, congress, stage, limit)


def matching_bill_ids(
    session: Session, query: str, *, among: Collection[int], mode: Mode = "phrase"
) -> set[int]:
    """Which of the bills ``among`` match ``query`` (no ranking, no snippets)."""
    if not among:
        return set()
    ids = sorted(among)
    if _dialect(session) == "postgresql":
        sql = (
            f"SELECT bill_id FROM {SEARCH_TABLE} WHERE bill_id = ANY(:ids) "
            f"AND document @@ {_pg_tsquery(mode)}"
        )
        return set(session.scalars(text(sql), {"q": query, "ids": ids}))
    match = fts5_query(query, phrase=mode == "phrase")
    if match is None:
        return set()
    found: set[int] = set()
    for i in range(0, len(ids), _CHUNK):  # keeps IN (...) under SQLite's parameter limit
        chunk = ids[i : i + _CHUNK]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        sql = (
            f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :q AND rowid IN ({marks})"
        )
        params: dict[str, Any] = {"q": match} | {f"i{n}": v for n, v in enumerate(chunk)}
        found.update(session.scalars(text(sql), params))
    return found


_CHUNK = 500


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- SQLite: FTS5 -----------------------------------------------------------------------


def _sqlite_search(
    session: Session, query: str, mode: Mode, congress: str | None, stage: str | None, limit: int
) -> list[SearchRow]:
    match = fts5_query(query, phrase=mode == "phrase")
    if match is None:
        return []
    # Rank with FTS5, then make snippets for the winners only, in Python (see db._excerpt).
    ranked = session.execute(
        text(
            f"SELECT s.rowid AS id, bm25({SEARCH_TABLE}, {_FTS5_WEIGHTS}) AS score "
            f"FROM {SEARCH_TABLE} AS s JOIN bills AS b ON b.id = s.rowid "
            f"WHERE {SEARCH_TABLE} MATCH :q{_filters(congress, stage)} "
            "ORDER BY score, b.id LIMIT :limit"
        ),
        {"q": match, "congress": congress, "stage": stage, "limit": limit},
    ).all()
    if not ranked:
        return []
    snippets = _sqlite_snippets(session, [r.id for r in ranked], query_words(query))
    return [SearchRow(bill_id=r.id, score=-r.score, snippet=snippets.get(r.id, "")) for r in ranked]


def _sqlite_snippets(session: Session, ids: list[int], words: list[str]) -> dict[int, str]:
    marks = ", ".join(f":i{n}" for n in range(len(ids)))
    rows = session.execute(
        text(
            f"SELECT rowid, titles, subjects, substr(summary, 1, {EXCERPT_CHARS}), "
            f"substr(actions, 1, {EXCERPT_CHARS}) FROM {SEARCH_TABLE} WHERE rowid IN ({marks})"
        ),
        {f"i{n}": bill_id for n, bill_id in enumerate(ids)},
    )
    return {
        bill_id: excerpt(parts, words, start=MARK_START, end=MARK_END) for bill_id, *parts in rows
    }


def _filters(congress: str | None, stage: str | None) -> str:
    where = ""
    if congress is not None:
        where += " AND b.jurisdiction = 'us' AND b.session = :congress"
    if stage is not None:
        where += " AND b.stage = :stage"
    return where


# --- PostgreSQL: tsvector -----------------------------------------------------------------

_PG_UPSERT = (
    f"INSERT INTO {SEARCH_TABLE} (bill_id, titles, subjects, summary, actions) "
    "VALUES (:id, :titles, :subjects, :summary, :actions) "
    "ON CONFLICT (bill_id) DO UPDATE SET titles = excluded.titles, "
    "subjects = excluded.subjects, summary = excluded.summary, actions = excluded.actions"
)


def _pg_tsquery(mode: Mode) -> str:
    function = "phraseto_tsquery" if mode == "phrase" else "websearch_to_tsquery"
    return f"{function}('{_PG_CONFIG}', :q)"


def _pg_search(
    session: Session, query: str, mode: Mode, congress: str | None, stage: str | None, limit: int
) -> list[SearchRow]:
    # The headline is built in the outer query, for the `limit` winners only, and from
    # the start of the long texts: ts_headline re-parses what it is given, and a summary
    # can run to hundreds of kilobytes.
    sql = f"""
        WITH q AS (SELECT {_pg_tsquery(mode)} AS query),
        top AS (
            SELECT s.bill_id, ts_rank(s.document, q.query) AS score
            FROM {SEARCH_TABLE} AS s JOIN bills AS b ON b.id = s.bill_id, q
            WHERE s.document @@ q.query{_filters(congress, stage)}
            ORDER BY score DESC, s.bill_id LIMIT :limit
        )
        SELECT top.bill_id AS id, top.score,
               ts_headline('{_PG_CONFIG}',
                           concat_ws(' · ', s.titles, s.subjects, left(s.summary, :chars),
                                     left(s.actions, :chars)),
                           q.query, :options) AS snippet
        FROM top JOIN {SEARCH_TABLE} AS s ON s.bill_id = top.bill_id, q
        ORDER BY top.score DESC, top.bill_id
    """
    params = {
        "q": query,
        "congress": congress,
        "stage": stage,
        "limit": limit,
        "options": _PG_HEADLINE,
        "chars": _PG_HEADLINE_CHARS,
    }
    return [
        SearchRow(bill_id=r.id, score=float(r.score), snippet=r.snippet)
        for r in session.execute(text(sql), params)
    ]
