"""Talking to the Congress.gov API v3: the key, pagination, and the bill bundle.

Owns the HTTP side of the ``congress_gov`` source: every request carries the
API key in the ``X-Api-Key`` header (api.data.gov, which fronts the API,
accepts it there), so the key never appears in a URL that is logged or stored.
``fetch_bill`` reads a bill item and, only when its update stamp moved, the
sub-resources, and bundles them into one JSON document that ``parse`` reads.

Imports ``scrapers`` and the standard library only; never ``db``, ``tracker``
or ``jobs``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from scrapers.errors import ParseError, Refused, load_json_object
from scrapers.http import PoliteClient
from scrapers.model import BillRef
from scrapers.source import Fetched, NotModified, Validators

logger = logging.getLogger(__name__)

SOURCE = "congress_gov"
DEFAULT_BASE_URL = "https://api.congress.gov"
BUNDLE_FORMAT = "congress_gov_bundle/1"
API_KEY_HEADER = "X-Api-Key"
KEY_SETTING = "TRACKER_CONGRESS_API_KEY"
#: The API's own ceiling on ``limit`` (api.congress.gov README, "Limit and Offset").
MAX_PAGE_SIZE = 250
#: A "next" chain longer than this is a server bug, not a list we want to read.
_MAX_PAGES = 2000

JsonObject = dict[str, Any]
ItemsOf = Callable[[JsonObject, str], list[Any]]


def list_at(key: str) -> ItemsOf:
    """An items getter for pages that keep their list under ``key``."""

    def items(page: JsonObject, where: str) -> list[Any]:
        value = page.get(key)
        if not isinstance(value, list):
            raise ParseError(SOURCE, where, key, "missing" if value is None else "not a list")
        return value

    return items


def _legislative_subjects(page: JsonObject, where: str) -> list[Any]:
    subjects = page.get("subjects")
    if not isinstance(subjects, dict):
        raise ParseError(SOURCE, where, "subjects", "missing or not an object")
    # A bill with a policy area but no legislative subjects yet has no list at
    # all: the API suppresses empty elements.
    value = subjects.get("legislativeSubjects", [])
    if not isinstance(value, list):
        raise ParseError(SOURCE, where, "subjects.legislativeSubjects", "not a list")
    return value


@dataclass(frozen=True, slots=True)
class _SubResource:
    bundle_key: str  # where the items go in the bundle
    path: str  # the endpoint after /v3/bill/{congress}/{type}/{number}/
    item_key: str  # the container in the bill item that counts them
    items: ItemsOf


SUB_RESOURCES: tuple[_SubResource, ...] = (
    _SubResource("actions", "actions", "actions", list_at("actions")),
    _SubResource("cosponsors", "cosponsors", "cosponsors", list_at("cosponsors")),
    _SubResource("committees", "committees", "committees", list_at("committees")),
    _SubResource("text_versions", "text", "textVersions", list_at("textVersions")),
    _SubResource("summaries", "summaries", "summaries", list_at("summaries")),
    _SubResource("subjects", "subjects", "subjects", _legislative_subjects),
    _SubResource("titles", "titles", "titles", list_at("titles")),
)
BUNDLE_LISTS: tuple[str, ...] = tuple(sub.bundle_key for sub in SUB_RESOURCES)


class ApiCaller:
    """GETs JSON from the API with the key in a header, and walks paginated lists."""

    def __init__(
        self, client: PoliteClient, *, base_url: str, api_key: str | None, page_size: int
    ) -> None:
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}, not {page_size}")
        self._client = client
        self._base = base_url.rstrip("/")
        self._key = api_key or None
        self.page_size = page_size

    def url(self, path: str) -> str:
        return f"{self._base}{path}"

    def get_json(self, url: str, params: Mapping[str, str] | None = None) -> JsonObject:
        """One GET; the answer must be a JSON object."""
        if self._key is None:
            raise Refused(
                f"no Congress.gov API key: set {KEY_SETTING} "
                "(a free key comes from https://api.congress.gov/sign-up/)",
                url=url,
            )
        headers = {API_KEY_HEADER: self._key, "Accept": "application/json"}
        response = self._client.get(url, params=params, headers=headers)
        return load_json_object(response.content, source=SOURCE, where=response.url)

    def items(
        self, path: str, items_of: ItemsOf, params: Mapping[str, str] | None = None
    ) -> Iterator[Any]:
        """Every item of a paginated list, following ``pagination.next``."""
        base = {**(params or {}), "format": "json"}
        url, query = self.url(path), {**base, "offset": "0", "limit": str(self.page_size)}
        for _ in range(_MAX_PAGES):
            page = self.get_json(url, query)
            where = f"{url}?{urlencode(query)}"
            items = items_of(page, where)
            yield from items
            step = self._next_page(page, url, query, len(items), base)
            if step is None:
                return
            url, query = step
        raise ParseError(SOURCE, path, "pagination.next", f"more than {_MAX_PAGES} pages")

    def _next_page(
        self, page: JsonObject, url: str, query: dict[str, str], got: int, base: dict[str, str]
    ) -> tuple[str, dict[str, str]] | None:
        """The URL and query of the page after ``page``, or None at the end."""
        pagination = page.get("pagination")
        if isinstance(pagination, dict):
            # The API's own word: a "next" link, or none because this is the end.
            following = pagination.get("next")
            if isinstance(following, str) and following:
                return self._rebase(following, f"{url}?{urlencode(query)}", base)
            return None
        # No pagination at all (the committees answer has none): offset/limit
        # by hand while pages come back full.
        limit, offset = _whole_param(query, "limit"), _whole_param(query, "offset")
        if limit is None or offset is None or got < limit:
            return None
        return url, {**query, "offset": str(offset + got)}

    def _rebase(
        self, following: str, where: str, base: dict[str, str]
    ) -> tuple[str, dict[str, str]]:
        """``next`` on our own base URL, with our filters and without any key.

        The API writes absolute ``https://api.congress.gov/v3/...`` links; the
        key goes only to the base URL we were given (a mirror, a test server),
        never to whatever host a response names. Filters the link leaves out
        (``fromDateTime``, ``sort``) are put back, so page 2 lists the same thing.
        """
        parts = urlsplit(following)
        at = parts.path.find("/v3/")
        if at < 0:
            raise ParseError(SOURCE, where, "pagination.next", "not an API v3 address")
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        query.pop("api_key", None)
        return self.url(parts.path[at:]), {**base, **query}


def _whole_param(query: Mapping[str, str], key: str) -> int | None:
    value = query.get(key, "")
    return int(value) if value.isdecimal() else None


def _largest_count(pagination: Mapping[str, Any]) -> int | None:
    # Cosponsor lists count withdrawn cosponsors separately (S. 3580, 117th:
    # count 30, countIncludingWithdrawnCosponsors 31); take the largest.
    counts = [
        value
        for key in ("count", "countIncludingWithdrawnCosponsors", "total")
        if isinstance(value := pagination.get(key), int)
    ]
    return max(counts) if counts else None


def bill_path(ref: BillRef) -> str:
    return f"/v3/bill/{ref.session}/{ref.bill_type}/{ref.number}"


def change_stamp(bill: Mapping[str, Any]) -> str | None:
    """The item's update stamp: ``updateDateIncludingText`` also moves when text changes."""
    for key in ("updateDateIncludingText", "updateDate"):
        value = bill.get(key)
        if isinstance(value, str) and value:
            return value
    return None


def fetch_bill(api: ApiCaller, ref: BillRef, prior: Validators | None) -> Fetched | NotModified:
    """The bill bundle, or ``NotModified`` after one request when the stamp is unchanged."""
    item_url = api.url(bill_path(ref))
    shown_url = f"{item_url}?format=json"
    bill = api.get_json(item_url, {"format": "json"}).get("bill")
    if not isinstance(bill, dict):
        raise ParseError(SOURCE, ref.key, "bill", "missing or not an object")
    # The stamp is taken before the sub-resources are read: if the bill moves
    # while we read them, the next check sees a newer stamp and reads it again.
    validators = Validators(last_modified=change_stamp(bill))
    if _unchanged(prior, validators):
        logger.debug("%s unchanged since %s", ref.key, validators.last_modified)
        return NotModified(ref=ref, url=shown_url, validators=validators)
    bundle: JsonObject = {"format": BUNDLE_FORMAT, "bill": bill}
    for sub in SUB_RESOURCES:
        bundle[sub.bundle_key] = _read_sub_resource(api, ref, bill, sub)
    return Fetched(
        ref=ref,
        url=shown_url,
        content=json.dumps(bundle, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
        validators=validators,
    )


def _unchanged(prior: Validators | None, now: Validators) -> bool:
    return (
        prior is not None
        and now.last_modified is not None
        and prior.last_modified == now.last_modified
    )


def _read_sub_resource(
    api: ApiCaller, ref: BillRef, bill: Mapping[str, Any], sub: _SubResource
) -> list[Any]:
    # The item counts each sub-resource; an absent or zero count means there is
    # nothing to read, which saves requests from the 5,000-an-hour budget.
    container = bill.get(sub.item_key)
    if not isinstance(container, dict) or _largest_count(container) == 0:
        return []
    return list(api.items(f"{bill_path(ref)}/{sub.path}", sub.items))


def recognises(content: bytes) -> bool:
    """True for a bundle written by ``fetch_bill``."""
    if BUNDLE_FORMAT.encode() not in content:  # cheap refusal of HTML, XML, other JSON
        return False
    try:
        doc = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(doc, dict) and doc.get("format") == BUNDLE_FORMAT
