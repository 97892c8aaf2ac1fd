"""PoliteClient against real local servers: pytest-httpserver, and raw sockets
for the answers werkzeug will not send (slow, truncated). Nothing sleeps for
real: the client's sleep and monotonic clock are a FakeClock."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NameResolutionError, NewConnectionError
from werkzeug import Request, Response

from scrapers._http_parts import is_truncated, unreachable_reason
from scrapers.errors import HostUnreachable, NotFound, Refused, TransientFetchError
from scrapers.http import (
    HttpResponse,
    PoliteClient,
    RequestRecord,
    default_user_agent,
    looks_like_html,
    parse_retry_after,
    redact_url,
)
from scrapers.source import Validators
from tests.scrapers._servers import Canned, FakeClock, RawServer, http_response

UA = default_user_agent("ops@example.org")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def records() -> list[RequestRecord]:
    return []


@pytest.fixture
def make_client(clock, records) -> Iterator:
    clients: list[PoliteClient] = []

    def make(**overrides) -> PoliteClient:
        options = {
            "user_agent": UA,
            "sleep": clock.sleep,
            "monotonic": clock.monotonic,
            "jitter": lambda: 0.0,
            "on_request": records.append,
            "timeout": 5.0,
            **overrides,
        }
        client = PoliteClient(**options)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def raw_server() -> Iterator:
    servers: list[RawServer] = []

    def start(*script: Canned) -> RawServer:
        server = RawServer(list(script))
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def requests_to(httpserver, path: str) -> list[Request]:
    return [request for request, _ in httpserver.log if request.path == path]


# --- identity ----------------------------------------------------------------------


def test_default_user_agent_names_us_and_the_contact():
    assert default_user_agent("ops@example.org") == "bill-tracker/0.1 (+ops@example.org)"
    assert default_user_agent(None) == "bill-tracker/0.1"


def test_user_agent_is_sent(httpserver, make_client):
    httpserver.expect_request("/doc").respond_with_data("ok")
    make_client().get(httpserver.url_for("/doc"))
    assert requests_to(httpserver, "/doc")[0].headers["User-Agent"] == UA


def test_a_blank_user_agent_is_refused():
    with pytest.raises(ValueError, match="User-Agent"):
        PoliteClient(user_agent="  ")


# --- conditional GET -----------------------------------------------------------------


def test_validators_are_returned_and_a_conditional_get_gets_304(httpserver, make_client):
    etag, modified = '"v1"', "Thu, 12 Oct 2017 14:02:20 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(b"<x/>", headers={"ETag": etag, "Last-Modified": modified})

    httpserver.expect_request("/doc").respond_with_handler(handler)
    client = make_client()

    first = client.get(httpserver.url_for("/doc"))
    assert (first.status, first.content) == (200, b"<x/>")
    assert first.validators == Validators(etag=etag, last_modified=modified)

    second = client.get(httpserver.url_for("/doc"), validators=first.validators)
    assert (second.status, second.content) == (304, b"")
    # The 304 repeats the ETag only; the stored Last-Modified is kept.
    assert second.validators == first.validators
    sent = requests_to(httpserver, "/doc")[1].headers
    assert sent["If-None-Match"] == etag
    assert sent["If-Modified-Since"] == modified


def test_no_conditional_headers_without_validators(httpserver, make_client):
    httpserver.expect_request("/doc").respond_with_data("ok")
    make_client().get(httpserver.url_for("/doc"), validators=Validators())
    sent = requests_to(httpserver, "/doc")[0].headers
    assert "If-None-Match" not in sent
    assert "If-Modified-Since" not in sent


# --- errors that are not retried -----------------------------------------------------


@pytest.mark.parametrize("status", [404, 410])
def test_gone_is_not_found_and_not_retried(httpserver, make_client, records, status):
    httpserver.expect_request("/missing").respond_with_data("no", status=status)
    with pytest.raises(NotFound) as caught:
        make_client().get(httpserver.url_for("/missing"))
    assert caught.value.status == status
    assert caught.value.url == httpserver.url_for("/missing")
    assert len(requests_to(httpserver, "/missing")) == 1
    assert [r.status for r in records] == [status]


@pytest.mark.parametrize("status", [400, 401, 403, 418])
def test_other_4xx_are_refused_with_the_status(httpserver, make_client, clock, status):
    httpserver.expect_request("/no").respond_with_data("no", status=status)
    with pytest.raises(Refused, match=str(status)) as caught:
        make_client().get(httpserver.url_for("/no"))
    assert caught.value.status == status
    assert len(requests_to(httpserver, "/no")) == 1
    assert clock.sleeps == []


# --- retries ---------------------------------------------------------------------------


def test_429_honours_retry_after_seconds(httpserver, make_client, clock):
    url = httpserver.url_for("/busy")
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_request("/busy").respond_with_data("ok")

    response = make_client().get(url)

    assert response.content == b"ok"
    assert 7.0 in clock.sleeps
    assert len(requests_to(httpserver, "/busy")) == 2


def test_503_twice_then_200_backs_off_exponentially(httpserver, make_client, clock, records):
    for _ in range(2):
        httpserver.expect_oneshot_request("/flaky").respond_with_data("down", status=503)
    httpserver.expect_request("/flaky").respond_with_data("ok")

    response = make_client(backoff_base=2.0).get(httpserver.url_for("/flaky"))

    assert response.content == b"ok"
    assert clock.sleeps == [2.0, 4.0]
    assert [(r.attempt, r.status) for r in records] == [(1, 503), (2, 503), (3, 200)]


def test_500_forever_gives_up_after_max_retries(httpserver, make_client, clock):
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    url = httpserver.url_for("/broken")

    with pytest.raises(TransientFetchError) as caught:
        make_client(max_retries=3).get(url)

    assert len(requests_to(httpserver, "/broken")) == 4  # the first try + 3 retries
    assert clock.sleeps == [2.0, 4.0, 8.0]  # no sleep after the last attempt
    assert caught.value.status == 500
    assert url in str(caught.value)
    assert "HTTP 500" in str(caught.value)


def test_backoff_is_capped_and_jittered(httpserver, make_client, clock):
    httpserver.expect_request("/broken").respond_with_data("oops", status=502)
    client = make_client(max_retries=3, backoff_base=100.0, max_backoff=150.0, jitter=lambda: 0.5)
    with pytest.raises(TransientFetchError):
        client.get(httpserver.url_for("/broken"))
    assert clock.sleeps == [100.5, 150.5, 150.5]


def test_retry_after_longer_than_max_backoff_gives_up_at_once(httpserver, make_client, clock):
    httpserver.expect_request("/later").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    with pytest.raises(TransientFetchError, match="3600"):
        make_client(max_backoff=300.0).get(httpserver.url_for("/later"))
    assert len(requests_to(httpserver, "/later")) == 1
    assert clock.sleeps == []


def test_parse_retry_after_reads_seconds_and_http_dates():
    now = datetime(2024, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("120", now=now) == 120.0
    assert parse_retry_after("Mon, 01 Jan 2024 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Mon, 01 Jan 2024 11:00:00 GMT", now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after(None, now=now) is None


def test_a_slow_answer_times_out_is_retried_then_transient(raw_server, make_client, records):
    server = raw_server(Canned(http_response("200 OK", b"late"), delay=1.0))
    with pytest.raises(TransientFetchError, match="Timeout"):
        make_client(timeout=0.2, max_retries=1).get(server.url("/slow"))
    assert server.connections == 2
    assert [(r.status, r.attempt) for r in records] == [(None, 1), (None, 2)]
    assert all("Timeout" in (r.error or "") for r in records)


def test_a_truncated_body_is_retried(raw_server, make_client, records):
    short = http_response("200 OK", b"only part", {"Content-Length": "500"})
    whole = http_response("200 OK", b"all of it", {"Content-Length": "9"})
    server = raw_server(Canned(short), Canned(whole))

    response = make_client().get(server.url("/cut"))

    assert response.content == b"all of it"
    assert server.connections == 2
    assert records[0].error is not None
    assert records[1].error is None


def test_a_body_truncated_every_time_is_transient(raw_server, make_client):
    short = http_response("200 OK", b"only part", {"Content-Length": "500"})
    server = raw_server(Canned(short))
    with pytest.raises(TransientFetchError):
        make_client(max_retries=2).get(server.url("/cut"))
    assert server.connections == 3


def _closed_port() -> int:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_connection_refused_fails_at_once_without_retries(make_client, records, clock):
    port = _closed_port()
    with pytest.raises(
        HostUnreachable, match=rf"^127.0.0.1:{port} unreachable: connection refused$"
    ):
        make_client(max_retries=4).get(f"http://127.0.0.1:{port}/x")
    assert len(records) == 1
    assert clock.sleeps == []


def test_a_down_server_fails_at_once_then_is_tried_again_later(make_client, records, clock):
    port = _closed_port()
    client = make_client(max_retries=4, host_down_seconds=60.0)
    for n in range(50):
        with pytest.raises(HostUnreachable, match="connection refused"):
            client.get(f"http://127.0.0.1:{port}/bill/{n}")
    assert len(records) == 1  # one connection attempt for fifty requests
    clock.now += 61.0
    with pytest.raises(HostUnreachable):
        client.get(f"http://127.0.0.1:{port}/bill/again")
    assert len(records) == 2


def test_another_server_on_the_same_host_is_not_marked_down(httpserver, make_client):
    httpserver.expect_request("/ok").respond_with_data("fine")
    client = make_client()
    with pytest.raises(HostUnreachable):
        client.get(f"http://127.0.0.1:{_closed_port()}/x")
    assert client.get(httpserver.url_for("/ok")).content == b"fine"


def test_a_503_is_still_retried_after_a_dead_server(httpserver, make_client, records):
    httpserver.expect_ordered_request("/busy").respond_with_data("", status=503)
    httpserver.expect_ordered_request("/busy").respond_with_data("ok")
    client = make_client(max_retries=2)
    with pytest.raises(HostUnreachable):
        client.get(f"http://127.0.0.1:{_closed_port()}/x")
    assert client.get(httpserver.url_for("/busy")).content == b"ok"
    assert [r.status for r in records] == [None, 503, 200]


def _connection_error(reason: Exception) -> requests.ConnectionError:
    return requests.ConnectionError(MaxRetryError(None, "/x", reason))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (
            _connection_error(NameResolutionError("gov.example", None, OSError("no name"))),  # type: ignore[arg-type]
            "name resolution failed",
        ),
        (
            _connection_error(NewConnectionError(None, "[Errno 111] Connection refused")),  # type: ignore[arg-type]
            "connection refused",
        ),
        (
            _connection_error(NewConnectionError(None, "[Errno 113] No route to host")),  # type: ignore[arg-type]
            "cannot connect",
        ),
        (requests.exceptions.SSLError("bad certificate"), "TLS handshake failed"),
        (requests.ConnectTimeout("slow"), None),  # a timeout may pass: retried
        (requests.ReadTimeout("slow"), None),
        (requests.ConnectionError("Connection reset by peer"), None),
        (requests.exceptions.ChunkedEncodingError("cut"), None),
    ],
)
def test_which_failures_mean_the_server_cannot_be_reached(exc, expected):
    assert unreachable_reason(exc) == expected


# --- redirects and size ------------------------------------------------------------------


def test_redirects_are_followed_and_the_final_url_reported(httpserver, make_client):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/new")}
    )
    httpserver.expect_request("/new").respond_with_data("here")
    response = make_client().get(httpserver.url_for("/old"))
    assert response.url == httpserver.url_for("/new")
    assert response.content == b"here"


def test_a_redirect_loop_is_refused(httpserver, make_client):
    httpserver.expect_request("/loop").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/loop")}
    )
    with pytest.raises(Refused, match="too many redirects"):
        make_client().get(httpserver.url_for("/loop"))


def test_a_declared_oversize_body_is_refused_unread(httpserver, make_client, records):
    httpserver.expect_request("/big").respond_with_data(b"x" * 1000)
    with pytest.raises(Refused, match="response larger than 100 bytes"):
        make_client(max_bytes=100).get(httpserver.url_for("/big"))
    assert len(requests_to(httpserver, "/big")) == 1
    assert records[0].bytes == 0  # Content-Length said enough: nothing was downloaded


def test_an_undeclared_oversize_body_is_cut_off(raw_server, make_client, records):
    # No Content-Length: the cap must hold while streaming.
    server = raw_server(Canned(http_response("200 OK", b"x" * 300_000)))
    with pytest.raises(Refused, match="response larger than 100000 bytes"):
        make_client(max_bytes=100_000).get(server.url("/big"))
    assert records[0].bytes > 100_000
    assert server.connections == 1


# --- per-host interval ----------------------------------------------------------------


def test_requests_to_one_host_wait_for_the_interval(httpserver, raw_server, make_client, clock):
    httpserver.expect_request("/a").respond_with_data("a")
    other_host = raw_server(Canned(http_response("200 OK", b"b", {"Content-Length": "1"})))
    client = make_client(min_interval=5.0)

    client.get(httpserver.url_for("/a"))  # host "localhost"
    assert clock.sleeps == []
    client.get(other_host.url("/b"))  # host "127.0.0.1": its own clock
    assert clock.sleeps == []
    client.get(httpserver.url_for("/a"))
    assert clock.sleeps == [5.0]

    clock.now += 60.0  # long enough ago: no wait
    client.get(httpserver.url_for("/a"))
    assert clock.sleeps == [5.0]


# --- robots.txt ----------------------------------------------------------------------


def test_robots_disallow_refuses_html_but_not_data(httpserver, make_client):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    httpserver.expect_request("/private/page").respond_with_data("<html></html>")
    httpserver.expect_request("/public/page").respond_with_data("<html></html>")
    client = make_client()

    with pytest.raises(Refused, match=r"robots\.txt"):
        client.get(httpserver.url_for("/private/page"), is_html=True)
    assert requests_to(httpserver, "/private/page") == []

    assert client.get(httpserver.url_for("/private/page")).status == 200  # not HTML
    client.get(httpserver.url_for("/public/page"), is_html=True)
    client.get(httpserver.url_for("/public/page"), is_html=True)
    assert len(requests_to(httpserver, "/robots.txt")) == 1  # cached per host


def test_a_missing_robots_txt_allows_everything(httpserver, make_client):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/page").respond_with_data("<html></html>")
    assert make_client().get(httpserver.url_for("/page"), is_html=True).status == 200


def test_robots_can_be_switched_off(httpserver, make_client):
    httpserver.expect_request("/page").respond_with_data("<html></html>")
    make_client(respect_robots=False).get(httpserver.url_for("/page"), is_html=True)
    assert requests_to(httpserver, "/robots.txt") == []


def test_robots_crawl_delay_lengthens_the_interval(httpserver, make_client, clock):
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 10\n")
    httpserver.expect_request("/page").respond_with_data("<html></html>")
    client = make_client(min_interval=1.0)
    client.get(httpserver.url_for("/page"), is_html=True)
    client.get(httpserver.url_for("/page"), is_html=True)
    # robots.txt, then each page waits the Crawl-delay, not the 1 s min_interval.
    assert clock.sleeps == [10.0, 10.0]


# --- the fetch log ----------------------------------------------------------------------


def test_every_attempt_is_recorded(httpserver, make_client, records):
    httpserver.expect_oneshot_request("/flaky").respond_with_data("down", status=503)
    httpserver.expect_request("/flaky").respond_with_data("hello")
    make_client().get(httpserver.url_for("/flaky"))

    assert len(records) == 2
    first, second = records
    assert (first.attempt, first.status, first.error) == (1, 503, "HTTP 503")
    assert (second.attempt, second.status, second.bytes, second.error) == (2, 200, 5, None)
    for record in records:
        assert record.method == "GET"
        assert record.url == httpserver.url_for("/flaky")
        assert record.at.tzinfo is not None and record.at.utcoffset().total_seconds() == 0
        assert record.elapsed_ms >= 0


def test_secrets_never_reach_the_record(httpserver, make_client, records):
    httpserver.expect_request("/api").respond_with_data("{}")
    response = make_client().get(
        httpserver.url_for("/api"), params={"api_key": "s3cret", "format": "json"}
    )
    assert requests_to(httpserver, "/api")[0].args["api_key"] == "s3cret"  # it was sent
    assert "s3cret" not in records[0].url
    assert "format=json" in records[0].url
    assert "s3cret" not in response.url


def test_secrets_stay_out_of_connection_errors(make_client, records):
    port = _closed_port()
    with pytest.raises(TransientFetchError) as caught:
        make_client(max_retries=0).get(f"http://127.0.0.1:{port}/x", params={"api_key": "s3cret"})
    assert "s3cret" not in str(caught.value)
    assert caught.value.url.endswith("api_key=REDACTED")
    assert records[0].error is not None
    assert "s3cret" not in records[0].error


def test_redact_url_hides_passwords_and_keys_only():
    assert (
        redact_url("https://u:pw@h/p?api_key=k&x=1")
        == "https://u:REDACTED@h/p?api_key=REDACTED&x=1"
    )
    assert redact_url("https://h/p?q=a%2Fb") == "https://h/p?q=a%2Fb"


def test_looks_like_html():
    assert looks_like_html(b"\n  <!DOCTYPE html><html>")
    assert looks_like_html(b"<html><body>Maintenance</body></html>")
    assert looks_like_html(b"<?xml version='1.0'?><x/>", "text/html; charset=utf-8")
    assert not looks_like_html(b"<?xml version='1.0'?><billStatus/>", "application/xml")


def test_headers_are_case_insensitive_and_read_only(httpserver, make_client):
    httpserver.expect_request("/doc").respond_with_data("ok", headers={"X-Thing": "1"})
    response: HttpResponse = make_client().get(httpserver.url_for("/doc"))
    assert response.headers["x-thing"] == "1"
    with pytest.raises(TypeError):
        response.headers["x-thing"] = "2"  # type: ignore[index]


def test_the_client_is_a_context_manager(httpserver, clock):
    httpserver.expect_request("/doc").respond_with_data("ok")
    with PoliteClient(user_agent=UA, sleep=clock.sleep, monotonic=clock.monotonic) as client:
        assert client.get(httpserver.url_for("/doc")).content == b"ok"


def test_the_truncation_guard_for_urllib3_1():
    # urllib3 2 raises IncompleteRead before this check runs; urllib3 1.x did not.
    response = requests.Response()
    response.headers["Content-Length"] = "10"
    assert is_truncated(response, 10, 5)
    assert not is_truncated(response, 10, 10)
    response.headers["Content-Encoding"] = "gzip"
    assert not is_truncated(response, 10, 5)


# --- connection reuse --------------------------------------------------------------


class _KeepAliveHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive (werkzeug's test server closes every connection)."""

    protocol_version = "HTTP/1.1"
    connections: ClassVar[list[int]] = []

    def setup(self) -> None:
        super().setup()
        self.connections.append(self.client_address[1])

    def do_GET(self) -> None:
        if self.path == "/doc":
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            return
        body = b"no such bill"
        self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_304s_and_small_errors_keep_the_connection_for_the_next_request():
    """A check cycle is mostly 304s: each must not cost a new TCP/TLS handshake."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _KeepAliveHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with PoliteClient(user_agent=UA, min_interval=0) as client:
            for _ in range(3):
                assert client.get(f"{base}/doc", validators=Validators(etag='"v1"')).status == 304
            with pytest.raises(NotFound):
                client.get(f"{base}/missing")
            client.get(f"{base}/doc", validators=Validators(etag='"v1"'))
    finally:
        server.shutdown()
        server.server_close()
    assert len(_KeepAliveHandler.connections) == 1, "every request reuses the first connection"


# --- the deadline: one caller's whole request, retries included, is bounded ----------


def test_a_deadline_stops_the_retries_when_the_next_would_end_past_it(
    raw_server, make_client, clock
):
    server = raw_server(Canned(http_response("503 Service Unavailable", b"busy")))
    client = make_client(max_retries=10, min_interval=0)
    with client.deadline(5), pytest.raises(TransientFetchError) as caught:
        client.get(server.url("/busy"))
    # Backoff 2 s fits in 5; the next, 4 s, would end past it: 2 tries, not 11.
    assert str(caught.value).startswith("timed out after 5 s: ")
    assert str(caught.value).endswith("(last: HTTP 503)")
    assert server.connections == 2 and clock.sleeps == [2.0]
    # Outside the deadline the same client retries as configured again.
    with pytest.raises(TransientFetchError, match="after 3 attempts"):
        make_client(max_retries=2, min_interval=0).get(server.url("/busy"))


def test_a_spent_deadline_makes_no_request(raw_server, make_client, clock):
    server = raw_server(Canned(http_response("200 OK", b"fine")))
    client = make_client(min_interval=0)
    with client.deadline(1):
        clock.now += 1
        with pytest.raises(TransientFetchError, match="timed out after 1 s"):
            client.get(server.url("/late"))
    assert server.connections == 0
    assert client.get(server.url("/late")).content == b"fine"


def test_a_body_trickling_past_the_deadline_is_cut_off(make_client):
    """Every read beats the read timeout, but the whole body would not fit the deadline."""
    part = b"x" * 70_000  # over one 64 KB chunk, so the client reads between two parts
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()
    connections: list[int] = []

    def trickle() -> None:
        conn, _ = listener.accept()
        connections.append(1)
        with conn:
            conn.recv(4096)
            conn.sendall(http_response("200 OK", b"", {"Content-Length": str(len(part) * 5)}))
            for _ in range(5):
                conn.sendall(part)
                if stop.wait(0.3):  # each part well within the read timeout (1 s, what is left)
                    return

    server = threading.Thread(target=trickle, daemon=True)
    server.start()
    # The real clock here: the deadline must see the time the reads take.
    client = make_client(min_interval=0, max_retries=3, monotonic=time.monotonic)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/trickle"
    try:
        with client.deadline(1), pytest.raises(TransientFetchError) as caught:
            client.get(url)
    finally:
        stop.set()
        server.join()
        listener.close()
    message = str(caught.value)
    assert message.startswith("timed out after 1 s: ") and "body not read in time" in message
    assert connections == [1]  # no retry either: its backoff would end past the deadline
