"""robots.txt rules, fetched once per host and kept for the life of the client.

Used by ``scrapers.http.PoliteClient`` for HTML pages only: bulk data and
APIs (BILLSTATUS XML, the Congress.gov API) are published for programs and
are not what robots.txt speaks to. Imports only the standard library; the
client hands in the function that fetches the file, so the fetch goes through
the same politeness rules as every other request.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

logger = logging.getLogger(__name__)

#: Fetches a robots.txt URL: its body, or None when the site has none
#: (a 4xx answer). Transient failures raise and nothing is cached, so the
#: next page fetch asks again.
RobotsFetch = Callable[[str], bytes | None]


def robots_url(url: str) -> str:
    """``https://host/robots.txt`` for any URL on that host."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


class RobotsCache:
    """One parsed robots.txt per scheme and host."""

    def __init__(self, fetch: RobotsFetch) -> None:
        self._fetch = fetch
        self._parsers: dict[str, RobotFileParser] = {}

    def allowed(self, url: str, user_agent: str) -> bool:
        return self._parser_for(url).can_fetch(user_agent, url)

    def crawl_delay(self, url: str, user_agent: str) -> float | None:
        """The ``Crawl-delay`` the site asks of us, if any."""
        delay = self._parser_for(url).crawl_delay(user_agent)
        return float(delay) if delay is not None else None

    def _parser_for(self, url: str) -> RobotFileParser:
        key = robots_url(url)
        parser = self._parsers.get(key)
        if parser is None:
            parser = _parse(key, self._fetch(key))
            self._parsers[key] = parser
        return parser


def _parse(url: str, body: bytes | None) -> RobotFileParser:
    parser = RobotFileParser(url)
    if body is None:
        # RFC 9309 section 2.3.1.3: a 4xx robots.txt means no rules at all, which
        # parsing no lines gives. (urllib's own read() disallows all on 401/403.)
        logger.debug("no robots.txt at %s: everything allowed", url)
    # parse() also stamps last_checked; without it can_fetch() answers False.
    lines = [] if body is None else body.decode("utf-8", errors="replace").splitlines()
    parser.parse(lines)
    return parser
