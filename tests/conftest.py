"""Fixtures shared by the whole suite.

Real documents come from one place: ``TRACKER_TEST_DATA`` (default
``../shared/data`` beside the repository). Tests that need them skip with a
reason naming the folder when it is absent, so a fresh clone elsewhere passes.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from db import migrate
from db.engine import make_engine
from tracker.cli import main as tracker_main

REPO = Path(__file__).resolve().parent.parent
_LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}


def _data_root() -> Path:
    return Path(os.environ.get("TRACKER_TEST_DATA", REPO.parent / "shared" / "data")).resolve()


def _corpus_root() -> Path:
    default = _data_root().parent / "corpus"
    return Path(os.environ.get("TRACKER_TEST_CORPUS", default)).resolve()


@pytest.fixture(scope="session")
def test_data() -> Path:
    """The folder of real public documents (see its README)."""
    root = _data_root()
    if not (root / "README.md").is_file():
        pytest.skip(f"real test documents not found at {root} (set TRACKER_TEST_DATA)")
    return root


@pytest.fixture(scope="session")
def corpus_tarball() -> Path:
    """The 115th Congress BILLSTATUS corpus (11,272 bills), for bulk tests."""
    path = _corpus_root() / "BILLSTATUS-115.tar.xz"
    if not path.is_file():
        pytest.skip(f"115th Congress corpus not found at {path} (set TRACKER_TEST_CORPUS)")
    return path


# --- databases: SQLite always, PostgreSQL when TRACKER_TEST_POSTGRES_URL is set --------

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
PG_SKIP_REASON = (
    "PostgreSQL tests need TRACKER_TEST_POSTGRES_URL "
    "(e.g. postgresql://postgres@127.0.0.1:5432/test); .ci/run sets it"
)


def _pg_admin_url() -> str | None:
    return os.environ.get("TRACKER_TEST_POSTGRES_URL") or None


@contextmanager
def _scratch_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test (or one session), dropped afterwards."""
    admin_url = _pg_admin_url()
    if admin_url is None:
        pytest.skip(PG_SKIP_REASON)
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
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


@contextmanager
def _scratch_database(backend: str, folder: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'tracker-{uuid.uuid4().hex[:8]}.db'}"
    else:
        with _scratch_postgres_database() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An EMPTY database of each backend, for migration, CLI and multi-process tests."""
    with _scratch_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def migrated_url(database_url: str) -> str:
    """A database of each backend at the migration head, committed."""
    engine = make_engine(database_url)
    migrate.upgrade(engine)
    engine.dispose()
    return database_url


@pytest.fixture(scope="session", params=BACKENDS)
def shared_engine(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    """One migrated database per backend for the whole run; tests roll back."""
    with _scratch_database(request.param, tmp_path_factory.mktemp("db")) as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        if request.param == "sqlite":
            _real_sqlite_transactions(engine)
        yield engine
        engine.dispose()


def _real_sqlite_transactions(engine: Engine) -> None:
    """Make pysqlite emit BEGIN itself, so SAVEPOINTs nest and the outer ROLLBACK undoes
    a test's commits (SQLAlchemy's documented recipe; pysqlite otherwise commits them)."""
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _explicit_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


@pytest.fixture
def session(shared_engine: Engine) -> Iterator[Session]:
    """A session whose commits become savepoints, rolled back after the test."""
    conn = shared_engine.connect()
    outer = conn.begin()
    sess = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield sess
    finally:
        sess.close()
        outer.rollback()
        conn.close()


# --- the command line, run in-process ------------------------------------------------
@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """``run_cli("track", "hr4030-115", env={...})`` runs the ``tracker`` command in-process."""
    for name in list(os.environ):
        if name.startswith("TRACKER_") and not name.startswith("TRACKER_TEST_"):
            monkeypatch.delenv(name)

    def run(*args: str, env: dict[str, str] | None = None) -> CliResult:
        for key, value in (env or {}).items():
            monkeypatch.setenv(key, value)
        capsys.readouterr()
        try:
            tracker_main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        out, err = capsys.readouterr()
        return CliResult(exit_code=code, stdout=out, stderr=err)

    return run


# --- guard: tests never reach the internet -------------------------------------------


def _is_loopback(host: Any) -> bool:
    host = str(host).strip("[]")
    return host in _LOOPBACK_HOSTS or host.startswith("127.")


_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
        raise RuntimeError(f"tests must not reach the network (tried {address!r})")
    return _real_connect(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if host is not None and not _is_loopback(host if isinstance(host, str) else host.decode()):
        raise RuntimeError(f"tests must not resolve outside hosts (tried {host!r})")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.getaddrinfo = _guarded_getaddrinfo
