"""A BILLSTATUS bill's titles: the display title, and the official, short and popular ones.

Owns the choice among the many ``titles/item`` entries (as introduced, as reported, as
passed, as enacted; for portions of the bill; copies extracted from GPO) and what the
display title is when Congress.gov struck a short title. Imports lxml (through ``_xml``)
and ``scrapers`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrapers.sources.govinfo._doc import Doc
from scrapers.sources.govinfo._xml import Element, items, text_of


@dataclass(frozen=True, slots=True)
class Titles:
    display: str
    official: str | None
    short: str | None
    popular: str | None


def read_titles(doc: Doc, parts: dict[str, Element]) -> Titles:
    pairs = [pair for pair in map(_title_pair, items(parts.get("titles"))) if pair[1]]
    titles = _pick_titles(pairs, text_of(parts.get("title")))
    if titles is None:
        raise doc.fail("bill/titles", "no title at all")
    return titles


def _title_pair(item: Element) -> tuple[str, str]:
    """(titleType, title) of one ``titles/item``; empty strings when missing."""
    kind = title = ""
    for child in item:
        if child.tag == "titleType":
            kind = (child.text or "").strip()
        elif child.tag == "title":
            title = (child.text or "").strip()
    return kind, title


# How far along the bill each title type was given ("Short Titles as Passed House").
_TITLE_STAGE = (
    ("as enacted", 6),
    ("agreed to by house and senate", 5),
    ("on conference report", 5),
    ("as passed", 4),
    ("as amended", 4),
    ("as reported", 3),
    ("as introduced", 2),
)


def _title_rank(kind: str) -> int:
    lowered = kind.lower()
    return next((rank for words, rank in _TITLE_STAGE if words in lowered), 1)


def _pick_titles(pairs: list[tuple[str, str]], title_element: str | None) -> Titles | None:
    """Display, official, short and popular titles from (titleType, title) pairs.

    The display title is the document's own "Display Title" (or ``<title>``): Congress.gov
    knows when a short title was struck, as in 115hr1 (Tax Cuts and Jobs Act), whose
    display title is the official one. Without it: the latest short title, else the
    latest official title.
    """
    shorts = [(k, t) for k, t in pairs if _is_whole_bill_short(k)]
    officials = [(k, t) for k, t in pairs if k.startswith("Official Title")]
    short, official = _latest(shorts), _latest(officials)
    given = next((t for k, t in pairs if k == "Display Title"), None) or title_element
    display = given or short or official
    if display is None:
        return None
    if given in {t for _, t in officials} and given not in {t for _, t in shorts}:
        short = None  # the short title was struck; the official one is shown instead
    popular = next((t for k, t in pairs if k == "Popular Title"), None)
    return Titles(display=display, official=official, short=short, popular=popular)


def _is_whole_bill_short(kind: str) -> bool:
    # "Short Title(s) as Introduced", "Short Titles as Enacted"; not "... for portions of
    # this bill", not the "(Extracted from GPO)" copies, not "Other Short Titles".
    return kind.startswith("Short Title") and "portion" not in kind


def _latest(pairs: list[tuple[str, str]]) -> str | None:
    """The first title of the furthest stage (``max`` keeps the first of equals)."""
    if not pairs:
        return None
    return max(pairs, key=lambda pair: _title_rank(pair[0]))[1]
