"""The read-only web face: pages for advocates, a JSON API, Atom and iCalendar feeds.

``make_web_app(app)`` gives the WSGI application; ``serve`` runs it. See
``tracker.web.app`` for the routes. Imports ``tracker`` and ``db``, never ``jobs``.
"""

from __future__ import annotations

from tracker.web.app import WebApp, make_web_app, serve

__all__ = ["WebApp", "make_web_app", "serve"]
