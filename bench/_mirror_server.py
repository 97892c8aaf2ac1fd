"""A local GovInfo BILLSTATUS mirror for benchmarks, run as its own process.

Run as ``python bench/_mirror_server.py --root FOLDER [--port 0]``; it prints
``listening on http://127.0.0.1:PORT`` on its first line of output, then
serves until terminated (``MirrorProcess`` does this for a benchmark).
``FOLDER`` holds GovInfo's bulk-data layout,
``BILLSTATUS/115/hr/BILLSTATUS-115hr1.xml`` and so on. It answers:

- ``/bulkdata/BILLSTATUS/{congress}/{type}/{file}.xml``: the file, with a
  strong ``ETag`` (the quoted sha1 of its bytes) and ``Last-Modified`` (its
  mtime); ``304 Not Modified`` when ``If-None-Match`` names that ETag (or,
  without ``If-None-Match``, when ``If-Modified-Since`` is not older).
- ``/sitemap/bulkdata/BILLSTATUS/sitemapindex.xml``: one ``<sitemap>`` per
  Congress and bill type, ``<lastmod>`` the newest file mtime in it.
- ``/sitemap/bulkdata/BILLSTATUS/{congress}{type}/sitemap.xml``: one ``<url>``
  per file, ``<lastmod>`` its mtime (ISO 8601, UTC, milliseconds, ``Z``), as
  ``scrapers/sources/govinfo/listing.py`` reads them.
- ``/_stats``: JSON counts of requests and body bytes by kind (``document``,
  ``not_modified``, ``sitemap``, ``not_found``), of TCP connections accepted,
  and this process's CPU seconds. ``/_stats`` itself is not counted (its
  own connection is).

The file tree and its mtimes are read once at start-up (set mtimes first,
then start the server). It runs as a separate process so that its CPU is
never counted as the tracker's. HTTP/1.1 keep-alive, as GovInfo offers, so
the client reuses one connection. No request logging.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
DOCUMENT_PREFIX = "/bulkdata/BILLSTATUS/"
SITEMAP_PREFIX = "/sitemap/bulkdata/BILLSTATUS/"
INDEX_PATH = SITEMAP_PREFIX + "sitemapindex.xml"


def etag_of(content: bytes) -> str:
    """The strong ETag this server gives ``content`` (the bench stores the same)."""
    return f'"{hashlib.sha1(content).hexdigest()}"'


def http_date(mtime: float) -> str:
    """``Last-Modified`` of a file with this mtime."""
    return formatdate(mtime, usegmt=True)


def lastmod(mtime: float) -> str:
    """A sitemap ``<lastmod>`` as GovInfo writes it: ``2026-04-21T20:20:00.649Z``."""
    return datetime.fromtimestamp(mtime, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


@dataclass
class Stats:
    """Requests and body bytes by kind; shared by the handler threads."""

    requests: dict[str, int] = field(default_factory=dict)
    body_bytes: dict[str, int] = field(default_factory=dict)
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def connected(self) -> None:
        with self.lock:
            self.connections += 1

    def count(self, kind: str, nbytes: int) -> None:
        with self.lock:
            self.requests[kind] = self.requests.get(kind, 0) + 1
            self.body_bytes[kind] = self.body_bytes.get(kind, 0) + nbytes

    def to_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "requests": dict(self.requests),
                "body_bytes": dict(self.body_bytes),
                "total_requests": sum(self.requests.values()),
                "total_body_bytes": sum(self.body_bytes.values()),
                "connections": self.connections,
                "cpu_seconds": time.process_time(),
            }


@dataclass(frozen=True, slots=True)
class Tree:
    """The served files' mtimes by collection (``("115", "hr")``), read at start-up."""

    root: Path
    collections: dict[tuple[str, str], dict[str, float]]

    @classmethod
    def scan(cls, root: Path) -> Tree:
        collections: dict[tuple[str, str], dict[str, float]] = {}
        for path in sorted((root / "BILLSTATUS").glob("*/*/*.xml")):
            congress, bill_type = path.parent.parent.name, path.parent.name
            collections.setdefault((congress, bill_type), {})[path.name] = path.stat().st_mtime
        return cls(root=root, collections=collections)

    def mtime(self, congress: str, bill_type: str, name: str) -> float | None:
        return self.collections.get((congress, bill_type), {}).get(name)


def sitemap_index(tree: Tree, base: str) -> bytes:
    items = "".join(
        f"<sitemap><loc>{escape(base)}{SITEMAP_PREFIX}{c}{t}/sitemap.xml</loc>"
        f"<lastmod>{lastmod(max(files.values()))}</lastmod></sitemap>"
        for (c, t), files in sorted(tree.collections.items())
    )
    return _xml(f'<sitemapindex xmlns="{SITEMAP_NS}">{items}</sitemapindex>')


def collection_sitemap(tree: Tree, base: str, congress: str, bill_type: str) -> bytes | None:
    files = tree.collections.get((congress, bill_type))
    if files is None:
        return None
    folder = f"{escape(base)}{DOCUMENT_PREFIX}{congress}/{bill_type}/"
    items = "".join(
        f"<url><loc>{folder}{name}</loc><lastmod>{lastmod(mtime)}</lastmod></url>"
        for name, mtime in files.items()
    )
    return _xml(f'<urlset xmlns="{SITEMAP_NS}">{items}</urlset>')


def _xml(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body).encode()


class MirrorHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every response has a Content-Length
    server: MirrorServer

    def setup(self) -> None:
        super().setup()
        self.server.stats.connected()  # one handler per TCP connection (keep-alive or not)

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/_stats":
            self._send(200, json.dumps(self.server.stats.to_json()).encode(), "application/json")
        elif path.startswith(DOCUMENT_PREFIX):
            self._document(path.removeprefix(DOCUMENT_PREFIX))
        elif path.startswith(SITEMAP_PREFIX):
            self._sitemap(path.removeprefix(SITEMAP_PREFIX))
        else:
            self._not_found()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a benchmark makes tens of thousands of requests."""

    def _document(self, rest: str) -> None:
        parts = rest.split("/")
        mtime = self.server.tree.mtime(*parts) if len(parts) == 3 else None
        if mtime is None:
            self._not_found()
            return
        content = self.server.tree.root.joinpath("BILLSTATUS", *parts).read_bytes()
        headers = {"ETag": etag_of(content), "Last-Modified": http_date(mtime)}
        if self._not_modified(headers["ETag"], mtime):
            self.server.stats.count("not_modified", 0)
            self._send(304, b"", None, headers)
            return
        self.server.stats.count("document", len(content))
        self._send(200, content, "application/xml", headers)

    def _not_modified(self, etag: str, mtime: float) -> bool:
        # RFC 9110 13.2.2: If-None-Match, when present, decides alone.
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip() for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return int(mtime) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False

    def _sitemap(self, rest: str) -> None:
        base = f"http://{self.headers.get('Host', 'localhost')}"
        if rest == "sitemapindex.xml":
            body: bytes | None = sitemap_index(self.server.tree, base)
        else:
            body = self._collection(rest, base)
        if body is None:
            self._not_found()
            return
        self.server.stats.count("sitemap", len(body))
        self._send(200, body, "application/xml")

    def _collection(self, rest: str, base: str) -> bytes | None:
        name, _, leaf = rest.partition("/")
        congress = name.rstrip("abcdefghijklmnopqrstuvwxyz")
        if leaf != "sitemap.xml" or not congress.isdigit():
            return None
        return collection_sitemap(self.server.tree, base, congress, name[len(congress) :])

    def _not_found(self) -> None:
        body = b"not found"
        self.server.stats.count("not_found", len(body))
        self._send(404, body, "text/plain")

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


class MirrorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], tree: Tree) -> None:
        super().__init__(address, MirrorHandler)
        self.tree = tree
        self.stats = Stats()


class MirrorProcess:
    """This server run as a child process, for a benchmark; ``stop()`` ends it."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--root", str(root)],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("listening on "):
            self.stop()
            raise RuntimeError(f"the mirror server did not start: {line!r}")
        self.base_url = line.removeprefix("listening on ")

    def stats(self) -> dict[str, Any]:
        """The counters of ``/_stats`` (read over its own connection, which is counted)."""
        # http.client, not urllib: no proxy settings from the environment.
        address = urlsplit(self.base_url)
        connection = http.client.HTTPConnection(address.hostname or "", address.port, timeout=10)
        try:
            connection.request("GET", "/_stats")
            stats: dict[str, Any] = json.load(connection.getresponse())
            return stats
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, required=True, help="folder holding BILLSTATUS/")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    server = MirrorServer((args.host, args.port), Tree.scan(args.root))
    port = server.server_address[1]
    sys.stdout.write(f"listening on http://{args.host}:{port}\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
