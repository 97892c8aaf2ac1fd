"""Migrations: empty -> head -> base -> head; models agree with migrations; both databases."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import inspect

from db import migrate
from db.base import Base
from db.engine import make_engine
from tests.conftest import REPO


def test_upgrade_downgrade_upgrade_and_no_model_difference(database_url):
    engine = make_engine(database_url)
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.is_at_head(engine)
        assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
        assert migrate.schema_differences(engine) == []

        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

        migrate.upgrade(engine)
        assert migrate.is_at_head(engine)
        assert migrate.schema_differences(engine) == []
    finally:
        engine.dispose()


def test_alembic_command_line_uses_tracker_database_url(database_url):
    """Operators may run `alembic upgrade head` from the repository; it must agree with us."""
    env = {**os.environ, "TRACKER_DATABASE_URL": database_url}
    for args in (["upgrade", "head"], ["check"]):
        done = subprocess.run(
            [sys.executable, "-m", "alembic", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    engine = make_engine(database_url)
    assert migrate.is_at_head(engine)
    engine.dispose()
