"""A bulk import leaves no process behind, and what it stores is what it stored before
the speed work (issue 17): the same fingerprints, the same snapshot JSON, the same rows."""

from __future__ import annotations

import hashlib
import json
import os
import signal
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import Bill
from scrapers.sources.govinfo import parse_billstatus
from tests import worker_probe
from tests.bulk_archives import real_files
from tests.bulk_import import Importer
from tracker.bulk.pipeline import _worker_pool
from tracker.bulk.prepare import WORKER_NICENESS, PrepareOptions, as_rows, document_url
from tracker.checking.fingerprint import snapshot_fingerprint
from tracker.checking.rows import CHILD_TABLES, same_day
from tracker.vocab.serialize import snapshot_to_dict


@pytest.fixture
def importer(migrated_url):
    imp = Importer(migrated_url)
    yield imp
    imp.close()


def _descendants() -> set[int]:
    """Live processes below this one (zombies excluded: they are gone, not reaped yet)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    state, parent = stat.read().rsplit(")", 1)[1].split()[:2]
            except OSError:
                continue
            if state != "Z":
                parents[int(entry)] = int(parent)
    found: set[int] = set()
    frontier = {os.getpid()}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


class _Progress:
    """Runs ``action`` at the third chunk, with the import's processes running."""

    def __init__(self, action: Any) -> None:
        self.action, self.calls, self.seen = action, 0, set()

    def start(self, name: Any, size: Any) -> None:
        pass

    def advance_to(self, position: int) -> None:
        self.calls += 1
        if self.calls == 3:
            self.seen = _descendants()
            self.action(self.seen)


@needs_proc
def test_no_process_is_left_after_an_import_with_workers(importer, test_data):
    before = _descendants()
    progress = _Progress(lambda seen: None)
    importer.run(test_data / "billstatus", jobs=2, chunk_size=3, progress=progress)
    assert progress.seen - before, "the import ran no worker process"
    assert _descendants() - before == set()


def _kill_a_worker(seen: set[int]) -> None:
    # The workers are the fork server's children: the processes below a child of ours.
    workers = [pid for pid in seen if _parent(pid) != os.getpid()]
    assert workers
    os.kill(workers[0], signal.SIGKILL)


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def _interrupt(seen: set[int]) -> None:
    raise KeyboardInterrupt


@needs_proc
@pytest.mark.parametrize(
    ("action", "error"),
    [(_kill_a_worker, Exception), (_interrupt, KeyboardInterrupt)],
    ids=["a worker dies", "Ctrl-C"],
)
def test_no_process_is_left_after_a_failed_import(importer, test_data, action, error):
    before = _descendants()
    progress = _Progress(action)
    with pytest.raises(error):
        importer.run(test_data / "billstatus", jobs=2, chunk_size=2, progress=progress)
    assert progress.seen - before
    assert _descendants() - before == set()
    # The next import starts its own pool and completes.
    report = importer.run(test_data / "billstatus", jobs=2, chunk_size=3)
    assert report.failures == [] and report.new + report.unchanged > 0


@needs_proc
def test_the_workers_parse_while_the_command_loads_the_database_layer(
    run_cli, migrated_url, test_data, monkeypatch
):
    """``tracker import`` starts its workers first: loading SQLAlchemy, the models and the
    migration check took most of a second, which the workers spent waiting before."""
    from tracker.core import app as app_module

    real = app_module.App.from_settings.__func__  # type: ignore[attr-defined]
    seen: dict[str, set[int]] = {}

    def from_settings(cls: Any, settings: Any, **kwargs: Any) -> Any:
        seen["processes"] = _descendants()
        return real(cls, settings, **kwargs)

    monkeypatch.setattr(app_module.App, "from_settings", classmethod(from_settings))
    before = _descendants()
    env = {"TRACKER_DATABASE_URL": migrated_url}
    r = run_cli("import", str(test_data / "billstatus"), "--jobs", "2", env=env)
    assert r.exit_code == 0, r.stderr
    assert seen["processes"] - before, "no worker was running when the database layer loaded"
    assert _descendants() - before == set()


def test_a_database_not_set_up_stops_the_started_workers(run_cli, tmp_path, test_data):
    before = _descendants()
    env = {"TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'empty.db'}"}
    r = run_cli("import", str(test_data / "billstatus"), "--jobs", "2", env=env)
    assert r.exit_code != 0
    assert "not set up: run `tracker init`" in r.stderr
    assert "Traceback" not in r.stderr
    assert _descendants() - before == set()


# --- the same stored data as before -----------------------------------------------------


def _fingerprint_as_before(snapshot: Any) -> str:
    """The fingerprint as ``json`` made it before orjson (the recipe, spelled out again)."""
    encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    content = snapshot_to_dict(snapshot)
    left_out = ("schema", "updated_at", "source_url", "latest_action", "became_law")
    kept = {k: v for k, v in content.items() if k not in left_out}

    def as_set(items: list[Any]) -> list[str]:
        return sorted({encoder.encode(item) for item in items})

    kept["actions"] = sorted({(a["date"], encoder.encode(a)) for a in content["actions"]})
    kept["committees"] = [{**c, "activities": as_set(c["activities"])} for c in kept["committees"]]
    for key in ("cosponsors", "committees", "text_versions", "laws", "subjects", "scheduled"):
        kept[key] = as_set(kept[key])
    text = f"fingerprint-v1\n{encoder.encode(kept)}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_fingerprints_are_those_of_earlier_versions(test_data):
    """A database filled before the change sees no bill as changed after it."""
    files = real_files(test_data)
    assert files
    for path in files:
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        assert snapshot_fingerprint(snapshot) == _fingerprint_as_before(snapshot), path.name


def test_non_ascii_and_control_characters_hash_as_before(test_data):
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
    odd = "Résumé “quoted” \\ back\tslash\u2028 \x7f é 中文 \U0001f600"
    content = path.read_bytes().replace(b"Title IX Protection Act", odd.encode())
    assert odd.encode() in content
    snapshot = parse_billstatus(content, where=path.name)
    assert odd in snapshot.title
    assert snapshot_fingerprint(snapshot) == _fingerprint_as_before(snapshot)


def test_workers_carry_neither_sqlalchemy_nor_the_writer():
    """A worker imports the parser and the row builders only: with the writer it was
    0.8 s slower to start and 50 MB larger (an initializer defined beside the writer
    brought it all in)."""
    with _worker_pool(2) as pool:
        probe = pool.submit(
            worker_probe.modules_loaded, ("sqlalchemy", "alembic", "tracker.bulk.write")
        )
        assert probe.result() == []


def test_workers_run_behind_the_writer():
    with _worker_pool(2) as pool:
        assert pool.submit(worker_probe.niceness).result() == os.nice(0) + WORKER_NICENESS


def test_prepared_rows_are_the_row_builders_rows_with_iso_dates(test_data):
    """The tuples a worker sends are what a check stores, dates as ISO text."""
    options = PrepareOptions(base_url="https://www.govinfo.gov")
    checked = [0] * len(CHILD_TABLES)
    for path in real_files(test_data):
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        prepared = as_rows(path.name, snapshot, source_url=document_url(options.base_url, snapshot))
        assert json.loads(prepared.snapshot_json) == {
            **snapshot_to_dict(snapshot),
            "source_url": document_url(options.base_url, snapshot),
        }
        for n, table in enumerate(CHILD_TABLES):
            expected = table.build(snapshot, same_day)
            assert all(len(row) == len(table.columns) for row in expected)
            as_text = [tuple(_plain(value) for value in row) for row in expected]
            assert prepared.children[n] == as_text, (path.name, table.name)
            checked[n] += len(expected)
    assert all(checked), checked  # every table had rows in the real files


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def test_stored_snapshot_is_the_snapshot_as_json(importer, test_data):
    importer.run(test_data / "billstatus")
    with importer.sessions.begin() as session:
        stored = dict(session.execute(select(Bill.key, Bill.snapshot)).all())
    path = test_data / "billstatus" / "govinfo-115" / "BILLSTATUS-115hr4030.xml"
    snapshot = parse_billstatus(path.read_bytes(), where=path.name)
    expected = snapshot_to_dict(snapshot) | {
        "source_url": document_url("https://www.govinfo.gov", snapshot)
    }
    assert stored["hr4030-115"] == expected


def test_a_folder_imported_again_by_workers_writes_nothing(importer, test_data):
    first = importer.run(test_data / "billstatus", jobs=2, chunk_size=3, batch_size=10)
    assert first.new == 37
    with importer.counting_writes() as writes:
        again = importer.run(test_data / "billstatus", jobs=2, chunk_size=3, batch_size=10)
    assert writes == []
    assert (again.new, again.updated, again.unchanged) == (0, 0, 38)
