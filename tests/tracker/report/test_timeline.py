"""Stages reached from the actions, cosponsors over time, and the chart's geometry."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.sources.govinfo.parse import parse_billstatus
from tracker.report.timeline import StageReached, cosponsor_series, stages_reached
from tracker.web.chart import stage_chart

DOCS = ("hr1", "hr1865", "hr4030", "hr4396", "hr4641", "hr4924", "s2952", "s3749", "sres44")


def _snapshot(test_data, name):
    path = test_data / "billstatus" / "govinfo-115" / f"BILLSTATUS-115{name}.xml"
    return parse_billstatus(path.read_bytes(), where=path.name)


@pytest.mark.parametrize("name", DOCS)
def test_the_last_stage_reached_is_the_stage_the_parser_gives(test_data, name):
    s = _snapshot(test_data, name)
    reached = stages_reached(s.actions, bill_type=s.ref.bill_type, laws=s.laws)
    assert reached[0].stage == "introduced" and reached[0].on == s.actions[0].on
    assert reached[-1].stage == s.stage.stage.value
    assert reached[-1].on == s.stage.on
    dates = [r.on for r in reached]
    assert dates == sorted(dates)
    assert len({r.stage for r in reached}) == len(reached), "each stage once"


def test_hr1_walks_the_whole_ladder_with_its_dates(test_data):
    s = _snapshot(test_data, "hr1")
    reached = stages_reached(s.actions, bill_type="hr", laws=s.laws)
    assert [(r.stage, r.on.isoformat()) for r in reached] == [
        ("introduced", "2017-11-02"),
        ("in_committee", "2017-11-02"),
        ("reported", "2017-11-13"),
        ("passed_one_chamber", "2017-11-16"),
        ("resolving_differences", "2017-12-02"),
        ("passed_both_chambers", "2017-12-20"),
        ("sent_to_executive", "2017-12-21"),
        ("enacted", "2017-12-22"),
    ]


def test_no_actions_no_stages():
    assert stages_reached((), bill_type="hr") == ()


def test_cosponsors_over_time_count_withdrawals():
    d = date(2018, 1, 1)
    series = cosponsor_series(
        [
            (d, None),
            (d, date(2018, 3, 1)),
            (date(2018, 2, 1), None),
            (None, None),  # undated: in the current count, not on the chart
        ]
    )
    assert [(c.on.isoformat(), c.count, c.added, c.withdrawn) for c in series] == [
        ("2018-01-01", 2, 2, 0),
        ("2018-02-01", 3, 1, 0),
        ("2018-03-01", 2, 0, 1),
    ]


def _stage(stage, day):
    return StageReached(stage=stage, on=day, chamber="house", detail=None)


def test_the_chart_climbs_left_to_right():
    stages = [
        _stage("introduced", date(2018, 1, 1)),
        _stage("in_committee", date(2018, 1, 1)),
        _stage("passed_one_chamber", date(2018, 6, 1)),
    ]
    chart = stage_chart(stages, bill_type="hr", until=date(2018, 12, 31))
    assert chart is not None
    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    assert xs == sorted(xs) and xs[0] == chart.left
    assert ys == sorted(ys, reverse=True)  # higher stage, higher on the page
    assert chart.path.startswith(f"M{chart.left:.1f} ") and chart.path.endswith(
        f"H{chart.right:.1f}"
    )
    assert [r.label for r in chart.rows][:3] == ["Introduced", "In committee", "Reported"]
    assert all(chart.left <= t.x <= chart.right for t in chart.ticks) and chart.ticks


def test_an_end_state_gets_its_own_row_and_undated_stages_no_chart():
    stages = [_stage("introduced", date(2018, 1, 1)), _stage("failed", date(2018, 2, 1))]
    chart = stage_chart(stages, bill_type="hr", until=date(2018, 2, 1))
    assert chart is not None and chart.rows[-1].label == "Failed"
    assert stage_chart([_stage("enacted", None)], bill_type="hr", until=date(2018, 1, 1)) is None
