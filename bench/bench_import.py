"""Benchmark: bulk-import the 115th Congress (11,272 bills, 340 MB of XML), then search it.

Run as ``.venv/bin/python bench/bench_import.py [--corpus FOLDER] [--jobs N]
[--postgres URL | --no-postgres] [--no-sqlite] [--profile K] [--folder DIR [--pairs N]
[--whole-only]]``. ``--folder`` (the corpus unpacked) first times the ``tracker import``
command as a whole process against a bare-parse command, alternating (see
``_whole_process`` and bench/README.md). The corpus folder holds
``BILLSTATUS-115.tar.xz`` (default: ``$TRACKER_TEST_CORPUS``, else ``../shared/corpus``).
PostgreSQL: ``--postgres`` or ``TRACKER_TEST_POSTGRES_URL``, else
``postgresql://postgres@127.0.0.1:5432/test``; the script creates a scratch database
there and drops it at the end (it is skipped, with a note, when the server is down).

For each database, in one run, every phase reading the tarball the same way (streamed,
never unpacked):

1. read only: decompress and read every member (the floor under everything else);
2. bare parse: the same, plus ``lxml.etree.fromstring`` on each document. Measured again
   right before each import: the machine's CPU is shared, its speed varies over minutes;
3. the import into a new database, as ``tracker import`` does (worker processes parse,
   this one writes batches of up to 1,000 per transaction); then the same import again, which
   must write nothing;
4. ten searches: median and p99 of 5 rounds.

Printed: wall time, bills/s, the ratio of the import to the bare parse (and to the bare
parse less the reading, i.e. lxml alone), the CPU seconds of the import (this process,
the workers, and the local PostgreSQL backend) against the bare parse's, resident memory
of this process and of the largest worker at each quarter of the import (flat means it
does not grow with the number of files) and peak memory (``ru_maxrss``).

Targets (issue "Discovery"): import within 4x of the bare parse; peak memory under
300 MB and flat; a search well under 100 ms. ``--profile K`` profiles the SQLite
import of this process (the writer) and prints the K costliest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

try:
    import psutil
except ImportError:  # /proc is read instead
    psutil = None

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db import migrate  # noqa: E402
from db.engine import make_engine, make_session_factory  # noqa: E402
from scrapers.archives import SourceSize, iter_documents  # noqa: E402
from tracker.bulk import (  # noqa: E402
    ImportContext,
    ImportReport,
    PrepareOptions,
    default_jobs,
    import_path,
)
from tracker.core.clock import utc_now  # noqa: E402
from tracker.report.search import search_bills  # noqa: E402

TARBALL = "BILLSTATUS-115.tar.xz"
DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"
QUERIES = (
    "title ix",
    "campus sexual assault",
    '"sexual harassment"',
    "opioid treatment",
    "veterans health care",
    "tax",
    "firearms or guns",
    "climate -resolution",
    "H.R. 4030",
    "student loan forgiveness",
)


def main() -> int:
    args = _arguments()
    tarball = args.corpus / TARBALL
    print(f"corpus: {tarball} ({tarball.stat().st_size / 1e6:.1f} MB compressed)")
    if args.folder is not None:
        _whole_processes(args)
        if args.whole_only:
            return 0
    print(f"peak memory before any import: {_peak_mb():.0f} MB\n")
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
            _database_run("SQLite", f"sqlite:///{Path(folder) / 'tracker.db'}", tarball, args)
    pg_admin = (
        None
        if args.no_postgres
        else (args.postgres or os.environ.get("TRACKER_TEST_POSTGRES_URL") or DEFAULT_PG)
    )
    if pg_admin:
        try:
            with _scratch_postgres(pg_admin) as url:
                _database_run("PostgreSQL", url, tarball, args)
        except Exception as exc:  # a benchmark without a server still reports SQLite
            print(f"PostgreSQL skipped: {type(exc).__name__}: {exc}")
    print(f"\npeak memory, this process (ru_maxrss): {_peak_mb():.0f} MB")
    return 0


def _arguments() -> argparse.Namespace:
    default = os.environ.get("TRACKER_TEST_CORPUS", str(REPO.parent / "shared" / "corpus"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(default), help="folder of the tarball")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="parsing processes")
    parser.add_argument("--postgres", help="admin URL of a PostgreSQL server")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--profile", type=int, default=0, help="show the K costliest functions")
    parser.add_argument(
        "--folder", type=Path, help="the corpus unpacked: time `tracker import FOLDER` as a command"
    )
    parser.add_argument("--pairs", type=int, default=3, help="import/bare-parse pairs (--folder)")
    parser.add_argument("--whole-only", action="store_true", help="only the --folder comparison")
    return parser.parse_args()


@dataclass(frozen=True, slots=True)
class _Timing:
    wall: float
    cpu: float


def _timed_read(tarball: Path, *, parse: bool) -> tuple[_Timing, int, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    count = size = 0
    for doc in iter_documents(tarball):
        if parse:
            etree.fromstring(doc.content)
        count, size = count + 1, size + len(doc.content)
    timing = _Timing(time.perf_counter() - wall, time.process_time() - cpu)
    return timing, count, size / 1e6


def _baseline(tarball: Path) -> tuple[_Timing, _Timing, int]:
    """Read only, then bare parse: measured right before each import, so that the ratio
    compares runs made under the same load (this machine's CPU is shared)."""
    read, count, megabytes = _timed_read(tarball, parse=False)
    bare, _, _ = _timed_read(tarball, parse=True)
    print(
        f"read only (xz + tar, streamed):   {read.wall:7.2f} s  "
        f"{count:,} documents, {megabytes:,.0f} MB"
    )
    print(f"bare lxml.etree parse (streamed): {bare.wall:7.2f} s  ({bare.cpu:.2f} s CPU)")
    return read, bare, count


def _database_run(label: str, url: str, tarball: Path, args: argparse.Namespace) -> None:
    engine = make_engine(url)
    migrate.upgrade(engine)
    sessions = make_session_factory(engine)
    ctx = ImportContext(
        sessions=sessions,
        options=PrepareOptions(base_url="https://www.govinfo.gov"),
        clock=utc_now,
        jobs=args.jobs,
    )
    print(f"== {label}, {args.jobs} parsing process(es)")
    read, bare, count = _baseline(tarball)
    probe = _Probe(_server_pid(engine))
    profile = cProfile.Profile() if args.profile and label == "SQLite" else None
    report, import_time = _import(ctx, tarball, probe, profile)
    _print_import(report, import_time, probe, read, bare, count)
    again, again_time = _import(ctx, tarball, _Probe(None), None)
    written = again.new + again.updated + again.tracked_changed
    print(
        f"re-import: {again_time.wall:7.2f} s  {again.unchanged:,} unchanged, "
        f"{written} written (must be 0)"
    )
    _searches(sessions)
    if profile is not None:
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)
    engine.dispose()


def _print_import(
    report: ImportReport, took: _Timing, probe: _Probe, read: _Timing, bare: _Timing, count: int
) -> None:
    print(
        f"import:    {took.wall:7.2f} s  {report.new:,} new bills, {report.failed} failed, "
        f"{count / took.wall:6,.0f} bills/s"
    )
    print(
        f"  ratio to the bare parse: {took.wall / bare.wall:.2f}x wall (target <= 4x); "
        f"to lxml alone (bare - read): {took.wall / (bare.wall - read.wall):.2f}x"
    )
    cpu = took.cpu + probe.workers_cpu + probe.server_cpu
    print(
        f"  CPU: {took.cpu:.1f} s this process + {probe.workers_cpu:.1f} s workers"
        + (f" + {probe.server_cpu:.1f} s database server" if probe.server_cpu else "")
        + f" = {cpu:.1f} s, {cpu / bare.cpu:.2f}x the bare parse's CPU"
    )
    print(
        f"  resident memory at 25/50/75/100%: {_series(probe.samples)} MB (this process), "
        f"{_series(probe.workers)} MB (largest worker)"
    )
    print(f"  peak memory so far (ru_maxrss): {_peak_mb():.0f} MB")


def _import(
    ctx: ImportContext, tarball: Path, probe: _Probe, profile: cProfile.Profile | None
) -> tuple[ImportReport, _Timing]:
    report = ImportReport()
    wall, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.runcall(import_path, ctx, tarball, report, probe)
    else:
        import_path(ctx, tarball, report, probe)
    return report, _Timing(time.perf_counter() - wall, time.process_time() - cpu)


def _server_pid(engine: Engine) -> int | None:
    """The PostgreSQL backend serving the import (one pool connection), if it is local."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
    return int(pid) if Path(f"/proc/{pid}").exists() else None


def _searches(sessions: sessionmaker[Session]) -> None:
    timings: dict[str, list[float]] = {q: [] for q in QUERIES}
    with sessions.begin() as session:
        for _ in range(5):
            for query in QUERIES:
                start = time.perf_counter()
                hits = search_bills(session, query, limit=20)
                timings[query].append((time.perf_counter() - start) * 1000)
                if query == "title ix" and hits[0].key != "hr4030-115":
                    print(f"  note: 'title ix' ranks {hits[0].key} first")
    every = sorted(t for ts in timings.values() for t in ts)
    p99 = every[min(len(every) - 1, round(0.99 * (len(every) - 1)))]
    print(f"searches: median {statistics.median(every):.1f} ms, p99 {p99:.1f} ms (10 queries x 5)")
    for query, ts in timings.items():
        print(f"  {query!r:28} median {statistics.median(ts):6.1f} ms")


class _Probe:
    """A progress display that samples, at each quarter of the import, the resident memory
    of this process and of its largest descendant (the parsing workers); at the end, the
    CPU time of the workers (and of the database server's backend), before they exit."""

    def __init__(self, server_pid: int | None) -> None:
        self.samples: list[float] = []
        self.workers: list[float] = []
        self.workers_cpu = 0.0
        self.server_cpu = 0.0
        self._server_pid = server_pid
        self._server_start = _cpu_seconds(server_pid) if server_pid else 0.0
        self._total = 0

    def start(self, name: str, size: SourceSize) -> None:
        self._total = size.total

    def advance_to(self, position: int) -> None:
        quarter = len(self.samples) + 1
        if quarter <= 4 and position >= self._total * quarter / 4 - 1:
            pids = _descendants()
            self.samples.append(_resident_mb(os.getpid()))
            self.workers.append(max((_resident_mb(p) for p in pids), default=0.0))
            if quarter == 4:
                self.workers_cpu = sum(_cpu_seconds(p) for p in pids)
                if self._server_pid:
                    self.server_cpu = _cpu_seconds(self._server_pid) - self._server_start


def _cpu_seconds(pid: int) -> float:
    found = _stat(pid)
    return 0.0 if found is None else _seconds(found[1][11:13])  # utime + stime


def _stat(pid: int | str) -> tuple[str, list[str]] | None:
    """(command name, the fields after it) of ``/proc/PID/stat``; None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            text = stat.read()
    except OSError:
        return None
    return text[text.index("(") + 1 : text.rindex(")")], text.rsplit(")", 1)[1].split()


def _seconds(ticks: list[str]) -> float:
    return sum(map(int, ticks)) / os.sysconf("SC_CLK_TCK")


def _resident_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:  # the process ended meanwhile
        return 0.0


def _descendants(root: int | None = None) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, frontier = [], [os.getpid() if root is None else root]
    while frontier:
        children = [pid for pid, parent in parents.items() if parent in frontier]
        found.extend(children)
        frontier = children
    return found


def _series(values: list[float]) -> str:
    return " / ".join(f"{v:.0f}" for v in values)


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


@contextmanager
def _scratch_postgres(admin_url: str) -> Iterator[str]:
    name = f"bench_import_{uuid.uuid4().hex[:8]}"
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


# --- The whole-process comparison (issue 17): what a user waits for at the shell. -----

#: The bare parse a user could write: one process, ``lxml.etree.parse`` of each file.
BARE_PARSE = (
    "import os, sys\n"
    "from lxml import etree\n"
    "for folder, _, names in os.walk(sys.argv[1]):\n"
    "    for name in names:\n"
    "        if name.endswith('.xml'):\n"
    "            etree.parse(os.path.join(folder, name))\n"
)


@dataclass(frozen=True, slots=True)
class _Run:
    wall: float
    cpu: float  # getrusage(RUSAGE_CHILDREN): this command and the descendants it waited for
    tree_cpu: float  # the CPU of every process of the tree, as last seen while it ran
    peak_mb: float  # sum over the processes of each one's peak resident memory
    processes: int
    left: list[str]  # processes of the tree still alive once the command has exited
    output: str
    each: list[tuple[str, float, float]]  # (role, peak MB, CPU s) of each process, largest first


def _run_command(argv: list[str], env: dict[str, str] | None = None) -> _Run:
    """Run ``argv``, polling its process tree for memory and CPU every 20 ms."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peaks: dict[int, float] = {}
    cpus: dict[int, float] = {}
    seen: dict[int, tuple[float, str]] = {}  # pid: (start time, command line)
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(proc.stdout.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        for pid in [proc.pid, *_tree(proc.pid)]:
            sample = _sample(pid)
            if sample is None:
                continue
            rss, cpu, started, cmdline = sample
            peaks[pid] = max(peaks.get(pid, 0.0), rss)
            cpus[pid] = cpu
            seen.setdefault(pid, (started, cmdline))
        time.sleep(0.02)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    reader.join()
    left = [
        f"{pid} {cmdline[:60]}"
        for pid, (started, cmdline) in seen.items()
        if pid != proc.pid and _alive_since(pid, started)
    ]
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    each = sorted(
        ((_role(seen[pid][1], pid == proc.pid), mb, cpus[pid]) for pid, mb in peaks.items()),
        key=lambda pair: -pair[1],
    )
    return _Run(
        wall, cpu, sum(cpus.values()), sum(peaks.values()), len(seen), left, "".join(output), each
    )


def _role(cmdline: str, root: bool) -> str:
    if root:
        return "command"
    for role in ("resource_tracker", "forkserver"):
        if role in cmdline:
            return role if "forkserver import main" not in cmdline else "forkserver/worker"
    return "child"


def _tree(root: int) -> list[int]:
    if psutil is not None:
        try:
            return [p.pid for p in psutil.Process(root).children(recursive=True)]
        except psutil.Error:
            return []
    return _descendants(root)


def _sample(pid: int) -> tuple[float, float, float, str] | None:
    """(resident MB, CPU seconds, start time, command line) of ``pid``, None if it is gone."""
    found = _stat(pid)
    try:
        with open(f"/proc/{pid}/cmdline") as cmdline:
            command = cmdline.read().replace("\0", " ").strip()
    except OSError:
        return None
    if found is None or found[1][0] == "Z":  # gone, or exited and not yet reaped
        return None
    fields = found[1]
    rss = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    return rss, _seconds(fields[11:13]), _seconds(fields[19:20]), command


def _alive_since(pid: int, started: float) -> bool:
    sample = _sample(pid)
    return sample is not None and sample[2] == started


def _median_run(runs: list[_Run]) -> _Run:
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def _whole_process(label: str, folder: Path, url_for: Callable[[int], str], pairs: int) -> None:
    """``tracker import FOLDER`` against the bare parse, alternating, ``pairs`` times."""
    tracker = str(Path(sys.executable).with_name("tracker"))
    bare_argv = [sys.executable, "-c", BARE_PARSE, str(folder)]
    print(f"== whole process, {label}: `tracker import {folder}` vs a bare parse, {pairs} pairs")
    _compile_bytecode()
    bares: list[_Run] = []
    imports: list[_Run] = []
    again: list[_Run] = []
    servers: dict[str, list[float]] = {"import": [], "re-import (unchanged)": []}
    for n in range(pairs):
        env = {**os.environ, "TRACKER_DATABASE_URL": url_for(n)}
        migrate.upgrade(make_engine(url_for(n)))  # not timed: `tracker db upgrade`
        bares.append(_run_command(bare_argv))
        with _server_cpu(servers["import"]):
            imports.append(_run_command([tracker, "import", str(folder), "--json"], env))
        bares.append(_run_command(bare_argv))
        with _server_cpu(servers["re-import (unchanged)"]):
            again.append(_run_command([tracker, "import", str(folder), "--json"], env))
        ratio = imports[-1].wall / bares[-2].wall
        print(
            f"  pair {n + 1}: bare {bares[-2].wall:5.2f} s, import {imports[-1].wall:5.2f} s "
            f"({ratio:.2f}x); bare {bares[-1].wall:5.2f} s, re-import {again[-1].wall:5.2f} s "
            f"({again[-1].wall / bares[-1].wall:.2f}x)",
            flush=True,
        )
    _whole_summary("import", imports, bares[0::2], servers["import"])
    _whole_summary("re-import (unchanged)", again, bares[1::2], servers["re-import (unchanged)"])
    report = json.loads(again[-1].output[again[-1].output.index("{") :])
    written = report["new"] + report["updated"] + report["tracked_changed"]
    print(f"  re-import: {report['unchanged']:,} unchanged, {written} written (must be 0)")


def _compile_bytecode() -> None:
    """Compile the project's modules once, as installing a package does: a checkout run
    with PYTHONDONTWRITEBYTECODE set (as here) would otherwise compile some 200 modules
    at every start, a quarter of a second no installed ``tracker`` pays."""
    packages = [str(REPO / name) for name in ("tracker", "scrapers", "db")]
    subprocess.run([sys.executable, "-m", "compileall", "-q", *packages], check=True)


@contextmanager
def _server_cpu(spent: list[float]) -> Iterator[None]:
    """Append the CPU that this machine's PostgreSQL processes used while inside (0 for
    SQLite): the backend, and the WAL writer and checkpointer that a load keeps busy."""
    before = _postgres_cpu()
    yield
    spent.append(_postgres_cpu() - before)


def _postgres_cpu() -> float:
    total = 0.0
    for entry in Path("/proc").iterdir():
        found = _stat(entry.name) if entry.name.isdigit() else None
        if found is not None and found[0] == "postgres":
            total += _seconds(found[1][11:15])  # its own CPU, and its reaped backends'
    return total


def _whole_summary(what: str, runs: list[_Run], bares: list[_Run], server: list[float]) -> None:
    ratios = [r.wall / b.wall for r, b in zip(runs, bares, strict=True)]
    cpu_ratios = [r.tree_cpu / b.cpu for r, b in zip(runs, bares, strict=True)]
    run, bare = _median_run(runs), _median_run(bares)
    # The floor: every process's CPU (the database server's too) spread over the cores
    # with none ever idle. Wall time above it is a core waiting: start-up, the last
    # batch, the exit, or a worker starved of work.
    cores = os.cpu_count() or 1
    floors = [(r.tree_cpu + s) / cores for r, s in zip(runs, server, strict=True)]
    floor_ratios = [f / b.wall for f, b in zip(floors, bares, strict=True)]
    left = sorted({p for r in runs for p in r.left})
    print(
        f"  {what}: median {run.wall:.2f} s vs bare {bare.wall:.2f} s; "
        f"median ratio {statistics.median(ratios):.2f}x wall, "
        f"{statistics.median(cpu_ratios):.2f}x CPU ({run.tree_cpu:.1f} s all processes, "
        f"{run.cpu:.1f} s RUSAGE_CHILDREN, vs {bare.cpu:.1f} s)"
    )
    print(
        f"    peak memory summed over {run.processes} processes: "
        f"{max(r.peak_mb for r in runs):.0f} MB (bare parse {bare.peak_mb:.0f} MB); "
        f"left running after exit: {', '.join(left) or 'none'}"
    )
    print(
        "    per process (peak MB, CPU s): "
        + ", ".join(f"{role} {mb:.0f} MB {cpu:.1f} s" for role, mb, cpu in run.each)
    )
    on_server = f" + {statistics.median(server):.1f} s database server" if any(server) else ""
    print(
        f"    floor on {cores} cores (all the CPU, no core idle): median "
        f"{statistics.median(floors):.2f} s = {statistics.median(floor_ratios):.2f}x the bare "
        f"parse ({run.tree_cpu:.1f} s command and workers{on_server}); a core idle for "
        f"{statistics.median([r.wall - f for r, f in zip(runs, floors, strict=True)]):.2f} s"
    )


def _whole_processes(args: argparse.Namespace) -> None:
    folder = args.folder
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
            _whole_process(
                "SQLite",
                folder,
                lambda n: f"sqlite:///{Path(scratch) / f'tracker{n}.db'}",
                args.pairs,
            )
    pg_admin = None if args.no_postgres else _pg_admin(args)
    if pg_admin:
        try:
            with _scratch_postgres(pg_admin) as first, ExitStack() as more:
                urls = [first] + [
                    more.enter_context(_scratch_postgres(pg_admin)) for _ in range(args.pairs - 1)
                ]
                _whole_process("PostgreSQL", folder, urls.__getitem__, args.pairs)
        except Exception as exc:  # a benchmark without a server still reports SQLite
            print(f"PostgreSQL skipped: {type(exc).__name__}: {exc}")


def _pg_admin(args: argparse.Namespace) -> str:
    return str(args.postgres or os.environ.get("TRACKER_TEST_POSTGRES_URL") or DEFAULT_PG)


if __name__ == "__main__":
    raise SystemExit(main())
