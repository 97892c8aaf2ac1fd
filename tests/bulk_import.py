"""Helpers for the bulk-import tests: run an import, read back what it stored."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from db.engine import make_engine, make_session_factory
from db.models import (
    Bill,
    BillAction,
    BillEvent,
    CommitteeReferral,
    Cosponsor,
    Notification,
    TextVersion,
)
from tests.db_rows import T0, MutableClock
from tracker.bulk import (
    ImportContext,
    ImportProgress,
    ImportReport,
    PrepareOptions,
    import_path,
)

BASE_URL = "https://www.govinfo.gov"
CHILDREN = (BillAction, Cosponsor, CommitteeReferral, TextVersion)
#: Bill columns that are not content (ids, clocks).
NOT_CONTENT = {"id", "created_at", "updated_at", "last_changed_at"}


class Importer:
    """One database, and imports into it as ``tracker import`` runs them."""

    def __init__(self, url: str) -> None:
        self.engine: Engine = make_engine(url)
        self.sessions: sessionmaker[Session] = make_session_factory(self.engine)
        self.clock = MutableClock(T0)

    def run(
        self,
        path: Path,
        *,
        jobs: int = 1,
        chunk_size: int = 40,
        batch_size: int = 500,
        congress: str | None = None,
        bill_types: frozenset[str] | None = None,
        progress: ImportProgress | None = None,
    ) -> ImportReport:
        options = PrepareOptions(base_url=BASE_URL, congress=congress, bill_types=bill_types)
        ctx = ImportContext(
            sessions=self.sessions,
            options=options,
            clock=self.clock,
            jobs=jobs,
            chunk_size=chunk_size,
            batch_size=batch_size,
        )
        report = ImportReport()
        import_path(ctx, path, report, progress)
        return report

    def count(self, model: type[Any], *where: Any) -> int:
        with self.sessions.begin() as session:
            return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    def bill(self, key: str) -> Bill:
        with self.sessions.begin() as session:
            return session.scalars(select(Bill).where(Bill.key == key)).one()

    def events_and_alerts(self) -> tuple[int, int]:
        return self.count(BillEvent), self.count(Notification)

    @contextmanager
    def counting_writes(self) -> Iterator[list[str]]:
        """The INSERT/UPDATE/DELETE statements that changed at least one row meanwhile."""
        writes: list[str] = []

        def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            verb = statement.lstrip().split(None, 1)[0].upper()
            if verb in {"INSERT", "UPDATE", "DELETE"} and cursor.rowcount:
                writes.append(statement)

        event.listen(self.engine, "after_cursor_execute", record)
        try:
            yield writes
        finally:
            event.remove(self.engine, "after_cursor_execute", record)

    def close(self) -> None:
        self.engine.dispose()


def bill_rows(session: Session, bill: Bill) -> dict[str, Any]:
    """Everything stored for ``bill`` (its columns, child rows, search text), comparable."""
    columns = {
        c.name: getattr(bill, c.key) for c in Bill.__table__.columns if c.name not in NOT_CONTENT
    }
    children = {}
    for model in CHILDREN:
        table = model.__table__
        rows = session.execute(select(table).where(table.c.bill_id == bill.id)).mappings()
        children[model.__name__] = sorted(
            tuple(sorted((k, str(v)) for k, v in r.items() if k != "id")) for r in rows
        )
    return {"columns": columns, "children": children}


def copy_real_files(test_data: Path, folder: Path) -> Path:
    shutil.copytree(test_data / "billstatus", folder, ignore=shutil.ignore_patterns("docs"))
    return folder
