"""Benchmark: queue the due daily and weekly digests for 5,000 and 50,000 advocates.

Run as ``.venv/bin/python bench/bench_digests.py [--sizes 5000 50000] [--profile N]``.

Each size gets a fresh SQLite file in a temporary folder: 40 bills with 200
events between them (5 each, of mixed kinds, detected over the last week),
three actions and a committee referral per bill, the officials of every state
and district (the congress-legislators data from ``../shared/data`` when it is
there, else a synthetic Congress of the same shape), and N advocates spread
over those places and US time zones, each following 5 bills with a mix of
daily and weekly digests and of stances. Building the data is not timed.

Then ``queue_due_digests`` runs once, on a Monday evening (UTC) when every
advocate's daily and weekly digest is due, and the script prints: seconds,
digests queued per second, peak memory (``ru_maxrss`` of the whole process,
which only grows, so the second size's figure covers both runs), and the number
of SQL statements sent (a ``before_cursor_execute`` listener; an executemany
counts once), in total and per 1,000 advocates. Statements must not grow with
the number of advocates per bill: 50,000 advocates follow the same 40 bills
as 5,000.

Targets: 50,000 costs at most 11x 5,000; at least 1,000 digests per second.
Wall time depends on what else the machine runs; CPU time (``process_time``,
which includes SQLite's work in this process) is printed beside it, and the
load average at the end, so figures from a busy machine can be read.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, event, func, insert, select  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import make_engine, make_session_factory  # noqa: E402
from db.models import (  # noqa: E402
    Advocate,
    Bill,
    BillAction,
    BillEvent,
    CommitteeReferral,
    DigestItem,
    Notification,
    Official,
    Subscription,
)
from scrapers.model import Chamber, Stage  # noqa: E402
from tracker.core.settings import Settings  # noqa: E402
from tracker.mail.digests import queue_due_digests  # noqa: E402
from tracker.vocab import events as ev  # noqa: E402

NOW = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)  # Monday 12:00 in California, 15:00 in New York
BILLS = 40
EVENTS_PER_BILL = 5
SUBSCRIPTIONS = 5
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
LEGISLATORS = REPO.parent / "shared" / "data" / "legislators" / "current"


@dataclass
class Result:
    advocates: int
    seconds: float
    cpu: float
    digests: int
    empty: int
    items: int
    statements: int
    peak_mb: float


def main() -> int:
    args = _arguments()
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-digests-") as folder:
            engine = make_engine(f"sqlite:///{Path(folder) / 'bench.db'}")
            migrate.upgrade(engine)
            source = _build(engine, n, seed=args.seed)
            print(f"N={n:,}: data built (officials: {source})", flush=True)
            results.append(_run(engine, n, profile=args.profile))
            engine.dispose()
            _print(results[-1])
    _compare(results)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--seed", type=int, default=4030)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    return parser.parse_args()


# --- the run ----------------------------------------------------------------------------


def _run(engine: Engine, n: int, *, profile: int) -> Result:
    statements = 0

    def count(*_args: Any) -> None:
        nonlocal statements
        statements += 1

    event.listen(engine, "before_cursor_execute", count)
    settings = Settings(secret_key="bench", public_url="https://tracker.example.org")
    sessions = make_session_factory(engine)
    profiler = cProfile.Profile() if profile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    report = queue_due_digests(sessions, clock=lambda: NOW, settings=settings)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    event.remove(engine, "before_cursor_execute", count)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(profile)
    _check(engine, report.queued, report.events)
    return Result(
        advocates=n,
        seconds=seconds,
        cpu=cpu,
        digests=report.queued,
        empty=report.empty,
        items=report.events,
        statements=statements,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )


def _check(engine: Engine, digests: int, items: int) -> None:
    """The run did what it reported: the rows are there, no event twice per advocate."""
    with engine.connect() as conn:
        rows = conn.scalar(select(func.count()).select_from(Notification))
        stored = conn.scalar(select(func.count()).select_from(DigestItem))
    assert rows == digests and stored == items, (rows, digests, stored, items)


def _print(r: Result) -> None:
    per_thousand = r.statements / (r.advocates / 1000)
    print(
        f"N={r.advocates:>6,}: {r.seconds:7.2f} s ({r.cpu:.2f} s CPU), {r.digests:,} digests "
        f"({r.digests / r.seconds:,.0f}/s; {r.digests / r.cpu:,.0f}/s of CPU), "
        f"{r.items:,} digest items, {r.empty:,} empty; "
        f"{r.statements:,} SQL statements ({per_thousand:,.1f} per 1,000 advocates); "
        f"peak memory {r.peak_mb:,.0f} MB",
        flush=True,
    )


def _compare(results: list[Result]) -> None:
    if len(results) < 2:
        return
    small, large = results[0], results[-1]
    scale = large.advocates / small.advocates
    cost, cpu = large.seconds / small.seconds, large.cpu / small.cpu
    print(
        f"time ratio {cost:.2f}x ({cpu:.2f}x in CPU) for {scale:.0f}x the advocates "
        f"(target <= {scale * 1.1:.0f}x)"
    )
    ratio = (large.statements / large.advocates) / (small.statements / small.advocates)
    print(f"statements per advocate, large/small: {ratio:.2f} (flat or falling is the goal)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end (1, 5, 15 min): {load} on {os.cpu_count()} CPUs")
    slowest = min(r.digests / r.seconds for r in results)
    slowest_cpu = min(r.digests / r.cpu for r in results)
    print(
        f"slowest rate {slowest:,.0f} digests/s wall, {slowest_cpu:,.0f}/s of CPU (target >= 1,000)"
    )


# --- building the data (not timed) -------------------------------------------------------


def _build(engine: Engine, n: int, *, seed: int) -> str:
    rng = random.Random(seed)
    sessions = make_session_factory(engine)
    with sessions.begin() as s:
        source = _officials(s)
        house = select(Official.state, Official.district).where(Official.chamber == "house")
        houses = sorted({(state, district) for state, district in s.execute(house)})
        bill_ids = _bills(s)
        _events(s, bill_ids, rng)
    with sessions.begin() as s:
        _advocates(s, n, houses, bill_ids, rng)
    return source


def _officials(s: Any) -> str:
    if (LEGISLATORS / "legislators-current.yaml").is_file():
        from tracker.people.officials import import_officials, read_legislator_files

        files = read_legislator_files(str(LEGISLATORS), settings=Settings())
        import_officials(s, files, now=NOW)
        return f"congress-legislators data from {LEGISLATORS}"
    rows = []
    for i, state in enumerate(_STATES):
        rows += [_official(f"S{i:02d}{k}", state, "senate", None) for k in (1, 2)]
        rows += [_official(f"H{i:02d}{d:02d}", state, "house", d) for d in range(1, 10)]
    s.execute(insert(Official), rows)
    return "synthetic (no congress-legislators data found)"


def _official(bioguide: str, state: str, chamber: str, district: int | None) -> dict[str, Any]:
    return {
        "bioguide_id": bioguide,
        "name": f"Member {bioguide}",
        "chamber": chamber,
        "state": state,
        "district": district,
        "party": "Independent",
        "phone": "202-555-0100",
        "office_address": "Washington DC",
        "in_office": True,
        "updated_at": NOW,
    }


_STATES = ("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN")


def _bills(s: Any) -> list[int]:
    rows = [
        {
            "key": f"hr{5000 + i}-119",
            "jurisdiction": "us",
            "session": "119",
            "bill_type": "hr",
            "number": 5000 + i,
            "title": f"Survivors' Safety Act No. {i}",
            "stage": "in_committee" if i % 3 else "passed_one_chamber",
            "stage_chamber": "house",
            "stage_date": date(2026, 10, 1),
            "next_chamber": "house" if i % 3 else "senate",
            "source": "govinfo",
            "tracked": True,
            "created_at": NOW - timedelta(days=90),
            "updated_at": NOW - timedelta(days=1),
        }
        for i in range(BILLS)
    ]
    s.execute(insert(Bill), rows)
    ids = list(s.scalars(select(Bill.id).order_by(Bill.id)))
    actions = [
        {
            "bill_id": bill_id,
            "position": p,
            "acted_on": date(2026, 10, 1) + timedelta(days=p),
            "text": text,
            "chamber": "house",
        }
        for bill_id in ids
        for p, text in enumerate(
            ("Introduced in House", "Referred to the House Committee on the Judiciary.", "Hearing")
        )
    ]
    s.execute(insert(BillAction), actions)
    referrals = [
        {
            "bill_id": b,
            "committee_code": "hsju00",
            "name": "Judiciary Committee",
            "chamber": "house",
        }
        for b in ids
    ]
    s.execute(insert(CommitteeReferral), referrals)
    return ids


def _events(s: Any, bill_ids: list[int], rng: random.Random) -> None:
    rows = []
    for bill_id in bill_ids:
        key = f"hr{5000 + bill_ids.index(bill_id)}-119"
        for k in range(EVENTS_PER_BILL):
            e = _event(key, k)
            rows.append(
                {
                    "bill_id": bill_id,
                    "kind": e.kind,
                    "significance": e.significance.value,
                    "occurred_on": e.occurred_on,
                    "detected_at": NOW - timedelta(hours=rng.randint(1, 6 * 24)),
                    "dedupe_key": e.dedupe_key,
                    "summary": e.summary(),
                    "payload": e.to_payload(),
                }
            )
    s.execute(insert(BillEvent), rows)


def _event(key: str, k: int) -> ev.BillEvent:
    on = date(2026, 10, 20 + k)
    if k == 0:
        return ev.StageChanged(
            bill_key=key,
            occurred_on=on,
            old=Stage.INTRODUCED,
            new=Stage.IN_COMMITTEE,
            chamber=Chamber.HOUSE,
        )
    if k == 1:
        return ev.ActionAdded(bill_key=key, occurred_on=on, text="Subcommittee hearings held.")
    return ev.CosponsorAdded(
        bill_key=key, occurred_on=on, bioguide_id=None, name=f"Rep. Member {k}", state="CA"
    )


def _advocates(s: Any, n: int, houses: list[tuple[str, int]], bills: list[int], rng) -> None:
    created = NOW - timedelta(days=60)
    advocates = []
    for i in range(n):
        state, district = rng.choice(houses)
        advocates.append(
            {
                "email": f"advocate{i}@example.org",
                "name": f"Advocate {i}",
                "state": state,
                "district": district,
                "timezone": ZONES[i % len(ZONES)],
                "digest_hour": 8,
                "created_at": created,
            }
        )
    s.execute(insert(Advocate), advocates)
    ids = list(s.scalars(select(Advocate.id).order_by(Advocate.id)))
    stances = ("support",) * 8 + ("oppose", "watch")
    subs = [
        {
            "advocate_id": advocate_id,
            "bill_id": bill_id,
            "stance": rng.choice(stances),
            "alerts": "major",
            "digest": "daily" if (advocate_id + k) % 3 == 0 else "weekly",
            "created_at": created,
        }
        for advocate_id in ids
        for k, bill_id in enumerate(rng.sample(bills, SUBSCRIPTIONS))
    ]
    for start in range(0, len(subs), 50_000):
        s.execute(insert(Subscription), subs[start : start + 50_000])


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
