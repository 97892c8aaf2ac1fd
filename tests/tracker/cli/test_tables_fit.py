"""Tables that fit: ``tracker status`` and ``tracker list`` at 80 and 200 columns, and in full.

On the database of real check cycles over real BILLSTATUS documents
(``tests/report_data.py``), SQLite only: the layout does not depend on the backend.
"""

from __future__ import annotations

import pytest

from tests.conftest import _scratch_database
from tests.report_data import fill
from tracker.cli._fit import Column, fit_widths


@pytest.fixture(scope="module")
def filled(test_data, tmp_path_factory):
    with _scratch_database("sqlite", tmp_path_factory.mktemp("fit")) as url:
        yield fill(url, test_data)


@pytest.fixture
def env(filled):
    return {"TRACKER_DATABASE_URL": filled.url}


def _header(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if "bill" in line and "stage" in line)


@pytest.mark.parametrize("command", ["status", "list"])
def test_at_80_columns_no_line_is_longer_and_headers_stay_whole(run_cli, env, command):
    r = run_cli(command, env=env | {"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, "\n".join(lines)
    header = _header(r.stdout)
    for name in ("bill", "title", "stage", "health"):
        assert f" {name} " in header  # whole words: no "titl|e"
    assert "…" in r.stdout  # long titles are cut with an ellipsis
    rows = [line for line in lines if "-115 " in line]
    assert len(rows) == len({line.split()[1] for line in rows})  # one line per bill


def test_at_200_columns_more_columns_show(run_cli, env):
    narrow = _header(run_cli("status", env=env | {"COLUMNS": "80"}).stdout)
    wide = _header(run_cli("status", env=env | {"COLUMNS": "200"}).stdout)
    assert "latest action" not in narrow and "checked" not in narrow
    for name in ("since", "moved", "latest action", "checked"):
        assert name in wide
    lines = run_cli("status", env=env | {"COLUMNS": "200"}).stdout.splitlines()
    assert max(len(line) for line in lines) <= 200


def test_a_pipe_and_wide_give_full_values(run_cli, env, filled):
    piped = run_cli("status", env=env).stdout  # no terminal, no COLUMNS: a file or a pipe
    wide = run_cli("status", "--wide", env=env | {"COLUMNS": "80"}).stdout
    assert "…" not in piped and "…" not in wide
    assert "Title IX Protection Act" in piped or "hr4030-115" not in piped
    assert max(len(line) for line in piped.splitlines()) > 80


def test_fit_drops_the_least_important_column_first_and_shares_the_rest():
    columns = [
        Column("id", importance=9),
        Column("title", importance=5, flexible=True, min_width=10, cap=50),
        Column("when", importance=1),
    ]
    assert fit_widths(columns, [10, 70, 10], None) == {0: 10, 1: 70, 2: 10}
    assert fit_widths(columns, [10, 70, 10], 200) == {0: 10, 1: 50, 2: 10}
    # 1 + (10+3) + (title+3) + (10+3) = 40 leaves the title 10
    assert fit_widths(columns, [10, 70, 10], 40) == {0: 10, 1: 10, 2: 10}
    assert fit_widths(columns, [10, 70, 10], 39) == {0: 10, 1: 22}
    assert fit_widths(columns, [10, 70, 10], 20) == {0: 10}


def test_csv_cells_never_start_a_formula():
    import io
    from datetime import UTC, datetime

    from tracker.cli._tables import write_status_csv
    from tracker.report.status import Health, StatusRow

    hostile = '=HYPERLINK("http://evil.example","click")'
    fields = dict.fromkeys(StatusRow.__dataclass_fields__)
    row = StatusRow(
        **fields
        | {
            "id": "hr1-115",
            "title": hostile,
            "short_title": "+SUM(A1:A9)",
            "latest_action_text": "-1+1",
            "latest_action_date": None,
            "error": "@cmd",
            "health": Health.FAILING,
            "tracked": True,
            "last_checked": datetime(2026, 1, 1, tzinfo=UTC),
        }
    )
    out = io.StringIO()
    write_status_csv([row], out)
    text = out.getvalue()
    assert "'=HYPERLINK" in text and ",'+SUM(A1:A9)," in text and "'@cmd" in text
    assert ",=" not in text and ",+" not in text and ",@" not in text
