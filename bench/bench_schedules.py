"""Benchmark: requests per schedule poll as the number of tracked bills grows.

Run as ``.venv/bin/python bench/bench_schedules.py [--data DIR] [--bills 1,10,100,1000]``
(``--data`` defaults to ``$TRACKER_TEST_DATA``, else ``../shared/data``). For each N, a
fresh SQLite database tracks N federal bills of the 118th Congress, referred round-robin
to the 20 House committees and to a Senate committee. A local server (werkzeug, in a
thread) plays docs.house.gov and senate.gov: each committee feed lists one upcoming
meeting (the real meeting XML HHRG115955, served at a path per committee), the floor
weeks answer 404, and the Senate feed is the real hearings-2026-07-30.xml. Every
answer carries an ETag and honours ``If-None-Match``.

Two polls per N: cold (nothing stored) and warm (every document conditional). Prints
requests, 304s and wall time of each; the figure of interest is that requests do not
grow with N (they follow the committees: at most 20 feeds and their meetings, two
floor weeks and the Senate feed).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from db import migrate
from db.engine import make_engine, make_session_factory
from db.models import Bill, CommitteeReferral
from scrapers.http import PoliteClient
from scrapers.sources.house_docs import HouseDocs
from scrapers.sources.senate_hearings import SenateHearings
from tracker.checking.check import FetchRecorder
from tracker.checking.schedules import ScheduleSources, poll_schedules

REPO = Path(__file__).resolve().parent.parent
COMMITTEES = ["AG", "AP", "AS", "BA", "BU", "ED", "FA", "GO", "HA", "HM"]
COMMITTEES += ["IF", "II", "JU", "PW", "RU", "SM", "SO", "SY", "VR", "WM"]
NOW = datetime(2023, 5, 20, 16, 0, tzinfo=UTC)


class Site:
    """The fake docs.house.gov and senate.gov, counting what it answers."""

    def __init__(self, data: Path) -> None:
        self.meeting = (
            data / "schedules/house-committee/HHRG115955-II10-20230523.xml"
        ).read_bytes()
        self.senate = (data / "schedules/senate-committee/hearings-2026-07-30.xml").read_bytes()
        self.statuses: Counter[int] = Counter()

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        request = Request(environ)
        response = self._answer(request)
        self.statuses[response.status_code] += 1
        return response(environ, start_response)

    def _answer(self, request: Request) -> Response:
        if request.path == "/Committee/RSS.ashx":
            code = request.args.get("Code", "XX00")[:2]
            event = 100000 + sum(ord(c) for c in code) * 7  # one meeting id per committee
            url = f"https://docs.house.gov/meetings/{code}/{code}00/20230523/{event}/m.xml"
            body = f"<rss><channel><item><enclosure url='{url}'/></item></channel></rss>"
            return _conditional(request, body.encode())
        if request.path.startswith("/meetings/"):
            return _conditional(request, self.meeting)
        if request.path == "/general/committee_schedules/hearings.xml":
            return _conditional(request, self.senate)
        return Response("not found", status=404)


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


def _conditional(request: Request, body: bytes) -> Response:
    etag = '"' + hashlib.sha1(body).hexdigest() + '"'
    if request.headers.get("If-None-Match") == etag:
        return Response(status=304, headers={"ETag": etag})
    return Response(body, headers={"ETag": etag, "Content-Type": "text/xml"})


def main() -> int:
    args = _arguments()
    site = Site(args.data)
    server = make_server("127.0.0.1", 0, site, threaded=True, request_handler=_Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    print("bills  poll  requests  304s  seconds")
    try:
        for n in args.bills:
            for label, requests, not_modified, seconds in _run(n, base, site):
                print(f"{n:>5}  {label:<4}  {requests:>8}  {not_modified:>4}  {seconds:7.2f}")
    finally:
        server.shutdown()
    return 0


def _run(n: int, base: str, site: Site) -> list[tuple[str, int, int, float]]:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.db")
        migrate.upgrade(engine)
        sessions = make_session_factory(engine)
        with sessions.begin() as s:
            _track(s, n)
        rows = []
        for label in ("cold", "warm"):
            site.statuses.clear()
            recorder = FetchRecorder()
            started = time.perf_counter()
            with PoliteClient(
                user_agent="bill-tracker-bench", min_interval=0, on_request=recorder
            ) as client:
                sources = ScheduleSources(
                    house=HouseDocs(client, base_url=base),
                    senate=SenateHearings(client, base_url=base),
                )
                report = poll_schedules(sessions, sources, now=NOW, recorder=recorder)
            seconds = time.perf_counter() - started
            rows.append((label, report.requests, site.statuses[304], seconds))
        engine.dispose()
        return rows


def _track(session, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        bill = Bill(
            key=f"hr{i + 1}-118",
            jurisdiction="us",
            session="118",
            bill_type="hr",
            number=i + 1,
            source="govinfo",
            tracked=True,
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(bill)
        session.flush()
        code = COMMITTEES[i % len(COMMITTEES)]
        for referral in (f"hs{code.lower()}00", "ssju00"):
            session.add(CommitteeReferral(bill_id=bill.id, committee_code=referral, name=referral))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("TRACKER_TEST_DATA") or str(REPO.parent / "shared" / "data")
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument(
        "--bills", type=lambda t: [int(x) for x in t.split(",")], default=[1, 10, 100, 1000]
    )
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
