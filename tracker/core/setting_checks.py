"""Checking settings when they are read: one line naming the variable and what it accepts.

A typo in a setting must fail at once, for every command, not as a ``KeyError``
deep in a check or a silently ignored log level. Each rule is a row: the
setting, a test of its value, and what the operator is told is allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tracker.core.errors import ConfigError

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
DATABASES = ("sqlite", "postgresql")


class BadSetting(ConfigError):
    """A setting whose value is not one the tracker can use (exit code 2, like bad input)."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    ok: Callable[[Any], bool]
    allowed: str


def _web_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _database_url(value: str) -> bool:
    if not value:
        return True  # the per-user SQLite file
    # Imported here: SQLAlchemy takes a fifth of a second to load, which a command
    # that never opens a database (``--help``) should not pay.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(value).get_backend_name() in DATABASES
    except ArgumentError:
        return False


def _smtp_url(value: str | None) -> bool:
    return value is None or urlsplit(value).scheme in ("smtp", "smtps")


def _positive(value: float) -> bool:
    return value > 0


def _not_negative(value: float) -> bool:
    return value >= 0


#: Sources a federal bill can be read from by default (page definitions name their own).
#: Named here rather than read off ``scrapers.registry``: importing every source (HTTP,
#: HTML and API clients) costs a quarter of a second at each start of each command, and
#: settings are read by all of them. A test holds this against the registry.
FEDERAL_SOURCES = ("congress_gov", "govinfo")
_BASE_URL = "an http:// or https:// URL"
_RULES = (
    _Rule("federal_source", lambda v: v in FEDERAL_SOURCES, " or ".join(FEDERAL_SOURCES)),
    _Rule("log_level", lambda v: v.upper() in LOG_LEVELS, ", ".join(LOG_LEVELS)),
    _Rule(
        "database_url",
        _database_url,
        "a database URL such as sqlite:////path/tracker.db or postgresql://user@host/db",
    ),
    _Rule("govinfo_base_url", _web_url, _BASE_URL),
    _Rule("congress_api_base_url", _web_url, _BASE_URL),
    _Rule("house_clerk_base_url", _web_url, _BASE_URL),
    _Rule("senate_lis_base_url", _web_url, _BASE_URL),
    _Rule("house_docs_base_url", _web_url, _BASE_URL),
    _Rule("senate_hearings_base_url", _web_url, _BASE_URL),
    _Rule("uk_bills_base_url", _web_url, _BASE_URL),
    _Rule("uk_members_base_url", _web_url, _BASE_URL),
    _Rule("openstates_base_url", _web_url, _BASE_URL),
    _Rule("openstates_min_interval", _not_negative, "0 or more seconds"),
    _Rule("openstates_daily_requests", _positive, "1 or more"),
    _Rule("reminder_lead_hours", _positive, "more than 0 hours"),
    _Rule("public_url", _web_url, _BASE_URL),
    _Rule("smtp_url", _smtp_url, "smtp://host:port or smtps://host:port"),
    _Rule("min_request_interval", _not_negative, "0 or more seconds"),
    _Rule("http_timeout", _positive, "more than 0 seconds"),
    _Rule("http_max_retries", _not_negative, "0 or more"),
    _Rule("check_jitter", lambda v: 0 <= v <= 1, "a fraction from 0 to 1"),
    _Rule("check_batch_size", _positive, "1 or more"),
    _Rule("lease_seconds", _positive, "more than 0 seconds"),
    _Rule("stale_after_hours", _not_negative, "0 or more hours"),
    _Rule("web_port", lambda v: 0 < v < 65536, "a port from 1 to 65535"),
    _Rule("import_max_document_bytes", lambda v: v >= 1024, "1024 bytes or more"),
    _Rule("web_threads", lambda v: 1 <= v <= 256, "1 to 256 threads"),
    _Rule("web_channel_timeout", _positive, "more than 0 seconds"),
    _Rule("web_connection_limit", _positive, "1 or more"),
    _Rule("web_max_request_bytes", lambda v: v >= 1024, "1024 bytes or more"),
    _Rule("check_bill_timeout", _positive, "more than 0 seconds"),
    *(
        _Rule(name, _positive, "more than 0")
        for name in (
            "check_interval_active",
            "check_interval_dormant",
            "check_interval_archived",
            "check_interval_final",
            "check_tick_seconds",
            "deliver_tick_seconds",
            "digest_tick_seconds",
            "schedule_tick_seconds",
            "reminder_tick_seconds",
            "failure_backoff_max",
        )
    ),
)


def check_settings(settings: Any) -> None:
    """Raise ``BadSetting`` for the first value no rule allows (secrets are never echoed)."""
    _check_page_definitions(settings.page_definitions_dir)
    for rule in _RULES:
        value = getattr(settings, rule.name)
        if not rule.ok(value):
            secret = rule.name == "smtp_url"
            shown = "(hidden: it may hold a password)" if secret else repr(value)
            raise BadSetting(
                f"TRACKER_{rule.name.upper()}={shown} is not allowed; use {rule.allowed}"
            )
    # Leases are renewed before a bill once a third of them has passed (checking/batch.py),
    # so one bill's fetch must end within the other two thirds or its lease runs out.
    if settings.check_bill_timeout > settings.lease_seconds * 2 / 3:
        raise BadSetting(
            f"TRACKER_CHECK_BILL_TIMEOUT={settings.check_bill_timeout!r} is not allowed; use at "
            f"most two thirds of TRACKER_LEASE_SECONDS ({settings.lease_seconds * 2 / 3:g} s)"
        )


# --- page definitions (an operator's folder of *.toml) ------------------------------------


def _check_page_definitions(directory: str) -> None:
    """Every definition in the folder must read; a syntax error names its file and line."""
    if not directory:
        return
    # Imported here: the page sources bring an HTML parser, which most commands never use.
    from scrapers.registry import SOURCES
    from scrapers.sources.pages import DefinitionError, definitions_in

    try:
        definitions = definitions_in(directory)
    except DefinitionError as exc:
        raise BadSetting(f"TRACKER_PAGE_DEFINITIONS_DIR: {exc}") from None
    for definition in definitions:
        if definition.name in SOURCES:
            raise BadSetting(
                f"TRACKER_PAGE_DEFINITIONS_DIR: {definition.path}: name {definition.name!r} "
                "is taken by a built-in source; choose another"
            )
