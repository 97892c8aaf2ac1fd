"""One database per backend filled by real check cycles, and the web app served over HTTP.

Both are built once for the whole ``tests/tracker/web`` package (filling takes a few
seconds); tests only read, so they share them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest
import requests
from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import BACKENDS, _scratch_database
from tests.report_data import Filled, fill
from tracker.core.app import App
from tracker.web import WebApp, make_web_app


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass


@dataclass
class Served:
    base: str
    filled: Filled
    web: WebApp
    http: requests.Session

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.http.get(self.base + path, timeout=30, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="package", params=BACKENDS)
def filled(request, test_data, tmp_path_factory) -> Iterator[Filled]:
    with _scratch_database(request.param, tmp_path_factory.mktemp("web")) as url:
        yield fill(url, test_data)


@pytest.fixture(scope="package")
def served(filled) -> Iterator[Served]:
    server = make_server("127.0.0.1", 0, None, threaded=True, request_handler=_QuietHandler)  # type: ignore[arg-type]
    # Links in pages come from public_url (never the Host header): this server's address.
    settings = replace(filled.settings, public_url=f"http://127.0.0.1:{server.server_port}")
    app = App.from_settings(settings, clock=filled.clock)
    web = make_web_app(app)
    server.app = web
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    http = requests.Session()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", filled, web, http)
    finally:
        http.close()
        server.shutdown()
        thread.join()
        server.server_close()
        app.close()
