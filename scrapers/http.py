"""The polite HTTP client every source fetches through.

Owns politeness (STYLE.md section 4): an identifying User-Agent, a minimum
interval per host, a timeout on every request, retries with exponential
backoff only where trying again can help (read errors, timeouts, truncated
bodies, 429, 5xx), ``Retry-After``, conditional GET, a response
size cap and robots.txt for HTML pages. A server that cannot be reached at
all (name resolution, refused, TLS) is not retried: it is marked down for
``host_down_seconds`` and every request to it fails at once with the same
short error, so a cycle over many bills of a dead host ends in seconds.
``deadline(seconds)`` bounds everything the client does inside it (each
connect and read, the retries and their backoff), so one slow or hanging
server costs a caller at most that long. Every attempt is reported through
``on_request`` so the caller can keep a fetch log.

Imports requests and the standard library only; never ``db``, ``tracker`` or
``jobs``. Errors are those of ``scrapers.errors``. API keys travel in headers,
and URLs are redacted before they reach a log line, a record or an error.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType, TracebackType

import requests
from requests.adapters import HTTPAdapter

from scrapers._http_parts import (
    declared_length,
    host_key,
    is_truncated,
    looks_like_html,
    parse_retry_after,
    redact_url,
    scrub,
    server_key,
    unreachable_reason,
    with_params,
)
from scrapers._robots import RobotsCache
from scrapers.errors import (
    FetchError,
    HostUnreachable,
    NotFound,
    Refused,
    TransientFetchError,
)
from scrapers.source import Validators

__all__ = [
    "AGENT",
    "HttpResponse",
    "PoliteClient",
    "RequestRecord",
    "default_user_agent",
    "looks_like_html",
    "parse_retry_after",
    "redact_url",
]

logger = logging.getLogger(__name__)

AGENT = "bill-tracker/0.1"
_CHUNK = 64 * 1024
#: Error and 304 bodies up to this size are read so their connection can be reused.
_DRAIN_LIMIT = 64 * 1024
_POOL_SIZE = 10
#: Failures where the same request may well succeed a moment later.
_RETRYABLE_ERRORS: tuple[type[Exception], ...] = (
    requests.ConnectionError,  # refused, reset, DNS; also ConnectTimeout
    requests.Timeout,  # ReadTimeout
    requests.exceptions.ChunkedEncodingError,  # body cut short (urllib3 IncompleteRead)
    requests.exceptions.ContentDecodingError,  # a garbled gzip body
)
_RETRY_AFTER_STATUSES = frozenset({429, 503})


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecord:
    """One request attempt, for the fetch log. ``url`` has secrets redacted."""

    url: str
    method: str
    status: int | None
    bytes: int
    elapsed_ms: float
    error: str | None
    at: datetime  # aware UTC, when the attempt started
    attempt: int  # 1 for the first try, 2 for the first retry, ...


@dataclass(frozen=True, slots=True, kw_only=True)
class HttpResponse:
    """A successful answer: 2xx with its body, or 304 with an empty one."""

    url: str  # final URL after redirects, secrets redacted
    status: int
    content: bytes
    headers: Mapping[str, str]
    validators: Validators  # the response's ETag/Last-Modified; on 304 the prior ones if absent


def default_user_agent(contact: str | None) -> str:
    """``bill-tracker/0.1 (+contact)``: who we are and how to reach the operator."""
    return f"{AGENT} (+{contact})" if contact else AGENT


@dataclass(slots=True, kw_only=True)
class _Attempt:
    """What one try came to, before it is recorded and acted on."""

    status: int | None = None
    content: bytes = b""
    nbytes: int = 0
    headers: Mapping[str, str] = field(default_factory=dict)
    final_url: str | None = None
    error: str | None = None
    retry: bool = False
    retry_after: float | None = None
    failure: FetchError | None = None  # raised once the attempt is recorded


class PoliteClient:
    """A ``requests`` session that behaves well towards the sites it reads.

    ``max_retries`` counts retries, so a request is tried at most
    ``max_retries + 1`` times. ``timeout`` applies to connecting and to each
    read, as in requests. Not thread-safe: give each worker thread its own.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        min_interval: float = 1.0,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff_base: float = 2.0,
        max_backoff: float = 300.0,
        max_bytes: int = 50_000_000,
        respect_robots: bool = True,
        host_down_seconds: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        on_request: Callable[[RequestRecord], None] | None = None,
        session: requests.Session | None = None,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        if not user_agent.strip():
            raise ValueError("a polite client needs an identifying User-Agent")
        self.user_agent = user_agent
        self._min_interval = min_interval
        self._timeout = timeout
        self._max_retries = max_retries
        self._backoff_base = backoff_base
        self._max_backoff = max_backoff
        self._max_bytes = max_bytes
        self._respect_robots = respect_robots
        self._host_down_seconds = host_down_seconds
        self._down: dict[str, tuple[float, str]] = {}  # server -> (until, message)
        self._sleep = sleep
        self._monotonic = monotonic
        self._on_request = on_request
        self._jitter = jitter
        self._owns_session = session is None
        self._session = session if session is not None else _new_session()
        self._last_request_at: dict[str, float] = {}
        self._host_interval: dict[str, float] = {}  # raised by robots.txt Crawl-delay
        self._robots = RobotsCache(self._fetch_robots)
        self._deadline: tuple[float, float] | None = None  # (monotonic end, seconds given)

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        validators: Validators | None = None,
        is_html: bool = False,
    ) -> HttpResponse:
        """GET ``url`` politely; raises ``NotFound``, ``Refused`` or ``TransientFetchError``.

        With ``validators`` the request is conditional and may return a 304
        ``HttpResponse`` with an empty body. ``is_html`` marks a page meant
        for people, which robots.txt governs.
        """
        full_url = with_params(url, params)
        self._refuse_if_down(full_url)
        if is_html and self._respect_robots:
            self._check_robots(full_url)
        return self._get_with_retries(full_url, self._headers(headers, validators), validators)

    @contextlib.contextmanager
    def deadline(self, seconds: float | None) -> Iterator[None]:
        """Bound every request made inside to ``seconds`` in all (None: no bound).

        Each connect and read waits at most what is left, a retry whose backoff
        would end past the deadline is not made, and the body is read only while
        time is left; when it is spent the request fails with a
        ``TransientFetchError`` "timed out after N s", so the caller records
        one failure and moves on. Nothing is interrupted from outside: the bound
        is checked between the client's own steps.
        """
        if seconds is None:
            yield
            return
        outer = self._deadline
        self._deadline = (self._monotonic() + seconds, seconds)
        try:
            yield
        finally:
            self._deadline = outer

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- the retry loop ------------------------------------------------------------

    def _get_with_retries(
        self, url: str, headers: Mapping[str, str], prior: Validators | None
    ) -> HttpResponse:
        shown = redact_url(url)
        last: _Attempt | None = None
        for attempt in range(1, self._max_retries + 2):
            self._check_deadline(shown, last)
            last = self._attempt(url, headers, attempt)
            if last.failure is not None:
                raise last.failure
            if not last.retry:
                return _response(last, shown, prior)
            if attempt <= self._max_retries:
                self._wait_before_retry(shown, attempt, last)
        assert last is not None  # the loop runs at least once
        tries = self._max_retries + 1
        raise TransientFetchError(
            f"giving up on {shown} after {tries} attempts: last {_describe(last)}",
            url=shown,
            status=last.status,
        )

    def _wait_before_retry(self, shown: str, attempt: int, last: _Attempt) -> None:
        backoff = min(self._max_backoff, self._backoff_base * 2 ** (attempt - 1))
        if last.retry_after is not None and last.retry_after > self._max_backoff:
            # Blocking the daemon for longer than max_backoff helps nobody; the
            # caller's schedule backs the bill off instead.
            raise TransientFetchError(
                f"{shown} asks us to come back in {last.retry_after:.0f} s "
                f"(Retry-After, HTTP {last.status})",
                url=shown,
                status=last.status,
            )
        wait = backoff if last.retry_after is None else max(backoff, last.retry_after)
        # Jitter keeps several daemons that failed together from retrying together.
        wait += self._jitter()
        if wait >= self._time_left():
            # The retry could not even start in time: give up now rather than sleep.
            raise self._timed_out(shown, last)
        logger.warning(
            "%s: %s; retry %s of %s in %.1f s",
            shown,
            _describe(last),
            attempt,
            self._max_retries,
            wait,
        )
        self._sleep(wait)

    def _time_left(self) -> float:
        if self._deadline is None:
            return float("inf")
        return self._deadline[0] - self._monotonic()

    def _check_deadline(self, shown: str, last: _Attempt | None) -> None:
        if self._time_left() <= 0:
            raise self._timed_out(shown, last)

    def _timed_out(self, shown: str, last: _Attempt | None) -> TransientFetchError:
        seconds = self._deadline[1] if self._deadline is not None else 0.0
        detail = f" (last: {_describe(last)})" if last is not None else ""
        return TransientFetchError(
            f"timed out after {seconds:g} s: {shown}{detail}",
            url=shown,
            status=last.status if last is not None else None,
        )

    def _attempt(self, url: str, headers: Mapping[str, str], attempt: int) -> _Attempt:
        self._wait_turn(host_key(url))
        at = datetime.now(UTC)
        started = self._monotonic()
        outcome = self._try_once(url, headers)
        self._report(
            RequestRecord(
                url=redact_url(url),
                method="GET",
                status=outcome.status,
                bytes=outcome.nbytes,
                elapsed_ms=(self._monotonic() - started) * 1000.0,
                error=outcome.error,
                at=at,
                attempt=attempt,
            )
        )
        return outcome

    def _try_once(self, url: str, headers: Mapping[str, str]) -> _Attempt:
        # Under a deadline, connecting and each read wait at most what is left of it.
        timeout = max(0.001, min(self._timeout, self._time_left()))
        try:
            with self._session.get(
                url, headers=dict(headers), timeout=timeout, stream=True
            ) as response:
                return self._read(url, response)
        except _RETRYABLE_ERRORS as exc:
            reason = unreachable_reason(exc)
            if reason is not None:
                return self._mark_down(url, reason)
            # urllib3 messages quote the request path, query string and all.
            return _Attempt(error=scrub(f"{type(exc).__name__}: {exc}", url), retry=True)
        except requests.TooManyRedirects:
            shown = redact_url(url)
            message = f"too many redirects from {shown}"
            return _Attempt(error=message, failure=Refused(message, url=shown))

    def _mark_down(self, url: str, reason: str) -> _Attempt:
        server = server_key(url)
        message = f"{server} unreachable: {reason}"
        self._down[server] = (self._monotonic() + self._host_down_seconds, message)
        failure = HostUnreachable(message, url=redact_url(url), server=server)
        return _Attempt(error=message, failure=failure)

    def _refuse_if_down(self, url: str) -> None:
        server = server_key(url)
        down = self._down.get(server)
        if down is None:
            return
        until, message = down
        if self._monotonic() >= until:
            del self._down[server]  # time to try again
            return
        raise HostUnreachable(message, url=redact_url(url), server=server)

    # --- one response --------------------------------------------------------------

    def _read(self, url: str, response: requests.Response) -> _Attempt:
        status = response.status_code
        shown = redact_url(url)
        if status == 429 or status >= 500:
            _drain(response)
            retry_after = None
            if status in _RETRY_AFTER_STATUSES:
                retry_after = parse_retry_after(
                    response.headers.get("Retry-After"), now=datetime.now(UTC)
                )
            return _Attempt(
                status=status, error=f"HTTP {status}", retry=True, retry_after=retry_after
            )
        if 200 <= status < 300:
            return self._read_body(url, response)
        if status == 304:
            _drain(response, empty=True)
            return _Attempt(status=304, headers=_frozen_headers(response), final_url=response.url)
        _drain(response)
        return _Attempt(status=status, error=f"HTTP {status}", failure=_refusal(shown, status))

    def _read_body(self, url: str, response: requests.Response) -> _Attempt:
        status, shown = response.status_code, redact_url(url)
        declared = declared_length(response)
        if declared is not None and declared > self._max_bytes:
            message = f"response larger than {self._max_bytes} bytes: {shown} ({declared})"
            return _Attempt(status=status, error=message, failure=Refused(message, url=shown))
        body = bytearray()
        for chunk in response.iter_content(chunk_size=_CHUNK):
            body += chunk
            if self._time_left() <= 0:
                # A server trickling its body: retried, and the retry loop ends it.
                error = f"body not read in time: {len(body)} bytes"
                return _Attempt(status=status, nbytes=len(body), error=error, retry=True)
            if len(body) > self._max_bytes:
                message = f"response larger than {self._max_bytes} bytes: {shown}"
                return _Attempt(
                    status=status,
                    nbytes=len(body),
                    error=message,
                    failure=Refused(message, url=shown, status=status),
                )
        if is_truncated(response, declared, len(body)):
            error = f"truncated body: {len(body)} of {declared} bytes"
            return _Attempt(status=status, nbytes=len(body), error=error, retry=True)
        return _Attempt(
            status=status,
            content=bytes(body),
            nbytes=len(body),
            headers=_frozen_headers(response),
            final_url=response.url,
        )

    # --- politeness helpers --------------------------------------------------------

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``host`` has had its minimum interval since our last request."""
        last = self._last_request_at.get(host)
        if last is not None:
            interval = self._host_interval.get(host, self._min_interval)
            wait = last + interval - self._monotonic()
            if wait > 0:
                logger.debug("waiting %.2f s before the next request to %s", wait, host)
                self._sleep(wait)
        self._last_request_at[host] = self._monotonic()

    def _check_robots(self, url: str) -> None:
        if not self._robots.allowed(url, self.user_agent):
            shown = redact_url(url)
            raise Refused(f"robots.txt disallows {shown} for {self.user_agent}", url=shown)
        delay = self._robots.crawl_delay(url, self.user_agent)
        if delay is not None and delay > self._min_interval:
            self._host_interval[host_key(url)] = delay

    def _fetch_robots(self, url: str) -> bytes | None:
        try:
            return self._get_with_retries(url, self._headers(None, None), None).content
        except (NotFound, Refused):
            return None  # a 4xx robots.txt means no rules (RFC 9309)

    def _headers(
        self, extra: Mapping[str, str] | None, validators: Validators | None
    ) -> dict[str, str]:
        headers = {"User-Agent": self.user_agent}
        if validators is not None and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators is not None and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        headers.update(extra or {})
        return headers

    def _report(self, record: RequestRecord) -> None:
        logger.debug(
            "GET %s -> %s (%s bytes, %.0f ms, attempt %s)%s",
            record.url,
            record.status,
            record.bytes,
            record.elapsed_ms,
            record.attempt,
            f": {record.error}" if record.error else "",
        )
        if self._on_request is not None:
            self._on_request(record)


def _drain(response: requests.Response, *, empty: bool = False) -> None:
    """Read a small body to its end so the connection goes back to the pool.

    A streamed response closed unread closes its socket: every 304 of a check
    cycle would then cost a new TCP (and TLS) handshake. Bodies of unknown or
    large size are left unread; closing that connection is cheaper than reading.
    ``empty``: the status has no body by definition (304), whatever the headers say.
    """
    declared = declared_length(response)
    if empty or (declared is not None and declared <= _DRAIN_LIMIT):
        # A broken connection is discarded by requests anyway.
        with contextlib.suppress(*_RETRYABLE_ERRORS):
            _ = response.content


def _new_session() -> requests.Session:
    session = requests.Session()
    if not any(urllib.request.getproxies().values()):
        # Without proxies in the environment, stop requests from re-reading
        # os.environ on every request (about a third of a 304's client cost).
        session.trust_env = False
    # Pooling only: retries are ours (they must sleep through the injected
    # sleep and be reported), so urllib3 must not retry on its own.
    adapter = HTTPAdapter(pool_connections=_POOL_SIZE, pool_maxsize=_POOL_SIZE, max_retries=0)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def _refusal(shown: str, status: int) -> FetchError:
    if status in (404, 410):
        return NotFound(f"HTTP {status}: not found: {shown}", url=shown, status=status)
    if status in (401, 403):
        return Refused(f"HTTP {status}: access refused: {shown}", url=shown, status=status)
    return Refused(f"HTTP {status}: unexpected answer from {shown}", url=shown, status=status)


def _frozen_headers(response: requests.Response) -> Mapping[str, str]:
    # A read-only view that stays case-insensitive.
    return MappingProxyType(response.headers)


def _response(outcome: _Attempt, shown: str, prior: Validators | None) -> HttpResponse:
    status = outcome.status if outcome.status is not None else 200
    validators = _validators(outcome.headers)
    if status == 304 and prior is not None:
        validators = Validators(
            etag=validators.etag or prior.etag,
            last_modified=validators.last_modified or prior.last_modified,
        )
    return HttpResponse(
        url=redact_url(outcome.final_url) if outcome.final_url else shown,
        status=status,
        content=outcome.content,
        headers=outcome.headers,
        validators=validators,
    )


def _validators(headers: Mapping[str, str]) -> Validators:
    return Validators(etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"))


def _describe(outcome: _Attempt) -> str:
    return outcome.error or f"HTTP {outcome.status}"
