"""Turning one BILLSTATUS document into ready-to-write rows (runs in worker processes).

Parsing is the costly half of an import, so it runs here, in a process pool,
while the parent writes: each document is parsed with the GovInfo parser,
fingerprinted (``tracker.checking.fingerprint``, the hash a check compares), and turned
into the very rows ``tracker.checking.store.apply_snapshot`` would write, with the
same row builders (``tracker.checking.rows``), so an imported bill is stored exactly
as a checked one. Nothing here imports SQLAlchemy: a worker is about half the size.
What crosses back to the parent is ready to insert: the snapshot as JSON text
(orjson, made once), and each table's rows as tuples of plain values in a fixed
column order (dates as ISO text, as SQLite stores them and PostgreSQL's COPY
reads them). Tuples pickle several times faster than dicts or snapshot objects,
and the parent, the one writer, has nothing left to convert.

No database access here: the parent decides what to write.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import orjson

from db.search_document import SearchDocument
from scrapers.archives import DEFAULT_MAX_BYTES, Document, read_deferred
from scrapers.errors import ParseError
from scrapers.model import BillSnapshot
from scrapers.sources.govinfo.parse import SOURCE, parse_billstatus
from tracker.checking.fingerprint import content_fingerprint
from tracker.checking.rows import CHILD_TABLES, Row, bill_columns
from tracker.checking.search_index import search_document
from tracker.vocab.serialize import snapshot_to_dict


@dataclass(frozen=True, slots=True, kw_only=True)
class PrepareOptions:
    """What every worker needs to know (small: sent with each chunk)."""

    base_url: str  # GovInfo's, for each bill's canonical document URL
    congress: str | None = None  # keep only this Congress
    bill_types: frozenset[str] | None = None  # keep only these types
    max_bytes: int = DEFAULT_MAX_BYTES  # larger files are named and skipped


class Prepared(NamedTuple):
    """One parsed bill, as rows (the child rows without ``bill_id``: not known yet).

    A named tuple, not a dataclass, because it crosses from a worker to the writer:
    a tuple pickles and unpickles in one step, where a slotted dataclass goes field
    by field through Python code (that cost as much as building the rows).
    """

    name: str
    key: str
    fingerprint: str
    updated_at: datetime | None
    identity: dict[str, Any]  # key, jurisdiction, session, bill_type, number, source
    columns: dict[str, Any]  # rows.BILL_COLUMNS
    snapshot_json: str
    children: tuple[list[Row], ...]  # one list per table of rows.CHILD_TABLES, in order
    search: SearchDocument


class Failed(NamedTuple):
    name: str
    reason: str


class Skipped(NamedTuple):
    """Parsed, but another Congress or bill type than asked for."""

    name: str


Outcome = Prepared | Failed | Skipped


#: Workers yield the CPU to the writer (their parent, and its database server): with
#: two cores and three busy processes, a writer at the same priority waited for the
#: CPU at every statement, and a Congress's batches took twice their CPU time to write.
#: Parsing ahead of the writer is all the workers are for, so they run at a lower
#: priority (a nice value of 10: on a machine busy with other work, a smaller share).
WORKER_NICENESS = 10


def start_worker() -> None:
    """A worker process's first step: Ctrl-C is the parent's to handle (it stops after
    the batch in hand), so the terminal's SIGINT, sent to the whole group, is ignored;
    the worker steps back behind the writer (``WORKER_NICENESS``); and what it has
    loaded (modules, the parser's tables) is left out of garbage collection.

    ``gc.freeze``: a document's objects are freed as soon as it is sent (they hold no
    cycles), yet the collector, run every few hundred allocations, went through the
    modules' objects again and again: 2% of a worker's instructions.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WORKER_NICENESS)
    gc.freeze()


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
    columns = bill_columns(snapshot)
    columns["source_url"] = source_url
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
        columns=columns,
        # Key order kept (no sorting): the same JSON value json.dumps wrote before.
        snapshot_json=orjson.dumps(content).decode(),
        children=tuple(table.build(snapshot, iso_day) for table in CHILD_TABLES),
        search=search_document(snapshot),
    )


def iso_day(value: date | None) -> str | None:
    """A date as the ISO text SQLite stores for a DATE and COPY reads."""
    return None if value is None else _iso(value)


@lru_cache(maxsize=16384)
def _iso(value: date) -> str:
    # A Congress has a few thousand distinct dates and half a million dated values.
    return value.isoformat()
