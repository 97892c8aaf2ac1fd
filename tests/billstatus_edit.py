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
    _drop_laws_not_yet_made(bill)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _drop_laws_not_yet_made(bill: etree._Element) -> None:
    """A law listed beside actions that end before it was made would say "enacted"."""
    actions = bill.find("actions")
    items = actions.findall("item") if actions is not None else []
    texts = [item.findtext("text") or "" for item in items]
    if any("Became Public Law" in text or "Became Private Law" in text for text in texts):
        return
    for laws in bill.findall("laws"):
        bill.remove(laws)


def _drop_items(parent: etree._Element | None, date_tag: str, last_day: date) -> None:
    if parent is None:
        return
    for item in parent.findall("item"):
        text = item.findtext(date_tag)
        if text and date.fromisoformat(text[:10]) > last_day:
            parent.remove(item)
