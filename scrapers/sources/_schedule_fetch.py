"""One conditional GET of a schedule document, shared by the schedule sources.

Returns ``Fetched`` (with the response's validators, to store for the next poll)
or ``NotModified``. A 200 with an HTML or empty body is the site having a bad
moment (``TransientFetchError``): try again on the next poll.
"""

from __future__ import annotations

from scrapers.errors import TransientFetchError
from scrapers.http import PoliteClient, looks_like_html
from scrapers.model import BillRef
from scrapers.source import Fetched, NotModified, Validators

#: ``NotModified`` needs a ref; schedule documents belong to no one bill.
NO_BILL = BillRef(session="0", bill_type="schedule", number=0)


def get_document(client: PoliteClient, url: str, prior: Validators | None) -> Fetched | NotModified:
    response = client.get(url, validators=prior)
    if response.status == 304:
        return NotModified(ref=NO_BILL, url=response.url, validators=response.validators)
    content_type = response.headers.get("Content-Type")
    if looks_like_html(response.content, content_type) or not response.content.strip():
        raise TransientFetchError(f"expected schedule XML, got HTML or nothing: {url}", url=url)
    return Fetched(
        ref=None,
        url=response.url,
        content=response.content,
        content_type=content_type,
        validators=response.validators,
    )
