"""Full-text search over bills: one search document per bill, indexed by the database.

SQLite keeps the documents in an FTS5 virtual table ``bill_search`` (rowid = bill id,
Porter stemming, ranked with ``bm25``, excerpts with ``snippet``). PostgreSQL keeps
them in a plain table ``bill_search`` whose ``document`` column is a generated,
weighted ``tsvector`` with a GIN index (``websearch_to_tsquery``, ``ts_rank``,
``ts_headline``). Both are created by migration 0004, not by the models: SQLAlchemy
cannot describe an FTS5 table, so ``include_object`` keeps Alembic's comparison
away from them.

The summary part holds the summary's prose (``tracker.checking.search_index`` leaves
out the "TITLE IX--" labels; migration 0006 re-wrote stored ones). A topic reads a
bill's titles, subjects and summary, not its actions
(``with_actions=False``): FTS5 through a column filter, PostgreSQL by keeping the
weights A-C of the vector (``ts_filter``) after the index has found candidates.

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
from db.search_document import SearchDocument

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
    with_actions: bool = True,
) -> list[SearchRow]:
    """The best ``limit`` bills for ``query``, best first, each with a snippet."""
    ranked = rank(
        session,
        query,
        mode=mode,
        congress=congress,
        stage=stage,
        limit=limit,
        with_actions=with_actions,
    )
    found = snippets(session, [bill_id for bill_id, _ in ranked], query, mode=mode)
    return [SearchRow(bill_id=i, score=score, snippet=found.get(i, "")) for i, score in ranked]


def rank(
    session: Session,
    query: str,
    *,
    mode: Mode = "words",
    congress: str | None = None,
    stage: str | None = None,
    limit: int = 20,
    with_actions: bool = True,
    tracked_only: bool = False,
) -> list[tuple[int, float]]:
    """(bill id, score) of the best ``limit`` bills for ``query``, best (highest) first.

    No snippets: a caller that pages through many results asks ``snippets`` for
    the page it shows.
    """
    if not query_words(query):
        return []  # only exclusions ("-ix") would list every other bill: find nothing
    where = _Where(congress=congress, stage=stage, tracked_only=tracked_only)
    if _dialect(session) == "postgresql":
        return _pg_rank(session, query, mode, where, limit, with_actions)
    return _sqlite_rank(session, query, mode, where, limit, with_actions)


def snippets(session: Session, ids: Sequence[int], query: str, *, mode: Mode) -> dict[int, str]:
    """bill id -> an excerpt of its text with the words of ``query`` marked."""
    if not ids or not query_words(query):
        return {}
    if _dialect(session) == "postgresql":
        return _pg_snippets(session, ids, query, mode)
    return _sqlite_snippets(session, ids, query_words(query))


def matching_bill_ids(
    session: Session,
    query: str,
    *,
    among: Collection[int],
    mode: Mode = "phrase",
    with_actions: bool = False,
) -> set[int]:
    """Which of the bills ``among`` match ``query`` (no ranking, no snippets).

    By default a topic's match: the phrase, in the titles, subjects or summary.
    """
    if not among:
        return set()
    ids = sorted(among)
    if _dialect(session) == "postgresql":
        sql = (
            f"SELECT bill_id FROM {SEARCH_TABLE} AS s, {_pg_tsquery(mode)} AS query "
            f"WHERE bill_id = ANY(:ids) AND {_pg_match(mode, with_actions)}"
        )
        return set(session.scalars(text(sql), {"q": query, "ids": ids}))
    match = _fts5_match(query, mode, with_actions)
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


def _fts5_match(query: str, mode: Mode, with_actions: bool) -> str | None:
    match = fts5_query(query, phrase=mode == "phrase")
    if match is None or with_actions:
        return match
    return f"{{{_TOPIC_COLUMNS}}} : ({match})"  # FTS5's column filter


_TOPIC_COLUMNS = "titles subjects summary"


def _sqlite_rank(
    session: Session, query: str, mode: Mode, where: _Where, limit: int, with_actions: bool
) -> list[tuple[int, float]]:
    match = _fts5_match(query, mode, with_actions)
    if match is None:
        return []
    # Rank with FTS5; snippets are made for the winners only, in Python (see db._excerpt).
    ranked = session.execute(
        text(
            f"SELECT s.rowid AS id, bm25({SEARCH_TABLE}, {_FTS5_WEIGHTS}) AS score "
            f"FROM {SEARCH_TABLE} AS s JOIN bills AS b ON b.id = s.rowid "
            f"WHERE {SEARCH_TABLE} MATCH :q{where.sql()} "
            "ORDER BY score, b.id LIMIT :limit"
        ),
        {"q": match, "limit": limit, **where.params()},
    )
    return [(r.id, -r.score) for r in ranked]


def _sqlite_snippets(session: Session, ids: Sequence[int], words: list[str]) -> dict[int, str]:
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


@dataclass(frozen=True, slots=True, kw_only=True)
class _Where:
    """What narrows a ranked search, on the joined ``bills`` row ``b``."""

    congress: str | None
    stage: str | None
    tracked_only: bool

    def sql(self) -> str:
        where = ""
        if self.congress is not None:
            where += " AND b.jurisdiction = 'us' AND b.session = :congress"
        if self.stage is not None:
            where += " AND b.stage = :stage"
        if self.tracked_only:
            where += " AND b.tracked"
        return where

    def params(self) -> dict[str, Any]:
        return {"congress": self.congress, "stage": self.stage}


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


def _pg_match(mode: Mode, with_actions: bool) -> str:
    # The GIN index finds the candidates; ts_filter then keeps the words weighted A-C
    # (titles, subjects, summary) and checks the query again on those alone.
    match = "s.document @@ query"
    if not with_actions:
        match += " AND ts_filter(s.document, '{a,b,c}') @@ query"
    return f"(({match}) OR {_PG_LONG_SUMMARY_PHRASE})" if mode == "phrase" else match


#: A tsvector keeps word positions up to 16,383 only: later words all sit at 16,383, so
#: a phrase deep in a long summary (an appropriations act's) is not found by ``<->``.
#: For such summaries the phrase is looked for paragraph by paragraph, once the index
#: has found the words at all.
_PG_LONG_SUMMARY_CHARS = 50_000
_PG_LONG_SUMMARY_PHRASE = f"""(
    length(s.summary) > {_PG_LONG_SUMMARY_CHARS}
    AND s.document @@ plainto_tsquery('{_PG_CONFIG}', :q)
    AND EXISTS (
        SELECT 1 FROM regexp_split_to_table(s.summary, '\n+') AS paragraph
        WHERE to_tsvector('{_PG_CONFIG}', paragraph) @@ query
    )
)"""


def _pg_rank(
    session: Session, query: str, mode: Mode, where: _Where, limit: int, with_actions: bool
) -> list[tuple[int, float]]:
    sql = f"""
        SELECT s.bill_id AS id, ts_rank(s.document, query) AS score
        FROM {SEARCH_TABLE} AS s JOIN bills AS b ON b.id = s.bill_id, {_pg_tsquery(mode)} AS query
        WHERE {_pg_match(mode, with_actions)}{where.sql()}
        ORDER BY score DESC, s.bill_id LIMIT :limit
    """
    params = {"q": query, "limit": limit, **where.params()}
    return [(r.id, float(r.score)) for r in session.execute(text(sql), params)]


def _pg_snippets(session: Session, ids: Sequence[int], query: str, mode: Mode) -> dict[int, str]:
    # From the start of the long texts only: ts_headline re-parses what it is given,
    # and a summary can run to hundreds of kilobytes.
    sql = f"""
        SELECT s.bill_id AS id,
               ts_headline('{_PG_CONFIG}',
                           concat_ws(' · ', s.titles, s.subjects, left(s.summary, :chars),
                                     left(s.actions, :chars)),
                           query, :options) AS snippet
        FROM {SEARCH_TABLE} AS s, {_pg_tsquery(mode)} AS query
        WHERE s.bill_id = ANY(:ids)
    """
    params = {"q": query, "ids": list(ids), "options": _PG_HEADLINE, "chars": _PG_HEADLINE_CHARS}
    return {r.id: r.snippet for r in session.execute(text(sql), params)}
