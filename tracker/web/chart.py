"""Geometry of the "stages over time" chart drawn as inline SVG on the bill page.

Pure: stages reached (with dates) in, coordinates and labels out; the template
only draws them, so the chart needs no JavaScript and no external asset. One
row per stage of the bill's ladder (plus any end state it reached), time
running left to right, a step line from stage to stage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.report.timeline import StageReached
from tracker.vocab.progress import ladder_for, step_label

WIDTH = 720
ROW_HEIGHT = 26
LEFT = 170  # room for the stage labels
RIGHT = 20
TOP = 10
AXIS = 30  # room for the date ticks below the plot
MAX_TICKS = 6


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    label: str
    y: float
    reached: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    x: float
    y: float
    label: str
    on: str  # the date as text, or "date unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StageChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    rows: tuple[Row, ...]
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    path: str  # the step line, an SVG path "d"
    summary: str  # the chart in words, for screen readers


def stage_chart(
    stages: Sequence[StageReached], *, bill_type: str, until: date, jurisdiction: str | None = None
) -> StageChart | None:
    """The chart of ``stages`` from the first one to ``until`` (None without dated stages)."""
    dated = [s.on for s in stages if s.on is not None]
    if not dated:
        return None
    start, end = min(dated), max([*dated, until])
    end = max(end, start + timedelta(days=1))
    names = _row_names(stages, bill_type, jurisdiction)
    bottom = TOP + ROW_HEIGHT * len(names)
    scale = _Scale(start=start, end=end, left=LEFT, right=WIDTH - RIGHT)
    row_y = {
        name: TOP + ROW_HEIGHT * (len(names) - 1 - i) + ROW_HEIGHT / 2
        for i, name in enumerate(names)
    }
    reached = {s.stage for s in stages}
    points = tuple(
        Point(
            x=scale.x(s.on or end),
            y=row_y[s.stage],
            label=step_label(s.stage, jurisdiction=jurisdiction),
            on=s.on.isoformat() if s.on else "date unknown",
        )
        for s in stages
    )
    return StageChart(
        width=WIDTH,
        height=bottom + AXIS,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=bottom,
        rows=tuple(
            Row(label=step_label(n, jurisdiction=jurisdiction), y=row_y[n], reached=n in reached)
            for n in names
        ),
        points=points,
        ticks=_ticks(scale),
        path=_step_path(points, scale.x(end)),
        summary="; ".join(f"{p.label}: {p.on}" for p in points),
    )


def _row_names(
    stages: Sequence[StageReached], bill_type: str, jurisdiction: str | None
) -> list[str]:
    ladder = [s.value for s in ladder_for(bill_type, jurisdiction)]
    extra = [s.stage for s in stages if s.stage not in ladder]
    return ladder + list(dict.fromkeys(extra))


def _step_path(points: Sequence[Point], x_end: float) -> str:
    first, *rest = points
    steps = [f"H{p.x:.1f} V{p.y:.1f}" for p in rest]
    return " ".join([f"M{first.x:.1f} {first.y:.1f}", *steps, f"H{x_end:.1f}"])


@dataclass(frozen=True, slots=True, kw_only=True)
class _Scale:
    start: date
    end: date
    left: float
    right: float

    def x(self, on: date) -> float:
        span = (self.end - self.start).days
        return self.left + (self.right - self.left) * (on - self.start).days / span


def _ticks(scale: _Scale) -> tuple[Tick, ...]:
    """First days of months, at most ``MAX_TICKS`` of them, evenly spaced in months."""
    months = (scale.end.year - scale.start.year) * 12 + scale.end.month - scale.start.month
    step = max(1, -(-months // MAX_TICKS))
    ticks = []
    year, month = scale.start.year, scale.start.month
    while True:
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        day = date(year, month, 1)
        if day > scale.end:
            break
        ticks.append(Tick(x=scale.x(day), label=f"{day:%b %Y}"))
    if not ticks:
        ticks.append(Tick(x=scale.x(scale.start), label=f"{scale.start:%b %d, %Y}"))
    return tuple(ticks)
