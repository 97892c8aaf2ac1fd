"""Terminal tables (rich) and CSV, kept apart from the commands that fill them."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from tracker.cli._fit import Column, print_fitted
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


def print_status_table(rows: Sequence[StatusRow], *, wide: bool = False) -> None:
    columns = (
        # Ids and stages stay whole (they are what one greps for); prose is cut short.
        Column("bill", importance=9),
        Column("title", importance=7, flexible=True, min_width=12, cap=50),
        Column("stage", importance=8),
        Column("since", importance=4),
        Column("moved", importance=2),
        Column("latest action", importance=3, flexible=True, min_width=16, cap=60),
        Column("checked", importance=1),
        Column("health", importance=6, flexible=True, min_width=7, cap=48),
    )
    cells = [
        (
            r.id,
            r.display_title or "(not checked yet)",
            (r.stage or "-") + (" dead" if r.dead else ""),
            str(r.stage_date or "-"),
            f"{r.days_since_moved} d ago" if r.days_since_moved is not None else "-",
            f"{r.latest_action_date}: {r.latest_action_text}" if r.latest_action_text else "-",
            r.last_checked.strftime("%Y-%m-%d %H:%M") if r.last_checked else "never",
            r.health.value + (f": {r.error}" if r.error else ""),
        )
        for r in rows
    ]
    styles = {7: [_HEALTH_STYLE[r.health] for r in rows]}
    print_fitted(columns, cells, wide=wide, styles=styles)


def print_freshness(sources: Sequence[SourceFreshness], *, now: datetime) -> None:
    """One line per source: when it last answered, when a bill of it last changed."""
    console = Console()
    for f in sources:
        answered = "never answered"
        if f.last_success:
            answered = f"answered {ago(now - f.last_success)} ago"
        if f.last_changed:
            answered += f", last change {ago(now - f.last_changed)} ago"
        name = f"[{'red' if f.silent else 'green'}]{escape(f.source)}[/]"
        bills = f"{f.bills} tracked bill{'' if f.bills == 1 else 's'}"
        console.print(f"source {name}: {bills}, {answered}")


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
        writer.writerow([_cell_for_spreadsheet(values[c]) for c in CSV_COLUMNS])


#: A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell_for_spreadsheet(value: object) -> object:
    """Scraped text never becomes a live formula: a leading ``'`` makes it text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def ago(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds < 120:
        return f"{seconds}s"
    if seconds < 7200:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} days"
