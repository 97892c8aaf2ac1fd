"""Alembic environment: uses the caller's connection when given one.

``db.migrate`` passes a live connection in ``config.attributes["connection"]``;
the ``alembic`` command line instead reads ``sqlalchemy.url`` from
alembic.ini or ``TRACKER_DATABASE_URL``. Batch mode keeps SQLite ALTERs working.
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from db import models  # noqa: F401  (registers the tables on Base.metadata)
from db.base import Base
from db.engine import make_engine
from db.search import include_object

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,  # the search tables are not in the models
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = os.environ.get("TRACKER_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set TRACKER_DATABASE_URL (or sqlalchemy.url in alembic.ini)")
    engine = make_engine(url)
    with engine.begin() as conn:
        _run(conn)


def run_migrations_offline() -> None:
    url = os.environ.get("TRACKER_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
