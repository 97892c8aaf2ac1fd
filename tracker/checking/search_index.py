"""The text of a bill that search reads, written whenever its snapshot is stored.

``tracker.checking.store`` (and the bulk import) call ``search_document`` in the
same transaction as the bill, so search never lags the bills. Querying the
index is ``tracker.report.search``; the database side is ``db.search``.

A CRS summary of a long bill is laid out by the bill's divisions: "TITLE
IX--TEMPORARY EXTENSION OF PUBLIC DEBT LIMIT", "Subtitle A--...", "(Sec.
901)". Those labels number parts of *that* bill; indexed as words, "TITLE IX"
of a budget act matched the topic "Title IX" (of the Education Amendments of
1972). ``summary_prose`` drops the labels and keeps what the heading names
("TEMPORARY EXTENSION OF PUBLIC DEBT LIMIT"), so a topic reads the prose.
Migration 0006 applies the same rule (frozen there) to bills stored before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from db.search_document import SearchDocument
from scrapers.model import BillSnapshot

_SEP = " · "  # between titles, subjects, actions: shows in snippets
#: A division label at the start of a line: "TITLE IX--", "Subtitle A--", "DIVISION B
#: —", or a label alone on its line ("TITLE IX" above an appropriations title). The
#: label must be followed by a dash or the line's end, so prose that starts "Title IX
#: of the Education Amendments ..." stays.
_HEADING_LABEL = re.compile(
    r"^[ \t]*(?i:division|subdivision|title|subtitle|part|subpart|chapter)[ \t]+[A-Z0-9]{1,8}\b"
    r"(?:[ \t]*(?:-{2,3}|[\u2013\u2014]|[ \t]-[ \t])[ \t]*|[ \t]*$)",
    re.MULTILINE,
)
#: Section references that CRS puts before each paragraph: "(Sec. 901)", "(Secs. 2-4)".
_SECTION_MARK = re.compile(r"\(\s*Secs?\.?\s*[0-9][^()\n]{0,40}\)[ \t]*", re.IGNORECASE)


def search_document(s: BillSnapshot) -> SearchDocument:
    """The text of ``s`` that search reads (``db.search`` weights the four parts)."""
    return SearchDocument(
        titles=_joined((s.title, s.official_title, s.short_title, s.popular_title)),
        subjects=_joined((s.policy_area, *s.subjects)),
        summary=summary_prose(s.latest_summary.text) if s.latest_summary else "",
        actions=_joined(a.text for a in s.actions),
    )


def summary_prose(text: str) -> str:
    """A CRS summary without its division labels and section marks (see the module doc)."""
    return _SECTION_MARK.sub("", _HEADING_LABEL.sub("", text))


def _joined(parts: Iterable[str | None]) -> str:
    # dict.fromkeys: drop repeats (a short title is often the display title) in order.
    return _SEP.join(dict.fromkeys(p for p in parts if p))
