"""Helpers for the schedule tests: sources on a local server that answers conditionally."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.wrappers import Request, Response

from scrapers.http import PoliteClient
from scrapers.sources.house_docs import HouseDocs
from scrapers.sources.senate_hearings import SenateHearings
from tracker.checking.schedules import ScheduleSources

SENATE_PATH = "/general/committee_schedules/hearings.xml"


@contextmanager
def schedule_sources(httpserver, recorder=None) -> Iterator[ScheduleSources]:
    base = httpserver.url_for("/").rstrip("/")
    with PoliteClient(
        user_agent="bill-tracker-tests", min_interval=0, max_retries=0, on_request=recorder
    ) as client:
        yield ScheduleSources(
            house=HouseDocs(client, base_url=base), senate=SenateHearings(client, base_url=base)
        )


def serve(httpserver, path: str, content: bytes) -> None:
    """``path`` answers ``content`` with an ETag, and 304 to a request that has it."""
    etag = '"' + hashlib.sha1(content).hexdigest() + '"'

    def answer(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(content, headers={"ETag": etag, "Content-Type": "text/xml"})

    httpserver.expect_request(path).respond_with_handler(answer)


def no_floor_weeks(httpserver) -> None:
    httpserver.expect_request(re.compile(r"^/billsthisweek/.*")).respond_with_data(
        "not found", status=404
    )


def requests_made(httpserver) -> list[str]:
    return [f"{r.path}?{r.query_string.decode()}".rstrip("?") for r, _ in httpserver.log]
