"""Checks on what operators type about advocates: pure functions, no database."""

from __future__ import annotations

import pytest

from tracker.core.errors import InvalidInput
from tracker.people.advocates import (
    parse_district,
    parse_quiet_hours,
    validate_district,
    validate_email,
    validate_state,
    validate_timezone,
)
from tracker.people.advocates_csv import read_advocates_csv
from tracker.people.places import PLACES, USUAL_ZONE


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("ana@example.org", "ana@example.org"),
        ("  Ana.Ruiz+bills@Mail.Example.ORG ", "ana.ruiz+bills@mail.example.org"),
        ("o'brien@example.co.uk", "o'brien@example.co.uk"),
        ("user@xn--bcher-kva.example", "user@xn--bcher-kva.example"),
    ],
)
def test_valid_addresses(given, stored):
    assert validate_email(given) == stored


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "ana",
        "ana@localhost",
        "ana@example.",
        "ana@-example.org",
        "ana@@example.org",
        ".ana@example.org",
        "ana..ruiz@example.org",
        "ana ruiz@example.org",
        '"ana ruiz"@example.org',
        "ana@192.168.0.1",
        "ana@example.org, bob@example.org",
        "Ana <ana@example.org>",
        "ana@example.org\r\nBcc: all@example.org",
        "ana@example.org\x00",
        "ana@exämple.org",
        "a" * 250 + "@example.org",
    ],
)
def test_invalid_addresses_are_one_line(bad):
    with pytest.raises(InvalidInput) as caught:
        validate_email(bad)
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value)


def test_every_place_has_a_real_zone():
    assert len(PLACES) == 56
    for code in PLACES:
        assert validate_state(code.lower()) == code
        assert validate_timezone(USUAL_ZONE[code]) == USUAL_ZONE[code]


@pytest.mark.parametrize(
    ("state", "district", "limits", "message"),
    [
        ("CA", 60, {}, "district 60: use 1-53"),
        ("CA", -1, {}, "use 1-53"),
        ("PR", 1, {}, "PR has one at-large seat"),
        ("CA", 53, {"CA": 52}, "CA has no district 53 (it has districts 1-52)"),
        ("CA", 0, {"CA": 52}, "CA has no at-large seat"),
        ("VT", 1, {"VT": 0}, "VT has one at-large seat: use district 0, not 1"),
    ],
)
def test_bad_districts(state, district, limits, message):
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(").replace(")", r"\)")):
        validate_district(state, district, limits)


def test_good_districts():
    assert validate_district("CA", 53, {}) == 53  # no officials imported: the general range
    assert validate_district("CA", 52, {"CA": 52}) == 52
    assert validate_district("VT", 0, {"VT": 0}) == 0
    assert validate_district("DC", 0, {}) == 0
    assert validate_district("CA", None, {"CA": 52}) is None
    assert parse_district(" 7 ") == 7 and parse_district("AL") == 0 and parse_district("") is None
    with pytest.raises(InvalidInput, match="give a number"):
        parse_district("seven")


def test_quiet_hours():
    assert parse_quiet_hours("21-8") == (21, 8)
    assert parse_quiet_hours(" 22 - 6 ") == (22, 6)
    assert parse_quiet_hours("none") is None
    for bad in ("21", "21-24", "8-8", "9pm-7am", "-1-5"):
        with pytest.raises(InvalidInput, match="quiet hours"):
            parse_quiet_hours(bad)


def test_csv_lines_count_from_the_header_and_across_quoted_line_breaks():
    text = (
        "\ufeffEmail,Name,State,District,Timezone\n"
        '"ana@example.org","Ana\nRuiz",CA,12,\n'
        "\n"
        "bob@example.org,Bob,CA,99,\n"
        "cleo@example.org,Cleo,CA,12,,extra\n"
    )
    reading = read_advocates_csv(text, district_limits={"CA": 52})
    assert [a.email for a in reading.advocates] == ["ana@example.org"]
    assert reading.advocates[0].name == "Ana Ruiz"
    assert [str(p) for p in reading.problems] == [
        "line 5: district 99: use 1-53, or 0 for an at-large seat",
        "line 6: 6 fields where the header has 5",
    ]
