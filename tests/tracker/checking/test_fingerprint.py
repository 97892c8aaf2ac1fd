"""snapshot_fingerprint: same news, same hash; new news, new hash."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from scrapers.model import BillSnapshot, Stage
from tests.conftest import REPO
from tests.factories import (
    add_actions,
    make_action,
    make_committee,
    make_cosponsor,
    make_member,
    make_snapshot,
    make_stage,
)
from tracker.checking.fingerprint import snapshot_fingerprint

BASE = make_snapshot(
    cosponsors=(
        make_cosponsor(),
        make_cosponsor(make_member(bioguide_id="L000551", name="Rep. Lee, Barbara [D-CA-13]")),
    ),
    committees=(make_committee(), make_committee(code="hsed13", name="Sub", parent_code="hsed00")),
)
LATER = date(2018, 2, 6)

SAME: list[tuple[str, BillSnapshot]] = [
    ("equal copy", replace(BASE)),
    ("new source stamp", replace(BASE, updated_at=datetime(2021, 7, 13, 4, 0, tzinfo=UTC))),
    ("no source stamp", replace(BASE, updated_at=None)),
    ("other address", replace(BASE, source_url="https://mirror.example/BILLSTATUS-115hr4030.xml")),
    (
        "same-day actions shuffled",
        replace(BASE, actions=(BASE.actions[2], BASE.actions[0], BASE.actions[1])),
    ),
    ("exact duplicate action", add_actions(BASE, BASE.actions[2])),
    ("cosponsors reordered", replace(BASE, cosponsors=BASE.cosponsors[::-1])),
    ("committees reordered", replace(BASE, committees=BASE.committees[::-1])),
]

DIFFERENT: list[tuple[str, BillSnapshot]] = [
    ("new action", add_actions(BASE, make_action(on=LATER, text="Subcommittee Hearings Held."))),
    ("a duplicate from another system dropped", replace(BASE, actions=BASE.actions[1:])),
    (
        "action text changed",
        replace(BASE, actions=(*BASE.actions[:2], replace(BASE.actions[2], text="Referred."))),
    ),
    (
        "action moved to another day",
        replace(BASE, actions=(*BASE.actions[:2], replace(BASE.actions[2], on=LATER))),
    ),
    (
        "new cosponsor",
        replace(
            BASE,
            cosponsors=(*BASE.cosponsors, make_cosponsor(make_member(bioguide_id="X1", name="X"))),
        ),
    ),
    (
        "cosponsor withdrew",
        replace(
            BASE, cosponsors=(BASE.cosponsors[0], replace(BASE.cosponsors[1], withdrawn_on=LATER))
        ),
    ),
    ("stage moved", replace(BASE, stage=make_stage(stage=Stage.REPORTED, on=LATER))),
    ("title changed", replace(BASE, title="Title IX Protection Act of 2018")),
    ("subject added", replace(BASE, subjects=(*BASE.subjects, "Sex offenses"))),
]


@pytest.mark.parametrize("other", [s for _, s in SAME], ids=[n for n, _ in SAME])
def test_same_news_same_hash(other: BillSnapshot):
    assert snapshot_fingerprint(other) == snapshot_fingerprint(BASE)


@pytest.mark.parametrize("other", [s for _, s in DIFFERENT], ids=[n for n, _ in DIFFERENT])
def test_new_news_new_hash(other: BillSnapshot):
    assert snapshot_fingerprint(other) != snapshot_fingerprint(BASE)


def test_is_sha256_hex():
    fp = snapshot_fingerprint(BASE)
    assert len(fp) == 64
    assert int(fp, 16) >= 0


def test_same_in_another_process():
    # Stored fingerprints are compared across daemon restarts: no dependence on hash seeds.
    code = (
        "from tests.factories import make_snapshot;"
        "from tracker.checking.fingerprint import snapshot_fingerprint;"
        "print(snapshot_fingerprint(make_snapshot()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == snapshot_fingerprint(make_snapshot())


def test_real_files_rewritten_without_news_hash_the_same(test_data: Path):
    parse = pytest.importorskip("scrapers.sources.govinfo.parse").parse_billstatus
    for path in sorted((test_data / "billstatus").rglob("*.xml")):
        s = parse(path.read_bytes(), where=path.name)
        fp = snapshot_fingerprint(s)
        assert snapshot_fingerprint(parse(path.read_bytes(), where=path.name)) == fp, path.name
        restamped = replace(s, updated_at=datetime(2030, 1, 1, tzinfo=UTC), source_url=None)
        assert snapshot_fingerprint(restamped) == fp, path.name
        if s.actions:
            assert snapshot_fingerprint(replace(s, actions=s.actions[:-1])) != fp, path.name
