"""Pasted references that name a bill page read with a definition (``scrapers.sources.pages``).

Two forms: a page URL matching a definition's ``url_pattern`` (a THOMAS or house.mo.gov
bill page), and a key of the definition's jurisdiction (``mo-2011-sb70``: the Missouri
Senate's URLs carry an internal id, so its bills are tracked by key). Where two
definitions share a jurisdiction (the Missouri House and Senate), the bill type picks
one. Federal keys are never read here: they go to the configured federal source.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from scrapers.model import BillRef
from scrapers.sources.pages import Definition, definitions_in, ref_from_url, shipped_definitions
from tracker.core.settings import Settings

if TYPE_CHECKING:
    from tracker.core.references import ResolvedRef

_KEY = re.compile(r"^([a-z]{2,3})-([a-z0-9]+)-([a-z]+)(\d+)$")


def all_definitions(settings: Settings) -> list[Definition]:
    """The shipped definitions, then the operator's (``page_definitions_dir``)."""
    found = list(shipped_definitions())
    if settings.page_definitions_dir:
        found += definitions_in(settings.page_definitions_dir)
    return found


def resolve_page_reference(text: str, settings: Settings) -> ResolvedRef | None:
    """The bill and definition a pasted page URL or state key names, else None."""
    from tracker.core.references import ResolvedRef  # references imports this module

    definitions = all_definitions(settings)
    for definition in definitions:
        ref = ref_from_url(definition, text)
        if ref is not None:
            return ResolvedRef(ref=ref, source=definition.name)
    m = _KEY.match(text.strip().lower())
    if m is None:
        return None
    jurisdiction, session, bill_type, number = m.groups()
    for definition in definitions:
        if definition.jurisdiction == jurisdiction and bill_type in definition.types:
            ref = BillRef(
                jurisdiction=jurisdiction, session=session, bill_type=bill_type, number=int(number)
            )
            return ResolvedRef(ref=ref, source=definition.name)
    return None
