"""The application context built once at the edge (CLI, daemon, web) and passed down.

It holds the settings, the engine and session factory, and the clock.
Nothing else in the tracker creates engines or reads the environment.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from db import migrate
from db.engine import make_engine, make_session_factory
from tracker.core.clock import Clock, utc_now
from tracker.core.errors import DatabaseNotReady
from tracker.core.settings import Settings


@dataclass
class App:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock = field(default=utc_now)

    @classmethod
    def from_settings(cls, settings: Settings, *, clock: Clock = utc_now) -> App:
        engine = make_engine(settings.resolved_database_url)
        return cls(
            settings=settings, engine=engine, sessions=make_session_factory(engine), clock=clock
        )

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    def ensure_ready(self) -> None:
        """Refuse to work on a database that is missing or not at the migration head."""
        try:
            current = migrate.current_revision(self.engine)
        except OperationalError as exc:
            raise DatabaseNotReady(f"cannot open the database: {exc.orig}") from None
        if current is None:
            raise DatabaseNotReady(
                f"the database at {self.display_url} is not set up: run `tracker init`"
            )
        if current != migrate.head_revision():
            raise DatabaseNotReady(
                f"the database is at revision {current}, the code needs "
                f"{migrate.head_revision()}: run `tracker db upgrade`"
            )

    @property
    def display_url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()
