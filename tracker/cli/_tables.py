"""Terminal tables (rich) and CSV, kept apart from the commands that fill them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tracker.report.status import Health, SourceFreshness, StatusRow

_HEALTH_STYLE = {
    Health.OK: "green",
    Health.PENDING: "yellow",
    Health.FAILING: "red",
    Health.STALE: "red",
}

#: ``tracker status --csv`` columns, in order (a stable contract like the JSON keys).
CSV_COLUMNS = (
    "id",
    "short_title",
    "title",
    "stage",
    "stage_chamber",
    "stage_date",
    "latest_action_date",
    "latest_action_text",
    "days_since_moved",
    "last_checked",
    "last_changed",
    "source",
    "health",
    "error",
    "dead",
)


def print_status_table(rows: Sequence[StatusRow]) -> None:
    table = Table(show_lines=False)
    # Ids and stages stay whole (they are what one greps for); prose folds.
    table.add_column("bill", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=2)
    table.add_column("stage", no_wrap=True)
    for column in ("since", "moved"):
        table.add_column(column, overflow="fold")
    table.add_column("latest action", overflow="fold", ratio=3)
    for column in ("checked", "health"):
        table.add_column(column, overflow="fold")
    for r in rows:
        latest = f"{r.latest_action_date}: {r.latest_action_text}" if r.latest_action_text else "-"
        table.add_row(
            r.id,
            # Scraped text may hold "[...]" that rich would read as markup.
            escape(_short(r.display_title or "(not checked yet)", 50)),
            (r.stage or "-") + (" [red]dead[/]" if r.dead else ""),
            str(r.stage_date or "-"),
            f"{r.days_since_moved} d ago" if r.days_since_moved is not None else "-",
            escape(_short(latest, 60)),
            r.last_checked.strftime("%Y-%m-%d %H:%M") if r.last_checked else "never",
            f"[{_HEALTH_STYLE[r.health]}]{r.health.value}[/]"
            + (f": {escape(_short(r.error, 40))}" if r.error else ""),
        )
    Console().print(table)


def print_freshness(sources: Sequence[SourceFreshness], *, now: datetime) -> None:
    """One line per source: when it last answered, when a bill of it last changed."""
    console = Console()
    for f in sources:
        answered = "never answered"
        if f.last_success:
            answered = f"answered {ago(now - f.last_success)} ago"
        if f.last_changed:
            answered += f", last change seen {ago(now - f.last_changed)} ago"
        name = f"[{'red' if f.silent else 'green'}]{escape(f.source)}[/]"
        console.print(f"source {name}: {f.bills} tracked bills, {answered}")


def write_status_csv(rows: Sequence[StatusRow], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        data = r.to_json()
        latest = data["latest_action"] or {}
        values = data | {
            "latest_action_date": latest.get("date"),
            "latest_action_text": latest.get("text"),
        }
        writer.writerow(["" if values[c] is None else values[c] for c in CSV_COLUMNS])


def ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
