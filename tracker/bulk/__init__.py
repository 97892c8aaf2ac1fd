"""Bulk import of bills: a whole Congress of GovInfo BILLSTATUS, from disk or from GovInfo.

``run`` streams and batches, ``prepare`` parses (in worker processes), ``write``
stores a batch in one transaction, ``govinfo`` downloads the bulk ZIPs. Imported
bills are *known*, not tracked: nothing polls them until someone tracks them or a
followed topic picks them up.
"""

from __future__ import annotations

from tracker.bulk.govinfo import bulk_client, import_from_govinfo
from tracker.bulk.prepare import PrepareOptions
from tracker.bulk.run import (
    Failure,
    ImportContext,
    ImportProgress,
    ImportReport,
    default_jobs,
    import_documents,
    import_path,
)

__all__ = [
    "Failure",
    "ImportContext",
    "ImportProgress",
    "ImportReport",
    "PrepareOptions",
    "bulk_client",
    "default_jobs",
    "import_documents",
    "import_from_govinfo",
    "import_path",
]
