"""GovInfo BILLSTATUS: the official bulk bill-status XML published by GPO.

This package owns the BILLSTATUS source. ``parse`` turns one document into a
``BillSnapshot``; fetching and listing live beside it. Only the public surface is
exported here.
"""

from __future__ import annotations

from scrapers.sources.govinfo.parse import SOURCE, looks_like_billstatus, parse_billstatus
from scrapers.sources.govinfo.source import GovInfoBillStatus

__all__ = ["SOURCE", "GovInfoBillStatus", "looks_like_billstatus", "parse_billstatus"]
