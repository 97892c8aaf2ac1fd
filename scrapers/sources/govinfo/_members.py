"""The sponsor and cosponsors of a BILLSTATUS document, as shared ``Member`` values.

Owns the reading of ``sponsors`` and ``cosponsors`` in all three generations: legacy
files give party, state and district only in the ``fullName`` label, and the same few
hundred members are cached as one ``Member`` each. Imports lxml (through ``_xml``) and
``scrapers`` only.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from scrapers.model import Cosponsor, Member
from scrapers.sources.govinfo._doc import Doc, is_digits
from scrapers.sources.govinfo._xml import Element, field_texts, items


def read_sponsor(doc: Doc, container: Element | None) -> Member | None:
    first = next(items(container), None)
    if first is None:
        return None  # 114s2848 has an empty <sponsors/>
    fields = field_texts(first)
    member = _read_member(doc, fields, "bill/sponsors/item")
    return replace(member, by_request=True) if _by_request(fields) else member


def read_cosponsors(doc: Doc, container: Element | None) -> tuple[Cosponsor, ...]:
    return tuple(_read_cosponsor(doc, item, n) for n, item in enumerate(items(container), 1))


def _read_cosponsor(doc: Doc, item: Element, n: int) -> Cosponsor:
    fields = field_texts(item)
    where = f"bill/cosponsors/item[{n}]"
    return Cosponsor(
        member=_read_member(doc, fields, where),
        sponsored_on=doc.field_date(fields, "sponsorshipDate", where),
        withdrawn_on=doc.field_date(fields, "sponsorshipWithdrawnDate", where),
        is_original=fields.get("isOriginalCosponsor", "").lower() == "true",
    )


def _read_member(doc: Doc, fields: dict[str, str], path: str) -> Member:
    full_name = fields.get("fullName") or fields.get("name")
    if full_name is None:
        raise doc.fail(f"{path}/fullName")
    get = fields.get
    try:
        return _member(get("bioguideId"), full_name, get("party"), get("state"), get("district"))
    except ValueError as exc:
        raise doc.fail(f"{path}/district", str(exc)) from exc


# "Rep. Speier, Jackie [D-CA-14]", "Del. Norton, Eleanor Holmes [D-DC-At Large]",
# "Sen. Van Hollen, Chris [D-MD]": legacy files give party and state only here.
_MEMBER_LABEL = re.compile(
    r"\[(?P<party>[A-Z]{1,3})-(?P<state>[A-Z]{2})(?:-(?P<district>\d+|At Large))?\]"
)


@lru_cache(maxsize=4096)
def _member(
    bioguide_id: str | None,
    full_name: str,
    party: str | None,
    state: str | None,
    district: str | None,
) -> Member:
    """One shared, immutable ``Member`` per distinct record: the same few hundred members
    cosponsor thousands of bills."""
    if party is None or state is None:  # legacy files name them only in fullName
        label = _member_label(full_name)
        party, state = party or label.get("party"), state or label.get("state")
        district = district or label.get("district")
    return Member(
        bioguide_id=bioguide_id,
        name=full_name,
        party=party,
        state=state,
        district=_district(district),
    )


def _district(value: str | None) -> int | None:
    if value is None:
        return None
    if value == "At Large":
        return 0  # BILLSTATUS itself writes 0 for at-large seats (Norton, DC)
    if not is_digits(value):
        raise ValueError(f"not a district: {value!r}")
    return int(value)


def _member_label(full_name: str) -> dict[str, str]:
    found = _MEMBER_LABEL.search(full_name)
    if found is None:
        return {}
    return {k: v for k, v in found.groupdict().items() if v is not None}


def _by_request(fields: dict[str, str]) -> bool:
    # 3.0.0: <isByRequest>Y/N</isByRequest>; earlier: a non-empty <byRequestType>.
    flag = (fields.get("isByRequest") or "").strip().upper()
    return flag in ("Y", "YES", "TRUE") or "byRequestType" in fields
