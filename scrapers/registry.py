"""Every source the tracker can read, by name.

A plain dict, as Open States keeps its scrapers: adding a source is adding
one line here. ``tracker`` builds instances from settings (base URLs, keys).
"""

from __future__ import annotations

from typing import Any

from scrapers.sources.congress_gov import CongressGovApi
from scrapers.sources.govinfo.source import GovInfoBillStatus
from scrapers.sources.openstates import OpenStatesApi
from scrapers.sources.pages import shipped_page_sources
from scrapers.sources.uk_parliament import UkParliamentBills

# type[Any]: the sources share the ``Source`` protocol, not a base class.
SOURCES: dict[str, type[Any]] = {
    GovInfoBillStatus.name: GovInfoBillStatus,
    CongressGovApi.name: CongressGovApi,
    UkParliamentBills.name: UkParliamentBills,
    # State legislatures (Open States API v3).
    OpenStatesApi.name: OpenStatesApi,
}

# Bill pages read with the shipped definition files (scrapers/sources/pages/definitions/):
# one source per definition, named after it ("mo-senate"). An operator's own
# definitions (setting page_definitions_dir) are added by tracker.checking.sources.
SOURCES.update(shipped_page_sources())


def source_for_document(content: bytes) -> str | None:
    """The name of the source whose parser recognises this saved document, if any."""
    for name, cls in SOURCES.items():
        if cls.recognises(content):
            return name
    return None
