"""The read-only web face: pages for advocates, a JSON API, Atom and iCalendar feeds.

``make_web_app(app)`` gives the WSGI application, ``create_app()`` the same
from the environment's settings (for operators' own WSGI servers); ``serve``
runs it on waitress. See ``tracker.web.app`` for the routes. Imports
``tracker`` and ``db``, never ``jobs``.
"""

from __future__ import annotations

from tracker.web.app import WebApp, make_web_app
from tracker.web.server import create_app, serve

__all__ = ["WebApp", "create_app", "make_web_app", "serve"]
