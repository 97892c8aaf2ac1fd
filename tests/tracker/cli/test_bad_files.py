"""Advocate CSVs that are not what they claim: one line naming the file (and the line)."""

from __future__ import annotations

import pytest


@pytest.fixture
def env(migrated_url):
    return {"TRACKER_DATABASE_URL": migrated_url}


HEADER = "email,name,state,district,timezone\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            (HEADER + "ana@example.org,Ana,CA,12,\nbo@example.org,Zoë,CA,12,\n").encode("latin-1"),
            "error: people.csv: line 3: not UTF-8 text (byte 0xeb)",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "error: people.csv: not a text file"),
        (
            (HEADER + 'ana@example.org,"' + "x" * 200_000 + '",CA,12,\n').encode(),
            "error: people.csv: line 2: cannot read this row: field larger than field limit",
        ),
    ],
    ids=["latin-1", "binary", "huge-cell"],
)
def test_a_bad_advocates_file_is_one_line(run_cli, env, tmp_path, content, expected):
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    r = run_cli("advocates", "import", str(path), env=env)
    assert r.exit_code == 2
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stderr.startswith(expected), r.stderr


def test_utf16_with_a_bom_is_read(run_cli, env, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes((HEADER + "ana@example.org,Zoë Ana,CA,12,\n").encode("utf-16"))
    r = run_cli("advocates", "import", str(path), env=env)
    assert r.exit_code == 0, r.stderr
    assert "imported 1 advocates" in r.stdout


def test_answering_no_to_a_downgrade_changes_nothing(run_cli, env, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    r = run_cli("db", "downgrade", "base", env=env)
    assert r.exit_code == 1
    assert "nothing changed" in r.stderr
    assert "database: " in run_cli("db", "current", env=env).stdout
    assert "empty" not in run_cli("db", "current", env=env).stdout
