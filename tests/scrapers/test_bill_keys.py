"""Keys read back into bills, so that pages, feeds and the API cite any legislature's bill."""

from __future__ import annotations

import pytest

from scrapers.model import BillRef
from scrapers.refs import citation, key_citation, ref_from_key


@pytest.mark.parametrize(
    ("ref", "cited"),
    [
        (BillRef(session="115", bill_type="hr", number=4030), "H.R. 4030"),
        (BillRef(jurisdiction="ca", session="2023-2024", bill_type="ab", number=123), "CA AB 123"),
        (BillRef(jurisdiction="ky", session="2026RS", bill_type="sb", number=197), "KY SB 197"),
        (BillRef(jurisdiction="uk", session="35", bill_type="bill", number=2818), "UK Bill 2818"),
    ],
)
def test_a_key_cites_its_bill_as_the_bill_itself_does(ref: BillRef, cited: str) -> None:
    assert citation(ref) == cited
    assert key_citation(ref.key) == cited
    back = ref_from_key(ref.key)
    assert back is not None and back.key == ref.key


@pytest.mark.parametrize("key", ["", "junk", "hr4030", "ca-ab123", "mo/sb70-2011", "hr0-115"])
def test_what_is_not_a_key_is_cited_as_given(key: str) -> None:
    assert ref_from_key(key) is None
    assert key_citation(key) == key
