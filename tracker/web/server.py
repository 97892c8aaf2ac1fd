"""Serving the web face: waitress in production, and a factory for other WSGI servers.

Why waitress: pure Python (nothing to compile, runs wherever the tracker runs),
well kept (the Pylons project), and its event loop reads each request whole
before a worker thread sees it, so an idle or slow client holds a socket, not
a thread (werkzeug's development server gave each of 300 half-open connections
its own thread). ``web_threads``, ``web_channel_timeout``,
``web_connection_limit`` and ``web_max_request_bytes`` bound it.

Operators who run their own server point it at the factory, which reads the
settings from the environment::

    waitress-serve --call tracker.web:create_app
    gunicorn 'tracker.web:create_app()'
"""

from __future__ import annotations

import logging
from typing import Any

from tracker.core.app import App
from tracker.core.settings import load_settings
from tracker.web.app import WebApp, make_web_app

logger = logging.getLogger(__name__)


def create_app() -> WebApp:
    """The WSGI application, configured from ``TRACKER_*`` (and ``TRACKER_CONFIG``)."""
    app = App.from_settings(load_settings())
    app.ensure_ready()
    return make_web_app(app)


def server_options(app: App, *, host: str, port: int) -> dict[str, Any]:
    """waitress's adjustments from the settings (one place, so tests can read them)."""
    s = app.settings
    return {
        "host": host,
        "port": port,
        "threads": s.web_threads,
        "channel_timeout": s.web_channel_timeout,
        "connection_limit": s.web_connection_limit,
        "max_request_body_size": s.web_max_request_bytes,
        "max_request_header_size": 16 * 1024,
        "ident": "bill-tracker",
        "expose_tracebacks": False,
        # Checked for idle channels this often; no longer than the timeout itself.
        "cleanup_interval": max(1, min(30, s.web_channel_timeout)),
    }


def serve(app: App, *, host: str, port: int) -> None:
    """Serve until interrupted, on waitress."""
    from waitress import serve as waitress_serve  # only when serving

    options = server_options(app, host=host, port=port)
    logger.warning(
        "serving on http://%s:%s (%s threads); links in pages use %s",
        host,
        port,
        options["threads"],
        app.settings.public_url,
    )
    waitress_serve(make_web_app(app), **options)
