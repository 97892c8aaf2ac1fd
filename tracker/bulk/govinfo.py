"""Importing a whole Congress straight from GovInfo's bulk BILLSTATUS ZIPs.

One ZIP per bill type (``scrapers.sources.govinfo.bulk``), fetched politely
through ``PoliteClient`` into a temporary folder and imported like any archive
on disk, then deleted. A type that cannot be had (404, GovInfo down) is named
in the report and the other types go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from tempfile import TemporaryDirectory

from scrapers.errors import FetchError
from scrapers.http import PoliteClient, default_user_agent
from scrapers.sources.govinfo.bulk import bulk_zip_url, download_bulk_zip
from tracker.bulk.report import Failure, ImportProgress, ImportReport
from tracker.bulk.run import ImportContext, import_path
from tracker.core.settings import Settings

#: A Congress's ZIP of House bills runs to tens of MB; the client's usual cap (50 MB,
#: meant for one bill's page) would refuse the larger ones.
BULK_MAX_BYTES = 2_000_000_000


def bulk_client(settings: Settings) -> PoliteClient:
    """The polite client of ``tracker.checking.sources.make_client``, allowed large downloads."""
    return PoliteClient(
        user_agent=default_user_agent(settings.contact),
        min_interval=settings.min_request_interval,
        timeout=settings.http_timeout,
        max_retries=settings.http_max_retries,
        max_bytes=BULK_MAX_BYTES,
    )


def import_from_govinfo(
    ctx: ImportContext,
    client: PoliteClient,
    *,
    congress: int,
    bill_types: Sequence[str],
    report: ImportReport,
    progress: ImportProgress | None = None,
) -> None:
    """Download and import the BILLSTATUS ZIP of each of ``bill_types`` for ``congress``."""
    with TemporaryDirectory(prefix="tracker-billstatus-") as folder:
        for bill_type in bill_types:
            url = bulk_zip_url(ctx.options.base_url, congress, bill_type)
            path = Path(folder) / url.rsplit("/", 1)[-1]
            try:
                download_bulk_zip(client, url, path)
            except FetchError as exc:
                report.failures.append(Failure(name=url, reason=str(exc)))
                continue
            import_path(ctx, path, report, progress)
            path.unlink()
