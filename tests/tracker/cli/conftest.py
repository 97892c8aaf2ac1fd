"""CLI tests use the ``run_cli`` fixture of tests/conftest.py."""

from __future__ import annotations
