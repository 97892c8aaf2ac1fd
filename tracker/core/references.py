"""Turning what an operator pastes into a bill reference and the source to read it from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from scrapers.model import BillRef
from scrapers.refs import ACCEPTED_FORMS, parse_federal_ref
from scrapers.registry import SOURCES
from scrapers.sources.openstates import OpenStatesApi
from scrapers.sources.openstates.refs import (
    ACCEPTED_STATE_FORMS,
    MissingSession,
    parse_state_ref,
)
from tracker.core.errors import UnknownReference
from tracker.core.page_references import resolve_page_reference
from tracker.core.sessions import current_congress, ordinal
from tracker.core.settings import Settings
from tracker.core.uk_references import resolve_uk_reference


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedRef:
    ref: BillRef
    source: str


#: Readers of references outside Congress, tried in order after the federal forms:
#: each returns the bill and its source, None when the text is not its kind, or
#: raises ``UnknownReference`` with a hint when it is its kind but incomplete
#: (a state bill without a session). One entry per source family.
Resolver = Callable[[str, Settings], "ResolvedRef | None"]
OTHER_RESOLVERS: tuple[Resolver, ...] = (
    resolve_uk_reference,  # UK Parliament: uk-35-bill2818, bills.parliament.uk/bills/N
    resolve_page_reference,  # bill pages read with a definition: mo-2011-sb70, page URLs
)


def resolve_reference(text: str, settings: Settings, *, today: date | None = None) -> ResolvedRef:
    """The bill ``text`` names and the source configured for it, or ``UnknownReference``."""
    ref = parse_federal_ref(text)
    if ref is None:
        for resolver in OTHER_RESOLVERS:
            found = resolver(text, settings)
            if found is not None:
                return found
        raise UnknownReference(unknown_reference_message(text))
    _refuse_out_of_reach(ref, settings.federal_source, today or datetime.now(UTC).date())
    return ResolvedRef(ref=ref, source=settings.federal_source)


def _refuse_out_of_reach(ref: BillRef, source: str, today: date) -> None:
    """A Congress before the source's records begin, or one that has not begun yet."""
    congress = int(ref.session)
    first: int = getattr(SOURCES[source], "first_congress", 1)
    if congress < first:
        raise UnknownReference(
            f"{ref.key}: {source} has bills from the {ordinal(first)} Congress on "
            f"({1789 + 2 * (first - 1)}); the {ordinal(congress)} is not there"
        )
    current = current_congress(today)
    if congress > current:
        raise UnknownReference(
            f"{ref.key}: the {ordinal(congress)} Congress has not begun "
            f"(the {ordinal(current)} sits now)"
        )


def unknown_reference_message(text: str) -> str:
    forms = ", ".join((*ACCEPTED_FORMS, *ACCEPTED_STATE_FORMS))
    hint = ""
    if parse_federal_ref(f"{text.strip()} 119") is not None:
        hint = " (which Congress? add it, e.g. 'hr4030-119')"
    return f"cannot read {text!r} as a bill{hint}; accepted forms: {forms}"


# --- State legislatures (Open States) ---------------------------------------------


def _openstates_resolver(text: str, settings: Settings) -> ResolvedRef | None:
    """``ca AB 123 2023-2024``, ``ca-20232024-ab123``, openstates.org bill URLs."""
    try:
        ref = parse_state_ref(text)
    except MissingSession as exc:
        raise UnknownReference(f"cannot read {text!r} as a bill: {exc}") from None
    return None if ref is None else ResolvedRef(ref=ref, source=OpenStatesApi.name)


OTHER_RESOLVERS = (*OTHER_RESOLVERS, _openstates_resolver)
