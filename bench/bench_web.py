"""Benchmark: the web page, API and ``tracker status --json`` on a small and a large database.

Run as ``.venv/bin/python bench/bench_web.py [--sizes 2000 20000] [--repeat 300]
[--postgres postgresql://postgres@127.0.0.1:5432/test]``.

Each size gets a fresh database (SQLite in a temporary folder; with
``--postgres``, also a scratch PostgreSQL database): N tracked bills of mixed
types, Congresses and stages, each with 20 actions (400,000 for N=20,000) whose
texts are real action texts from the BILLSTATUS documents in ``../shared/data``,
5 cosponsors, a committee referral, 3 change events, a stored snapshot copied
from a real one (5-21 KB of JSON, as production stores), and 200 advocates
following bills. Rows go in with Core bulk inserts, then ``ANALYZE`` (what
PostgreSQL's autovacuum does after a bulk load); building is not timed.

Then, in-process through the WSGI application (werkzeug's test client, so the
figures are the application's and the database's, not the network's), each
request runs ``--repeat`` times after a warm-up, alternating between the sizes
run by run (a busy moment of a shared machine then weighs on both alike), and
the script prints the median and p99 wall time in milliseconds, the median CPU
time of this process (what the application itself costs, whatever else the
machine is doing) and the number of SQL statements:

- ``/api/bills`` first page (50 bills), a filtered page (``stage=in_committee``),
  a page deep in the list (by cursor), and a title search (``q=``, a substring:
  the one list read no index can serve; the search module will replace it);
- a bill page ``/bills/{id}`` (timeline chart, actions, cosponsors, committees);
- the HTML list ``/``, the Atom feed of all changes, the iCalendar feed;
- ``status_rows`` + JSON, the function behind ``tracker status --json``, fewer
  times: it lists every tracked bill by contract, so it grows with N.

Targets: each page costs the same within 1.5x on the large database as on the
small one, and well under 50 ms p99.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, create_engine, event, insert, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from werkzeug.test import Client  # noqa: E402

from db import migrate  # noqa: E402
from db.engine import make_engine  # noqa: E402
from db.models import (  # noqa: E402
    Advocate,
    Bill,
    BillAction,
    BillEvent,
    CommitteeReferral,
    Cosponsor,
    Subscription,
)
from scrapers.model import Stage  # noqa: E402
from scrapers.sources.govinfo.parse import parse_billstatus  # noqa: E402
from tracker.core.app import App  # noqa: E402
from tracker.core.settings import Settings  # noqa: E402
from tracker.report.status import StatusFilter, status_rows  # noqa: E402
from tracker.vocab.serialize import snapshot_to_dict  # noqa: E402
from tracker.web import make_web_app  # noqa: E402

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
DOCS = REPO.parent / "shared" / "data" / "billstatus" / "govinfo-115"
#: Snapshots copied onto the generated bills: the real ones of these documents.
SNAPSHOT_DOCS = ("hr4030", "hr4641", "hr4924", "s2952", "s3749", "sres44")
ACTIONS_PER_BILL = 20
TYPES = ("hr", "hr", "hr", "s", "s", "hres", "sres", "hjres", "sjres", "hconres")
STAGES = (
    [Stage.IN_COMMITTEE] * 70
    + [Stage.INTRODUCED] * 8
    + [Stage.REPORTED] * 8
    + [Stage.PASSED_ONE_CHAMBER] * 8
    + [Stage.ENACTED, Stage.ADOPTED, Stage.PASSED_BOTH_CHAMBERS, Stage.FAILED]
    + [Stage.STALLED, Stage.SENT_TO_EXECUTIVE]
)


@dataclass
class Corpus:
    """Real texts to build rows from."""

    actions: list[str]
    titles: list[str]
    snapshots: list[dict[str, Any]]


@dataclass
class Figure:
    name: str
    median_ms: float
    p99_ms: float
    cpu_ms: float  # median CPU time of this process: less sensitive to a busy machine
    statements: int
    runs: int


@dataclass
class Target:
    """One database of one size, and the requests to time against it."""

    n: int
    app: App
    runs: dict[str, Callable[[], None]]


def main() -> int:
    args = _arguments()
    corpus = _corpus()
    backends = [("sqlite", None)] + ([("postgresql", args.postgres)] if args.postgres else [])
    for backend, admin_url in backends:
        with ExitStack() as stack:
            targets = [
                _prepare(stack, backend, admin_url, n, corpus, seed=args.seed) for n in args.sizes
            ]
            results = _measure(targets, repeat=args.repeat)
            for target in targets:
                _print(backend, target.n, results[target.n])
            _compare(backend, results)
            for target in targets:
                target.app.close()
    return 0


def _prepare(
    stack: ExitStack, backend: str, admin_url: str | None, n: int, corpus: Corpus, *, seed: int
) -> Target:
    url = stack.enter_context(_database(backend, admin_url))
    engine = make_engine(url)
    migrate.upgrade(engine)
    started = time.perf_counter()
    keys = _build(engine, n, corpus, seed=seed)
    # Planner statistics, as PostgreSQL's autovacuum would gather after a bulk load.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("ANALYZE"))
    engine.dispose()
    built = time.perf_counter() - started
    print(f"[{backend}] N={n:,}, {n * ACTIONS_PER_BILL:,} actions: built in {built:.0f} s")
    app = App.from_settings(Settings(database_url=url), clock=lambda: NOW)
    return Target(n=n, app=app, runs=_requests(app, keys))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 20_000])
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--seed", type=int, default=4030)
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server to also measure")
    return parser.parse_args()


@contextmanager
def _database(backend: str, admin_url: str | None) -> Iterator[str]:
    if backend == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    assert admin_url is not None
    name = f"bench_web_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield (
            make_url(admin_url)
            .set(drivername="postgresql+psycopg", database=name)
            .render_as_string(hide_password=False)
        )
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- measuring ----------------------------------------------------------------------------


def _requests(app: App, keys: list[str]) -> dict[str, Callable[[], None]]:
    client = Client(make_web_app(app))
    deep = _cursor_at(client, len(keys) // 2)
    bill = keys[len(keys) // 3]
    paths = {
        "/api/bills (first page)": "/api/bills",
        "/api/bills?stage=in_committee": "/api/bills?stage=in_committee",
        "/api/bills (page in the middle)": f"/api/bills?cursor={deep}",
        "/api/bills?q= (title substring)": "/api/bills?q=protection",
        "/bills/{id} (bill page)": f"/bills/{bill}",
        "/api/bills/{id}": f"/api/bills/{bill}",
        "/ (HTML list)": "/",
        "/feeds/changes.atom": "/feeds/changes.atom",
        "/feeds/schedule.ics": "/feeds/schedule.ics",
    }
    runs: dict[str, Callable[[], None]] = {
        name: (lambda path=path: _get(client, path)) for name, path in paths.items()
    }
    runs[STATUS] = lambda: _status_json(app)
    return runs


STATUS = "status --json (all bills)"


def _measure(targets: list[Target], *, repeat: int) -> dict[int, list[Figure]]:
    """Each request, alternating between the sizes run by run, so a busy moment
    of the machine weighs on both sizes alike."""
    results: dict[int, list[Figure]] = {t.n: [] for t in targets}
    for name in targets[0].runs:
        runs = max(3, repeat // 30) if name == STATUS else repeat
        samples = {t.n: ([], []) for t in targets}
        statements = {t.n: _statements(t, name) for t in targets}
        for _ in range(runs):
            for t in targets:
                wall, cpu = time.perf_counter(), time.process_time()
                t.runs[name]()
                samples[t.n][0].append((time.perf_counter() - wall) * 1000)
                samples[t.n][1].append((time.process_time() - cpu) * 1000)
        for t in targets:
            walls, cpus = samples[t.n]
            results[t.n].append(_figure(name, walls, cpus, statements[t.n]))
    return results


def _statements(target: Target, name: str) -> int:
    """SQL statements of one run, after a warm-up (caches, compiled statements)."""
    count = 0

    def counted(*_args: Any) -> None:
        nonlocal count
        count += 1

    for _ in range(3):
        target.runs[name]()
    event.listen(target.app.engine, "before_cursor_execute", counted)
    target.runs[name]()
    event.remove(target.app.engine, "before_cursor_execute", counted)
    return count


def _figure(name: str, walls: list[float], cpus: list[float], statements: int) -> Figure:
    walls.sort()
    p99 = walls[min(len(walls) - 1, int(len(walls) * 0.99))]
    return Figure(
        name, statistics.median(walls), p99, statistics.median(cpus), statements, len(walls)
    )


def _get(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.data[:300])
    response.close()


def _status_json(app: App) -> None:
    with app.sessions() as session:
        rows = status_rows(
            session, filters=StatusFilter(), now=NOW, stale_after=timedelta(hours=24)
        )
        json.dumps([r.to_json() for r in rows], default=str)


def _cursor_at(client: Client, position: int) -> str:
    cursor = None
    for _ in range(max(1, position // 50)):
        query = "/api/bills?limit=50" + (f"&cursor={cursor}" if cursor else "")
        cursor = client.get(query).get_json()["next_cursor"]
    assert cursor is not None
    return cursor


def _print(backend: str, n: int, figures: list[Figure]) -> None:
    print(f"[{backend}] N={n:,}")
    for f in figures:
        print(
            f"  {f.name:<34} median {f.median_ms:8.2f} ms  p99 {f.p99_ms:8.2f} ms  "
            f"CPU {f.cpu_ms:7.2f} ms  {f.statements} statements  ({f.runs} runs)",
            flush=True,
        )


def _compare(backend: str, results: dict[int, list[Figure]]) -> None:
    if len(results) < 2:
        return
    small_n, large_n = min(results), max(results)
    print(f"[{backend}] large ({large_n:,}) / small ({small_n:,}): target <= 1.5x, p99 < 50 ms")
    for small, large in zip(results[small_n], results[large_n], strict=True):
        ratio = large.median_ms / small.median_ms
        cpu = large.cpu_ms / small.cpu_ms if small.cpu_ms else float("nan")
        ok = ratio <= 1.5 and large.p99_ms < 50
        verdict = "ok" if ok else "MISSED"
        if large.name == STATUS:
            verdict = "grows with N: it lists every bill by contract"
        print(
            f"  {large.name:<34} median {ratio:5.2f}x (CPU {cpu:5.2f}x)  "
            f"p99 {large.p99_ms:8.2f} ms  {verdict}"
        )


# --- building the data (not timed) -------------------------------------------------------


def _corpus() -> Corpus:
    if not DOCS.is_dir():
        sys.exit(f"real BILLSTATUS documents not found at {DOCS}")
    actions: list[str] = []
    titles: list[str] = []
    snapshots = []
    for path in sorted(DOCS.glob("BILLSTATUS-*.xml")):
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        actions.extend(a.text for a in snapshot.actions)
        titles.append(snapshot.title)
        if snapshot.ref.bill_type + str(snapshot.ref.number) in SNAPSHOT_DOCS:
            snapshots.append(snapshot_to_dict(snapshot))
    return Corpus(actions=sorted(set(actions)), titles=titles, snapshots=snapshots)


def _build(engine: Engine, n: int, corpus: Corpus, *, seed: int) -> list[str]:
    rng = random.Random(seed)
    bills = [_bill_row(i, corpus, rng) for i in range(n)]
    with engine.begin() as conn:
        _insert(conn, Bill.__table__, bills)
        ids = {row.key: row.id for row in conn.execute(text("SELECT key, id FROM bills"))}
        children: dict[Any, list[dict[str, Any]]] = {}
        for table, row in _children(bills, ids, corpus, rng):
            children.setdefault(table, []).append(row)
        for table, rows in children.items():
            _insert(conn, table, rows)
        _followers(conn, list(ids.values()), rng)
    return [b["key"] for b in bills]


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), 5000):
        conn.execute(insert(table), rows[start : start + 5000])


def _bill_row(i: int, corpus: Corpus, rng: random.Random) -> dict[str, Any]:
    bill_type = TYPES[i % len(TYPES)]
    congress = 110 + i % 10
    number = i // 10 + 1
    key = f"{bill_type}{number}-{congress}"
    introduced = date(2007 + (congress - 110) * 2, 1, 3) + timedelta(days=rng.randrange(600))
    latest = introduced + timedelta(days=rng.randrange(1, 120))
    stage = rng.choice(STAGES)
    snapshot = dict(corpus.snapshots[i % len(corpus.snapshots)], id=key)
    title = f"{corpus.titles[i % len(corpus.titles)]} ({i})"
    return {
        "key": key, "jurisdiction": "us", "session": str(congress), "bill_type": bill_type,
        "number": number, "title": title, "short_title": title, "official_title": title,
        "policy_area": "Education" if i % 7 == 0 else "Congress",
        "introduced_on": introduced, "stage": stage.value, "stage_chamber": "house",
        "stage_date": latest, "latest_action_date": latest,
        "latest_action_text": rng.choice(corpus.actions), "became_law": stage is Stage.ENACTED,
        "session_ended": congress < 119, "source": "govinfo", "snapshot": snapshot,
        "content_hash": f"{i:064x}", "tracked": True, "tracked_at": NOW - timedelta(days=30),
        "last_checked_at": NOW - timedelta(hours=1), "last_success_at": NOW - timedelta(hours=1),
        "last_changed_at": NOW - timedelta(days=rng.randrange(60)),
        "next_check_at": NOW + timedelta(hours=rng.randrange(1, 48)),
        "consecutive_failures": 0, "created_at": NOW - timedelta(days=30), "updated_at": NOW,
    }  # fmt: skip


def _children(
    bills: list[dict[str, Any]], ids: dict[str, int], corpus: Corpus, rng: random.Random
) -> Iterator[tuple[Any, dict[str, Any]]]:
    for b in bills:
        bill_id, day = ids[b["key"]], b["introduced_on"]
        for position in range(ACTIONS_PER_BILL):
            yield BillAction.__table__, {
                "bill_id": bill_id, "position": position,
                "acted_on": day + timedelta(days=position * 3), "text": rng.choice(corpus.actions),
                "chamber": "house", "code": None, "action_type": None, "source_system": None,
                "action_time": None,
            }  # fmt: skip
        for k in range(5):
            yield Cosponsor.__table__, {
                "bill_id": bill_id, "member_key": f"M{k:05d}",
                "bioguide_id": f"M{k:05d}", "name": f"Rep. Member {k}", "party": "D",
                "state": "CA", "district": k + 1, "sponsored_on": day + timedelta(days=k * 10),
                "withdrawn_on": None, "is_original": k == 0,
            }  # fmt: skip
        yield CommitteeReferral.__table__, {
            "bill_id": bill_id, "committee_code": "hsed00",
            "name": "Education and the Workforce Committee", "chamber": "house",
            "parent_code": None, "latest_activity": "Referred to", "latest_activity_on": day,
        }  # fmt: skip
        for k in range(3):
            yield BillEvent.__table__, {
                "bill_id": bill_id, "kind": "action_added",
                "significance": "minor", "occurred_on": day + timedelta(days=k),
                "detected_at": b["last_changed_at"] + timedelta(seconds=k),
                "dedupe_key": uuid.uuid4().hex + f"{bill_id:08d}",
                "summary": f"Action: {rng.choice(corpus.actions)}",
                "payload": {"text": rng.choice(corpus.actions)},
            }  # fmt: skip


def _followers(conn: Any, bill_ids: list[int], rng: random.Random) -> None:
    conn.execute(
        insert(Advocate.__table__),
        [
            {"email": f"a{i}@example.org", "state": "CA", "district": 12, "created_at": NOW,
             "timezone": "America/Los_Angeles", "digest_hour": 8}
            for i in range(200)
        ],
    )  # fmt: skip
    advocates = [row[0] for row in conn.execute(text("SELECT id FROM advocates"))]
    rows = {(a, b) for a in advocates for b in rng.sample(bill_ids, 5)}
    conn.execute(
        insert(Subscription.__table__),
        [
            {"advocate_id": a, "bill_id": b, "stance": "support", "alerts": "major",
             "digest": "weekly", "created_at": NOW}
            for a, b in rows
        ],
    )  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
