"""Rendering emails from plain view values with Jinja2 (no database here).

Templates live in ``tracker/mail/templates``, one file per format, as macros::

    parts.html / parts.txt      the parts: bill (events, progress bar, latest
                                actions, links), calls_head/calls_tail, call
                                (alerts), call_brief + script (digests),
                                page_top, greeting, footer
    alert.html / alert.txt      macro ``alert(page)``: headline, one bill, whom to call
    digest.html / digest.txt    macro ``digest(page)``: each bill that moved, whom to call

Macros rather than whole-template renders because a macro call costs about a
quarter of ``Template.render`` (no new context per call), and a digest run
calls them tens of thousands of times. ``.html`` templates autoescape (bill
titles, action text and names are scraped, untrusted text); ``.txt`` do not.
Parts are rendered once and shared: a bill's part once per set of new
events, each official's call once (see ``tracker.mail.calls``); only the
outer macro runs per advocate. The HTML uses tables with inline styles only (no classes, images
or scripts), which mail clients keep.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fragment:
    """One part of an email in both forms; ``html`` is already escaped."""

    html: Markup
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """What the outer ``alert`` and ``digest`` macros read (attributes, not a dict:
    Jinja looks attributes up first, and a dict would cost a failed lookup each)."""

    subject: str
    greeting_name: str
    reason: str
    public_url: str
    unsubscribe_url: str
    headline: str = ""  # alerts
    section: Fragment | None = None  # alerts: the bill
    calls: Fragment | None = None  # alerts: whom to call
    stop_bill_url: str = ""  # alerts: unsubscribe from this bill only
    stop_bill_citation: str = ""
    cadence: str = ""  # digests
    intro: str = ""  # digests
    bills: Sequence[Any] = ()  # digests: DigestBill values
    more: str = ""  # digests: the bills left out to keep it short, named


@dataclass(frozen=True, slots=True, kw_only=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


@cache
def environment() -> jinja2.Environment:
    """The one template environment; templates are compiled once and cached in it."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"], default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str | None) -> str:
    """``url`` if it is http(s), else "": a scraped ``javascript:`` link never becomes a href."""
    if not url:
        return ""
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else ""


@cache
def _macros(template: str) -> Any:
    """The template's module: its macros, compiled once."""
    return environment().get_template(template).module


def render_part(name: str, *args: Any) -> Fragment:
    """Macro ``name`` of ``parts.html`` and ``parts.txt`` called with ``args``."""
    html = getattr(_macros("parts.html"), name)(*args)
    text = getattr(_macros("parts.txt"), name)(*args)
    return Fragment(html=Markup(html), text=str(text))  # autoescaped macro output


def render_email(name: str, page: Page) -> RenderedEmail:
    """Macro ``name`` of ``{name}.html`` and ``{name}.txt`` called with ``page``."""
    return RenderedEmail(
        subject=page.subject,
        text=str(getattr(_macros(f"{name}.txt"), name)(page)),
        html=str(getattr(_macros(f"{name}.html"), name)(page)),
    )
