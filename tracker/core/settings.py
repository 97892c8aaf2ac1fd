"""One frozen ``Settings`` object, built at the edge and passed down.

Sources of values, later ones winning: the defaults below, an optional TOML
file (``--config`` or ``TRACKER_CONFIG``), then ``TRACKER_*`` environment
variables. Secrets (API key, SMTP URL with its password, the signing key)
are read from the environment only: a TOML file naming one is refused, so
config files can be committed or shared without leaking anything.

Nothing here runs at import time; ``load_settings`` is called by the CLI.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

from tracker.core.errors import ConfigError
from tracker.core.setting_checks import BadSetting, check_settings


def _setting(default: Any, doc: str, *, secret: bool = False) -> Any:
    return field(default=default, metadata={"doc": doc, "secret": secret})


def default_database_url() -> str:
    """A SQLite file in the per-user data folder (XDG_DATA_HOME, else ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return f"sqlite:///{Path(base) / 'bill-tracker' / 'tracker.db'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    database_url: str = _setting(
        "", "SQLAlchemy URL of the database; empty means the per-user SQLite file."
    )
    federal_source: str = _setting(
        "govinfo", "Source for federal bills: `govinfo` (no key) or `congress_gov` (needs a key)."
    )
    govinfo_base_url: str = _setting(
        "https://www.govinfo.gov", "Base URL of GovInfo; BILLSTATUS paths are appended to it."
    )
    congress_api_base_url: str = _setting(
        "https://api.congress.gov", "Base URL of the Congress.gov API v3."
    )
    house_clerk_base_url: str = _setting(
        "https://clerk.house.gov",
        "Base URL of the House Clerk's roll-call votes (`/evs/{year}/roll{NNN}.xml`).",
    )
    senate_lis_base_url: str = _setting(
        "https://www.senate.gov",
        "Base URL of the Senate's LIS roll-call votes (`/legislative/LIS/roll_call_votes/...`).",
    )
    congress_api_key: str | None = _setting(
        None, "Congress.gov API key (api.data.gov). Environment only.", secret=True
    )

    # --- State legislatures (Open States) ---
    openstates_base_url: str = _setting(
        "https://v3.openstates.org", "Base URL of the Open States API v3 (state bills)."
    )
    openstates_api_key: str | None = _setting(
        None, "Open States API key (sent as `X-API-KEY`). Environment only.", secret=True
    )
    openstates_min_interval: float = _setting(
        6.5,
        "Seconds between two requests to Open States (its free tier: about 10 a minute).",
    )
    openstates_daily_requests: int = _setting(
        250,
        "Requests to Open States per rolling day and process (its free tier: about 250).",
    )
    house_docs_base_url: str = _setting(
        "https://docs.house.gov",
        "Base URL of docs.house.gov: committee meeting feeds and XML, the floor week.",
    )
    senate_hearings_base_url: str = _setting(
        "https://www.senate.gov",
        "Base URL of senate.gov; `/general/committee_schedules/hearings.xml` is appended.",
    )
    uk_bills_base_url: str = _setting(
        "https://bills-api.parliament.uk",
        "Base URL of the UK Parliament Bills API (`/api/v1/Bills/{id}`; no key).",
    )
    uk_members_base_url: str = _setting(
        "https://members-api.parliament.uk",
        "Base URL of the UK Parliament Members API (MPs for `tracker officials import --uk`).",
    )
    schedule_tick_seconds: int = _setting(
        21600, "Seconds between the daemon's polls of the House and Senate schedules."
    )
    reminder_lead_hours: int = _setting(
        24, "Hours before a meeting that its reminder goes out (earlier in quiet hours)."
    )
    reminder_tick_seconds: int = _setting(
        300, "Seconds between the daemon's looks for reminders that are due."
    )
    contact: str | None = _setting(
        None, "Contact (email or URL) put in the User-Agent so source operators can reach you."
    )
    min_request_interval: float = _setting(1.0, "Seconds between two requests to the same host.")
    http_timeout: float = _setting(30.0, "Seconds before an HTTP request times out.")
    http_max_retries: int = _setting(4, "Retries on timeouts, 429 and 5xx before giving up.")
    check_interval_active: int = _setting(
        3600, "Seconds between checks of a bill that moved recently."
    )
    check_interval_dormant: int = _setting(
        86400, "Seconds between checks of a bill without change for `dormant_after_days`."
    )
    check_interval_archived: int = _setting(
        604800, "Seconds between checks of a bill without change for `archived_after_days`."
    )
    check_interval_final: int = _setting(
        2592000, "Seconds between checks of an enacted, vetoed, failed or ended bill."
    )
    dormant_after_days: int = _setting(30, "Days without change before a bill counts as dormant.")
    archived_after_days: int = _setting(
        365, "Days without change before a bill counts as archived."
    )
    check_jitter: float = _setting(
        0.1, "Fraction of an interval added at random, so checks spread out."
    )
    failure_backoff_max: int = _setting(
        86400, "Longest wait (seconds) before re-checking a bill that keeps failing."
    )
    stale_after_hours: int = _setting(
        24, "Hours without a successful check before a bill shows as stale."
    )
    lease_seconds: int = _setting(
        600, "How long a daemon holds a claimed bill or email before others may take it over."
    )
    check_batch_size: int = _setting(50, "Bills one daemon claims per check tick.")
    check_tick_seconds: int = _setting(60, "Seconds between the daemon's check ticks.")
    deliver_tick_seconds: int = _setting(30, "Seconds between the daemon's delivery ticks.")
    digest_tick_seconds: int = _setting(300, "Seconds between the daemon's digest ticks.")
    smtp_url: str | None = _setting(
        None,
        "SMTP server, `smtp://[user:pass@]host:port[?starttls=true]` or `smtps://...`. "
        "Environment only (it may hold a password).",
        secret=True,
    )
    mail_from: str = _setting("Bill Tracker <tracker@localhost>", "Sender address of every email.")
    secret_key: str | None = _setting(
        None, "Key that signs unsubscribe links. Environment only.", secret=True
    )
    public_url: str = _setting(
        "http://127.0.0.1:8080", "Address of the web page, for links in emails."
    )
    unsubscribe_email: str | None = _setting(
        None,
        "Address that takes unsubscribe requests by email; when set, `List-Unsubscribe` "
        "also offers a `mailto:` link (its subject carries the signed token).",
    )
    web_host: str = _setting("127.0.0.1", "Address `tracker serve` binds to.")
    web_port: int = _setting(8080, "Port `tracker serve` listens on.")
    web_threads: int = _setting(8, "Worker threads of `tracker serve` (requests served at once).")
    web_channel_timeout: int = _setting(
        30, "Seconds an idle or slow web client may hold its connection before it is closed."
    )
    web_connection_limit: int = _setting(
        200, "Most connections `tracker serve` keeps open at once; more wait to be accepted."
    )
    web_max_request_bytes: int = _setting(
        65536, "Largest request body `tracker serve` reads (the only form is one button)."
    )
    import_max_document_bytes: int = _setting(
        33554432,
        "Largest document `tracker import` reads from a folder or archive; larger are skipped.",
    )
    log_level: str = _setting("INFO", "Logging level of the CLI and daemon.")
    # --- leases and per-bill bounds (issue 13) ---
    check_bill_timeout: float = _setting(
        120.0,
        "Most seconds one bill's fetch may take, retries included; then it fails and the "
        "batch goes on. At most two thirds of the lease.",
    )
    page_definitions_dir: str = _setting(
        "",
        "Folder of your own bill page definitions (`*.toml`), beside the shipped ones; "
        'see "Any legislature\'s page (definitions)".',
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or default_database_url()


def env_name(name: str) -> str:
    return f"TRACKER_{name.upper()}"


def documented_settings() -> list[tuple[str, str, str, bool]]:
    """(environment variable, default, doc, secret) for every setting, for docs and tests."""
    rows = []
    for f in fields(Settings):
        default = "" if f.default is MISSING or f.default is None else str(f.default)
        rows.append((env_name(f.name), default, f.metadata["doc"], f.metadata["secret"]))
    return rows


def load_settings(
    env: Mapping[str, str] | None = None, config_path: Path | str | None = None
) -> Settings:
    """Settings from defaults, the TOML file, then the environment (``env``, default os.environ)."""
    env = os.environ if env is None else env
    path = config_path or env.get("TRACKER_CONFIG")
    values: dict[str, Any] = {}
    if path:
        values.update(_read_toml(Path(path)))
    for f in fields(Settings):
        raw = env.get(env_name(f.name))
        if raw is not None and raw != "":
            values[f.name] = _convert(f.name, raw, f.type)
    settings = Settings(**values)
    check_settings(settings)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    data = data.get("tracker", data)
    known = {f.name: f for f in fields(Settings)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        f = known.get(key)
        if f is None:
            raise ConfigError(f"{path}: unknown setting {key!r}")
        if f.metadata["secret"]:
            raise ConfigError(
                f"{path}: {key!r} is a secret; set {env_name(key)} in the environment instead"
            )
        out[key] = _convert(key, value, f.type)
    return out


def _convert(name: str, value: Any, type_name: Any) -> Any:
    kind = str(type_name)
    try:
        if kind.startswith("int"):
            return int(value)
        if kind.startswith("float"):
            return float(value)
    except (TypeError, ValueError):
        raise BadSetting(f"{env_name(name)}={value!r}: setting {name} must be a number") from None
    return str(value)
