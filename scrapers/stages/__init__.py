"""Stages: the shared ladder (``ladder``) and one rules package per legislature.

``scrapers.stages.federal`` turns Congress's actions into a stage. A new
legislature adds a sibling package with its own rules table, mapping onto the
same ``Stage`` values. Nothing here fetches or parses documents, and nothing
here knows the database or ``tracker``.
"""

from __future__ import annotations
