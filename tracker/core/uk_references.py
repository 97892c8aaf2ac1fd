"""Reading a UK Parliament bill reference: its key, a bills.parliament.uk address, ``uk bill N``.

The key (``uk-35-bill2818``) is read offline. An address names only the bill
id; the session in the key comes from the Bills API's record of the bill, so
reading one costs a request (with a client made here from settings: the
resolver runs before any check context exists).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapers.errors import SourceError
from scrapers.http import PoliteClient, default_user_agent
from scrapers.sources.uk_parliament import UkParliamentBills, bill_id_in, parse_key
from tracker.core.errors import UnknownReference
from tracker.core.settings import Settings

if TYPE_CHECKING:
    from tracker.core.references import ResolvedRef


def resolve_uk_reference(text: str, settings: Settings) -> ResolvedRef | None:
    """The UK bill ``text`` names with source ``uk_parliament``; None when it is not UK."""
    from tracker.core.references import ResolvedRef  # the module that lists this resolver

    ref = parse_key(text)
    if ref is not None:
        return ResolvedRef(ref=ref, source=UkParliamentBills.name)
    bill_id = bill_id_in(text)
    if bill_id is None:
        return None
    client = PoliteClient(
        user_agent=default_user_agent(settings.contact),
        min_interval=settings.min_request_interval,
        timeout=settings.http_timeout,
        max_retries=settings.http_max_retries,
    )
    try:
        with client:
            ref = UkParliamentBills(client, base_url=settings.uk_bills_base_url).lookup_ref(bill_id)
    except SourceError as exc:
        raise UnknownReference(
            f"UK bill {bill_id}: could not read its session from the Bills API ({exc}); "
            f"try again, or give its key uk-SESSION-bill{bill_id}"
        ) from None
    return ResolvedRef(ref=ref, source=UkParliamentBills.name)
