"""Parsing an import's documents in worker processes, ahead of the writer.

The parent reads documents from the source (``scrapers.archives``: streamed, never
unpacked; a folder's files are read by the workers themselves), sends them in chunks
to worker processes that parse and prepare them (``tracker.bulk.prepare``), and takes
back each chunk's outcomes in input order. A bounded number of chunks is in flight, so
memory stays flat whatever the source's size.

Parsing starts as soon as ``start_import`` is entered, and needs no database: ``tracker
import`` starts it first and loads the database layer (SQLAlchemy, the models, the
migration check: most of a second) while the workers parse, rather than before. So this
module imports neither SQLAlchemy nor the writer (``tracker.bulk.run``).
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
from importlib.machinery import ModuleSpec
from itertools import islice
from pathlib import Path
from typing import Protocol

from scrapers.archives import ArchiveError, Document, iter_documents, source_size
from scrapers.sources.govinfo.bulk import name_filter
from tracker.bulk.prepare import Outcome, PrepareOptions, prepare_chunk, start_worker
from tracker.bulk.report import Failure, ImportProgress, ImportReport

#: Most bills the writer stores per transaction. Measured on the 115th Congress
#: (SQLite): 1,000 rather than 250 cut the commits' time by a third (each commit writes
#: the pages of every index it touched again, and adds a segment that the full-text
#: index merges later), for some 25 MB more in the parent. The writer does not wait
#: for a full batch when the workers have nothing new for it (``tracker.bulk.run``).
#: An interruption loses at most one batch, which the next run parses again.
DEFAULT_BATCH_SIZE = 1000
#: Documents per task sent to a worker (the cost of a round trip is amortised).
DEFAULT_CHUNK_SIZE = 20
#: At most this many workers: past it the parent (and the database) is the bottleneck.
MAX_JOBS = 4


class Parsed(Protocol):
    """(chunk, outcomes) pairs in input order, one outcome per document of the chunk."""

    def __iter__(self) -> Iterator[tuple[list[Document], list[Outcome]]]: ...

    def waiting(self) -> bool:
        """True when taking the next pair would wait for the workers."""
        ...


def default_jobs() -> int:
    return max(1, min(os.cpu_count() or 1, MAX_JOBS))


def read_ahead(batch_size: int, chunk_size: int, jobs: int) -> int:
    """Chunks in flight: enough that workers keep parsing while the writer stores a
    whole batch, and no more (each holds its documents, then its outcomes, in memory)."""
    return batch_size // chunk_size + 2 * jobs


@contextmanager
def start_import(
    path: Path,
    options: PrepareOptions,
    report: ImportReport,
    progress: ImportProgress | None = None,
    *,
    jobs: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Parsed]:
    """The BILLSTATUS documents of a folder, ZIP or tar archive (or one XML file), parsed
    from now on; a source that cannot be opened is named in ``report`` (nothing parsed)."""
    size = source_size(path)
    if progress is not None:
        progress.start(path.name, size)
    wanted = name_filter(congress=options.congress, bill_types=options.bill_types)
    try:
        # A folder's files are read by the workers: their bytes never cross processes.
        documents = iter_documents(
            path, wanted=wanted, max_bytes=options.max_bytes, defer_files=True
        )
    except ArchiveError as exc:
        report.failures.append(Failure(name=exc.where, reason=exc.problem))
        yield _Inline(iter(()), options)
        return
    # A pool pays off only past a couple of chunks (starting workers costs ~0.1 s).
    small = size.unit == "documents" and size.total <= 2 * chunk_size
    with parse_documents(
        documents,
        options,
        report,
        jobs=1 if small else jobs,
        batch_size=batch_size,
        chunk_size=chunk_size,
    ) as parsed:
        yield parsed


@contextmanager
def parse_documents(
    documents: Iterable[Document],
    options: PrepareOptions,
    report: ImportReport,
    *,
    jobs: int,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Parsed]:
    """``documents`` parsed by ``jobs`` processes (1: in this process, as they are taken)."""
    chunks = _chunks(iter(documents), chunk_size, report)
    with _worker_pool(jobs) as pool:
        if pool is None:
            yield _Inline(chunks, options)
        else:
            yield _ReadAhead(chunks, options, pool, read_ahead(batch_size, chunk_size, jobs))


class _Inline:
    """(chunk, outcomes) parsed in this process as each is taken."""

    def __init__(self, chunks: Iterator[list[Document]], options: PrepareOptions) -> None:
        self._chunks, self._options = chunks, options

    def __iter__(self) -> Iterator[tuple[list[Document], list[Outcome]]]:
        for chunk in self._chunks:
            yield chunk, prepare_chunk(chunk, self._options)

    def waiting(self) -> bool:
        return False  # the parsing is the caller's own work


class _ReadAhead:
    """(chunk, outcomes) in input order from ``pool``: ``ahead`` chunks are handed to the
    workers at once, and one more each time the caller takes one."""

    def __init__(
        self,
        chunks: Iterator[list[Document]],
        options: PrepareOptions,
        pool: ProcessPoolExecutor,
        ahead: int,
    ) -> None:
        self._chunks, self._options, self._pool = chunks, options, pool
        self._window: deque[tuple[list[Document], Future[list[Outcome]]]] = deque()
        for chunk in islice(chunks, ahead):
            self._submit(chunk)

    def __iter__(self) -> _ReadAhead:
        return self

    def waiting(self) -> bool:
        return bool(self._window) and not self._window[0][1].done()

    def __next__(self) -> tuple[list[Document], list[Outcome]]:
        if not self._window:
            raise StopIteration
        chunk, future = self._window.popleft()
        following = next(self._chunks, None)
        if following is not None:
            self._submit(following)
        return chunk, future.result()

    def _submit(self, chunk: list[Document]) -> None:
        self._window.append((chunk, self._pool.submit(prepare_chunk, chunk, self._options)))


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
    # The initializer lives in the module the workers import anyway: one from the writer
    # would make each worker import SQLAlchemy and the writer (0.8 s and 50 MB a worker).
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
