"""What a handler gets: the request, a read-only session, settings, templates, the time."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from sqlalchemy.orm import Session
from werkzeug.wrappers import Request, Response

from tracker.core.settings import Settings
from tracker.web.cache import ScheduleCache


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestContext:
    request: Request
    session: Session
    settings: Settings
    templates: Environment
    now: datetime
    base: str  # TRACKER_PUBLIC_URL without the final "/": never the request's Host header
    schedule_cache: ScheduleCache

    @property
    def stale_after(self) -> timedelta:
        return timedelta(hours=self.settings.stale_after_hours)

    def url(self, path: str, **params: str | int | None) -> str:
        """An absolute URL on this server (under ``public_url``), empty params dropped."""
        if not params:
            return self.base + path
        query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
        return self.base + path + (f"?{query}" if query else "")

    def render(self, template: str, *, status: int = 200, **values: Any) -> Response:
        html = self.templates.get_template(template).render(**values, now=self.now)
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    def arg(self, name: str) -> str | None:
        value = self.request.args.get(name)
        return value.strip() if value and value.strip() else None


def json_response(data: Any, *, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Response(body, status=status, content_type="application/json; charset=utf-8")
