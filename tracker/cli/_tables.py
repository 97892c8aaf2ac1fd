"""Terminal tables (rich), kept apart from the commands that fill them."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from tracker.report import Health, StatusRow

_HEALTH_STYLE = {
    Health.OK: "green",
    Health.PENDING: "yellow",
    Health.FAILING: "red",
    Health.STALE: "red",
}


def print_status_table(rows: Sequence[StatusRow]) -> None:
    table = Table(show_lines=False)
    for column in ("bill", "title", "stage", "since", "latest action", "checked", "health"):
        table.add_column(column, overflow="fold")
    for r in rows:
        latest = f"{r.latest_action_date}: {r.latest_action_text}" if r.latest_action_text else "-"
        table.add_row(
            r.id,
            _short(r.title or "(not checked yet)", 50),
            r.stage or "-",
            str(r.stage_date or "-"),
            _short(latest, 60),
            r.last_checked.strftime("%Y-%m-%d %H:%M") if r.last_checked else "never",
            f"[{_HEALTH_STYLE[r.health]}]{r.health.value}[/]"
            + (f": {_short(r.error, 40)}" if r.error else ""),
        )
    Console().print(table)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
