"""Reading federal bill references the way people paste them.

Accepted (case and spacing are forgiving):

- canonical ids: ``hr4030-115``, ``hjres64-111``, ``sres44-115``
- citations: ``H.R. 4030 (115th Congress)``, ``S. 1234 118``, ``H.J.Res. 64, 111th``
- Congress.gov bill pages, any tab, with or without a query string:
  ``https://www.congress.gov/bill/115th-congress/house-bill/4030/all-actions?q=x``
- GovInfo BILLSTATUS addresses: ``.../BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml``,
  ``https://www.govinfo.gov/app/details/BILLSTATUS-115hr4030``
- Congress.gov API addresses: ``https://api.congress.gov/v3/bill/117/hr/21``
"""

from __future__ import annotations

import re
from typing import Protocol
from urllib.parse import urlsplit

from scrapers.model import BillRef

#: Bill types in the order the canonical ids spell them.
FEDERAL_BILL_TYPES: tuple[str, ...] = (
    "hr",
    "s",
    "hres",
    "sres",
    "hjres",
    "sjres",
    "hconres",
    "sconres",
)

#: Congress.gov's URL slug for each bill type.
CONGRESS_GOV_SLUGS: dict[str, str] = {
    "house-bill": "hr",
    "senate-bill": "s",
    "house-resolution": "hres",
    "senate-resolution": "sres",
    "house-joint-resolution": "hjres",
    "senate-joint-resolution": "sjres",
    "house-concurrent-resolution": "hconres",
    "senate-concurrent-resolution": "sconres",
}
SLUG_FOR_TYPE: dict[str, str] = {v: k for k, v in CONGRESS_GOV_SLUGS.items()}

#: How each type is cited in print ("H.R. 4030").
CITATION_PREFIX: dict[str, str] = {
    "hr": "H.R.",
    "s": "S.",
    "hres": "H.Res.",
    "sres": "S.Res.",
    "hjres": "H.J.Res.",
    "sjres": "S.J.Res.",
    "hconres": "H.Con.Res.",
    "sconres": "S.Con.Res.",
}

#: Resolution types: they never go to the President (simple and concurrent).
NON_PRESENTED_TYPES = frozenset({"hres", "sres", "hconres", "sconres"})

ACCEPTED_FORMS = (
    "hr4030-115",
    "H.R. 4030 (115th Congress)",
    "S. 1234 118",
    "hjres64-111",
    "https://www.congress.gov/bill/115th-congress/house-bill/4030",
)

_FIRST_CONGRESS_WITH_DATA = 93  # Congress.gov has bill status from the 93rd (1973)
_TYPE_ALTERNATION = "|".join(sorted(FEDERAL_BILL_TYPES, key=len, reverse=True))
_CANONICAL = re.compile(rf"^({_TYPE_ALTERNATION})(\d{{1,5}})-(\d{{1,3}})$")
_BILLSTATUS_NAME = re.compile(rf"BILLSTATUS-(\d{{1,3}})({_TYPE_ALTERNATION})(\d{{1,5}})", re.I)
_CITATION = re.compile(
    r"^(?P<type>[hs][a-z. ]*?)\s*(?P<number>\d{1,5})"
    r"(?:\s+|\s*[,(\-]\s*)(?P<congress>\d{1,3})(?:st|nd|rd|th)?(?:\s+congress)?\s*\)?$",
    re.I,
)
_CONGRESS_GOV_PATH = re.compile(r"^/bill/(\d{1,3})(?:st|nd|rd|th)-congress/([a-z-]+)/(\d{1,5})")
_API_PATH = re.compile(rf"^/v3/bill/(\d{{1,3}})/({_TYPE_ALTERNATION})/(\d{{1,5}})", re.I)


def federal_ref(bill_type: str, number: int | str, congress: int | str) -> BillRef | None:
    """A checked federal ``BillRef``, or None if the parts cannot name a bill."""
    bill_type = bill_type.lower()
    n, c = int(number), int(congress)
    if bill_type not in FEDERAL_BILL_TYPES or n < 1 or not _FIRST_CONGRESS_WITH_DATA <= c <= 200:
        return None
    return BillRef(jurisdiction="us", session=str(c), bill_type=bill_type, number=n)


def parse_federal_ref(text: str) -> BillRef | None:
    """The federal bill ``text`` names, or None when it is not one of the accepted forms."""
    text = text.strip()
    if not text:
        return None
    if "://" in text or text.startswith(("www.", "congress.gov", "govinfo.gov", "api.")):
        return _from_url(text)
    m = _CANONICAL.match(text.lower())
    if m:
        return federal_ref(m.group(1), m.group(2), m.group(3))
    m = _BILLSTATUS_NAME.fullmatch(text.removesuffix(".xml"))
    if m:
        return federal_ref(m.group(2), m.group(3), m.group(1))
    return _from_citation(text)


class BillParts(Protocol):
    """What names a bill on a stored row (a ``db`` Bill, a query row, a report value)."""

    @property
    def jurisdiction(self) -> str: ...
    @property
    def session(self) -> str: ...
    @property
    def bill_type(self) -> str: ...
    @property
    def number(self) -> int: ...


def ref_of(bill: BillParts) -> BillRef:
    """The ``BillRef`` of a stored bill, for any jurisdiction."""
    return BillRef(
        jurisdiction=bill.jurisdiction,
        session=bill.session,
        bill_type=bill.bill_type,
        number=bill.number,
    )


_OTHER_KEY = re.compile(r"^([a-z]{2,5})-([a-z0-9]+)-([a-z]+)(\d{1,6})$")


def ref_from_key(key: str) -> BillRef | None:
    """The bill a canonical key names (``hr4030-115``, ``ca-20232024-ab123``), or None.
    Outside Congress the session is the key's slug, enough to cite the bill."""
    m = _OTHER_KEY.match(key)
    if m is None:
        return parse_federal_ref(key) if _CANONICAL.match(key) else None
    return BillRef(
        jurisdiction=m.group(1), session=m.group(2), bill_type=m.group(3), number=int(m.group(4))
    )


def key_citation(key: str) -> str:
    """``H.R. 4030`` for ``hr4030-115``, ``CA AB 123`` for ``ca-20232024-ab123``; else the key."""
    ref = ref_from_key(key)
    return citation(ref) if ref is not None else key


def citation(ref: BillRef) -> str:
    """``H.R. 4030`` for ``hr4030-115`` (the Congress is left to the caller);
    ``CA AB 123`` outside Congress: the jurisdiction, then the bill as it is cited there."""
    if ref.jurisdiction == "uk":
        return f"UK Bill {ref.number}"  # Westminster bills are cited by their Bills API id
    if ref.jurisdiction != "us":
        return f"{ref.jurisdiction.upper()} {ref.bill_type.upper()} {ref.number}"
    return f"{CITATION_PREFIX.get(ref.bill_type, ref.bill_type.upper())} {ref.number}"


def congress_gov_url(ref: BillRef) -> str:
    """The public bill page, for links in alerts and reports."""
    congress = int(ref.session)
    return (
        f"https://www.congress.gov/bill/{_ordinal(congress)}-congress/"
        f"{SLUG_FOR_TYPE[ref.bill_type]}/{ref.number}"
    )


def _from_url(text: str) -> BillRef | None:
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    path = parts.path.rstrip("/")
    if host.endswith("congress.gov") and not host.startswith("api."):
        m = _CONGRESS_GOV_PATH.match(path.lower())
        if m and m.group(2) in CONGRESS_GOV_SLUGS:
            return federal_ref(CONGRESS_GOV_SLUGS[m.group(2)], m.group(3), m.group(1))
        return None
    if host.startswith("api.") and host.endswith("congress.gov"):
        m = _API_PATH.match(path)
        return federal_ref(m.group(2), m.group(3), m.group(1)) if m else None
    if host.endswith("govinfo.gov"):
        m = _BILLSTATUS_NAME.search(path)
        return federal_ref(m.group(2), m.group(3), m.group(1)) if m else None
    return None


def _from_citation(text: str) -> BillRef | None:
    m = _CITATION.match(text)
    if not m:
        return None
    letters = re.sub(r"[^a-z]", "", m.group("type").lower())
    if letters not in FEDERAL_BILL_TYPES:
        return None
    return federal_ref(letters, m.group("number"), m.group("congress"))


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n % 10, 'th')}"
