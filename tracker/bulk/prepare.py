"""Turning one BILLSTATUS document into ready-to-write rows (runs in worker processes).

Parsing is the costly half of an import, so it runs here, in a process pool,
while the parent writes: each document is parsed with the GovInfo parser,
fingerprinted (``tracker.checking.fingerprint``, the hash a check compares), and turned
into the very rows ``tracker.checking.store.apply_snapshot`` would write, using the
store's own row builders, so an imported bill is stored exactly as a checked one.
What crosses back to the parent is ready to insert: the snapshot as JSON text
(orjson, made once), and each table's rows as tuples of plain values in a fixed
column order (dates as ISO text, as SQLite stores them and PostgreSQL's COPY
reads them). Tuples pickle several times faster than dicts or snapshot objects,
and the parent, the one writer, has nothing left to convert.

No database access here: the parent decides what to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from operator import itemgetter
from types import SimpleNamespace
from typing import Any, cast

import orjson
from sqlalchemy import Date, Table

from db.models import Bill, BillAction, BillVote, CommitteeReferral, Cosponsor, TextVersion
from db.search import SearchDocument
from scrapers.archives import DEFAULT_MAX_BYTES, Document, read_deferred
from scrapers.errors import ParseError
from scrapers.model import BillSnapshot
from scrapers.sources.govinfo.parse import SOURCE, parse_billstatus
from tracker.checking.fingerprint import content_fingerprint
from tracker.checking.search_index import search_document

# The same builders apply_snapshot uses: one definition of what a stored bill is.
from tracker.checking.store import (
    _action_rows,
    _copy_fields,
    _cosponsor_rows,
    _referral_rows,
    _text_rows,
)
from tracker.checking.votes import vote_link_rows
from tracker.vocab.serialize import snapshot_to_dict

#: Child rows are built before the bill has an id; the writer puts it first in each row.
UNKNOWN_ID = 0
#: The bill columns ``_copy_fields`` sets from a snapshot.
COPIED_COLUMNS = (
    "title",
    "official_title",
    "short_title",
    "popular_title",
    "policy_area",
    "introduced_on",
    "sponsor_bioguide_id",
    "sponsor_name",
    "stage",
    "stage_chamber",
    "stage_date",
    "stage_detail",
    "next_chamber",
    "latest_action_date",
    "latest_action_text",
    "became_law",
    "source_url",
    "source_updated_at",
)
#: The child tables, in the order of ``Prepared.children``; BillVote: the roll calls
#: named, fetched once the bill is tracked.
CHILD_TABLES = (BillAction, Cosponsor, CommitteeReferral, TextVersion, BillVote)
#: The columns of each child table's rows (the keys of the store's row builders), without
#: ``bill_id``, which the writer puts first.
CHILD_COLUMNS: tuple[tuple[str, ...], ...] = (
    (
        "position",
        "acted_on",
        "action_time",
        "text",
        "chamber",
        "code",
        "action_type",
        "source_system",
    ),
    (
        "member_key",
        "bioguide_id",
        "name",
        "party",
        "state",
        "district",
        "sponsored_on",
        "withdrawn_on",
        "is_original",
    ),
    (
        "committee_code",
        "name",
        "chamber",
        "parent_code",
        "latest_activity",
        "latest_activity_on",
    ),
    ("name", "issued_on", "url"),
    (
        "vote_key",
        "chamber",
        "congress",
        "session",
        "number",
        "action_on",
        "action_text",
        "action_code",
    ),
)
#: A row of plain values, in one of the column orders above.
Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class PrepareOptions:
    """What every worker needs to know (small: sent with each chunk)."""

    base_url: str  # GovInfo's, for each bill's canonical document URL
    congress: str | None = None  # keep only this Congress
    bill_types: frozenset[str] | None = None  # keep only these types
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are named and skipped


@dataclass(frozen=True, slots=True, kw_only=True)
class Prepared:
    """One parsed bill, as rows. Child rows carry ``bill_id=UNKNOWN_ID`` until it is known."""

    name: str
    key: str
    fingerprint: str
    updated_at: datetime | None
    identity: dict[str, Any]  # key, jurisdiction, session, bill_type, number, source
    columns: dict[str, Any]  # COPIED_COLUMNS
    snapshot_json: str
    children: tuple[list[Row], ...]  # in CHILD_COLUMNS order: actions, cosponsors, ...
    search: SearchDocument


@dataclass(frozen=True, slots=True, kw_only=True)
class Failed:
    name: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """Parsed, but another Congress or bill type than asked for."""

    name: str


Outcome = Prepared | Failed | Skipped


def prepare_chunk(documents: Sequence[Document], options: PrepareOptions) -> list[Outcome]:
    """``prepare`` over a chunk: the unit of work sent to a worker process."""
    return [prepare(doc, options) for doc in documents]


def prepare(doc: Document, options: PrepareOptions) -> Outcome:
    doc = read_deferred(doc, options.max_bytes)  # a folder's file: read here, in the worker
    if doc.error is not None:
        return Failed(name=doc.name, reason=doc.error)
    try:
        snapshot = parse_billstatus(doc.content, where=doc.name)
    except ParseError as exc:
        return Failed(name=doc.name, reason=str(exc))
    except Exception as exc:  # a parser bug on one odd file must not stop 11,000 others
        return Failed(name=doc.name, reason=f"{type(exc).__name__}: {exc}")
    ref = snapshot.ref
    if (options.congress and ref.session != options.congress) or (
        options.bill_types and ref.bill_type not in options.bill_types
    ):
        return Skipped(name=doc.name)
    return as_rows(doc.name, snapshot, source_url=document_url(options.base_url, snapshot))


def parse_document(doc: Document, options: PrepareOptions) -> BillSnapshot:
    """The snapshot, with the bill's canonical GovInfo address as its source URL."""
    doc = read_deferred(doc, options.max_bytes)
    snapshot = parse_billstatus(doc.content, where=doc.name)
    return replace(snapshot, source_url=document_url(options.base_url, snapshot))


def document_url(base_url: str, s: BillSnapshot) -> str:
    c, t, n = s.ref.session, s.ref.bill_type, s.ref.number
    return f"{base_url.rstrip('/')}/bulkdata/BILLSTATUS/{c}/{t}/BILLSTATUS-{c}{t}{n}.xml"


def as_rows(name: str, snapshot: BillSnapshot, *, source_url: str) -> Prepared:
    """The rows of ``snapshot`` as stored with ``source_url`` (``parse_document``'s result)."""
    ref = snapshot.ref
    content = snapshot_to_dict(snapshot)  # once: for the fingerprint and the stored JSON
    content["source_url"] = source_url  # as dataclasses.replace would, at no cost
    # _copy_fields only sets attributes: a plain namespace takes them several times
    # faster than an ORM-instrumented Bill.
    holder = cast(Bill, SimpleNamespace(source_url=source_url))
    _copy_fields(holder, snapshot)  # its source_url is None: the holder's stays
    return Prepared(
        name=name,
        key=ref.key,
        fingerprint=content_fingerprint(content),
        updated_at=snapshot.updated_at,
        identity={
            "key": ref.key,
            "jurisdiction": ref.jurisdiction,
            "session": ref.session,
            "bill_type": ref.bill_type,
            "number": ref.number,
            "source": SOURCE,
        },
        columns={column: getattr(holder, column) for column in COPIED_COLUMNS},
        # Key order kept (no sorting): the same JSON value json.dumps wrote before.
        snapshot_json=orjson.dumps(content).decode(),
        children=tuple(
            _as_tuples(n, rows)
            for n, rows in enumerate(
                (
                    _action_rows(UNKNOWN_ID, snapshot),
                    _cosponsor_rows(UNKNOWN_ID, snapshot),
                    _referral_rows(UNKNOWN_ID, snapshot),
                    _text_rows(UNKNOWN_ID, snapshot),
                    vote_link_rows(UNKNOWN_ID, snapshot),
                )
            )
        ),
        search=search_document(snapshot),
    )


#: Per child table: a row dict to its values in CHILD_COLUMNS order, and its date columns.
_PICKS = [itemgetter(*columns) for columns in CHILD_COLUMNS]
_DATED = [
    [c for c in columns if isinstance(cast(Table, model.__table__).c[c].type, Date)]
    for model, columns in zip(CHILD_TABLES, CHILD_COLUMNS, strict=True)
]


def _as_tuples(table: int, rows: list[dict[str, Any]]) -> list[Row]:
    pick, dated = _PICKS[table], _DATED[table]
    for row in rows:
        for column in dated:
            if (value := row[column]) is not None:
                row[column] = value.isoformat()
    return [pick(row) for row in rows]  # itemgetter: tuples at C speed
