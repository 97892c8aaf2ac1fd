"""Reading advocates from a CSV file (``tracker advocates import``).

Layout: a header row, then one advocate per row. The header must name
``email,name,state,district,timezone`` (any order, any case); it may add
``digest_hour`` (0-23, local), ``quiet_hours`` (``21-8`` or ``none``), and
``state_senate_district`` / ``state_house_district`` (the advocate's districts of
their state legislature, as the state writes them: ``10``, ``1A``).
``email`` and ``state`` must have a value; an empty cell keeps what is stored
(or the default for a new advocate). Other columns are ignored and named in
the result. A bad row is reported with its line number and reason and the
other rows still import; the same email twice is reported at the second.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from tracker.core.errors import InvalidInput
from tracker.people.advocates import (
    AdvocateInput,
    parse_district,
    parse_quiet_hours,
    validate_constituency,
    validate_digest_hour,
    validate_district,
    validate_email,
    validate_name,
    validate_state,
    validate_state_district,
    validate_timezone,
)

REQUIRED_COLUMNS: tuple[str, ...] = ("email", "name", "state", "district", "timezone")
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "digest_hour",
    "quiet_hours",
    "state_senate_district",
    "state_house_district",
    "uk_constituency",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RowProblem:
    line: int  # 1 is the header
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass(frozen=True, slots=True, kw_only=True)
class CsvReading:
    advocates: tuple[AdvocateInput, ...]
    problems: tuple[RowProblem, ...]
    ignored_columns: tuple[str, ...]


def decode_csv(data: bytes, *, name: str) -> str:
    """The file's text: UTF-8 (with or without Excel's byte-order mark) or UTF-16 with a
    BOM. Anything else is one ``InvalidInput`` naming the file and the line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InvalidInput(f"{name}: damaged UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InvalidInput(f"{name}: not a text file (it holds NUL bytes): save it as CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = data[exc.start]
        raise InvalidInput(
            f"{name}: line {line}: not UTF-8 text (byte 0x{byte:02x}); "
            'save it as "CSV UTF-8" (Excel) or UTF-8'
        ) from None


def read_advocates_csv(text: str, *, district_limits: Mapping[str, int]) -> CsvReading:
    """Valid advocates and the problems of the other rows; ``InvalidInput`` for a bad header."""
    rows = _numbered_rows(text.removeprefix("\ufeff"))  # Excel writes a byte-order mark
    header_line, header = next(rows, (1, []))
    columns = [name.strip().lower() for name in header]
    _check_header(columns, header_line)
    advocates: list[AdvocateInput] = []
    problems: list[RowProblem] = []
    first_seen: dict[str, int] = {}
    for line, cells in rows:
        try:
            advocate = _advocate(_cells_by_column(columns, cells), district_limits)
        except InvalidInput as exc:
            problems.append(RowProblem(line=line, reason=str(exc)))
            continue
        if advocate.email in first_seen:
            reason = f"{advocate.email} already appears on line {first_seen[advocate.email]}"
            problems.append(RowProblem(line=line, reason=reason))
            continue
        first_seen[advocate.email] = line
        advocates.append(advocate)
    known = set(REQUIRED_COLUMNS) | set(OPTIONAL_COLUMNS)
    ignored = tuple(c for c in columns if c not in known)
    return CsvReading(advocates=tuple(advocates), problems=tuple(problems), ignored_columns=ignored)


def _numbered_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """Non-empty rows with the line each starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell over the field limit (128 KiB), a NUL ...
            raise InvalidInput(f"line {reader.line_num}: cannot read this row: {exc}") from None
        if any(cell.strip() for cell in cells):
            yield start, cells
        start = reader.line_num + 1


def _check_header(columns: list[str], line: int) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InvalidInput(
            f"line {line}: the header lacks {', '.join(missing)} "
            f"(it must name {','.join(REQUIRED_COLUMNS)})"
        )
    doubled = sorted({c for c in columns if columns.count(c) > 1})
    if doubled:
        raise InvalidInput(f"line {line}: the header names {', '.join(doubled)} twice")


def _cells_by_column(columns: list[str], cells: list[str]) -> dict[str, str]:
    if len(cells) != len(columns):
        raise InvalidInput(f"{len(cells)} fields where the header has {len(columns)}")
    return {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}


def _advocate(cells: Mapping[str, str], limits: Mapping[str, int]) -> AdvocateInput:
    if not cells["email"]:
        raise InvalidInput("email is empty")
    seat = cells.get("uk_constituency", "")
    if not cells["state"] and not seat:
        raise InvalidInput("state is empty (and no uk_constituency)")
    state = validate_state(cells["state"]) if cells["state"] else None
    quiet = cells.get("quiet_hours", "")
    return AdvocateInput(
        email=validate_email(cells["email"]),
        state=state,
        district=(
            validate_district(state, parse_district(cells["district"]), limits) if state else None
        ),
        uk_constituency=validate_constituency(seat) if seat else None,
        name=validate_name(cells["name"]),
        timezone=validate_timezone(cells["timezone"]) if cells["timezone"] else None,
        digest_hour=_digest_hour(cells.get("digest_hour", "")),
        quiet_hours=parse_quiet_hours(quiet) if quiet else None,
        clear_quiet_hours=bool(quiet) and parse_quiet_hours(quiet) is None,
        # An empty cell keeps the stored district (as other optional columns do).
        state_senate_district=validate_state_district(cells.get("state_senate_district") or None),
        state_house_district=validate_state_district(cells.get("state_house_district") or None),
    )


def _digest_hour(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(f"digest_hour {text!r}: give an hour 0-23")
    return validate_digest_hour(int(text))
