"""Mangled real BILLSTATUS documents: the parser raises ``ParseError`` or returns a
sound snapshot, never anything else (no ``KeyError``, ``ValueError``, half-empty result).

Mangling: truncation, random byte flips, deleted elements, elements replaced by
garbage text. Four small documents cover the three format generations.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from scrapers.errors import ParseError
from scrapers.model import BillSnapshot, Stage
from scrapers.refs import FEDERAL_BILL_TYPES
from scrapers.sources.govinfo import parse_billstatus
from tests.conftest import _data_root

SAMPLES = (
    "govinfo-115/BILLSTATUS-115hr4030.xml",  # 1.0.0
    "usgpo-samples/formatChange/future/BILLSTATUS-117s35.xml",  # 3.0.0
    "usgpo-samples/legacy/BILLSTATUS-114hconres70.xml",  # legacy, alphabetical order
    "usgpo-samples/legacy/BILLSTATUS-114sres105.xml",  # legacy, an empty action item
)

# A few seconds in all; no example database written into the working tree.
FAST = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def original(name: str) -> bytes:
    path = _data_root() / "billstatus" / name
    if not path.is_file():
        pytest.skip(f"real test documents not found at {path.parent}")
    return path.read_bytes()


def parse_or_refuse(content: bytes) -> BillSnapshot | None:
    """The property itself: ``ParseError`` or a sound snapshot."""
    try:
        snapshot = parse_billstatus(content, where="mangled.xml")
    except ParseError as exc:
        assert exc.source == "govinfo" and exc.where == "mangled.xml" and exc.path
        return None
    assert snapshot.title.strip()
    assert snapshot.ref.bill_type in FEDERAL_BILL_TYPES and snapshot.ref.number > 0
    dates = [action.on for action in snapshot.actions]
    assert dates == sorted(dates)
    assert isinstance(snapshot.stage.stage, Stage)
    assert all(c.member.name for c in snapshot.cosponsors)
    return snapshot


sample = st.sampled_from(SAMPLES)


@FAST
@given(name=sample, cut=st.floats(min_value=0.0, max_value=1.0))
def test_truncated_documents(name: str, cut: float) -> None:
    content = original(name)
    parse_or_refuse(content[: int(len(content) * cut)])


@FAST
@given(
    name=sample,
    flips=st.lists(
        st.tuples(st.floats(min_value=0.0, max_value=1.0, exclude_max=True), st.integers(0, 255)),
        min_size=1,
        max_size=8,
    ),
)
def test_random_byte_flips(name: str, flips: list[tuple[float, int]]) -> None:
    content = bytearray(original(name))
    for where, byte in flips:
        content[int(where * len(content))] = byte
    parse_or_refuse(bytes(content))


def mangle(name: str, picks: list[int], garbage: str | None) -> bytes:
    """Delete the picked elements (or, with ``garbage``, empty them and put text in)."""
    root = etree.fromstring(original(name))
    for pick in picks:
        elements = list(root.iter())
        element = elements[pick % len(elements)]
        parent = element.getparent()
        if garbage is None and parent is not None:
            parent.remove(element)
        else:
            element.clear()
            element.text = garbage or ""
    return bytes(etree.tostring(root))


xml_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=30
)


@FAST
@given(name=sample, picks=st.lists(st.integers(min_value=0), min_size=1, max_size=4))
def test_deleted_elements(name: str, picks: list[int]) -> None:
    parse_or_refuse(mangle(name, picks, None))


@FAST
@given(
    name=sample,
    picks=st.lists(st.integers(min_value=0), min_size=1, max_size=3),
    garbage=xml_text,
)
def test_elements_replaced_by_garbage_text(name: str, picks: list[int], garbage: str) -> None:
    parse_or_refuse(mangle(name, picks, garbage))


@pytest.mark.parametrize(
    ("tag", "path"),
    [
        ("billType", "bill/type"),
        ("billNumber", "bill/number"),
        ("congress", "bill/congress"),
        ("actions", "bill/actions"),
    ],
)
def test_deleting_a_required_element_names_it(tag: str, path: str) -> None:
    root = etree.fromstring(original(SAMPLES[0]))
    bill = root.find("bill")
    assert bill is not None
    element = bill.find(tag)
    assert element is not None
    bill.remove(element)
    with pytest.raises(ParseError) as raised:
        parse_billstatus(etree.tostring(root), where="hr4030 without " + tag)
    assert raised.value.path == path


def test_the_unmangled_samples_parse() -> None:
    for name in SAMPLES:
        assert parse_or_refuse(original(name)) is not None, name
