"""Run inside an import's worker processes by tests: it imports nothing itself."""

from __future__ import annotations

import os
import sys


def modules_loaded(prefixes: tuple[str, ...]) -> list[str]:
    """The modules of this process whose names start with one of ``prefixes``."""
    return sorted(name for name in sys.modules if name.startswith(prefixes))


def niceness() -> int:
    return os.nice(0)
