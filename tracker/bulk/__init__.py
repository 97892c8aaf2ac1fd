"""Bulk import of bills: a whole Congress of GovInfo BILLSTATUS, from disk or from GovInfo.

``pipeline`` streams documents to worker processes, where ``prepare`` parses them;
``run`` collects what they send in batches, which ``write`` stores a transaction each;
``report`` is what the caller is told; ``govinfo`` downloads the bulk ZIPs. Imported
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
    from tracker.bulk.pipeline import default_jobs as default_jobs
    from tracker.bulk.pipeline import start_import as start_import
    from tracker.bulk.prepare import PrepareOptions as PrepareOptions
    from tracker.bulk.report import Failure as Failure
    from tracker.bulk.report import ImportProgress as ImportProgress
    from tracker.bulk.report import ImportReport as ImportReport
    from tracker.bulk.run import ImportContext as ImportContext
    from tracker.bulk.run import import_documents as import_documents
    from tracker.bulk.run import import_path as import_path
    from tracker.bulk.run import write_parsed as write_parsed

_HOMES = {
    "Failure": "report",
    "ImportContext": "run",
    "ImportProgress": "report",
    "ImportReport": "report",
    "PrepareOptions": "prepare",
    "bulk_client": "govinfo",
    "default_jobs": "pipeline",
    "import_documents": "run",
    "import_from_govinfo": "govinfo",
    "import_path": "run",
    "start_import": "pipeline",
    "write_parsed": "run",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
