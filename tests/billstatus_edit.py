"""Making an older state of a real BILLSTATUS document: drop what happened after a date.

The diff tests and the check-cycle tests serve the older document first and
the real one next, the way a bill moves between two checks.
"""

from __future__ import annotations

from datetime import date

from lxml import etree


def billstatus_as_of(content: bytes, last_day: date) -> bytes:
    """The document without the bill-level actions and cosponsors dated after ``last_day``."""
    root = etree.fromstring(content)
    bill = root.find("bill")
    assert bill is not None
    _drop_items(bill.find("actions"), "actionDate", last_day)
    _drop_items(bill.find("cosponsors"), "sponsorshipDate", last_day)
    latest = bill.find("latestAction")
    if latest is not None:
        bill.remove(latest)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _drop_items(parent: etree._Element | None, date_tag: str, last_day: date) -> None:
    if parent is None:
        return
    for item in parent.findall("item"):
        text = item.findtext(date_tag)
        if text and date.fromisoformat(text[:10]) > last_day:
            parent.remove(item)
