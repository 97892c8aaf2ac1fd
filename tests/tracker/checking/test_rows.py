"""The row builders name real columns (they import no SQLAlchemy: see
tests/tracker/bulk/test_bulk_processes.py for the workers that use them)."""

from __future__ import annotations

from db.base import Base
from db.models import Bill
from tracker.checking.rows import BILL_COLUMNS, CHILD_TABLES


def test_child_tables_are_the_models_tables():
    for child in CHILD_TABLES:
        table = Base.metadata.tables[child.name]
        names = set(table.c.keys())
        assert set(child.columns) <= names, child.name
        assert "bill_id" in names and "bill_id" not in child.columns
        # Every column without a default is filled: a raw INSERT (bulk import) sets no
        # defaults, so a missing one would be NULL or refused.
        required = {
            c.name
            for c in table.c
            if not c.nullable and c.default is None and not c.primary_key and c.name != "bill_id"
        }
        assert required <= set(child.columns), (child.name, required - set(child.columns))


def test_bill_columns_are_bill_columns():
    assert set(BILL_COLUMNS) <= set(Bill.__table__.c.keys())
