"""The read-only web face: a plain WSGI application (werkzeug routing, Jinja2 pages).

Routes (GET and HEAD only):

==================================  ==================================================
``/``                               the bill list: progress bars, stage filter, search
``/bills/{id}``                     a bill: timeline chart, actions, whom to call
``/api/bills``                      JSON, paginated by cursor; stage, q, changed_since
``/api/bills/{id}``                 JSON timeline of one bill
``/api/bills/{id}/events``          JSON change events of one bill, newest first
``/api/bills/{id}/votes``           JSON roll-call votes of one bill, with positions
``/api/openapi.json``               the OpenAPI 3.1 document of the three above
``/feeds/changes.atom``             Atom: the latest changes of all bills
``/feeds/bills/{id}.atom``          Atom: the latest changes of one bill
``/feeds/schedule.ics``             iCalendar: announced hearings, markups and votes
``/static/{name}``                  the style sheet (no other asset exists)
==================================  ==================================================

Each request gets its own session, which only reads and is rolled back at the
end. Every response carries a strict Content-Security-Policy (no script at
all, styles and images from this server only) and never names an advocate:
pages show only how many follow a bill. Imports ``tracker`` and ``db``; the
``tracker serve`` command builds it with ``make_web_app``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from werkzeug.exceptions import (
    HTTPException,
    InternalServerError,
    MethodNotAllowed,
    ServiceUnavailable,
)
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from tracker.core.app import App
from tracker.web import api, feeds, unsubscribe, views
from tracker.web.cache import ScheduleCache
from tracker.web.context import RequestContext, json_response
from tracker.web.page_cache import CACHEABLE, PageCache, cache_key, data_version, respond

logger = logging.getLogger(__name__)

Handler = Callable[..., Response]

_ROUTES: dict[str, tuple[str, Handler]] = {
    "/": ("bill_list", views.bill_list),
    "/bills/<key>": ("bill_page", views.bill_page),
    "/static/<name>": ("static", views.static_file),
    "/api/bills": ("api_bills", api.bills),
    "/api/bills/<key>": ("api_bill", api.bill),
    "/api/bills/<key>/events": ("api_events", api.events),
    "/api/bills/<key>/votes": ("api_votes", api.votes),
    "/api/openapi.json": ("openapi", api.openapi),
    "/feeds/changes.atom": ("feed_changes", feeds.changes),
    "/feeds/bills/<key>.atom": ("feed_bill", feeds.bill_changes),
    "/feeds/schedule.ics": ("schedule", feeds.schedule),
    "/unsubscribe": ("unsubscribe", unsubscribe.unsubscribe),
}
#: The only route that writes: the signed link in every email (POST applies it).
_WRITE_ROUTES = {"unsubscribe"}

#: No script may run, nothing may be framed or loaded from elsewhere; forms
#: submit only here. Inline SVG is markup, not an image load, so it needs nothing.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


@dataclass
class WebApp:
    """The WSGI callable. ``app`` supplies settings, sessions and the clock."""

    app: App
    templates: Environment
    url_map: Map
    handlers: dict[str, Handler]
    schedule_cache: ScheduleCache = field(default_factory=ScheduleCache)
    page_cache: PageCache | None = field(default_factory=PageCache)  # None: render every time

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        request = Request(environ)
        response = self.dispatch(request)
        response.headers.update(_SECURITY_HEADERS)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        try:
            endpoint, args = self.url_map.bind_to_environ(request.environ).match()
            with self.app.sessions() as session:
                cacheable = endpoint in CACHEABLE and request.method in ("GET", "HEAD")
                if cacheable and self.page_cache is not None:
                    return self._cached(request, session, self.page_cache, endpoint, dict(args))
                return self.handlers[endpoint](self._context(request, session), **args)
        except HTTPException as exc:
            return self.error(request, exc)
        except SQLAlchemyError:
            logger.exception("database error on %s", request.path)
            return self.error(request, ServiceUnavailable("The database is not available."))
        except Exception:  # the server's edge: a bug becomes a logged 500, not a dead thread
            logger.exception("error on %s", request.path)
            return self.error(request, InternalServerError())

    def _cached(
        self,
        request: Request,
        session: Session,
        cache: PageCache,
        endpoint: str,
        args: dict[str, Any],
    ) -> Response:
        key, now = cache_key(request), self.app.clock()
        version = data_version(session)
        entry = cache.get(key, version, now)
        if entry is None:
            response = self.handlers[endpoint](self._context(request, session), **args)
            cache.put(key, version, now, response)
            entry = cache.get(key, version, now)
            if entry is None:  # not cacheable (an error page, a stream)
                return response
        return respond(entry, request)

    def error(self, request: Request, exc: HTTPException) -> Response:
        code = exc.code or InternalServerError.code
        message = exc.description or exc.name
        if request.path.startswith("/api/"):
            response = json_response({"error": message, "status": code}, status=code)
        else:
            page = self.templates.get_template("error.html")
            html = page.render(code=code, name=exc.name, message=message)
            response = Response(html, status=code, content_type="text/html; charset=utf-8")
        if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response

    def _context(self, request: Request, session: Session) -> RequestContext:
        return RequestContext(
            request=request,
            session=session,
            settings=self.app.settings,
            templates=self.templates,
            now=self.app.clock(),
            # A Host header is the client's to choose: links built from it could be
            # poisoned behind a proxy or cache. Links come from the configured address.
            base=self.app.settings.public_url.rstrip("/"),
            schedule_cache=self.schedule_cache,
        )


def make_web_app(app: App) -> WebApp:
    rules = [
        Rule(
            path,
            endpoint=endpoint,
            methods=["GET", "POST"] if endpoint in _WRITE_ROUTES else ["GET"],
        )
        for path, (endpoint, _) in _ROUTES.items()
    ]
    return WebApp(
        app=app,
        templates=make_templates(),
        url_map=Map(rules, strict_slashes=False),
        handlers=dict(_ROUTES.values()),
    )


def make_templates() -> Environment:
    # Autoescape everything: titles, actions and names are scraped, untrusted text.
    env = Environment(
        loader=PackageLoader("tracker.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    views.register_filters(env)
    return env
