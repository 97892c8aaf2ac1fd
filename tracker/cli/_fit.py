"""Tables that fit the terminal: columns dropped by importance, prose cut with an ellipsis.

On a terminal (or with ``COLUMNS`` set) a table never runs past the width: the
least important columns go first, then flexible columns (titles, action text)
share what is left and are cut with "…". ``--wide``, or output to a pipe or a
file, prints every column with full values: a file is read by programs and
searches, which want the whole text.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rich.console import Console
from rich.markup import escape
from rich.table import Table

#: A rich table with the default box: one border at the left, then per column
#: one space of padding either side and a border.
_PER_COLUMN = 3
_EDGE = 1


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    importance: int  # the lowest is dropped first when the width runs out
    flexible: bool = False  # cut short with an ellipsis to fit; else shown whole
    min_width: int = 0  # a flexible column narrower than this is dropped instead
    cap: int | None = None  # the widest a flexible column grows on a terminal


def output_width(*, wide: bool) -> int | None:
    """Columns to fit in, or None for full values (``--wide``, a pipe, a file)."""
    if wide:
        return None
    if sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() else None


def fit_widths(
    columns: Sequence[Column], natural: Sequence[int], width: int | None
) -> dict[int, int]:
    """Column index -> width, for the columns that are shown."""
    if width is None:
        return dict(enumerate(natural))
    want = {i: _wanted(c, n) for i, (c, n) in enumerate(zip(columns, natural, strict=True))}
    floor = {i: _floor(columns[i], want[i]) for i in want}
    shown = sorted(want, key=lambda i: columns[i].importance, reverse=True)
    while shown and _EDGE + sum(floor[i] + _PER_COLUMN for i in shown) > width:
        shown.pop()  # the least important column left
    return _share(columns, sorted(shown), want, floor, width)


def print_fitted(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    wide: bool = False,
    styles: Mapping[int, Sequence[str]] | None = None,
    title: str | None = None,
) -> None:
    """Print ``rows`` (plain text, escaped here) as a table that fits ``output_width``."""
    width = output_width(wide=wide)
    natural = [max([len(c.header), *(len(row[i]) for row in rows)]) for i, c in enumerate(columns)]
    widths = fit_widths(columns, natural, width)
    table = Table(title=title, title_justify="left")
    for i, w in widths.items():
        table.add_column(
            columns[i].header, width=w, min_width=w, max_width=w, no_wrap=True, overflow="ellipsis"
        )
    for n, row in enumerate(rows):
        table.add_row(*(_cell(row[i], (styles or {}).get(i), n) for i in widths))
    total = _EDGE + sum(w + _PER_COLUMN for w in widths.values())
    Console(width=max(total, width or 0), highlight=False, soft_wrap=False).print(table)


def _wanted(column: Column, natural: int) -> int:
    if column.flexible and column.cap is not None:
        return max(len(column.header), min(natural, column.cap))
    return natural


def _floor(column: Column, wanted: int) -> int:
    if not column.flexible:
        return wanted
    return min(wanted, max(column.min_width, len(column.header)))


def _share(
    columns: Sequence[Column],
    shown: list[int],
    want: dict[int, int],
    floor: dict[int, int],
    width: int,
) -> dict[int, int]:
    """Fixed columns get what they need; flexible ones split the rest, none above its want."""
    widths = {i: want[i] if not columns[i].flexible else floor[i] for i in shown}
    spare = width - _EDGE - sum(widths[i] + _PER_COLUMN for i in shown)
    growing = [i for i in shown if columns[i].flexible and widths[i] < want[i]]
    while spare > 0 and growing:
        share = max(1, spare // len(growing))
        for i in list(growing):
            step = min(share, want[i] - widths[i], spare)
            widths[i] += step
            spare -= step
            if widths[i] >= want[i]:
                growing.remove(i)
    return widths


def _cell(text: str, styles: Sequence[str] | None, row: int) -> str:
    # Scraped text may hold "[...]" that rich would read as markup.
    shown = escape(text)
    return f"[{styles[row]}]{shown}[/]" if styles else shown
