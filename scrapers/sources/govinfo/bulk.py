"""GovInfo's bulk BILLSTATUS archives: one ZIP per Congress and bill type.

GPO publishes, beside each bill's XML, a ZIP of every BILLSTATUS file of one
Congress and bill type at
``{base}/bulkdata/BILLSTATUS/{congress}/{type}/BILLSTATUS-{congress}-{type}.zip``
(e.g. ``.../BILLSTATUS/115/hr/BILLSTATUS-115-hr.zip``; GPO's answer in
usgpo/api issue 161 describes these per-folder ZIPs for the bulk collections).
The ZIP holds the same files as the folder, named ``BILLSTATUS-115hr4030.xml``.

Downloads go through ``PoliteClient``; the bytes are written to a file so the
archive is then read member by member (``scrapers.archives``). Never imports
``db``, ``tracker`` or ``jobs``, and imports the HTTP client (``requests``) only
with a download: ``tracker import PATH`` reads ``BILL_TYPES`` and ``name_filter``
here before it starts its workers, and a folder needs no HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from scrapers.archives import NameFilter
from scrapers.errors import TransientFetchError

if TYPE_CHECKING:  # requests and the client load with a download, not with BILL_TYPES
    from scrapers.http import PoliteClient

__all__ = ["BILL_TYPES", "bulk_zip_url", "download_bulk_zip", "name_filter"]

#: The bill types GPO files BILLSTATUS under, bills first.
BILL_TYPES = ("hr", "s", "hjres", "sjres", "hconres", "sconres", "hres", "sres")
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP = b"PK\x05\x06"  # a ZIP with no members (a type with no bills yet)
_FILE_NAME = re.compile(r"BILLSTATUS-(\d+)([a-z]+?)(\d+)\.xml$")


def bulk_zip_url(base_url: str, congress: int | str, bill_type: str) -> str:
    c, t = congress, bill_type
    return f"{base_url.rstrip('/')}/bulkdata/BILLSTATUS/{c}/{t}/BILLSTATUS-{c}-{t}.zip"


def download_bulk_zip(client: PoliteClient, url: str, destination: Path) -> int:
    """Fetch the ZIP at ``url`` into ``destination``; returns its size in bytes.

    Raises ``NotFound`` (no such Congress or type), ``TransientFetchError`` (GovInfo
    answered with a page instead of a ZIP: try later) or another ``FetchError``.
    """
    response = client.get(url)
    content = response.content
    if not content.startswith((_ZIP_MAGIC, _EMPTY_ZIP)):
        from scrapers.http import looks_like_html  # loaded already: the client is

        what = "an HTML page" if looks_like_html(content, None) else "something else"
        raise TransientFetchError(f"expected a ZIP, got {what}: {response.url}", url=response.url)
    destination.write_bytes(content)
    return len(content)


def name_filter(
    *, congress: int | str | None = None, bill_types: Collection[str] | None = None
) -> NameFilter | None:
    """Skip members whose file name says they are another Congress or type.

    Names that do not follow GPO's pattern are read (the parsed bill decides).
    """
    if congress is None and not bill_types:
        return None
    wanted_types = frozenset(bill_types or ())

    def wanted(name: str) -> bool:
        match = _FILE_NAME.search(name)
        if match is None:
            return True
        if congress is not None and match.group(1) != str(congress):
            return False
        return not wanted_types or match.group(2) in wanted_types

    return wanted
