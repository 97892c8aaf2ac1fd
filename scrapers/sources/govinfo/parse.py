"""Parse GovInfo BILLSTATUS XML into a ``BillSnapshot``: pure bytes in, snapshot out.

Owns the knowledge of the three format generations GPO has published:

- legacy (2015-2016): no ``<version>``; ``<bill>`` children in any order; sponsors
  named only by ``fullName``; one ``<committee>`` per action; ``primarySubject``.
- 1.0.0 (2017-2022): ``billNumber``/``billType``; ``billCommittees``/``billSummaries``
  wrappers; ``billSubjects``.
- 3.0.0 (since 2022-12-20, ``<version>`` under the root or missing altogether):
  ``number``/``type``; ``committees/item``; ``summaries/summary``;
  ``subjects/legislativeSubjects``; ``isByRequest``.

Every child is looked up by name, never by position, so all three read the same way.
Anything the snapshot cannot do without (root, bill type, number, Congress, a title,
the actions list, any date) raises ``ParseError("govinfo", where, path, problem)``.

BILLSTATUS announces no future hearings or votes (its ``recordedVotes`` and
``calendarNumbers`` are history, already present as actions), so ``scheduled`` stays
empty. Imports lxml and ``scrapers`` only; no HTTP, no database.

This module is the public entry; the readers live beside it: ``_xml`` (lxml plumbing),
``_doc`` (errors, identity, dates), ``_members`` (sponsor, cosponsors), ``_history``
(actions, committees, text versions, laws), ``_titles``, ``_subjects`` (subjects,
policy area, summary).
"""

from __future__ import annotations

import re

from scrapers.model import BillRef, BillSnapshot, Chamber
from scrapers.sources.govinfo._doc import CHAMBERS, SOURCE, Doc
from scrapers.sources.govinfo._history import (
    read_actions,
    read_committees,
    read_laws,
    read_text_versions,
)
from scrapers.sources.govinfo._members import read_cosponsors, read_sponsor
from scrapers.sources.govinfo._subjects import read_latest_summary, read_policy_area, read_subjects
from scrapers.sources.govinfo._titles import read_titles
from scrapers.sources.govinfo._xml import children_by_tag, text_of
from scrapers.stages.federal import compute_federal_stage

__all__ = ["SOURCE", "looks_like_billstatus", "parse_billstatus"]

_SNIFF = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*)*<billStatus[\s>/]", re.DOTALL
)


def looks_like_billstatus(content: bytes) -> bool:
    """True when the first few KB open a ``<billStatus>`` document (cheap, no parsing)."""
    return _SNIFF.match(content[:4096]) is not None


def parse_billstatus(content: bytes, *, where: str, source_url: str | None = None) -> BillSnapshot:
    """Parse one BILLSTATUS document; ``where`` names it in error messages."""
    doc = Doc(where)
    bill = doc.bill(doc.root(content))
    parts = children_by_tag(bill)
    ref = doc.ref(parts)
    actions = read_actions(doc, parts)
    laws = read_laws(doc, parts.get("laws"))
    titles = read_titles(doc, parts)
    return BillSnapshot(
        ref=ref,
        source=SOURCE,
        source_url=source_url,
        title=titles.display,
        official_title=titles.official,
        short_title=titles.short,
        popular_title=titles.popular,
        origin_chamber=CHAMBERS.get(text_of(parts.get("originChamber"))) or _origin(ref),
        introduced_on=doc.date_of(parts.get("introducedDate"), "bill/introducedDate"),
        updated_at=doc.stamp(parts.get("updateDate"), "bill/updateDate"),
        sponsor=read_sponsor(doc, parts.get("sponsors")),
        cosponsors=read_cosponsors(doc, parts.get("cosponsors")),
        committees=read_committees(doc, parts.get("committees")),
        actions=actions,
        text_versions=read_text_versions(doc, parts.get("textVersions")),
        laws=laws,
        subjects=read_subjects(parts.get("subjects")),
        policy_area=read_policy_area(parts),
        latest_summary=read_latest_summary(doc, parts.get("summaries")),
        stage=compute_federal_stage(actions, bill_type=ref.bill_type, laws=laws),
    )


def _origin(ref: BillRef) -> Chamber:
    return Chamber.SENATE if ref.bill_type.startswith("s") else Chamber.HOUSE
