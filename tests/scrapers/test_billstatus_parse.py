"""The BILLSTATUS parser on the real GovInfo documents under ``shared/data/billstatus``.

Expected values come from the data README's tables (titles, action counts, latest
actions, laws) and from reading the documents themselves (sponsors, cosponsors).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from scrapers.errors import ParseError
from scrapers.model import BillSnapshot, Chamber, Stage
from scrapers.sources.govinfo import looks_like_billstatus, parse_billstatus
from tests.conftest import _data_root

BILLSTATUS = _data_root() / "billstatus"
ALL_FILES = sorted(BILLSTATUS.glob("**/*.xml"))


def parse_file(test_data: Path, relative: str) -> BillSnapshot:
    return _parsed(test_data / "billstatus" / relative)


@cache
def _parsed(path: Path) -> BillSnapshot:
    # Snapshots are frozen values, so tests can share one parse of each document.
    return parse_billstatus(path.read_bytes(), where=path.name)


@pytest.mark.parametrize("path", ALL_FILES, ids=[str(p.relative_to(BILLSTATUS)) for p in ALL_FILES])
def test_every_document_parses(test_data: Path, path: Path) -> None:
    content = path.read_bytes()
    snapshot = parse_billstatus(content, where=path.name)
    assert looks_like_billstatus(content)
    assert snapshot.title
    assert snapshot.actions, "every bill has at least its introduction"
    dates = [a.on for a in snapshot.actions]
    assert dates == sorted(dates), "actions are oldest first"
    # Not always the first: 114hr3106 had "Hearings Held ... Prior to Introduction".
    assert snapshot.introduced_on in dates
    assert snapshot.updated_at is not None and snapshot.updated_at.tzinfo is UTC


def test_document_name_matches_the_bill_it_holds(test_data: Path) -> None:
    for path in ALL_FILES:
        snapshot = parse_billstatus(path.read_bytes(), where=path.name)
        congress_type_number = path.stem.removeprefix("DEV-").removeprefix("BILLSTATUS-")
        ref = snapshot.ref
        assert congress_type_number == f"{ref.session}{ref.bill_type}{ref.number}", path


@dataclass(frozen=True)
class Expected:
    """One row of the data README's tables (plus the sponsor read from the file)."""

    file: str
    key: str
    title: str
    sponsor: str | None  # bioguide id
    actions: int
    latest_on: str
    latest_text: str
    stage: Stage
    chamber: Chamber | None
    laws: tuple[str, ...] = ()


E = Expected
S, HOUSE, SENATE, EXEC = Stage, Chamber.HOUSE, Chamber.SENATE, Chamber.EXECUTIVE
CAA = "Congressional Accountability Act of 1995 Reform Act"
TABLE = (
    E("govinfo-115/BILLSTATUS-115hr1.xml", "hr1-115",
      "An Act to provide for reconciliation pursuant to titles II and V of the concurrent "
      "resolution on the budget for fiscal year 2018.",
      "B000755", 113, "2017-12-22", "Became Public Law No: 115-97.", S.ENACTED, EXEC,
      ("115-97",)),
    E("govinfo-115/BILLSTATUS-115hr1865.xml", "hr1865-115",
      "Allow States and Victims to Fight Online Sex Trafficking Act of 2017", "W000812", 55,
      "2018-04-11", "Became Public Law No: 115-164.", S.ENACTED, EXEC, ("115-164",)),
    E("govinfo-115/BILLSTATUS-115hr4030.xml", "hr4030-115", "Title IX Protection Act",
      "S001175", 3, "2017-10-12",
      "Referred to the House Committee on Education and the Workforce.", S.IN_COMMITTEE, HOUSE),
    E("govinfo-115/BILLSTATUS-115hr4396.xml", "hr4396-115", "ME TOO Congress Act", "S001175",
      3, "2017-11-15", "Referred to the House Committee on House Administration.",
      S.IN_COMMITTEE, HOUSE),
    E("govinfo-115/BILLSTATUS-115hr4641.xml", "hr4641-115",
      "To authorize the President to award the Medal of Honor to John L. Canley for acts of "
      "valor during the Vietnam War while a member of the Marine Corps.",
      "B001285", 21, "2018-01-29", "Became Private Law No: 115-1.", S.ENACTED, EXEC, ("115-1",)),
    E("govinfo-115/BILLSTATUS-115hr4924.xml", "hr4924-115", CAA, "H001045", 12, "2018-02-07",
      "Received in the Senate and Read twice and referred to the Committee on Homeland "
      "Security and Governmental Affairs.", S.PASSED_ONE_CHAMBER, HOUSE),
    E("govinfo-115/BILLSTATUS-115s2952.xml", "s2952-115", CAA, "K000367", 6, "2018-05-29",
      "Held at the desk.", S.PASSED_ONE_CHAMBER, SENATE),
    E("govinfo-115/BILLSTATUS-115s3749.xml", "s3749-115", CAA, "K000367", 16, "2018-12-21",
      "Became Public Law No: 115-397.", S.ENACTED, EXEC, ("115-397",)),
    E("govinfo-115/BILLSTATUS-115sres44.xml", "sres44-115",
      'A resolution designating February 6 through 10, 2017, as "National School Counseling '
      'Week".', "M001111", 6, "2017-02-10",
      "Resolution agreed to in Senate without amendment and with a preamble by Unanimous "
      "Consent.", S.ADOPTED, SENATE),
    E("usgpo-samples/actions-committees/BILLSTATUS-115s2979.xml", "s2979-115",
      "Spending Cuts to Expired and Unnecessary Programs Act", "L000577", 2, "2018-05-24",
      "Read twice and referred concurrently to the Committees on Appropriations; the Budget "
      "pursuant to the order of January 30, 1975, as modified by the order of April 11, 1986, "
      "with instructions that the Budget Committee be authorized to report its views to the "
      "Appropriations Committee, and that the latter alone be authorized to report the bill.",
      S.IN_COMMITTEE, SENATE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116hr3055.xml", "hr3055-116",
      "Further Continuing Appropriations Act, 2020, and Further Health Extenders Act of 2019",
      "S000248", 232, "2019-11-21", "Signed by President.", S.ENACTED, EXEC, ("116-69",)),
    E("usgpo-samples/actions-committees/BILLSTATUS-116hr4907.xml", "hr4907-116",
      "Time to Rescue United States Trusts Act", "G000579", 5, "2019-10-29",
      "Referred to the Committee on Oversight and Reform, and in addition to the Committees "
      "on Rules, and the Budget, for a period to be subsequently determined by the Speaker, in "
      "each case for consideration of such provisions as fall within the jurisdiction of the "
      "committee concerned.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116hr5053.xml", "hr5053-116",
      "Justice for Juveniles Act", "S001205", 3, "2019-11-12",
      "Referred to the House Committee on the Judiciary.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116hr5177.xml", "hr5177-116",
      "Homeless Youth Menstrual Product Access Act of 2019", "B001281", 3, "2019-11-19",
      "Referred to the House Committee on Education and Labor.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116hr5240.xml", "hr5240-116",
      "To amend the Internal Revenue Code of 1986 to make the look-thru rule for related "
      "controlled foreign corporations permanent.", "K000188", 3, "2019-11-21",
      "Referred to the House Committee on Ways and Means.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116s2902.xml", "s2902-116",
      "Strengthening Our Rural Health Workforce Act of 2019", "S001203", 2, "2019-11-20",
      "Read twice and referred to the Committee on Health, Education, Labor, and Pensions.",
      S.IN_COMMITTEE, SENATE),
    E("usgpo-samples/actions-committees/BILLSTATUS-116s832.xml", "s832-116",
      "A bill to nullify the Supplemental Treaty Between the United States of America and the "
      "Confederated Tribes and Bands of Indians of Middle Oregon, concluded on November 15, "
      "1865.", "M001176", 13, "2019-07-03",
      "Referred to the Subcommittee for Indigenous Peoples of the United States.",
      S.PASSED_ONE_CHAMBER, SENATE),
    E("usgpo-samples/amendment-votes/BILLSTATUS-114hr5278.xml", "hr5278-114", "PROMESA",
      "D000614", 43, "2016-06-13",
      "Received in the Senate and Read twice and referred to the Committee on Energy and "
      "Natural Resources.", S.PASSED_ONE_CHAMBER, HOUSE),
    E("usgpo-samples/formatChange/current/BILLSTATUS-117hr1.xml", "hr1-117",
      "For the People Act of 2021", "S001168", 63, "2021-03-11", "Received in the Senate.",
      S.PASSED_ONE_CHAMBER, HOUSE),
    E("usgpo-samples/formatChange/current/BILLSTATUS-117hr6658.xml", "hr6658-117",
      "Protecting Family and Small Business Tax Cuts Act of 2022", "D000619", 3, "2022-02-09",
      "Referred to the House Committee on Ways and Means.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/formatChange/current/BILLSTATUS-117s35.xml", "s35-117",
      "Officer Eugene Goodman Congressional Gold Medal Act", "V000128", 10, "2021-02-18",
      "Held at the desk.", S.PASSED_ONE_CHAMBER, SENATE),
    E("usgpo-samples/formatChange/current/BILLSTATUS-117sconres7.xml", "sconres7-117",
      "A concurrent resolution recognizing the heroism of the United States Capitol personnel "
      "and journalists during the insurrectionist attack on the United States Capitol on "
      "January 6, 2021.", "K000367", 2, "2021-03-01",
      "Referred to the Committee on Rules and Administration.", S.IN_COMMITTEE, SENATE),
    E("usgpo-samples/formatChange/future/BILLSTATUS-114hr5278.xml", "hr5278-114", "PROMESA",
      "D000614", 43, "2016-06-13",
      "Received in the Senate and Read twice and referred to the Committee on Energy and "
      "Natural Resources.", S.PASSED_ONE_CHAMBER, HOUSE),
    E("usgpo-samples/formatChange/future/BILLSTATUS-117hr1.xml", "hr1-117",
      "For the People Act of 2021", "S001168", 63, "2021-03-11", "Received in the Senate.",
      S.PASSED_ONE_CHAMBER, HOUSE),
    E("usgpo-samples/formatChange/future/BILLSTATUS-117hr2471.xml", "hr2471-117",
      "Consolidated Appropriations Act, 2022", "J000294", 56, "2022-03-15",
      "Became Public Law No: 117-103.", S.ENACTED, EXEC, ("117-103",)),
    E("usgpo-samples/formatChange/future/BILLSTATUS-117hr6658.xml", "hr6658-117",
      "Protecting Family and Small Business Tax Cuts Act of 2022", "D000619", 3, "2022-02-09",
      "Referred to the House Committee on Ways and Means.", S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/formatChange/future/BILLSTATUS-117s35.xml", "s35-117",
      "Officer Eugene Goodman Congressional Gold Medal Act", "V000128", 10, "2021-02-18",
      "Held at the desk.", S.PASSED_ONE_CHAMBER, SENATE),
    E("usgpo-samples/formatChange/future/BILLSTATUS-117sconres7.xml", "sconres7-117",
      "A concurrent resolution recognizing the heroism of the United States Capitol personnel "
      "and journalists during the insurrectionist attack on the United States Capitol on "
      "January 6, 2021.", "K000367", 2, "2021-03-01",
      "Referred to the Committee on Rules and Administration.", S.IN_COMMITTEE, SENATE),
    E("usgpo-samples/legacy/BILLSTATUS-114hconres70.xml", "hconres70-114",
      "Authorizing the use of the Capitol Grounds for the District of Columbia Special "
      "Olympics Law Enforcement Torch Run.", "N000147", 16, "2015-09-17",
      "Message on Senate action sent to the House.", S.ADOPTED, SENATE),
    E("usgpo-samples/legacy/BILLSTATUS-114hjres45.xml", "hjres45-114",
      "Proposing an amendment to the Constitution of the United States to protect the rights "
      "of crime victims.", "F000448", 5, "2015-05-01", "Subcommittee Hearings Held.",
      S.IN_COMMITTEE, HOUSE),
    E("usgpo-samples/legacy/BILLSTATUS-114hr1314.xml", "hr1314-114",
      "Bipartisan Budget Act of 2015", "M001181", 80, "2015-11-02",
      "Became Public Law No: 114-74.", S.ENACTED, EXEC, ("114-74",)),
    E("usgpo-samples/legacy/BILLSTATUS-114hr1531.xml", "hr1531-114",
      "Land Management Workforce Flexibility Act", "C001078", 30, "2015-08-28",
      "By Senator Johnson from Committee on Homeland Security and Governmental Affairs filed "
      "written report under authority of the order of the Senate of 08/05/2015. Report No. "
      "114-123.", S.ENACTED, EXEC, ("114-47",)),
    E("usgpo-samples/legacy/BILLSTATUS-114hr2566.xml", "hr2566-114",
      "Improving Rural Call Quality and Reliability Act of 2015", "Y000066", 10, "2016-09-21",
      "Ordered to be Reported by Voice Vote.", S.REPORTED, HOUSE),
    E("usgpo-samples/legacy/BILLSTATUS-114hr3106.xml", "hr3106-114",
      "Construction Reform Act of 2015", "M001144", 12, "2015-12-03",
      "Placed on the Union Calendar, Calendar No. 277.", S.REPORTED, HOUSE),
    E("usgpo-samples/legacy/BILLSTATUS-114hr3762.xml", "hr3762-114",
      "To provide for reconciliation pursuant to section 2002 of the concurrent resolution on "
      "the budget for fiscal year 2016.", "P000591", 40, "2016-01-08",
      "On motion to postpone consideration of the veto message until Jan. 26. Agreed to by "
      "voice vote.", S.VETOED, EXEC),
    E("usgpo-samples/legacy/BILLSTATUS-114s1300.xml", "s1300-114", "Adoptive Family Relief Act",
      "F000062", 25, "2015-10-16", "Became Public Law No: 114-70.", S.ENACTED, EXEC,
      ("114-70",)),
    E("usgpo-samples/legacy/BILLSTATUS-114s2848.xml", "s2848-114",
      "Water Resources Development Act of 2016", None, 23, "2016-09-19", "Held at the desk.",
      S.PASSED_ONE_CHAMBER, SENATE),
    E("usgpo-samples/legacy/BILLSTATUS-114s469.xml", "s469-114",
      "Women Veterans and Families Health Services Act of 2015", "M001111", 3, "2015-06-24",
      "Committee on Veterans' Affairs. Hearings held.", S.IN_COMMITTEE, SENATE),
    E("usgpo-samples/legacy/BILLSTATUS-114sconres11.xml", "sconres11-114",
      "An original concurrent resolution setting forth the congressional budget for the "
      "United States Government for fiscal year 2016 and setting forth the appropriate "
      "budgetary levels for fiscal years 2017 through 2025.", "E000285", 90, "2015-05-06",
      "Message on Senate action sent to the House.", S.ADOPTED, SENATE),
    E("usgpo-samples/legacy/BILLSTATUS-114sres105.xml", "sres105-114",
      "A resolution recognizing the 194th anniversary of the independence of Greece and "
      "celebrating democracy in Greece and the United States.", "M000639", 7, "2015-03-27",
      "Resolution agreed to in Senate without amendment and with a preamble by Unanimous "
      "Consent.", S.ADOPTED, SENATE),
    E("usgpo-samples/textVersions/DEV-BILLSTATUS-115hr302.xml", "hr302-115",
      "Sports Medicine Licensure Clarity Act of 2017", "G000558", 33, "2018-10-03",
      "Message on Senate action sent to the House.", S.PASSED_BOTH_CHAMBERS, SENATE),
    E("usgpo-samples/textVersions/DEV-BILLSTATUS-115s3509.xml", "s3509-115",
      "Congressional Award Program Reauthorization Act of 2018", "E000285", 13, "2018-10-02",
      "Presented to President.", S.SENT_TO_EXECUTIVE, SENATE),
)  # fmt: skip


def test_the_table_covers_every_document() -> None:
    assert len(TABLE) == 42 == len({row.file for row in TABLE})


@pytest.mark.parametrize("row", TABLE, ids=[row.file for row in TABLE])
def test_named_fields_match_the_readme(test_data: Path, row: Expected) -> None:
    snapshot = parse_file(test_data, row.file)
    assert snapshot.ref.key == row.key
    assert snapshot.source == "govinfo"
    assert snapshot.title == row.title
    assert (snapshot.sponsor.bioguide_id if snapshot.sponsor else None) == row.sponsor
    assert len(snapshot.actions) == row.actions
    latest = snapshot.latest_action
    assert latest is not None
    assert (latest.on.isoformat(), latest.text) == (row.latest_on, row.latest_text)
    assert snapshot.stage.stage is row.stage
    assert snapshot.stage.chamber is row.chamber
    assert snapshot.became_law is (row.stage is Stage.ENACTED)
    assert tuple(law.number for law in snapshot.laws) == row.laws


# --- H.R. 4030, the Title IX Protection Act, in detail --------------------------------


@pytest.fixture(scope="module")
def hr4030(test_data: Path) -> BillSnapshot:
    return parse_file(test_data, "govinfo-115/BILLSTATUS-115hr4030.xml")


def test_hr4030_identity_and_titles(hr4030: BillSnapshot) -> None:
    assert hr4030.ref.key == "hr4030-115"
    assert hr4030.title == hr4030.short_title == "Title IX Protection Act"
    assert hr4030.official_title is not None
    assert hr4030.official_title.startswith(
        'To amend the Department of Education Organization Act to codify into law the "Revised '
        "Sexual Harassment Guidance"
    )
    assert hr4030.popular_title is None
    assert hr4030.origin_chamber is Chamber.HOUSE
    assert hr4030.introduced_on == date(2017, 10, 12)
    assert hr4030.updated_at == datetime(2021, 4, 16, 19, 40, 38, tzinfo=UTC)


def test_hr4030_sponsor(hr4030: BillSnapshot) -> None:
    sponsor = hr4030.sponsor
    assert sponsor is not None
    assert sponsor.bioguide_id == "S001175"
    assert sponsor.name == "Rep. Speier, Jackie [D-CA-14]"
    assert (sponsor.party, sponsor.state, sponsor.district) == ("D", "CA", 14)
    assert sponsor.by_request is False


def test_hr4030_cosponsors(hr4030: BillSnapshot) -> None:
    cosponsors = hr4030.cosponsors
    assert len(cosponsors) == 41
    assert sum(c.is_original for c in cosponsors) == 27
    assert {c.sponsored_on for c in cosponsors if c.is_original} == {date(2017, 10, 12)}
    assert all(c.member.party == "D" for c in cosponsors)
    assert all(c.withdrawn_on is None for c in cosponsors)
    last = max(cosponsors, key=lambda c: c.sponsored_on or date.min)
    assert last.member.name == "Rep. Lieu, Ted [D-CA-33]"
    assert last.member.bioguide_id == "L000582"
    assert last.sponsored_on == date(2018, 10, 30)
    later = sorted(c.sponsored_on for c in cosponsors if not c.is_original if c.sponsored_on)
    assert (later[0], len(later)) == (date(2017, 10, 23), 14)
    norton = next(c.member for c in cosponsors if c.member.bioguide_id == "N000147")
    assert (norton.state, norton.district) == ("DC", 0)


def test_hr4030_committee_and_actions(hr4030: BillSnapshot) -> None:
    (committee,) = hr4030.committees
    assert committee.code == "hsed00"
    assert committee.name == "Education and Labor Committee"  # today's name, per the README
    assert committee.chamber is Chamber.HOUSE
    assert [(a.name, a.on) for a in committee.activities] == [("Referred to", date(2017, 10, 12))]
    assert committee.parent_code is None
    texts = [(a.text, a.code, a.chamber) for a in hr4030.actions]
    assert texts == [
        ("Introduced in House", "1000", Chamber.HOUSE),
        ("Introduced in House", "Intro-H", Chamber.HOUSE),
        (
            "Referred to the House Committee on Education and the Workforce.",
            "H11100",
            Chamber.HOUSE,
        ),
    ]
    referral = hr4030.actions[-1]
    assert referral.committee_codes == ("hsed00",)
    assert referral.source_system == "House floor actions"
    assert referral.action_type == "IntroReferral"
    assert hr4030.actions[0].source_system == "Library of Congress"


def test_hr4030_subjects_summary_and_text(hr4030: BillSnapshot) -> None:
    assert hr4030.policy_area == "Education"
    assert "Sex offenses" in hr4030.subjects
    assert len(hr4030.subjects) == 6
    (version,) = hr4030.text_versions
    assert version.name == "Introduced in House"
    assert version.on == date(2017, 10, 12)
    assert version.url is not None and version.url.endswith("BILLS-115hr4030ih.xml")
    summary = hr4030.latest_summary
    assert summary is not None
    assert (summary.version_code, summary.action_on) == ("00", date(2017, 10, 12))
    assert summary.action_desc == "Introduced in House"
    assert summary.text.startswith("Title IX Protection Act\n\nThis bill amends the Department")
    assert "<" not in summary.text and "&nbsp;" not in summary.text
    assert "sexual violence to\xa0prevent" not in summary.text
    assert "sexual violence to prevent" in summary.text


def test_hr4030_stage_is_in_committee(hr4030: BillSnapshot) -> None:
    stage = hr4030.stage
    assert stage.stage is Stage.IN_COMMITTEE
    assert stage.on == date(2017, 10, 12)
    assert stage.chamber is Chamber.HOUSE
    assert stage.next_chamber is Chamber.HOUSE
    assert stage.detail == "REFERRED"
    assert not hr4030.became_law
    assert hr4030.scheduled == ()


# --- format generations -----------------------------------------------------------------

PAIRS = ("BILLSTATUS-117hr1.xml", "BILLSTATUS-117hr6658.xml", "BILLSTATUS-117s35.xml",
         "BILLSTATUS-117sconres7.xml")  # fmt: skip


def facts(snapshot: BillSnapshot) -> tuple[object, ...]:
    return (
        snapshot.ref,
        snapshot.title,
        snapshot.sponsor,
        tuple((a.on, a.text, a.chamber) for a in snapshot.actions),
        snapshot.stage,
        snapshot.origin_chamber,
        snapshot.introduced_on,
        snapshot.policy_area,
        tuple(c.code for c in snapshot.committees),
    )


@pytest.mark.parametrize("name", PAIRS)
def test_format_1_and_3_yield_the_same_facts(test_data: Path, name: str) -> None:
    current = parse_file(test_data, f"usgpo-samples/formatChange/current/{name}")
    future = parse_file(test_data, f"usgpo-samples/formatChange/future/{name}")
    assert facts(current) == facts(future)


def test_legacy_and_3_0_0_hr5278_yield_the_same_facts(test_data: Path) -> None:
    old = parse_file(test_data, "usgpo-samples/amendment-votes/BILLSTATUS-114hr5278.xml")
    new = parse_file(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-114hr5278.xml")
    assert facts(old) == facts(new)


def test_hr6658_later_snapshot_has_one_more_cosponsor(test_data: Path) -> None:
    current = parse_file(test_data, "usgpo-samples/formatChange/current/BILLSTATUS-117hr6658.xml")
    future = parse_file(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-117hr6658.xml")
    assert (len(current.cosponsors), len(future.cosponsors)) == (110, 111)


def test_3_0_0_file_without_version_reads_like_the_others(test_data: Path) -> None:
    path = test_data / "billstatus/usgpo-samples/formatChange/future/BILLSTATUS-117hr1.xml"
    root = etree.fromstring(path.read_bytes())
    assert root.find("version") is None and root.find("bill/version") is None
    snapshot = parse_billstatus(path.read_bytes(), where=path.name)
    assert snapshot.stage.detail == "PASS_OVER:HOUSE"
    assert snapshot.stage.on == date(2021, 3, 3)
    assert snapshot.stage.next_chamber is Chamber.SENATE


def test_3_0_0_sponsor_carries_by_request_flag(test_data: Path) -> None:
    snapshot = parse_file(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-117s35.xml")
    assert snapshot.sponsor is not None
    assert snapshot.sponsor.by_request is False
    assert (snapshot.sponsor.party, snapshot.sponsor.state, snapshot.sponsor.district) == (
        "D",
        "MD",
        None,
    )
    assert [s.version_code for s in [snapshot.latest_summary] if s] == ["55"]


def test_legacy_member_details_come_from_the_full_name(test_data: Path) -> None:
    snapshot = parse_file(test_data, "usgpo-samples/legacy/BILLSTATUS-114hconres70.xml")
    assert snapshot.sponsor is not None
    assert snapshot.sponsor.name == "Rep. Norton, Eleanor Holmes [D-DC-At Large]"
    assert (snapshot.sponsor.party, snapshot.sponsor.state, snapshot.sponsor.district) == (
        "D",
        "DC",
        0,
    )
    assert snapshot.policy_area == "Congress"  # legacy <primarySubject>
    assert "Olympic games" in snapshot.subjects  # legacy <otherSubjects>
    (parent, sub) = snapshot.committees
    assert (parent.code, sub.code, sub.parent_code) == ("hspw00", "hspw13", "hspw00")
    assert sub.chamber is Chamber.HOUSE
    assert [a.name for a in sub.activities] == ["Discharged from", "Referred to"]


def test_legacy_action_committee_and_old_time_format(test_data: Path) -> None:
    snapshot = parse_file(test_data, "usgpo-samples/legacy/BILLSTATUS-114hr3762.xml")
    reported = [a for a in snapshot.actions if a.code == "H12100"]
    assert [a.committee_codes for a in reported] == [("hsbu00",)]
    assert "01:01PM" in {a.time for a in snapshot.actions}
    assert "" in {a.text for a in snapshot.actions}  # the README counts the empty item too


def test_empty_sponsors_element_gives_no_sponsor(test_data: Path) -> None:
    snapshot = parse_file(test_data, "usgpo-samples/legacy/BILLSTATUS-114s2848.xml")
    assert snapshot.sponsor is None
    assert snapshot.stage.next_chamber is Chamber.HOUSE


def test_struck_short_title_leaves_the_official_one(test_data: Path) -> None:
    snapshot = parse_file(test_data, "govinfo-115/BILLSTATUS-115hr1.xml")
    assert snapshot.title.startswith("An Act to provide for reconciliation")
    assert snapshot.short_title is None


def test_latest_short_title_wins(test_data: Path) -> None:
    snapshot = parse_file(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-117hr2471.xml")
    assert snapshot.short_title == "Consolidated Appropriations Act, 2022"  # as enacted
    assert snapshot.official_title == (
        "Making consolidated appropriations for the fiscal year ending September 30, 2022, and "
        "for providing emergency assistance for the situation in Ukraine, and for other purposes."
    )


def test_without_display_title_the_latest_short_title_is_shown(test_data: Path) -> None:
    content = (test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4924.xml").read_bytes()
    stripped = content.replace(b"<titleType>Display Title</titleType>", b"<titleType/>")
    start = stripped.index(b"    <title>Congressional")  # the <bill><title> element
    end = stripped.index(b"</title>", start) + len(b"</title>")
    stripped = stripped[:start] + stripped[end:]
    snapshot = parse_billstatus(stripped, where="hr4924 without display title")
    assert snapshot.title == "Congressional Accountability Act of 1995 Reform Act"


def test_private_and_public_laws(test_data: Path) -> None:
    private = parse_file(test_data, "govinfo-115/BILLSTATUS-115hr4641.xml")
    public = parse_file(test_data, "govinfo-115/BILLSTATUS-115hr1.xml")
    assert [(law.kind, law.number) for law in private.laws] == [("private", "115-1")]
    assert [(law.kind, law.number) for law in public.laws] == [("public", "115-97")]
    public_3 = parse_file(test_data, "usgpo-samples/formatChange/future/BILLSTATUS-117hr2471.xml")
    assert [(law.kind, law.number) for law in public_3.laws] == [("public", "117-103")]


def test_text_versions_keep_source_names_and_urls(test_data: Path) -> None:
    snapshot = parse_file(test_data, "govinfo-115/BILLSTATUS-115hr1.xml")
    names = [v.name for v in snapshot.text_versions]
    assert names[0] == "Enrolled Bill"
    assert names[-1] == "Introduced in House"
    assert snapshot.text_versions[0].on is None  # <date/> on the enrolled bill
    assert all(
        v.url and v.url.startswith("https://www.govinfo.gov/") for v in snapshot.text_versions
    )


def test_source_url_is_passed_through(test_data: Path) -> None:
    path = test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4030.xml"
    url = "https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml"
    assert parse_billstatus(path.read_bytes(), where="x", source_url=url).source_url == url
    assert parse_billstatus(path.read_bytes(), where="x").source_url is None


# --- wrong documents ----------------------------------------------------------------------

HTML_ERROR_PAGE = b"""<!DOCTYPE html>
<html><head><title>503 Service Unavailable</title></head>
<body><h1>Service Unavailable</h1></body></html>"""


@pytest.mark.parametrize(
    ("content", "path", "problem"),
    [
        (b"", "/", "not well-formed XML"),
        (b"not xml at all", "/", "not well-formed XML"),
        (HTML_ERROR_PAGE, "/", "root element is <html>"),
        (b"<html><body><p>Oops<br></body></html>", "/", "not well-formed XML"),
        (b"<html><body>Oops</body></html>", "/", "root element is <html>"),
        (b"<billStatus/>", "billStatus/bill", "missing"),
        (b"<billStatus><bill><number>1</number><congress>115</congress></bill></billStatus>",
         "bill/type", "missing"),
        (b"<billStatus><bill><type>HR</type><congress>115</congress></bill></billStatus>",
         "bill/number", "missing"),
        (b"<billStatus><bill><type>HR</type><number>1</number></bill></billStatus>",
         "bill/congress", "missing"),
        (b"<billStatus><bill><type>XX</type><number>1</number><congress>115</congress>"
         b"</bill></billStatus>", "bill/type", "not a federal bill"),
        (b"<billStatus><bill><type>HR</type><number>one</number><congress>115</congress>"
         b"</bill></billStatus>", "bill/number", "not a bill number"),
        (b"<billStatus><bill><type>HR</type><number>1</number><congress>115</congress>"
         b"</bill></billStatus>", "bill/actions", "missing"),
    ],
)  # fmt: skip
def test_wrong_documents_raise_parse_error(content: bytes, path: str, problem: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_billstatus(content, where="fetched.xml")
    assert raised.value.source == "govinfo"
    assert raised.value.where == "fetched.xml"
    assert raised.value.path == path
    assert problem in raised.value.problem


def test_an_unparseable_action_date_names_the_action(test_data: Path) -> None:
    content = (test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4030.xml").read_bytes()
    good, bad = b"<actionDate>2017-10-12</actionDate>", b"<actionDate>12/10/2017</actionDate>"
    broken = content.replace(good, bad, 1)
    with pytest.raises(ParseError) as raised:
        parse_billstatus(broken, where="BILLSTATUS-115hr4030.xml")
    assert raised.value.path == "bill/actions/item[1]/actionDate"
    assert "12/10/2017" in raised.value.problem
    assert "BILLSTATUS-115hr4030.xml" in str(raised.value)


def test_a_document_without_any_title_is_refused(test_data: Path) -> None:
    content = (test_data / "billstatus/govinfo-115/BILLSTATUS-115hr4641.xml").read_bytes()
    start, end = content.index(b"<title>"), content.index(b"</titles>") + len(b"</titles>")
    with pytest.raises(ParseError) as raised:
        parse_billstatus(content[:start] + content[end:], where="hr4641")
    assert raised.value.path == "bill/titles"


def test_entities_are_not_expanded() -> None:
    content = (
        b'<?xml version="1.0"?><!DOCTYPE billStatus [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<billStatus><bill><type>HR</type><number>1</number><congress>115</congress>"
        b"<title>&x;</title><actions/></bill></billStatus>"
    )
    with pytest.raises(ParseError) as raised:
        parse_billstatus(content, where="xxe")
    assert raised.value.path == "bill/titles"  # the entity stayed unexpanded: no title text


# --- sniffing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'<?xml version="1.0" encoding="UTF-8"?>\n<billStatus>\n  <bill>', True),
        (b"\xef\xbb\xbf<billStatus><version>3.0.0</version>", True),
        (b'<?xml version="1.0"?><!-- GPO --><billStatus/>', True),
        (HTML_ERROR_PAGE, False),
        (b'<?xml version="1.0"?><billSummaries>', False),
        (b"", False),
        (b"billStatus", False),
    ],
)
def test_looks_like_billstatus(content: bytes, expected: bool) -> None:
    assert looks_like_billstatus(content) is expected
