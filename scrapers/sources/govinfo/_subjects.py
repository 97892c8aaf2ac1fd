"""What a BILLSTATUS bill is about: its legislative subjects, policy area and latest CRS
summary.

Owns the subject names of all three generations (``billSubjects`` wrappers, legacy
``primarySubject``) and the summary's HTML as plain paragraphs. Imports lxml (through
``_xml`` and for one compiled XPath) and ``scrapers`` only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import unescape
from typing import cast

from lxml import etree

from scrapers.model import Summary
from scrapers.sources.govinfo._doc import Doc
from scrapers.sources.govinfo._xml import Element, field_texts, first_child, text_of, wrapped_items

# Subject names as plain strings straight from libxml2, for all three generations.
_SUBJECT_NAMES = etree.XPath(
    "(billSubjects/legislativeSubjects|legislativeSubjects|billSubjects/otherSubjects)"
    "/item/name/text()",
    smart_strings=False,
)


def read_subjects(container: Element | None) -> tuple[str, ...]:
    if container is None:
        return ()
    names = cast("list[str]", _SUBJECT_NAMES(container))
    return tuple(stripped for name in names if (stripped := name.strip()))


def read_policy_area(parts: dict[str, Element]) -> str | None:
    subjects = parts.get("subjects")
    inner = first_child(subjects, "billSubjects") if subjects is not None else None
    candidates: Iterable[Element | None] = (
        parts.get("policyArea"),
        parts.get("primarySubject"),
        first_child(inner, "policyArea") if inner is not None else None,
    )
    for element in candidates:
        name = text_of(first_child(element, "name")) if element is not None else None
        if name:
            return name
    return None


# --- summaries -------------------------------------------------------------------------


def read_latest_summary(doc: Doc, container: Element | None) -> Summary | None:
    best: tuple[tuple[str, str], dict[str, str]] | None = None
    for item in wrapped_items(container, "billSummaries"):
        fields = field_texts(item)
        key = (
            fields.get("actionDate", ""),
            fields.get("lastSummaryUpdateDate") or fields.get("updateDate", ""),
        )
        if best is None or key >= best[0]:
            best = (key, fields)
    return None if best is None else _summary(doc, best[1])


def _summary(doc: Doc, fields: dict[str, str]) -> Summary:
    return Summary(
        version_code=fields.get("versionCode"),
        action_on=doc.field_date(fields, "actionDate", "bill/summaries"),
        action_desc=fields.get("actionDesc"),
        text=_plain_text(fields.get("text") or ""),
    )


_BLOCK_END = re.compile(r"<\s*(?:/\s*(?:p|li|h\d|div|ul|ol)|br\s*/?)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain_text(markup: str) -> str:
    """CRS summary HTML as plain paragraphs separated by blank lines."""
    text = unescape(_TAG.sub(" ", _BLOCK_END.sub("\n", markup)))
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    return "\n\n".join(p for p in paragraphs if p)
