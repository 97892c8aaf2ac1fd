"""Bulk import of bills: a whole Congress of GovInfo BILLSTATUS, from disk or from GovInfo.

``run`` streams and batches, ``prepare`` parses (in worker processes), ``write``
stores a batch in one transaction, ``govinfo`` downloads the bulk ZIPs. Imported
bills are *known*, not tracked: nothing polls them until someone tracks them or a
followed topic picks them up.

The names below are imported on first use, not with the package: a worker process
imports ``tracker.bulk.prepare`` only, and should not carry the writer, the check
path and the HTTP client in its memory (a third of its size).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tracker.bulk.govinfo import bulk_client as bulk_client
    from tracker.bulk.govinfo import import_from_govinfo as import_from_govinfo
    from tracker.bulk.prepare import PrepareOptions as PrepareOptions
    from tracker.bulk.run import Failure as Failure
    from tracker.bulk.run import ImportContext as ImportContext
    from tracker.bulk.run import ImportProgress as ImportProgress
    from tracker.bulk.run import ImportReport as ImportReport
    from tracker.bulk.run import default_jobs as default_jobs
    from tracker.bulk.run import import_documents as import_documents
    from tracker.bulk.run import import_path as import_path

_HOMES = {
    "Failure": "run",
    "ImportContext": "run",
    "ImportProgress": "run",
    "ImportReport": "run",
    "PrepareOptions": "prepare",
    "bulk_client": "govinfo",
    "default_jobs": "run",
    "import_documents": "run",
    "import_from_govinfo": "govinfo",
    "import_path": "run",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
