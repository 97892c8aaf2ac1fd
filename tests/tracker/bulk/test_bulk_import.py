"""Bulk import of real BILLSTATUS files: folders, archives, re-imports, failures, tracked bills."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, update

from db import migrate
from db.models import Bill, BillEvent, Notification, Subscription
from db.search import SEARCH_TABLE
from scrapers.sources.govinfo import parse_billstatus
from tests.billstatus_edit import billstatus_as_of
from tests.bulk_archives import make_tar, make_zip, real_files
from tests.bulk_import import BASE_URL, Importer, bill_rows, copy_real_files
from tests.db_rows import T0, add_advocate, add_tracked_bill, subscribe
from tracker.bulk.prepare import document_url
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.checking.store import apply_snapshot

HR4030 = "govinfo-115/BILLSTATUS-115hr4030.xml"


@pytest.fixture
def importer(migrated_url):
    imp = Importer(migrated_url)
    yield imp
    imp.close()


def _sources(test_data: Path, folder: Path) -> dict[str, Path]:
    files, root = real_files(test_data), test_data / "billstatus"
    return {
        "folder": root,
        "zip": make_zip(files, root, folder / "BILLSTATUS-sample.zip"),
        "tar.xz": make_tar(files, root, folder / "BILLSTATUS-sample.tar.xz"),
    }


@pytest.mark.parametrize("kind", ["folder", "zip", "tar.xz"])
def test_every_real_bill_imports_as_known_not_tracked(importer, test_data, tmp_path, kind):
    report = importer.run(_sources(test_data, tmp_path)[kind])

    # 42 files, 37 bills: four bills come in two format generations (the newer
    # copy wins), and hr1-117's two copies say the same.
    assert report.failures == []
    assert (report.documents, report.new, report.updated, report.unchanged) == (42, 37, 4, 1)
    assert importer.count(Bill) == 37
    assert importer.count(Bill, Bill.tracked.is_(True)) == 0
    assert importer.count(Bill, Bill.next_check_at.is_not(None)) == 0
    assert importer.events_and_alerts() == (0, 0)
    bill = importer.bill("hr4030-115")
    assert bill.title == "Title IX Protection Act"
    assert (bill.stage, bill.source, bill.session_ended) == ("in_committee", "govinfo", True)
    assert bill.source_url == f"{BASE_URL}/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml"
    assert bill.content_hash == snapshot_fingerprint(
        parse_billstatus((test_data / "billstatus" / HR4030).read_bytes(), where="x")
    )
    assert importer.count(Bill, Bill.snapshot.is_not(None)) == 37
    with importer.sessions.begin() as session:
        indexed = session.execute(select(Bill.id)).scalars().all()
        assert len(indexed) == 37
        search_rows = session.connection().exec_driver_sql(f"SELECT count(*) FROM {SEARCH_TABLE}")
        assert search_rows.scalar() == 37


def test_imported_rows_are_those_a_check_would_store(importer, test_data):
    """The bulk writer and apply_snapshot (the check's store) write the same rows."""
    importer.run(test_data / "billstatus")
    newest = {}
    for path in real_files(test_data):  # later files of a bill are its newer copies
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        key = snapshot.ref.key
        if key not in newest or (snapshot.updated_at or 0) >= (newest[key].updated_at or 0):
            newest[key] = snapshot
    with importer.sessions.begin() as session:
        for key, snapshot in newest.items():
            bill = session.scalars(select(Bill).where(Bill.key == key)).one()
            imported = bill_rows(session, bill)
            snapshot = replace(snapshot, source_url=document_url(BASE_URL, snapshot))
            apply_snapshot(session, bill, snapshot, fingerprint=snapshot_fingerprint(snapshot))
            session.flush()
            session.expire(bill)
            assert bill_rows(session, bill) == imported, key
        session.rollback()


def test_new_bills_carry_the_import_time_as_the_database_reads_it(importer, test_data):
    """The batch's time is converted for the driver once and shared by every new row:
    read back, each bill's created and updated times are the import's, in UTC."""
    importer.run(test_data / "billstatus")
    with importer.sessions.begin() as session:
        stamps = {tuple(row) for row in session.execute(select(Bill.created_at, Bill.updated_at))}
    assert stamps == {(T0, T0)} and T0.tzinfo is not None


def test_the_same_import_twice_writes_nothing(importer, test_data, tmp_path):
    archive = _sources(test_data, tmp_path)["zip"]
    importer.run(archive)
    with importer.counting_writes() as writes:
        again = importer.run(archive)
    assert writes == []
    assert (again.new, again.updated, again.unchanged, again.older) == (0, 0, 38, 4)


def test_a_corrupt_document_is_named_skipped_and_the_rest_import(importer, test_data, tmp_path):
    folder = copy_real_files(test_data, tmp_path / "bills")
    broken = folder / "govinfo-115" / "BILLSTATUS-115hr2000.xml"  # sorts mid-folder
    broken.write_bytes((folder / HR4030).read_bytes()[:5000])
    empty = folder / "govinfo-115" / "BILLSTATUS-115hr2001.xml"
    empty.write_bytes(b"<billStatus><bill></bill></billStatus>")

    report = importer.run(folder)

    assert [f.name for f in report.failures] == [str(broken), str(empty)]
    assert "not well-formed" in report.failures[0].reason
    assert report.new == 37 and importer.count(Bill) == 37


def test_worker_processes_store_the_same_as_inline(tmp_path, test_data):
    inline, pooled = (
        Importer(f"sqlite:///{tmp_path / 'a.db'}"),
        Importer(f"sqlite:///{tmp_path / 'b.db'}"),
    )
    try:
        for imp in (inline, pooled):
            migrate.upgrade(imp.engine)
        first = inline.run(test_data / "billstatus")
        second = pooled.run(test_data / "billstatus", jobs=2, chunk_size=5, batch_size=7)
        assert first.to_json() == second.to_json()
        with inline.sessions.begin() as a, pooled.sessions.begin() as b:
            query = select(Bill.key, Bill.content_hash, Bill.title).order_by(Bill.key)
            assert a.execute(query).all() == b.execute(query).all()
    finally:
        inline.close()
        pooled.close()


def test_a_tracked_bill_changes_through_the_check_path(importer, test_data, tmp_path):
    hr4030 = (test_data / "billstatus" / HR4030).read_bytes()
    early = tmp_path / "early"
    (early / "a").mkdir(parents=True)
    (early / "a" / "BILLSTATUS-115hr4030.xml").write_bytes(
        billstatus_as_of(hr4030, date(2017, 10, 12))
    )
    shutil.copy(test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr1.xml", early / "a")
    importer.run(early)
    with importer.sessions.begin() as session:
        bill = session.scalars(select(Bill).where(Bill.key == "hr4030-115")).one()
        bill.tracked = True
        advocate = add_advocate(session, "ana@example.org")
        subscribe(session, advocate, bill, alerts="all")
    importer.clock.advance(days=1)

    report = importer.run(test_data / "billstatus" / "govinfo-115")

    assert report.tracked_changed == 1
    assert report.events > 0 and report.alerts > 0
    with importer.sessions.begin() as session:
        kinds = set(session.scalars(select(BillEvent.kind)))
        assert "cosponsor_added" in kinds
        keys = {
            key
            for (key,) in session.execute(
                select(Bill.key).join(BillEvent, BillEvent.bill_id == Bill.id).distinct()
            )
        }
        assert keys == {"hr4030-115"}  # hr1-115 changed too, but nobody tracks it
        alerts = session.scalars(select(Notification.advocate_id)).all()
        assert alerts and set(alerts) == {advocate.id}
        assert session.scalars(select(Bill.last_changed_at).where(Bill.key == "hr4030-115")).one()


def test_an_older_document_never_rolls_a_bill_back(importer, test_data, tmp_path):
    importer.run(test_data / "billstatus" / "govinfo-115")
    real = (test_data / "billstatus" / HR4030).read_bytes()
    old = billstatus_as_of(real, date(2017, 10, 12)).replace(b"<updateDate>2", b"<updateDate>1", 1)
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "BILLSTATUS-115hr4030.xml").write_bytes(old)
    before = importer.bill("hr4030-115").content_hash

    report = importer.run(folder)

    assert (report.older, report.updated) == (1, 0)
    assert importer.bill("hr4030-115").content_hash == before


def test_bills_read_from_another_source_are_left_alone(importer, test_data):
    with importer.sessions.begin() as session:
        add_tracked_bill(session, "hr4030-115", source="congress_gov")
    report = importer.run(test_data / "billstatus" / "govinfo-115")
    assert report.other_source == 1
    assert importer.bill("hr4030-115").content_hash is None


def test_congress_and_type_filters(importer, test_data, tmp_path):
    only_senate_bills = {"congress": "115", "bill_types": frozenset({"s"})}
    report = importer.run(test_data / "billstatus", **only_senate_bills)
    with importer.sessions.begin() as session:
        keys = set(session.scalars(select(Bill.key)))
    assert keys == {"s2952-115", "s3749-115", "s2979-115", "s3509-115"}
    assert (report.documents, report.skipped) == (4, 0)  # GPO names filter before parsing
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copy(test_data / "billstatus" / HR4030, renamed / "title-ix.xml")
    report = importer.run(renamed, **only_senate_bills)
    assert (report.documents, report.skipped, report.new) == (1, 1, 0)  # parsed, then skipped


def test_an_untracked_known_bill_is_rewritten_without_events(importer, test_data, tmp_path):
    hr4030 = (test_data / "billstatus" / HR4030).read_bytes()
    folder = tmp_path / "early"
    folder.mkdir()
    (folder / "BILLSTATUS-115hr4030.xml").write_bytes(billstatus_as_of(hr4030, date(2017, 10, 12)))
    importer.run(folder)
    with importer.sessions.begin() as session:
        session.execute(update(Bill).values(last_error=None))  # a write that changes no content
        assert session.scalars(select(Subscription)).all() == []

    report = importer.run(test_data / "billstatus" / "govinfo-115")

    assert report.updated == 1 and report.new == 8
    assert importer.events_and_alerts() == (0, 0)
    assert importer.bill("hr4030-115").content_hash == snapshot_fingerprint(
        parse_billstatus(hr4030, where="x")
    )


class _Stream:
    """Parsed outcomes of real files, two documents a chunk, the workers "behind" from
    the sixth chunk on (``waiting``)."""

    def __init__(self, test_data: Path) -> None:
        from scrapers.archives import iter_documents
        from tracker.bulk.prepare import PrepareOptions, prepare_chunk

        docs = list(iter_documents(test_data / "billstatus"))[:20]
        options = PrepareOptions(base_url=BASE_URL)
        self.pairs = [
            (docs[i : i + 2], prepare_chunk(docs[i : i + 2], options)) for i in range(0, 20, 2)
        ]
        self.taken = 0

    def __iter__(self):
        for pair in self.pairs:
            self.taken += 1
            yield pair

    def waiting(self) -> bool:
        return self.taken >= 6


def test_the_writer_writes_early_when_the_workers_are_behind(importer, test_data):
    """Batches fill up to ``batch_size`` while outcomes are ready; once the next one is
    not, what is held (from a quarter of a batch) is written rather than left to the end."""
    from sqlalchemy import event

    from tracker.bulk.prepare import PrepareOptions
    from tracker.bulk.report import ImportReport
    from tracker.bulk.run import ImportContext, write_parsed

    commits: list[int] = []
    stream = _Stream(test_data)
    event.listen(importer.engine, "commit", lambda conn: commits.append(stream.taken))
    ctx = ImportContext(
        sessions=importer.sessions,
        options=PrepareOptions(base_url=BASE_URL),
        clock=importer.clock,
        batch_size=8,
    )
    report = ImportReport()
    write_parsed(ctx, stream, report)
    # Chunks 1-4 fill a batch of 8 (written full); chunk 5's 2 bills wait (the workers
    # are not behind yet); from chunk 6 on, what is held (4, then 2: a quarter of 8) is
    # written at once. Without the early writes: [4, 8, 10].
    assert commits == [4, 6, 7, 8, 9, 10]
    assert report.documents == 20 and report.failures == []


class _WatchedStream(_Stream):
    """Records the collector's state while the writer takes outcomes; may fail midway."""

    def __init__(self, test_data: Path, *, fail_after: int | None = None) -> None:
        super().__init__(test_data)
        self.fail_after = fail_after
        self.seen: list[tuple[int, int]] = []  # (youngest threshold, objects set aside)

    def __iter__(self):
        import gc

        for pair in super().__iter__():
            self.seen.append((gc.get_threshold()[0], gc.get_freeze_count()))
            if self.fail_after is not None and self.taken > self.fail_after:
                raise RuntimeError("the pipeline broke")
            yield pair


@pytest.mark.parametrize("fail_after", [None, 3])
def test_the_collector_is_paused_while_writing_and_restored_after(importer, test_data, fail_after):
    """The writer holds a batch of rows that the cyclic collector would walk every 700
    allocations: it is set aside while writing, and the usual pace is back afterwards,
    on an error too."""
    import gc

    from tracker.bulk.prepare import PrepareOptions
    from tracker.bulk.report import ImportReport
    from tracker.bulk.run import WRITING_GC_THRESHOLD, ImportContext, write_parsed

    before = gc.get_threshold(), gc.get_freeze_count()
    stream = _WatchedStream(test_data, fail_after=fail_after)
    ctx = ImportContext(
        sessions=importer.sessions,
        options=PrepareOptions(base_url=BASE_URL),
        clock=importer.clock,
        batch_size=8,
    )
    if fail_after is None:
        write_parsed(ctx, stream, ImportReport())
        assert importer.count(Bill) == 20
    else:
        with pytest.raises(RuntimeError, match="pipeline broke"):
            write_parsed(ctx, stream, ImportReport())
    assert stream.seen and all(
        threshold == WRITING_GC_THRESHOLD and frozen > 0 for threshold, frozen in stream.seen
    )
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def test_objects_a_process_froze_itself_stay_frozen():
    import gc

    from tracker.bulk.run import collections_paused

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with collections_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
