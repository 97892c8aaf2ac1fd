"""Running a bulk import: parsed bills (``tracker.bulk.pipeline``) written in batches.

The pipeline parses documents in worker processes, in order; this process, the one
writer, collects their outcomes and writes a batch of bills per transaction
(``tracker.bulk.write``).

Each batch commits on its own: an interrupted import keeps what it wrote, and
the same import run again skips every bill whose content is unchanged, so it
resumes where it stopped. A document that cannot be read or parsed is counted
and named in the report; the others import.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from db.bulk import prepare_bulk_load
from scrapers.archives import Document
from scrapers.model import BillSnapshot
from tracker.bulk.pipeline import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_CHUNK_SIZE,
    Parsed,
    parse_documents,
    start_import,
)
from tracker.bulk.prepare import Failed, Outcome, Prepared, PrepareOptions, Skipped, parse_document
from tracker.bulk.report import Failure, ImportProgress, ImportReport
from tracker.bulk.write import write_batch
from tracker.core.clock import Clock


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportContext:
    sessions: sessionmaker[Session]
    options: PrepareOptions
    clock: Clock
    jobs: int = 1  # worker processes; 1 parses in this process
    batch_size: int = DEFAULT_BATCH_SIZE
    chunk_size: int = DEFAULT_CHUNK_SIZE


def import_path(
    ctx: ImportContext, path: Path, report: ImportReport, progress: ImportProgress | None = None
) -> None:
    """Import every BILLSTATUS document of a folder, ZIP or tar archive (or one XML file);
    a document larger than ``ctx.options.max_bytes`` is named and skipped."""
    with start_import(
        path,
        ctx.options,
        report,
        progress,
        jobs=ctx.jobs,
        batch_size=ctx.batch_size,
        chunk_size=ctx.chunk_size,
    ) as parsed:
        write_parsed(ctx, parsed, report, progress)


def import_documents(
    ctx: ImportContext,
    documents: Iterable[Document],
    report: ImportReport,
    progress: ImportProgress | None = None,
    *,
    jobs: int | None = None,
) -> None:
    with parse_documents(
        documents,
        ctx.options,
        report,
        jobs=ctx.jobs if jobs is None else jobs,
        batch_size=ctx.batch_size,
        chunk_size=ctx.chunk_size,
    ) as parsed:
        write_parsed(ctx, parsed, report, progress)


def write_parsed(
    ctx: ImportContext,
    parsed: Parsed,
    report: ImportReport,
    progress: ImportProgress | None = None,
) -> None:
    """Write what ``parsed`` yields, at most ``ctx.batch_size`` bills per transaction.

    A batch is written when it is full, or, from a quarter full, as soon as the next
    outcome is not ready: the writer stores what it holds rather than wait for the
    workers, so large batches form only while they are ahead, and little is left to
    write (with the workers idle) once the last document is parsed.
    """
    pending: list[tuple[Prepared, Document]] = []
    early = max(1, ctx.batch_size // 4)
    with collections_paused():
        for chunk, outcomes in parsed:
            for doc, outcome in zip(chunk, outcomes, strict=True):
                _count(report, doc, outcome, pending)
            if len(pending) >= ctx.batch_size or (len(pending) >= early and parsed.waiting()):
                _write(ctx, pending, report)
            if progress is not None:
                progress.advance_to(chunk[-1].position)
        _write(ctx, pending, report)


#: Net allocations between two of the cyclic collector's youngest-generation passes
#: while an import writes (Python's default: 700).
WRITING_GC_THRESHOLD = 50_000


@contextmanager
def collections_paused() -> Iterator[None]:
    """Python's cyclic garbage collector mostly out of the way while an import writes.

    The writer holds up to a batch of outcomes (some 50,000 tuples, dicts and strings),
    and the collector, run every 700 net allocations, went through them again and again,
    and through everything the modules had loaded at each full pass: 0.4-0.5 s of the
    writer's 6 CPU seconds for a Congress. None of it is garbage with cycles (rows are
    freed by their reference counts), so what is loaded is set aside (``gc.freeze``) and
    the young generation may grow to ``WRITING_GC_THRESHOLD``. Both are undone after,
    even on an error: the collector then sees everything again, at its usual pace. A
    process that froze objects itself keeps them frozen (``unfreeze`` takes back all).
    """
    thresholds = gc.get_threshold()
    freezing = gc.get_freeze_count() == 0
    if freezing:
        gc.freeze()
    gc.set_threshold(WRITING_GC_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if freezing:
            gc.unfreeze()


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
