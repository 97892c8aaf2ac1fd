"""Building the configured sources and their shared polite HTTP client from settings."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from scrapers.http import PoliteClient, RequestRecord, default_user_agent
from scrapers.registry import SOURCES
from scrapers.roll_calls import RollCallSources
from scrapers.source import Source
from scrapers.sources.congress_gov import CongressGovApi
from scrapers.sources.govinfo.source import GovInfoBillStatus
from scrapers.sources.house_clerk import HouseClerkVotes
from scrapers.sources.openstates import OpenStatesApi
from scrapers.sources.pages import PageSource, definitions_in, page_source_class
from scrapers.sources.senate_lis import SenateLisVotes
from scrapers.sources.uk_parliament import UkParliamentBills
from tracker.checking.check import CheckContext
from tracker.core.app import App
from tracker.core.settings import Settings


def make_client(
    settings: Settings, *, on_request: Callable[[RequestRecord], None] | None = None
) -> PoliteClient:
    return PoliteClient(
        user_agent=default_user_agent(settings.contact),
        min_interval=settings.min_request_interval,
        timeout=settings.http_timeout,
        max_retries=settings.http_max_retries,
        on_request=on_request,
    )


def make_sources(settings: Settings, client: PoliteClient) -> dict[str, Source]:
    """One instance of every registered source, pointed at the configured base URLs."""
    sources: dict[str, Source] = {
        GovInfoBillStatus.name: GovInfoBillStatus(client, base_url=settings.govinfo_base_url),
        CongressGovApi.name: CongressGovApi(
            client,
            base_url=settings.congress_api_base_url,
            api_key=settings.congress_api_key,
        ),
    }
    sources[OpenStatesApi.name] = _openstates(settings, client)
    sources[UkParliamentBills.name] = UkParliamentBills(client, base_url=settings.uk_bills_base_url)
    # Bill pages read with definitions: the shipped ones (in SOURCES) and the operator's.
    for name, page_cls in page_source_classes(settings).items():
        sources[name] = page_cls(client)
    assert set(sources) >= set(SOURCES), "every registered source must be built here"
    return sources


def page_source_classes(settings: Settings) -> dict[str, type[PageSource]]:
    """One class per page definition: shipped, then the operator's folder (if set)."""
    classes = {n: c for n, c in SOURCES.items() if issubclass(c, PageSource)}
    if settings.page_definitions_dir:
        for definition in definitions_in(settings.page_definitions_dir):
            classes[definition.name] = page_source_class(definition)
    return classes


def _openstates(settings: Settings, client: PoliteClient) -> OpenStatesApi:
    # Open States' free tier allows far fewer requests than other hosts: the source
    # spaces its own requests (the shared client keeps min_request_interval for others).
    return OpenStatesApi(
        client,
        base_url=settings.openstates_base_url,
        api_key=settings.openstates_api_key,
        daily_requests=settings.openstates_daily_requests,
        min_interval=settings.openstates_min_interval,
    )


def make_vote_sources(settings: Settings, client: PoliteClient) -> RollCallSources:
    """The House Clerk and Senate LIS roll-call sources, at the configured base URLs."""
    return RollCallSources(
        house=HouseClerkVotes(client, base_url=settings.house_clerk_base_url),
        senate=SenateLisVotes(client, base_url=settings.senate_lis_base_url),
    )


def new_owner_id() -> str:
    """A name for this process in leases and heartbeats: host, pid and a random suffix."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@contextmanager
def open_check_context(app: App, *, owner: str | None = None) -> Iterator[CheckContext]:
    """A check context with its own polite client (closed on exit), for the CLI and daemon."""
    check_ctx = CheckContext(
        sessions=app.sessions,
        sources={},
        settings=app.settings,
        clock=app.clock,
        owner=owner or new_owner_id(),
    )
    client = make_client(app.settings, on_request=check_ctx.recorder)
    check_ctx.sources = make_sources(app.settings, client)
    check_ctx.votes = make_vote_sources(app.settings, client)
    check_ctx.client = client
    try:
        yield check_ctx
    finally:
        client.close()
