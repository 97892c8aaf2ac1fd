"""Every form of bill reference people paste, and the ones we refuse (with the message)."""

from __future__ import annotations

import pytest

from tracker.core.errors import UnknownReference
from tracker.core.references import resolve_reference
from tracker.core.settings import Settings

ACCEPTED = [
    ("hr4030-115", "hr4030-115"),
    ("HR4030-115", "hr4030-115"),
    ("  hr4030-115  ", "hr4030-115"),
    ("hjres64-111", "hjres64-111"),
    ("sconres11-114", "sconres11-114"),
    ("H.R. 4030 (115th Congress)", "hr4030-115"),
    ("H.R.4030 (115th Congress)", "hr4030-115"),
    ("H.R. 4030, 115th Congress", "hr4030-115"),
    ("S. 1234 118", "s1234-118"),
    ("S.1234-118", "s1234-118"),
    ("H.J.Res. 64 (111th Congress)", "hjres64-111"),
    ("H. Con. Res. 74, 112th", "hconres74-112"),
    ("S.Res. 44 115", "sres44-115"),
    ("hr 4030 115", "hr4030-115"),
    ("https://www.congress.gov/bill/115th-congress/house-bill/4030", "hr4030-115"),
    ("https://www.congress.gov/bill/115th-congress/house-bill/4030/", "hr4030-115"),
    ("https://www.congress.gov/bill/115th-congress/house-bill/4030/text", "hr4030-115"),
    (
        "https://www.congress.gov/bill/115th-congress/house-bill/4030/all-actions?q=%7B%22search%22%3A%5B%5D%7D",
        "hr4030-115",
    ),
    ("https://www.congress.gov/bill/115th-congress/house-bill/4030?s=1&r=2", "hr4030-115"),
    ("http://congress.gov/bill/118th-congress/senate-bill/1234/cosponsors", "s1234-118"),
    ("www.congress.gov/bill/111th-congress/house-joint-resolution/64", "hjres64-111"),
    (
        "https://www.congress.gov/bill/112th-congress/house-concurrent-resolution/74",
        "hconres74-112",
    ),
    ("https://www.congress.gov/bill/113th-congress/senate-resolution/5", "sres5-113"),
    ("https://www.congress.gov/bill/101st-congress/senate-joint-resolution/2", "sjres2-101"),
    ("https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml", "hr4030-115"),
    ("https://www.govinfo.gov/app/details/BILLSTATUS-115hr4030", "hr4030-115"),
    ("BILLSTATUS-115hr4030.xml", "hr4030-115"),
    ("https://api.congress.gov/v3/bill/117/hr/21?format=json", "hr21-117"),
]

REJECTED = [
    ("H.R. 4030", "which Congress"),
    ("hr4030", "which Congress"),
    ("S. 1100", "which Congress"),
    ("", "accepted forms"),
    ("Title IX Protection Act", "accepted forms"),
    ("hx1-115", "accepted forms"),
    ("hr0-115", "accepted forms"),
    ("hr4030-15", "accepted forms"),  # no bill status data before the 93rd Congress
    ("https://example.com/bill/115th-congress/house-bill/4030", "accepted forms"),
    ("https://www.congress.gov/member/jackie-speier/S001175", "accepted forms"),
    ("https://www.congress.gov/bill/115th-congress/house-amendment/4030", "accepted forms"),
    ("https://www.congress.gov/bill/115th-congress/house-bill/", "accepted forms"),
]


@pytest.mark.parametrize(("text", "key"), ACCEPTED)
def test_accepted_forms_resolve_to_one_canonical_id(text, key):
    # GovInfo has no BILLSTATUS before the 108th Congress: older forms read on Congress.gov.
    source = "govinfo" if int(key.rsplit("-", 1)[1]) >= 108 else "congress_gov"
    resolved = resolve_reference(text, Settings(federal_source=source))
    assert resolved.ref.key == key
    assert resolved.source == source


@pytest.mark.parametrize(("text", "fragment"), REJECTED)
def test_rejected_forms_explain_what_is_accepted(text, fragment):
    with pytest.raises(UnknownReference) as info:
        resolve_reference(text, Settings())
    message = str(info.value)
    assert fragment in message
    assert "hr4030-115" in message and "congress.gov/bill" in message
    assert info.value.exit_code == 2


def test_the_default_federal_source_is_a_setting():
    resolved = resolve_reference("hr21-117", Settings(federal_source="congress_gov"))
    assert resolved.source == "congress_gov"
