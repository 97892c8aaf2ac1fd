"""Benchmark: a check cycle over 10,000 tracked bills served by a local mirror, 1% changed.

Run as ``.venv/bin/python bench/bench_cycle.py [--bills N] [--corpus FOLDER]
[--changed-rate 0.01] [--profile K]``. The corpus folder holds
``BILLSTATUS-115.tar.xz`` (default: ``$TRACKER_TEST_CORPUS``, else
``../shared/corpus``). Everything happens in a temporary folder, removed at the
end. The default run (N = 10,000) takes 4-8 minutes on a 2-core machine (about
3.5 minutes of CPU; more when the machine is shared), a third of it for the
setup; ``--bills 2000`` is a quick look.

Setup (not measured as the cycle):

1. The tarball is unpacked; the first N bills in (type, number) order are tracked.
2. A SQLite database gets the schema (``db.migrate.upgrade``), one advocate
   subscribed with instant alerts for every change to each tracked bill, and
   each bill's baseline, stored straight from the parsed file (no HTTP):
   ``parse_billstatus`` + ``apply_snapshot``, the server's ETag, last success
   "yesterday", due now (a worker process parses while this one stores). For
   1% of the bills (one in every 100, spread evenly) the baseline is an OLDER
   state of the document: the actions and cosponsors of its last action day
   are dropped, so the cycle finds real change events.
3. Served files get an mtime of three days ago, except the changed bills' (now),
   so the sitemap listing names exactly the changed ones.
4. ``bench/_mirror_server.py`` serves the folder as its own process (its CPU is
   not the tracker's): documents with strong ETags and 304s, GovInfo-style
   sitemaps, and counts of requests, bytes and TCP connections at ``/_stats``.

Then, in this one run, the same cycle as the daemon's check tick (``run_cycle``
with ``due_only=True``, batches of 200) runs in two modes, at N/10 bills and at
N bills (the first N/10 bills hold the same 1% changed), each from a fresh copy
of the baseline database:

- A, conditional GET: ``tracker.checking.cycle.LISTING_MIN_BILLS`` is patched to
  ``sys.maxsize``, so the listing is never used and every bill is fetched with
  ``If-None-Match``.
- B, sitemap listing: the code as shipped; the bills' last success is a day
  old, within ``LISTING_TRUST_LIMIT``, so each batch asks the listing first.

Tracker CPU is ``time.process_time()`` of this process. Per bill: the delta
between consecutive ``progress`` callbacks, attributed to that bill's outcome;
the per-batch work (``_claim``, ``_Listings.unchanged`` and the batched write of
unchanged bills ``check_batch._write_unchanged``, wrapped to time
them) is kept apart as "batch overhead" and counted in the "amortized" cost
per unchanged bill: (cycle CPU - changed bills' CPU) / unchanged bills.
Requests and bytes come from the server's counters. Peak memory is the
process's ``ru_maxrss``. ``--profile K`` then runs each mode again at N/10 bills
under cProfile, timed in CPU seconds (not wall time, which would count waiting
for the server), and prints the K costliest functions by own and cumulative time.

Targets (issue "Change detection and the daemon"): an unchanged bill costs one
conditional request (none with a listing) and under 2 ms of tracker CPU; the
cycle's cost grows with the number of changed bills, not with the number tracked.
"""

from __future__ import annotations

import argparse
import cProfile
import math
import os
import pstats
import resource
import sqlite3
import statistics
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest import mock

from lxml import etree

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from _mirror_server import MirrorProcess, etag_of, http_date  # noqa: E402  (bench/ is on the path)
from sqlalchemy import func, insert, select  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

import tracker.checking.batch  # noqa: E402
import tracker.checking.cycle  # noqa: E402
from db import migrate  # noqa: E402
from db.engine import make_engine, make_session_factory  # noqa: E402
from db.models import Advocate, Bill, BillEvent, Notification, Subscription  # noqa: E402
from scrapers.errors import ParseError  # noqa: E402
from scrapers.model import BillSnapshot  # noqa: E402
from scrapers.refs import parse_federal_ref  # noqa: E402
from scrapers.sources.govinfo.parse import parse_billstatus  # noqa: E402
from tracker.checking.check import BillResult, CheckContext, Outcome  # noqa: E402
from tracker.checking.cycle import CycleReport, run_cycle  # noqa: E402
from tracker.checking.fingerprint import snapshot_fingerprint  # noqa: E402
from tracker.checking.schedule import session_ended  # noqa: E402
from tracker.checking.sources import make_client, make_sources  # noqa: E402
from tracker.checking.store import apply_snapshot  # noqa: E402
from tracker.core.clock import utc_now  # noqa: E402
from tracker.core.settings import Settings  # noqa: E402

TARBALL = "BILLSTATUS-115.tar.xz"
SETUP_BATCH = 500  # bills per setup transaction
CHECK_BATCH = 200  # bills claimed per batch in the measured cycle
CPU_TARGET_MS = 2.0
FLAT_TOLERANCE = 1.25  # per-bill cost at N may exceed that at N/10 by this factor
MODES = ("A", "B")
MODE_NAMES = {"A": "conditional GET", "B": "sitemap listing"}


# --- setup: corpus, baseline database, mirror ---------------------------------------


@dataclass(frozen=True, slots=True)
class Times:
    """The setup's clock: baselines were fetched "yesterday", changes happened "now"."""

    now: datetime

    @property
    def yesterday(self) -> datetime:
        return self.now - timedelta(days=1)

    @property
    def old_mtime(self) -> float:
        return (self.now - timedelta(days=3)).timestamp()

    @property
    def fresh_mtime(self) -> float:
        return (self.now - timedelta(minutes=1)).timestamp()


class ChangedPicker:
    """One bill in every ``1/rate`` becomes a changed bill; an unfit one passes its turn on."""

    def __init__(self, rate: float) -> None:
        self.step = max(1, round(1 / rate))
        self.index = -1
        self.pending = 0

    def wants(self) -> bool:
        """Called once per bill, in order: should this one be a changed bill?"""
        self.index += 1
        if self.index % self.step == self.step // 2:
            self.pending += 1
        return self.pending > 0

    def took(self) -> None:
        self.pending -= 1


@dataclass
class Baseline:
    small: Path
    large: Path
    changed: list[Path]  # served files whose content is newer than the stored baseline
    small_changed: int
    seconds: float


def unpack(tarball: Path, dest: Path) -> list[Path]:
    """Every BILLSTATUS file of the tarball on disk, in (type, number) order."""
    with tarfile.open(tarball, "r:xz") as archive:
        archive.extractall(dest, filter="data")
    return sorted(dest.glob("BILLSTATUS/*/*/*.xml"), key=_bill_order)


def _bill_order(path: Path) -> tuple[str, int]:
    ref = parse_federal_ref(path.name)
    if ref is None:
        raise SystemExit(f"not a BILLSTATUS file name: {path}")
    return ref.bill_type, ref.number


def billstatus_as_of(content: bytes, last_day: date) -> bytes:
    """The document without the bill's actions and cosponsors dated after ``last_day``.

    The same idea as ``tests/billstatus_edit.py`` (copied: benches do not import tests).
    """
    root = etree.fromstring(content)
    bill = root.find("bill")
    if bill is None:
        raise ValueError("no <bill> element")
    _drop_after(bill.find("actions"), "actionDate", last_day)
    _drop_after(bill.find("cosponsors"), "sponsorshipDate", last_day)
    latest = bill.find("latestAction")
    if latest is not None:
        bill.remove(latest)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _drop_after(parent: etree._Element | None, date_tag: str, last_day: date) -> None:
    if parent is None:
        return
    for item in parent.findall("item"):
        text = item.findtext(date_tag)
        if text and date.fromisoformat(text[:10]) > last_day:
            parent.remove(item)


def older_state(path: Path, current: BillSnapshot) -> tuple[bytes, BillSnapshot] | None:
    """The document as it stood before its last action day, if it had an earlier one."""
    days = sorted({a.on for a in current.actions})
    if len(days) < 2:
        return None
    older = billstatus_as_of(path.read_bytes(), days[-2])
    try:
        return older, parse_billstatus(older, where=path.name, source_url=current.source_url)
    except ParseError:
        return None


@dataclass(frozen=True, slots=True)
class Parsed:
    path: Path
    snapshot: BillSnapshot
    fingerprint: str
    etag: str


def parse_files(paths: list[Path]) -> list[Parsed]:
    """Parse and hash files (in a worker process, while the main one stores)."""
    parsed = []
    for path in paths:
        content = path.read_bytes()
        congress, bill_type = path.parent.parent.name, path.parent.name
        url = f"https://www.govinfo.gov/bulkdata/BILLSTATUS/{congress}/{bill_type}/{path.name}"
        snapshot = parse_billstatus(content, where=path.name, source_url=url)
        fingerprint = snapshot_fingerprint(snapshot)
        parsed.append(
            Parsed(path=path, snapshot=snapshot, fingerprint=fingerprint, etag=etag_of(content))
        )
    return parsed


def parsed_batches(pool: Executor, batches: list[list[Path]]) -> Iterator[list[Parsed]]:
    """The batches parsed in order; the next one is parsed while this one is stored."""
    future = pool.submit(parse_files, batches[0]) if batches else None
    for following in batches[1:]:
        assert future is not None
        current = future.result()
        future = pool.submit(parse_files, following)
        yield current
    if future is not None:
        yield future.result()


def _batches(paths: list[Path], cut: int) -> list[list[Path]]:
    """Setup batches of ``paths``, with a boundary at ``cut``."""
    parts = (paths[:cut], paths[cut:])
    return [p[i : i + SETUP_BATCH] for p in parts for i in range(0, len(p), SETUP_BATCH)]


def build_baseline(
    folder: Path, bills: list[Path], small_n: int, rate: float, times: Times
) -> Baseline:
    """The baseline database at N/10 and at N bills (files), and which served files changed."""
    started = time.perf_counter()
    work = folder / "baseline.db"
    # The pool forks before the engine exists; one worker parses while this process stores.
    with ProcessPoolExecutor(max_workers=1) as pool:
        engine = make_engine(f"sqlite:///{work}")
        try:
            migrate.upgrade(engine)
            sessions = make_session_factory(engine)
            advocate_id = _add_advocate(sessions, times)
            picker, stored, small_changed = ChangedPicker(rate), 0, 0
            changed: list[Path] = []
            for batch in parsed_batches(pool, _batches(bills, small_n)):
                with sessions.begin() as session:
                    ids = [_store_bill(session, item, picker, changed, times) for item in batch]
                    _subscribe(session, advocate_id, ids, times)
                stored += len(batch)
                if stored == small_n:
                    small_changed = len(changed)
                    copy_database(work, folder / "small.db")
            copy_database(work, folder / "large.db")
        finally:
            engine.dispose()
    return Baseline(
        small=folder / "small.db",
        large=folder / "large.db",
        changed=changed,
        small_changed=small_changed,
        seconds=time.perf_counter() - started,
    )


def _add_advocate(sessions: sessionmaker[Session], times: Times) -> int:
    with sessions.begin() as session:
        advocate = Advocate(
            email="bench@example.org", state="CA", district=12, created_at=times.yesterday
        )
        session.add(advocate)
        session.flush()
        return advocate.id


def _store_bill(
    session: Session, item: Parsed, picker: ChangedPicker, changed: list[Path], times: Times
) -> int:
    snapshot, fingerprint, etag = item.snapshot, item.fingerprint, item.etag
    if picker.wants() and (older := older_state(item.path, snapshot)) is not None:
        etag, snapshot = etag_of(older[0]), older[1]
        fingerprint = snapshot_fingerprint(snapshot)
        picker.took()
        changed.append(item.path)
    bill = _new_bill(snapshot, times)
    bill.etag = etag
    bill.last_modified = http_date(times.old_mtime)
    session.add(bill)
    # apply_snapshot's own flush inserts the bill, every field set: one INSERT, no UPDATE.
    apply_snapshot(session, bill, snapshot, fingerprint=fingerprint)
    return bill.id


def _new_bill(snapshot: BillSnapshot, times: Times) -> Bill:
    ref, then = snapshot.ref, times.yesterday
    return Bill(
        key=ref.key,
        jurisdiction=ref.jurisdiction,
        session=ref.session,
        bill_type=ref.bill_type,
        number=ref.number,
        source="govinfo",
        tracked=True,
        tracked_at=then,
        created_at=then,
        updated_at=then,
        last_checked_at=then,
        last_success_at=then,
        last_changed_at=then,
        next_check_at=times.now - timedelta(seconds=1),
        consecutive_failures=0,
        became_law=False,
        session_ended=session_ended(ref.jurisdiction, ref.session, then.date()),
    )


def _subscribe(session: Session, advocate_id: int, bill_ids: list[int], times: Times) -> None:
    rows = [
        {
            "advocate_id": advocate_id,
            "bill_id": bill_id,
            "stance": "support",
            "alerts": "all",
            "digest": "none",
            "created_at": times.yesterday,
        }
        for bill_id in bill_ids
    ]
    session.execute(insert(Subscription), rows)


def copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of a SQLite file (WAL included), replacing ``dest``."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def set_mtimes(files: list[Path], changed: list[Path], times: Times) -> None:
    for path in files:
        os.utime(path, (times.old_mtime, times.old_mtime))
    for path in changed:
        os.utime(path, (times.fresh_mtime, times.fresh_mtime))


# --- measuring one cycle -------------------------------------------------------------


class CpuMeter:
    """Tracker CPU per bill (between progress callbacks) and per batch (claim + listing)."""

    def __init__(self) -> None:
        self.mark = time.process_time()
        self.per_bill: dict[Outcome, list[float]] = defaultdict(list)
        self.requests: Counter[Outcome] = Counter()
        self.overhead = 0.0

    def progress(self, result: BillResult) -> None:
        now = time.process_time()
        self.per_bill[result.outcome].append(now - self.mark)
        self.requests[result.outcome] += result.requests
        self.mark = now

    def batch_work(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.mark = time.process_time()
                self.overhead += self.mark - start

        return timed


@dataclass
class Figures:
    mode: str
    bills: int
    report: CycleReport
    wall: float
    cpu: float
    meter: CpuMeter
    server: dict[str, Any]
    event_rows: int
    alert_rows: int

    def cpu_of(self, outcome: Outcome) -> list[float]:
        return self.meter.per_bill.get(outcome, [])

    @property
    def amortized_unchanged_ms(self) -> float:
        unchanged = len(self.cpu_of(Outcome.UNCHANGED))
        if not unchanged:
            return float("nan")
        return (self.cpu - sum(self.cpu_of(Outcome.CHANGED))) / unchanged * 1000


@contextmanager
def patched(meter: CpuMeter, *, listing: bool) -> Iterator[None]:
    """Time the per-batch work; without ``listing``, never use the sitemap listing."""
    with ExitStack() as stack:
        # Private names of tracker.checking.cycle: if they are renamed, this fails loudly here.
        targets = (
            (tracker.checking.cycle, "_claim"),
            (tracker.checking.cycle._Listings, "unchanged"),
            (tracker.checking.batch, "_write_unchanged"),
        )
        for owner, name in targets:
            original = getattr(owner, name)
            stack.enter_context(mock.patch.object(owner, name, meter.batch_work(original)))
        if not listing:
            stack.enter_context(
                mock.patch.object(tracker.checking.cycle, "LISTING_MIN_BILLS", sys.maxsize)
            )
        yield


def settings_for(database: Path, mirror: MirrorProcess) -> Settings:
    return Settings(
        database_url=f"sqlite:///{database}",
        govinfo_base_url=mirror.base_url,
        min_request_interval=0,
        check_jitter=0,
        check_batch_size=CHECK_BATCH,
    )


def run_mode(
    mode: str,
    baseline: Path,
    work: Path,
    mirror: MirrorProcess,
    bills: int,
    profiler: cProfile.Profile | None = None,
) -> Figures:
    """Restore the baseline, run one cycle in ``mode``, and collect its figures."""
    copy_database(baseline, work)
    settings = settings_for(work, mirror)
    engine = make_engine(settings.database_url)
    try:
        sessions = make_session_factory(engine)
        with engine.connect():
            pass  # the pool's connection is opened before the clock starts
        ctx = CheckContext(
            sessions=sessions, sources={}, settings=settings, clock=utc_now, owner="bench:1"
        )
        meter = CpuMeter()
        with (
            make_client(settings, on_request=ctx.recorder) as client,
            patched(meter, listing=mode == "B"),
        ):
            ctx.sources = make_sources(settings, client)
            before = mirror.stats()
            wall, cpu, report = _timed_cycle(ctx, meter, profiler)
            after = mirror.stats()
        events, alerts = _count_rows(sessions)
    finally:
        engine.dispose()
    return Figures(
        mode=mode,
        bills=bills,
        report=report,
        wall=wall,
        cpu=cpu,
        meter=meter,
        server=_stats_delta(before, after),
        event_rows=events,
        alert_rows=alerts,
    )


def _timed_cycle(
    ctx: CheckContext, meter: CpuMeter, profiler: cProfile.Profile | None
) -> tuple[float, float, CycleReport]:
    wall, cpu = time.perf_counter(), time.process_time()
    meter.mark = cpu
    if profiler is not None:
        report = profiler.runcall(run_cycle, ctx, due_only=True, progress=meter.progress)
    else:
        report = run_cycle(ctx, due_only=True, progress=meter.progress)
    return time.perf_counter() - wall, time.process_time() - cpu, report


def _count_rows(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions.begin() as session:
        events = session.scalar(select(func.count()).select_from(BillEvent)) or 0
        alerts = session.scalar(select(func.count()).select_from(Notification)) or 0
    return events, alerts


def _stats_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    def minus(key: str) -> dict[str, int]:
        return {
            k: v - before[key].get(k, 0) for k, v in after[key].items() if v - before[key].get(k, 0)
        }

    return {
        "requests": minus("requests"),
        "body_bytes": minus("body_bytes"),
        "total_requests": after["total_requests"] - before["total_requests"],
        "total_body_bytes": after["total_body_bytes"] - before["total_body_bytes"],
        "cpu_seconds": after["cpu_seconds"] - before["cpu_seconds"],
        # less the connection of the second /_stats request itself
        "connections": after["connections"] - before["connections"] - 1,
    }


# --- reporting -------------------------------------------------------------------------


def _ms(values: list[float], how: Callable[[list[float]], float]) -> str:
    return f"{how(values) * 1000:.2f}" if values else "-"


def _rows(f: Figures) -> list[tuple[str, str]]:
    r, s = f.report, f.server
    unchanged, changed = f.cpu_of(Outcome.UNCHANGED), f.cpu_of(Outcome.CHANGED)
    per = f.meter.requests
    return [
        (
            "bills checked / unchanged / changed / failed",
            f"{r.checked:,} / {r.unchanged:,} / {r.changed:,} / {r.failed}",
        ),
        ("wall time (s)", f"{f.wall:.2f}"),
        ("tracker CPU, whole cycle (s)", f"{f.cpu:.2f}"),
        ("  of which batch overhead: claim + listing (s)", f"{f.meter.overhead:.2f}"),
        ("  of which unchanged bills (s)", f"{sum(unchanged):.2f}"),
        ("  of which changed bills (s)", f"{sum(changed):.2f}"),
        ("mirror server CPU (s, other process)", f"{s['cpu_seconds']:.2f}"),
        ("requests (server)", f"{s['total_requests']:,}"),
        ("TCP connections opened (server)", f"{s['connections']:,}"),
        ("  200 document / 304 / sitemap", _by_kind(s["requests"])),
        ("body bytes (server, MB)", f"{s['total_body_bytes'] / 1e6:.2f}"),
        ("  200 document / 304 / sitemap (MB)", _by_kind(s["body_bytes"], scale=1e-6)),
        ("bills skipped by the listing", f"{r.skipped_by_listing:,}"),
        ("requests per unchanged bill", _ratio(per[Outcome.UNCHANGED], len(unchanged))),
        ("requests per changed bill", _ratio(per[Outcome.CHANGED], len(changed))),
        (
            "CPU per unchanged bill, median / mean (ms)",
            f"{_ms(unchanged, statistics.median)} / {_ms(unchanged, statistics.fmean)}",
        ),
        ("CPU per unchanged bill, amortized (ms)", f"{f.amortized_unchanged_ms:.2f}"),
        (
            "CPU per changed bill, median / mean (ms)",
            f"{_ms(changed, statistics.median)} / {_ms(changed, statistics.fmean)}",
        ),
        ("events / alerts written (report)", f"{r.events:,} / {r.alerts:,}"),
        ("events / alerts rows in the database", f"{f.event_rows:,} / {f.alert_rows:,}"),
    ]


def _by_kind(values: dict[str, int], scale: float = 1.0) -> str:
    kinds = ("document", "not_modified", "sitemap")
    fmt = "{:,.2f}" if scale != 1.0 else "{:,.0f}"
    return " / ".join(fmt.format(values.get(k, 0) * scale) for k in kinds)


def _ratio(numerator: int, denominator: int) -> str:
    return f"{numerator / denominator:.2f}" if denominator else "-"


def print_size(figures: dict[str, Figures]) -> None:
    a, b = figures["A"], figures["B"]
    print(f"\n== {a.bills:,} tracked bills ==")
    header = f"{'':48} {'A: ' + MODE_NAMES['A']:>22} {'B: ' + MODE_NAMES['B']:>22}"
    print(header)
    for (label, left), (_, right) in zip(_rows(a), _rows(b), strict=True):
        print(f"{label:48} {left:>22} {right:>22}")


def print_scaling(small: dict[str, Figures], large: dict[str, Figures]) -> None:
    print(f"\n== scaling: {small['A'].bills:,} -> {large['A'].bills:,} bills (same 1% changed) ==")
    print(f"{'':48} {'N/10':>10} {'N':>10} {'N / (N/10)':>12}")
    for mode in MODES:
        for (label, x), (_, y) in zip(
            _scaling_rows(small[mode]), _scaling_rows(large[mode]), strict=True
        ):
            ratio = f"{y / x:.2f}" if x and not math.isnan(x + y) else "-"
            print(f"{mode}: {label:45} {_num(x):>10} {_num(y):>10} {ratio:>12}")


def _num(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:,.2f}"


def _scaling_rows(f: Figures) -> list[tuple[str, float]]:
    return [
        ("tracker CPU, whole cycle (s)", f.cpu),
        ("wall time (s)", f.wall),
        ("CPU per unchanged bill, amortized (ms)", f.amortized_unchanged_ms),
        ("CPU per unchanged bill, median (ms)", _median_ms(f, Outcome.UNCHANGED)),
        ("CPU per changed bill, median (ms)", _median_ms(f, Outcome.CHANGED)),
        ("batch overhead CPU (s)", f.meter.overhead),
        ("sitemap requests", f.server["requests"].get("sitemap", 0)),
        ("sitemap MB", f.server["body_bytes"].get("sitemap", 0) / 1e6),
    ]


def _median_ms(f: Figures, outcome: Outcome) -> float:
    values = f.cpu_of(outcome)
    return statistics.median(values) * 1000 if values else float("nan")


Target = tuple[bool, str]


def targets(small: dict[str, Figures], large: dict[str, Figures]) -> list[Target]:
    a, b = large["A"], large["B"]
    return [
        _one_request_each(a),
        _no_request_with_listing(b),
        *(_cpu_per_unchanged(f) for f in (a, b)),
        *(_flat_in_n(small[m], large[m]) for m in MODES),
        *(_mostly_changed(f) for f in (a, b)),
    ]


def _one_request_each(f: Figures) -> Target:
    requests, unchanged = f.meter.requests[Outcome.UNCHANGED], f.report.unchanged
    answered_304 = f.server["requests"].get("not_modified", 0)
    return (
        requests == unchanged == answered_304,
        f"A: one conditional request per unchanged bill: {requests:,} requests, "
        f"{answered_304:,} answered 304, for {unchanged:,} unchanged bills",
    )


def _no_request_with_listing(f: Figures) -> Target:
    requests, unchanged = f.meter.requests[Outcome.UNCHANGED], f.report.unchanged
    return (
        requests == 0 and f.report.skipped_by_listing == unchanged,
        f"B: no request per unchanged bill: {requests:,} requests for {unchanged:,} "
        f"unchanged bills ({f.report.skipped_by_listing:,} skipped by the listing)",
    )


def _cpu_per_unchanged(f: Figures) -> Target:
    ms = f.amortized_unchanged_ms
    return (
        ms < CPU_TARGET_MS,
        f"{f.mode}: under {CPU_TARGET_MS:g} ms tracker CPU per unchanged bill: {ms:.2f} ms "
        f"amortized (median {_median_ms(f, Outcome.UNCHANGED):.2f} ms)",
    )


def _flat_in_n(small: Figures, large: Figures) -> Target:
    s, n = small.amortized_unchanged_ms, large.amortized_unchanged_ms
    return (
        n <= s * FLAT_TOLERANCE,
        f"{large.mode}: cost per unchanged bill flat in N: {n:.2f} ms at {large.bills:,} vs "
        f"{s:.2f} ms at {small.bills:,} (ratio {n / s:.2f}, limit {FLAT_TOLERANCE})",
    )


def _mostly_changed(f: Figures) -> Target:
    changed = sum(f.cpu_of(Outcome.CHANGED))
    rest = f.cpu - changed
    return (
        changed >= rest,
        f"{f.mode}: the cycle's CPU is mostly the changed bills': {changed:.2f} s for "
        f"{f.report.changed:,} changed vs {rest:.2f} s for {f.report.unchanged:,} unchanged "
        "and the batch work",
    )


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3  # bytes vs KiB


# --- main ------------------------------------------------------------------------------


def _arguments() -> argparse.Namespace:
    default = os.environ.get("TRACKER_TEST_CORPUS", str(REPO.parent / "shared" / "corpus"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(default), help="folder of the tarball")
    parser.add_argument("--bills", type=int, default=10_000, help="tracked bills (N)")
    parser.add_argument("--changed-rate", type=float, default=0.01, help="share of changed bills")
    parser.add_argument(
        "--profile", type=int, default=0, help="profile each mode at N/10: top K functions"
    )
    return parser.parse_args()


def main() -> int:
    args = _arguments()
    tarball = args.corpus / TARBALL
    if not tarball.is_file():
        print(f"corpus not found: {tarball} (use --corpus or TRACKER_TEST_CORPUS)")
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-cycle-") as tmp:
        return _run(args, Path(tmp), tarball)


def _run(args: argparse.Namespace, tmp: Path, tarball: Path) -> int:
    times = Times(now=utc_now())
    started = time.perf_counter()
    files = unpack(tarball, tmp / "mirror")
    bills = files[: args.bills]
    small_n = max(1, len(bills) // 10)
    seconds = time.perf_counter() - started
    print(f"corpus: {len(files):,} files unpacked in {seconds:.1f} s; tracking {len(bills):,}")
    baseline = build_baseline(tmp, bills, small_n, args.changed_rate, times)
    set_mtimes(files, baseline.changed, times)
    print(
        f"baseline: {len(bills):,} bills parsed and stored in {baseline.seconds:.1f} s "
        f"(not measured); changed: {baseline.small_changed} of the first {small_n:,}, "
        f"{len(baseline.changed)} of {len(bills):,}"
    )
    print(f"peak memory after setup: {peak_rss_mb():,.0f} MB; load average {_load()}")
    mirror = MirrorProcess(tmp / "mirror")
    try:
        small = {m: run_mode(m, baseline.small, tmp / "work.db", mirror, small_n) for m in MODES}
        large = {m: run_mode(m, baseline.large, tmp / "work.db", mirror, len(bills)) for m in MODES}
        failures = _report(small, large)
        if args.profile:
            for mode in MODES:
                _profile(mode, baseline.small, tmp / "work.db", mirror, small_n, args.profile)
    finally:
        mirror.stop()
    return 1 if failures else 0


def _report(small: dict[str, Figures], large: dict[str, Figures]) -> int:
    print_size(small)
    print_size(large)
    print_scaling(small, large)
    print("\n== targets ==")
    for met, text in targets(small, large):
        print(f"[{'MET' if met else 'NOT MET'}] {text}")
    print(f"\npeak memory (ru_maxrss, whole process): {peak_rss_mb():,.0f} MB")
    print(f"load average after the cycles: {_load()} (on {os.cpu_count()} CPUs)")
    failed = sum(f.report.failed for f in (*small.values(), *large.values()))
    for f in (*small.values(), *large.values()):
        for failure in f.report.failures[:5]:
            print(f"failed ({f.mode}, {f.bills:,}): {failure['id']}: {failure['error']}")
    return failed


def _profile(
    mode: str, baseline: Path, work: Path, mirror: MirrorProcess, bills: int, top: int
) -> None:
    profiler = cProfile.Profile(time.process_time)  # CPU, as the figures above
    run_mode(mode, baseline, work, mirror, bills, profiler)
    print(f"\n== profile: mode {mode} ({MODE_NAMES[mode]}), {bills:,} bills ==")
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    raise SystemExit(main())
