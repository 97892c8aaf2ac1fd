"""GovInfo BILLSTATUS: the official bulk bill-status XML published by GPO.

This package owns the BILLSTATUS source. ``parse`` turns one document into a
``BillSnapshot``; fetching and listing live beside it. Only the public surface is
exported here. ``GovInfoBillStatus`` (and the HTTP client under it) is imported on
first use: a bulk import's worker processes parse only, and are smaller without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapers.sources.govinfo.parse import SOURCE, looks_like_billstatus, parse_billstatus

if TYPE_CHECKING:
    from scrapers.sources.govinfo.source import GovInfoBillStatus as GovInfoBillStatus

__all__ = ["SOURCE", "GovInfoBillStatus", "looks_like_billstatus", "parse_billstatus"]


def __getattr__(name: str) -> Any:
    if name == "GovInfoBillStatus":
        from scrapers.sources.govinfo.source import GovInfoBillStatus

        return GovInfoBillStatus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
