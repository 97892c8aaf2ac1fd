"""Benchmark: where a bulk import's CPU goes, per bill, part by part.

Run as ``.venv/bin/python bench/bench_import_budget.py --folder DIR [--every N]
[--postgres URL | --no-postgres]``, ``DIR`` being the 115th Congress unpacked
(``tar -xJf ../shared/corpus/BILLSTATUS-115.tar.xz -C /tmp/imp`` gives
``/tmp/imp/BILLSTATUS/115``); ``--every N`` takes one document in N (default 1: all).

``bench_import.py`` times the ``tracker import`` command against a bare parse;
this one takes the import apart, in one process, so that a change can be judged by
the part it touches (the machine's speed swings by a fifth from minute to minute;
each part is measured on the same documents in the same minute):

1. **Worker**, per bill: reading the file, lxml's parse (the bare parse's own work),
   the walk to a ``BillSnapshot`` (``parse_billstatus`` less the parse), then each step
   of ``tracker.bulk.prepare.as_rows`` on its own (the snapshot as a dict, its
   fingerprint, its JSON, the child rows, the search document, the bill's columns),
   ``as_rows`` as a whole, and pickling the result (what a worker sends back).
2. **Writer**, per table: the prepared bills written in batches of 260 (the size the
   writer meets while the workers are busy) into a new SQLite database, and into
   PostgreSQL when a server answers, through ``tracker.bulk.run.write_parsed``: wall
   time of each table's inserts and of the commits, this process's CPU and, for
   PostgreSQL, the server's (this machine's ``postgres`` processes, from ``/proc``).
3. **In parses**: each part's CPU as so many lxml parses of the same documents (the
   unit of the targets: an import's wall time against a bare parse's). Phases measured
   one after the other on a document run with colder caches than in a worker, so the
   figures are a little higher than a real import's; their shares are what to compare.

Peak memory: about 240 MB for the whole Congress (the prepared bills are held, pickled,
for part 2); ``--every 2`` halves what they take.
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_import import _postgres_cpu, _scratch_postgres  # noqa: E402  (this folder)

import db.bulk  # noqa: E402
import tracker.bulk.write  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import make_engine, make_session_factory  # noqa: E402
from scrapers.archives import Document, read_deferred  # noqa: E402
from scrapers.sources.govinfo._xml import parse_xml  # noqa: E402
from scrapers.sources.govinfo.parse import parse_billstatus  # noqa: E402
from tracker.bulk.prepare import (  # noqa: E402
    Prepared,
    PrepareOptions,
    as_rows,
    document_url,
    iso_day,
)
from tracker.bulk.report import ImportReport  # noqa: E402
from tracker.bulk.run import ImportContext, write_parsed  # noqa: E402
from tracker.checking.fingerprint import content_fingerprint  # noqa: E402
from tracker.checking.rows import CHILD_TABLES, bill_columns  # noqa: E402
from tracker.checking.search_index import search_document  # noqa: E402
from tracker.core.clock import utc_now  # noqa: E402
from tracker.vocab.serialize import snapshot_to_dict  # noqa: E402

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
BASE_URL = "https://www.govinfo.gov"
CHUNK = 20  # documents per worker task, as the import sends them

_PHASES = (
    ("read the file", "read"),
    ("lxml parse (the bare parse)", "parse"),
    ("walk to a BillSnapshot", "walk"),
    ("  as a dict (snapshot_to_dict)", "dict"),
    ("  fingerprint", "fingerprint"),
    ("  JSON (orjson)", "json"),
    ("  child rows", "rows"),
    ("  search document", "search"),
    ("  bill columns", "columns"),
    ("as_rows, whole", "as_rows"),
    ("pickle the result", "pickle"),
)
#: The phases a worker runs (the indented ones are measured again inside ``as_rows``).
_WORKER = ("read", "parse", "walk", "as_rows", "pickle")


def main() -> int:
    args = _arguments()
    files = sorted(p for p in args.folder.rglob("*.xml"))[:: args.every]
    if not files:
        print(f"no .xml files under {args.folder}")
        return 1
    cores = os.cpu_count()
    print(f"{len(files):,} documents from {args.folder} (one in {args.every}), {cores} CPUs")
    worker, parse, chunks = _worker_phases(files)
    writers = {"SQLite": _writer_sqlite(chunks)}
    pg_admin = (
        None
        if args.no_postgres
        else (args.postgres or os.environ.get("TRACKER_TEST_POSTGRES_URL") or DEFAULT_PG)
    )
    if pg_admin:
        try:
            writers["PostgreSQL"] = _writer_postgres(chunks, pg_admin)
        except Exception as exc:  # a machine without a server still reports SQLite
            print(f"PostgreSQL skipped: {type(exc).__name__}: {exc}\n")
    _in_parses(worker, parse, writers)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, required=True, help="the corpus unpacked")
    parser.add_argument("--every", type=int, default=1, help="one document in N")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    return parser.parse_args()


# --- 1. the worker ----------------------------------------------------------------------


def _worker_phases(files: Sequence[Path]) -> tuple[float, float, list[bytes]]:
    """Each phase's CPU per bill; returns the worker's total, its lxml parse's, and the
    pickled chunks."""
    spent: defaultdict[str, float] = defaultdict(float)
    chunks: list[bytes] = []
    pending: list[Prepared] = []
    clock = time.process_time
    for n, path in enumerate(files, 1):
        t0 = clock()
        doc = read_deferred(Document(name=str(path), content=b"", position=n, path=path))
        t1 = clock()
        parse_xml(doc.content)
        t2 = clock()
        snapshot = parse_billstatus(doc.content, where=doc.name)
        t3 = clock()
        content = snapshot_to_dict(snapshot)
        t4 = clock()
        content_fingerprint(content)
        t5 = clock()
        orjson.dumps(content)
        t6 = clock()
        for table in CHILD_TABLES:
            table.build(snapshot, iso_day)
        t7 = clock()
        search_document(snapshot)
        t8 = clock()
        bill_columns(snapshot)
        t9 = clock()
        pending.append(as_rows(doc.name, snapshot, source_url=document_url(BASE_URL, snapshot)))
        t10 = clock()
        if len(pending) == CHUNK or n == len(files):
            chunks.append(pickle.dumps(pending, protocol=pickle.HIGHEST_PROTOCOL))
            pending = []
        t11 = clock()
        # parse_billstatus parses again: the walk is what it adds to a bare parse.
        for phase, took in zip(
            ("read", "parse", "walk", "dict", "fingerprint", "json", "rows", "search"),
            (t1 - t0, t2 - t1, t3 - t2 - (t2 - t1), t4 - t3, t5 - t4, t6 - t5, t7 - t6, t8 - t7),
            strict=True,
        ):
            spent[phase] += took
        spent["columns"] += t9 - t8
        spent["as_rows"] += t10 - t9
        spent["pickle"] += t11 - t10
    total = sum(spent[p] for p in _WORKER)
    count = len(files)
    print("== 1. worker, per bill (CPU, this process; the indented lines are inside as_rows)")
    for label, phase in _PHASES:
        share = f"{spent[phase] / total:5.1%}" if phase in _WORKER else "     "
        print(f"  {label:32s} {spent[phase] / count * 1e6:7.1f} us  {share}")
    print(f"  {'worker, all phases':32s} {total / count * 1e6:7.1f} us  = {total:.2f} s")
    print()
    return total, spent["parse"], chunks


# --- 2. the writer ----------------------------------------------------------------------


class _Replay:
    """The prepared chunks as ``write_parsed`` takes them from the pipeline, with a batch
    written in batches of 260, as while the workers are busy."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = chunks

    def __iter__(self) -> Iterator[tuple[list[Document], list[Any]]]:
        for blob in self._chunks:
            outcomes = pickle.loads(blob)
            docs = [Document(name=o.name, content=b"", position=0) for o in outcomes]
            yield docs, outcomes

    def waiting(self) -> bool:
        # The workers are behind: the writer stores a batch as soon as it holds a quarter
        # of one (``write_parsed``), 250 bills and the rest of the chunk that crossed it.
        return True


@contextmanager
def _timed_inserts() -> Iterator[dict[str, float]]:
    """Wall time of every ``db.bulk.insert_tuples`` call, by table, while inside.

    A benchmark's patch: the writer's modules look the function up by name.
    """
    spent: defaultdict[str, float] = defaultdict(float)
    original = db.bulk.insert_tuples

    def timed(session: Any, table: str, columns: Sequence[str], values: Sequence[Any]) -> None:
        start = time.perf_counter()
        original(session, table, columns, values)
        spent[table] += time.perf_counter() - start

    db.bulk.insert_tuples = timed
    tracker.bulk.write.insert_tuples = timed  # type: ignore[attr-defined]
    try:
        yield spent
    finally:
        db.bulk.insert_tuples = original
        tracker.bulk.write.insert_tuples = original  # type: ignore[attr-defined]


def _write(label: str, url: str, chunks: list[bytes], server_cpu: Callable[[], float]) -> float:
    engine = make_engine(url)
    migrate.upgrade(engine)
    ctx = ImportContext(
        sessions=make_session_factory(engine),
        options=PrepareOptions(base_url=BASE_URL),
        clock=utc_now,
    )
    report = ImportReport()
    server_before = server_cpu()
    wall, cpu = time.perf_counter(), time.process_time()
    with _timed_inserts() as spent:
        write_parsed(ctx, _Replay(chunks), report)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    server = server_cpu() - server_before
    engine.dispose()
    inserts = sum(spent.values())
    print(f"== 2. writer, {label}: {report.new:,} new bills in {wall:.2f} s")
    for table, took in sorted(spent.items(), key=lambda pair: -pair[1]):
        print(f"  {table:22s} {took:6.2f} s  {took / report.new * 1e6:6.1f} us a bill")
    print(f"  {'commits and the rest':22s} {wall - inserts:6.2f} s")
    on_server = f", database server {server:.2f} s" if server else ""
    print(f"  CPU: this process {cpu:.2f} s{on_server}")
    print()
    return cpu + server


def _writer_sqlite(chunks: list[bytes]) -> float:
    folder = Path(tempfile.mkdtemp(prefix="bench-budget-"))
    try:
        return _write("SQLite", f"sqlite:///{folder / 'tracker.db'}", chunks, lambda: 0.0)
    finally:
        shutil.rmtree(folder)


def _writer_postgres(chunks: list[bytes], admin_url: str) -> float:
    with _scratch_postgres(admin_url) as url:
        return _write("PostgreSQL", url, chunks, _postgres_cpu)


# --- 3. in parses ------------------------------------------------------------------------


def _in_parses(worker: float, parse: float, writers: dict[str, float]) -> None:
    """Each part's CPU as so many lxml parses of the same documents: the unit the issue's
    targets are set in (the import's wall time against a bare parse's)."""
    print("== 3. CPU in lxml parses of the same documents (the worker's own parse = 1)")
    for label, writer in writers.items():
        print(
            f"  {label:11s} worker {worker / parse:4.2f} + writer {writer / parse:4.2f}"
            f" = {(worker + writer) / parse:4.2f} parses of CPU a bill"
        )
    print(
        "  (bench_import.py --folder times the command itself: on N cores its wall time is"
        " at least this CPU over N, plus what start-up and the last batch leave idle)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
