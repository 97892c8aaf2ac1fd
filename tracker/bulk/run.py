"""Running a bulk import: stream documents, parse them in a process pool, write in batches.

The pipeline: the parent reads documents from the archive (``scrapers.archives``,
streamed, never unpacked), sends them in chunks to worker processes that parse
and prepare them (``tracker.bulk.prepare``), and writes the results in batches of
a few hundred bills per transaction (``tracker.bulk.write``). At most a few
chunks are in flight, so memory stays flat whatever the archive's size.

Each batch commits on its own: an interrupted import keeps what it wrote, and
the same import run again skips every bill whose content is unchanged, so it
resumes where it stopped. A document that cannot be read or parsed is counted
and named in the report; the others import.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from importlib.machinery import ModuleSpec
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from db.bulk import prepare_bulk_load
from scrapers.archives import (
    DEFAULT_MAX_BYTES,
    ArchiveError,
    Document,
    SourceSize,
    iter_documents,
    source_size,
)
from scrapers.model import BillSnapshot
from scrapers.sources.govinfo.bulk import name_filter
from tracker.bulk.prepare import (
    Failed,
    Outcome,
    Prepared,
    PrepareOptions,
    Skipped,
    parse_document,
    prepare_chunk,
    start_worker,
)
from tracker.bulk.write import BatchResult, write_batch
from tracker.core.clock import Clock

#: Bills written per transaction: large enough that statements are few, small
#: enough that an interruption loses little and memory stays small.
DEFAULT_BATCH_SIZE = 250
#: Documents per task sent to a worker (the cost of a round trip is amortised).
DEFAULT_CHUNK_SIZE = 20
#: At most this many workers: past it the parent (and the database) is the bottleneck.
MAX_JOBS = 4


@dataclass(frozen=True, slots=True, kw_only=True)
class Failure:
    name: str  # the file, archive member or URL
    reason: str


@dataclass
class ImportReport:
    """What an import did, summed over its batches (and archives)."""

    documents: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    other_source: int = 0
    skipped: int = 0  # another Congress or bill type than asked for
    tracked_changed: int = 0
    events: int = 0
    alerts: int = 0
    topic_bills: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def add(self, batch: BatchResult) -> None:
        for f in fields(batch):
            setattr(self, f.name, getattr(self, f.name) + getattr(batch, f.name))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["failed"] = self.failed
        return data


class ImportProgress(Protocol):
    """What a progress display is told (the CLI draws a rich bar with it)."""

    def start(self, name: str, size: SourceSize) -> None: ...

    def advance_to(self, position: int) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportContext:
    sessions: sessionmaker[Session]
    options: PrepareOptions
    clock: Clock
    jobs: int = 1  # worker processes; 1 parses in this process
    batch_size: int = DEFAULT_BATCH_SIZE
    chunk_size: int = DEFAULT_CHUNK_SIZE
    max_document_bytes: int = DEFAULT_MAX_BYTES  # larger members are named and skipped


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def import_path(
    ctx: ImportContext, path: Path, report: ImportReport, progress: ImportProgress | None = None
) -> None:
    """Import every BILLSTATUS document of a folder, ZIP or tar archive (or one XML file)."""
    size = source_size(path)
    if progress is not None:
        progress.start(path.name, size)
    wanted = name_filter(congress=ctx.options.congress, bill_types=ctx.options.bill_types)
    ctx = replace(ctx, options=replace(ctx.options, max_bytes=ctx.max_document_bytes))
    try:
        # A folder's files are read by the workers: their bytes never cross processes.
        documents = iter_documents(
            path, wanted=wanted, max_bytes=ctx.max_document_bytes, defer_files=True
        )
    except ArchiveError as exc:
        report.failures.append(Failure(name=exc.where, reason=exc.problem))
        return
    # A pool pays off only past a couple of chunks (starting workers costs ~0.1 s).
    small = size.unit == "documents" and size.total <= 2 * ctx.chunk_size
    import_documents(ctx, documents, report, progress, jobs=1 if small else ctx.jobs)


def import_documents(
    ctx: ImportContext,
    documents: Iterable[Document],
    report: ImportReport,
    progress: ImportProgress | None = None,
    *,
    jobs: int | None = None,
) -> None:
    pending: list[tuple[Prepared, Document]] = []
    chunks = _chunks(iter(documents), ctx.chunk_size, report)
    workers = ctx.jobs if jobs is None else jobs
    # In flight: enough chunks that workers keep parsing while this process writes a
    # whole batch, and no more (each chunk holds its documents in memory).
    window = ctx.batch_size // ctx.chunk_size + 2 * workers
    with _worker_pool(workers) as pool:
        for chunk, outcomes in _prepared(chunks, ctx.options, pool, window):
            for doc, outcome in zip(chunk, outcomes, strict=True):
                _count(report, doc, outcome, pending)
            if len(pending) >= ctx.batch_size:
                _write(ctx, pending, report)
            if progress is not None:
                progress.advance_to(chunk[-1].position)
    _write(ctx, pending, report)


def _count(
    report: ImportReport,
    doc: Document,
    outcome: Outcome,
    pending: list[tuple[Prepared, Document]],
) -> None:
    report.documents += 1
    if isinstance(outcome, Failed):
        report.failures.append(Failure(name=outcome.name, reason=outcome.reason))
    elif isinstance(outcome, Skipped):
        report.skipped += 1
    else:
        pending.append((outcome, doc))


def _write(
    ctx: ImportContext, pending: list[tuple[Prepared, Document]], report: ImportReport
) -> None:
    if not pending:
        return
    documents = {prepared.name: doc for prepared, doc in pending}

    def reparse(item: Prepared) -> BillSnapshot:
        return parse_document(documents[item.name], ctx.options)

    with ctx.sessions.begin() as session:
        prepare_bulk_load(session)
        batch = write_batch(session, [p for p, _ in pending], reparse=reparse, now=ctx.clock())
    report.add(batch)
    pending.clear()


def _chunks(
    documents: Iterator[Document], size: int, report: ImportReport
) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    try:
        for doc in documents:
            chunk.append(doc)
            if len(chunk) >= size:
                yield chunk
                chunk = []
    except ArchiveError as exc:
        # What was read before the damage still imports; the archive is named as failed.
        report.failures.append(Failure(name=exc.where, reason=exc.problem))
    if chunk:
        yield chunk


def _prepared(
    chunks: Iterator[list[Document]],
    options: PrepareOptions,
    pool: ProcessPoolExecutor | None,
    window_size: int,
) -> Iterator[tuple[list[Document], list[Outcome]]]:
    """(chunk, outcomes) in input order, from ``pool`` (or inline without one).

    Up to ``window_size`` chunks are in the workers' hands while the caller writes.
    """
    if pool is None:
        for chunk in chunks:
            yield chunk, prepare_chunk(chunk, options)
        return
    window: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
    for chunk in chunks:
        window.append((chunk, pool.submit(prepare_chunk, chunk, options)))
        if len(window) > window_size:
            done, future = window.popleft()
            yield done, future.result()
    while window:
        done, future = window.popleft()
        yield done, future.result()


@contextmanager
def _worker_pool(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of ``jobs`` parsing processes (None for one: parse inline), and, on leaving,
    not one process left: the workers are joined (after an error or Ctrl-C, once the chunk
    each has in hand is done: queued chunks are cancelled), and multiprocessing's helper
    processes are stopped rather than left to notice this process's exit on their own.

    Workers are never killed mid-chunk: one killed while sending its result leaves half
    a message in the pipe they share, and the executor then waits for the rest forever.
    A worker that dies on its own breaks the pool, and the executor stops the others.
    """
    if jobs <= 1:
        yield None
        return
    # The initializer lives in the module the workers import anyway: one from here would
    # make each worker import this module, and with it SQLAlchemy and the writer (0.8 s
    # and 50 MB a worker).
    pool = ProcessPoolExecutor(jobs, mp_context=_pool_context(), initializer=start_worker)
    try:
        with _workers_skip_main():
            yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _stop_helper_processes()


@contextmanager
def _workers_skip_main() -> Iterator[None]:
    """Workers start without running this program's main script again.

    A fork server's child imports ``__main__``'s file first (for functions defined
    there); for the ``tracker`` command that is the whole CLI, 30 MB and half a second
    per worker, for nothing: their work lives in ``tracker.bulk.prepare``. A main module
    that presents itself as ``__main__`` by name is skipped by multiprocessing.
    """
    main = sys.modules["__main__"]
    if getattr(main, "__spec__", None) is not None:
        yield
        return
    main.__spec__ = ModuleSpec("__main__", None)
    try:
        yield
    finally:
        main.__spec__ = None


def _stop_helper_processes() -> None:
    """Stop the fork server and the resource tracker now (both outlive the pool otherwise,
    until this process exits: a command that returned would leave them running).

    ``_stop`` is what multiprocessing's own tests use; the next pool starts them again.
    """
    helpers = (
        getattr(multiprocessing.forkserver, "_forkserver", None),
        getattr(multiprocessing.resource_tracker, "_resource_tracker", None),
    )
    for helper in helpers:
        stop = getattr(helper, "_stop", None)
        if stop is None:
            continue
        try:
            stop()
        except (OSError, TypeError):  # not started by this process, or already gone
            continue


def _pool_context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server process, never
    # from this one (which may hold database connections and threads).
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["tracker.bulk.prepare"])
        return context
    return multiprocessing.get_context("spawn")
