"""The real congress-legislators data, parsed once per run (parsing 1 MB of YAML is slow)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from scrapers.legislators import LegislatorsData, parse_files, read_folder


@cache
def parsed(folder: Path) -> LegislatorsData:
    """``folder`` is ``legislators/current`` or ``legislators/snapshot-2017-09-28``."""
    return parse_files(read_folder(folder))
