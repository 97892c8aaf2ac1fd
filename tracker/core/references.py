"""Turning what an operator pastes into a bill reference and the source to read it from."""

from __future__ import annotations

from dataclasses import dataclass

from scrapers.model import BillRef
from scrapers.refs import ACCEPTED_FORMS, parse_federal_ref
from tracker.core.errors import UnknownReference
from tracker.core.settings import Settings


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedRef:
    ref: BillRef
    source: str


def resolve_reference(text: str, settings: Settings) -> ResolvedRef:
    """The bill ``text`` names and the source configured for it, or ``UnknownReference``."""
    ref = parse_federal_ref(text)
    if ref is None:
        raise UnknownReference(unknown_reference_message(text))
    return ResolvedRef(ref=ref, source=settings.federal_source)


def unknown_reference_message(text: str) -> str:
    forms = ", ".join(ACCEPTED_FORMS)
    hint = ""
    if parse_federal_ref(f"{text.strip()} 119") is not None:
        hint = " (which Congress? add it, e.g. 'hr4030-119')"
    return f"cannot read {text!r} as a bill{hint}; accepted forms: {forms}"
