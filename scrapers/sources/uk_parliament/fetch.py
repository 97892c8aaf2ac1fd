"""Talking to the UK Parliament Bills API: a bill and its stages, as one bundle.

``GET /api/v1/Bills/{id}`` gives the bill (titles, sponsors, current stage,
``lastUpdate``); ``GET /api/v1/Bills/{id}/Stages`` gives every stage with its
sittings (dates), paginated by ``Skip``/``Take``; ``GET /api/v1/Bills/{id}/Publications``
the documents published for it (the bill's texts among them). ``fetch_bill``
reads the bill and, only when its ``lastUpdate`` moved, the stages and
publications, and writes them into one JSON document that ``parse`` reads.
No key: the API is open.

Imports ``scrapers`` and the standard library only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from scrapers.errors import NotFound, ParseError, load_json_object
from scrapers.http import PoliteClient
from scrapers.model import BillRef
from scrapers.source import Fetched, NotModified, Validators

SOURCE = "uk_parliament"
DEFAULT_BASE_URL = "https://bills-api.parliament.uk"
BUNDLE_FORMAT = "uk_parliament_bundle/1"
#: Items per page asked for; the API pages stage and bill lists by Skip/Take.
PAGE_SIZE = 50
#: A list longer than this many pages is a server bug, not a list we want to read.
_MAX_PAGES = 500

JsonObject = dict[str, Any]


class BillsApi:
    """GETs JSON from the Bills API and walks its Skip/Take pages."""

    def __init__(self, client: PoliteClient, *, base_url: str, page_size: int = PAGE_SIZE):
        self._client = client
        self._base = base_url.rstrip("/")
        self.page_size = page_size

    def url(self, path: str) -> str:
        return f"{self._base}{path}"

    def get_json(self, path: str, params: Mapping[str, str] | None = None) -> JsonObject:
        response = self._client.get(
            self.url(path), params=params, headers={"Accept": "application/json"}
        )
        return load_json_object(response.content, source=SOURCE, where=response.url)

    def pages(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[list[Any]]:
        """Each page's ``items`` until ``totalResults`` are read or a page comes back short."""
        skip = 0
        for _ in range(_MAX_PAGES):
            query = {**(params or {}), "Skip": str(skip), "Take": str(self.page_size)}
            page = self.get_json(path, query)
            items = page.get("items")
            if not isinstance(items, list):
                raise ParseError(SOURCE, self.url(path), "items", "missing or not a list")
            yield items
            skip += len(items)
            total = page.get("totalResults")
            if not items or len(items) < self.page_size:
                return
            if isinstance(total, int) and skip >= total:
                return
        raise ParseError(SOURCE, self.url(path), "items", f"more than {_MAX_PAGES} pages")


def bill_path(ref: BillRef) -> str:
    return f"/api/v1/Bills/{ref.number}"


def _publications(api: BillsApi, ref: BillRef) -> list[Any]:
    try:
        answer = api.get_json(f"{bill_path(ref)}/Publications")
    except NotFound:
        return []  # a bill with nothing published yet: its texts are simply not known
    items = answer.get("publications")
    if not isinstance(items, list):
        raise ParseError(SOURCE, api.url(f"{bill_path(ref)}/Publications"), "publications")
    return items


def fetch_bill(api: BillsApi, ref: BillRef, prior: Validators | None) -> Fetched | NotModified:
    """The bill bundle, or ``NotModified`` after one request when ``lastUpdate`` held."""
    bill = api.get_json(bill_path(ref))
    stamp = bill.get("lastUpdate")
    validators = Validators(last_modified=stamp if isinstance(stamp, str) and stamp else None)
    shown_url = api.url(bill_path(ref))
    if (
        prior is not None
        and validators.last_modified is not None
        and prior.last_modified == validators.last_modified
    ):
        return NotModified(ref=ref, url=shown_url, validators=validators)
    stages = [item for page in api.pages(f"{bill_path(ref)}/Stages") for item in page]
    bundle = {
        "format": BUNDLE_FORMAT,
        "bill": bill,
        "stages": stages,
        "publications": _publications(api, ref),
    }
    return Fetched(
        ref=ref,
        url=shown_url,
        content=json.dumps(bundle, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
        validators=validators,
    )
