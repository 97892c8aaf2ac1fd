"""Every source the tracker can read, by name.

A plain dict, as Open States keeps its scrapers: adding a source is adding
one line here. ``tracker`` builds instances from settings (base URLs, keys).
"""

from __future__ import annotations

from scrapers.sources.congress_gov import CongressGovApi
from scrapers.sources.govinfo.source import GovInfoBillStatus
from scrapers.sources.openstates import OpenStatesApi

SOURCES: dict[str, type[GovInfoBillStatus] | type[CongressGovApi] | type[OpenStatesApi]] = {
    GovInfoBillStatus.name: GovInfoBillStatus,
    CongressGovApi.name: CongressGovApi,
    # State legislatures (Open States API v3).
    OpenStatesApi.name: OpenStatesApi,
}


def source_for_document(content: bytes) -> str | None:
    """The name of the source whose parser recognises this saved document, if any."""
    for name, cls in SOURCES.items():
        if cls.recognises(content):
            return name
    return None
