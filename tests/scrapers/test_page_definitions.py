"""The shipped page definitions on every saved bill page of their legislature, and the
definition format's errors (a required selector matching nothing, a TOML syntax error).

Expected values are read off the saved pages (and /work/shared/data/README.md section 4).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from scrapers.errors import ParseError
from scrapers.model import Action, BillRef, Chamber, Stage
from scrapers.registry import SOURCES
from scrapers.sources.pages import (
    DefinitionError,
    load_definition_file,
    ref_from_url,
    shipped_definitions,
)
from scrapers.sources.pages.definition import Definition, FieldSpec
from scrapers.sources.pages.extract import Extraction, extract, read_page
from scrapers.sources.pages.stages import compute_table_stage
from scrapers.stages.federal import compute_federal_stage

DEFS = {d.name: d for d in shipped_definitions()}


def _pages(folder: Path, **files: str) -> dict:
    return {
        role: read_page(role, str(folder / f), (folder / f).read_bytes())
        for role, f in files.items()
    }


def _run(
    name: str, folder: Path, *, session: str | None = None, ref=None, **files: str
) -> Extraction:
    result = extract(DEFS[name], _pages(folder, **files), session=session, ref=ref, strict=True)
    assert [m for m in result.misses if m.required] == []
    return result


def test_every_shipped_definition_is_a_registered_source() -> None:
    assert set(DEFS) == {"mo-senate", "mo-house", "or", "sc", "thomas"}
    for name in DEFS:
        assert SOURCES[name].name == name
        assert SOURCES[name].covers


# --- Missouri Senate -------------------------------------------------------------------


def test_mo_senate_sb70_bill_and_actions_pages(test_data: Path) -> None:
    mo = test_data / "html" / "state" / "mo"
    r = _run(
        "mo-senate",
        mo,
        bill="senate-SB70-2011-billdetail.html",
        actions="senate-SB70-2011-actions.html",
    )
    s = r.snapshot
    assert s.ref.key == "mo-2011-sb70"
    assert s.title == "Modifies provisions relating to the Missouri Family Trust"
    assert s.sponsor is not None and s.sponsor.name == "Schaefer"
    assert s.cosponsors == ()
    assert len(s.actions) == 43
    first, last = s.actions[0], s.actions[-1]
    assert (first.on, first.text, first.chamber) == (date(2011, 1, 4), "Prefiled", None)
    assert (last.on, last.text, last.chamber) == (
        date(2011, 7, 5),
        "Signed by Governor",
        Chamber.EXECUTIVE,
    )
    by_text = {a.text: a for a in s.actions}
    assert by_text["S Third Read and Passed"].chamber is Chamber.SENATE
    assert by_text["H Third Read and Passed, as amended"].chamber is Chamber.HOUSE
    assert (s.stage.stage, s.stage.on) == (Stage.ENACTED, date(2011, 7, 5))
    assert s.origin_chamber is Chamber.SENATE
    assert s.source_url is not None and s.source_url.endswith("senate-SB70-2011-billdetail.html")


def test_mo_senate_sb285_cosponsors_page(test_data: Path) -> None:
    mo = test_data / "html" / "state" / "mo"
    r = extract(
        DEFS["mo-senate"],
        _pages(
            mo,
            bill="senate-SB285-2011-billdetail.html",
            cosponsors="senate-SB285-2011-cosponsors.html",
        ),
        strict=False,
    )
    s = r.snapshot
    assert s.ref.key == "mo-2011-sb285"
    assert s.title == "Removes Lincoln's birthday as a state holiday"
    assert s.sponsor is not None and s.sponsor.name == "McKenna"
    assert [c.member.name for c in s.cosponsors] == ["John Lamping"]
    assert r.skipped == ["actions"]  # no saved actions page for SB 285
    assert r.misses == []


def test_mo_senate_sb1_actions_page_alone(test_data: Path) -> None:
    mo = test_data / "html" / "state" / "mo"
    r = extract(
        DEFS["mo-senate"],
        _pages(mo, actions="senate-SB1-2011-actions.html"),
        session="2011",
        strict=False,
    )
    s = r.snapshot
    assert s.ref.key == "mo-2011-sb1"
    # The title is repeated on the actions page.
    assert s.title.startswith("Bars employers from requiring employees")
    assert len(s.actions) == 11
    assert (s.actions[0].on, s.actions[0].text) == (date(2010, 12, 1), "Prefiled")
    assert s.actions[-1].on == date(2011, 5, 13)
    # Reported to the floor, then left on the informal calendar: never passed.
    assert (s.stage.stage, s.stage.on, s.stage.chamber) == (
        Stage.REPORTED,
        date(2011, 2, 17),
        Chamber.SENATE,
    )


# --- Missouri House --------------------------------------------------------------------


def test_mo_house_hb45_summary_and_activity_history(test_data: Path) -> None:
    mo = test_data / "html" / "state" / "mo"
    s = _run(
        "mo-house",
        mo,
        bill="house-HB45-2011-billdetail.html",
        actions="house-HB45-2011-actions.html",
    ).snapshot
    assert s.ref.key == "mo-2011-hb45"
    assert s.title.startswith("Changes the laws regarding the Big Government Get Off My Back Act")
    assert s.sponsor is not None and s.sponsor.name == "Hoskins, Denny (121)"
    assert [c.member.name for c in s.cosponsors] == ["Allen, Sue (092)"]
    assert len(s.actions) == 41
    assert (s.actions[0].on, s.actions[0].text, s.actions[0].chamber) == (
        date(2010, 12, 2),
        "Prefiled (H)",
        Chamber.HOUSE,
    )
    assert s.actions[-1].on == date(2011, 7, 8)
    assert s.actions[-1].chamber is Chamber.EXECUTIVE
    senate = [a for a in s.actions if a.text.startswith("Reported to the Senate")]
    assert [a.chamber for a in senate] == [Chamber.SENATE]
    assert (s.stage.stage, s.stage.on) == (Stage.ENACTED, date(2011, 7, 8))


# --- Oregon ----------------------------------------------------------------------------

OREGON = [
    # file, key, sponsor, co-sponsors, actions, first action, stage, stage date
    (
        "HB3623-2010-billdetail.html",
        "or-10ss1-hb3623",
        "Relating to human trafficking information; and declaring an emergency.",
        "BARTON",
        24,
        18,
        Stage.ENACTED,
        date(2010, 3, 18),
    ),
    (
        "HB3646-2010-billdetail.html",
        "or-10ss1-hb3646",
        "Relating to public borrowing; and declaring an emergency.",
        "FREDERICK",
        None,
        17,
        Stage.ENACTED,
        date(2010, 2, 24),
    ),
    (
        "SB1051-2010-billdetail.html",
        "or-10ss1-sb1051",
        "Relating to state finance; prescribing an effective date.",
        "BOQUIST",
        5,
        3,
        Stage.STALLED,
        date(2010, 2, 25),
    ),
]


@pytest.mark.parametrize(
    ("file", "key", "title", "sponsor", "cosponsors", "actions", "stage", "on"), OREGON
)
def test_oregon_every_saved_page(
    test_data: Path, file, key, title, sponsor, cosponsors, actions, stage, on
) -> None:
    folder = test_data / "html" / "state" / "or"
    s = _run("or", folder, session="10ss1", bill=file).snapshot
    assert (s.ref.key, s.title) == (key, title)
    assert s.sponsor is not None and s.sponsor.name == sponsor
    if cosponsors is not None:
        assert len(s.cosponsors) == cosponsors
    assert len(s.actions) == actions
    # Dates are printed "02/01 (H)": the year comes from the session, the chamber from
    # the letter.
    assert s.actions[0].on.year == 2010
    assert s.actions[0].chamber in (Chamber.HOUSE, Chamber.SENATE)
    assert s.actions[0].chamber is s.origin_chamber
    assert (s.stage.stage, s.stage.on) == (stage, on)


def test_oregon_house_bill_passes_both_chambers_before_the_governor(test_data: Path) -> None:
    folder = test_data / "html" / "state" / "or"
    s = _run("or", folder, session="10ss1", bill="HB3623-2010-billdetail.html").snapshot
    upto = compute_table_stage(
        [a for a in s.actions if a.on <= date(2010, 2, 19)],
        DEFS["or"].stage_rules,
        origin=Chamber.HOUSE,
    )
    assert (upto.stage, upto.chamber) == (Stage.PASSED_BOTH_CHAMBERS, Chamber.SENATE)
    upto_house = compute_table_stage(
        [a for a in s.actions if a.on <= date(2010, 2, 9)],
        DEFS["or"].stage_rules,
        origin=Chamber.HOUSE,
    )
    assert (upto_house.stage, upto_house.next_chamber) == (Stage.PASSED_ONE_CHAMBER, Chamber.SENATE)


# --- South Carolina --------------------------------------------------------------------


def test_south_carolina_s494(test_data: Path) -> None:
    folder = test_data / "html" / "state" / "sc"
    s = _run("sc", folder, bill="S494-2011-billinfo.html").snapshot
    assert s.ref.key == "sc-119-s494"
    assert s.title.startswith("A BILL TO AMEND SECTION 40-15-110, AS AMENDED")
    assert s.title.endswith("INTERNS AND RESIDENTS UNDER CERTAIN CONDITIONS.")
    assert s.sponsor is not None and s.sponsor.name == "Cleary"
    assert [c.member.name for c in s.cosponsors] == ["Bryant", "Cromer", "Ford"]
    assert len(s.actions) == 10
    assert (s.actions[0].on, s.actions[0].chamber, s.actions[0].text) == (
        date(2011, 2, 2),
        Chamber.SENATE,
        "Introduced and read first time",
    )
    assert s.actions[-1].chamber is None  # "Scrivener's error corrected": no chamber given
    assert s.actions[7].chamber is Chamber.HOUSE
    assert (s.stage.stage, s.stage.on, s.stage.next_chamber) == (
        Stage.PASSED_ONE_CHAMBER,
        date(2011, 4, 28),
        Chamber.HOUSE,
    )


# --- THOMAS ----------------------------------------------------------------------------

THOMAS = {
    # file stem: (key, sponsor, cosponsors, stage, stage detail)
    "hconres74-112": ("hconres74-112", "Rep Poe, Ted", 0, Stage.ADOPTED, "PASSED:CONCURRENTRES"),
    "hjres64-111": (
        "hjres64-111",
        "Rep Obey, David R.",
        0,
        Stage.VETOED,
        "VETOED:OVERRIDE_FAIL:HOUSE",
    ),
    "hr1954-112": ("hr1954-112", "Rep Camp, Dave", 0, None, None),
    "hr3590-111": ("hr3590-111", "Rep Rangel, Charles B.", 40, Stage.ENACTED, "ENACTED:SIGNED"),
    "hr547-113": ("hr547-113", "Rep Grijalva, Raul M.", 0, Stage.IN_COMMITTEE, None),
    "hr6331-110": (
        "hr6331-110",
        "Rep Rangel, Charles B.",
        1,
        Stage.ENACTED,
        "ENACTED:VETO_OVERRIDE",
    ),
    "hres240-109": ("hres240-109", "Rep Hastings, Doc", 0, Stage.ADOPTED, "PASSED:SIMPLERES"),
    "s1-111": ("s1-111", "Sen Reid, Harry", 17, None, None),
    "s968-112": ("s968-112", "Sen Leahy, Patrick J.", 31, None, None),
    # The file name says sres484; the page is S.Res. 84 (README section 4).
    "sres484-112": (
        "sres84-112",
        "Sen Casey, Robert P., Jr.",
        11,
        Stage.ADOPTED,
        "PASSED:SIMPLERES",
    ),
    "sres5-113": ("sres5-113", "Sen Harkin, Tom", 2, Stage.FAILED, None),
}


def _thomas_files(test_data: Path) -> list[Path]:
    files = sorted((test_data / "html" / "thomas").glob("*.information.html"))
    assert files, "no THOMAS pages"
    return files


def test_thomas_every_saved_page(test_data: Path) -> None:
    files = _thomas_files(test_data)
    assert {f.name.split(".")[0] for f in files} == set(THOMAS)
    for path in files:
        key, sponsor, cosponsors, stage, detail = THOMAS[path.name.split(".")[0]]
        s = _run("thomas", path.parent, bill=path.name).snapshot
        assert s.ref.key == key, path.name
        assert s.title and not s.title.startswith(("H.", "S.")), path.name
        assert s.sponsor is not None and s.sponsor.name == sponsor, path.name
        # The README counts the current co-sponsors; withdrawn ones are kept, dated.
        assert len([c for c in s.cosponsors if c.withdrawn_on is None]) == cosponsors, path.name
        assert all(c.sponsored_on for c in s.cosponsors), path.name
        assert s.actions, path.name
        assert all(a.on.year >= 2005 for a in s.actions), path.name
        assert [a.on for a in s.actions] == sorted(a.on for a in s.actions), path.name
        if stage is not None:
            assert s.stage.stage is stage, path.name
        if detail is not None:
            assert s.stage.detail == detail, path.name


def test_thomas_stages_agree_with_the_federal_rules(test_data: Path) -> None:
    """THOMAS actions classified by the same rules BILLSTATUS goes through, action by action:
    the stage after each prefix of the actions is what the federal rules give."""
    for path in _thomas_files(test_data):
        s = _run("thomas", path.parent, bill=path.name).snapshot
        assert s.stage == compute_federal_stage(s.actions, bill_type=s.ref.bill_type), path.name
        # The same actions with chambers given as BILLSTATUS gives them reach the same
        # stage: the wording decides, not the row's chamber.
        chambered = [replace(a, chamber=_billstatus_like_chamber(a)) for a in s.actions]
        federal = compute_federal_stage(chambered, bill_type=s.ref.bill_type)
        assert federal.stage is s.stage.stage, path.name


def _billstatus_like_chamber(action: Action) -> Chamber | None:
    if "Senate" in action.text:
        return Chamber.SENATE
    return Chamber.HOUSE if "House" in action.text else None


def test_thomas_withdrawn_cosponsors_are_dated(test_data: Path) -> None:
    path = test_data / "html" / "thomas" / "s968-112.information.html"
    s = _run("thomas", path.parent, bill=path.name).snapshot
    hatch = next(c for c in s.cosponsors if c.member.name == "Sen Hatch, Orrin G.")
    assert (hatch.sponsored_on, hatch.withdrawn_on) == (date(2011, 5, 12), date(2012, 1, 23))
    assert len([c for c in s.cosponsors if c.withdrawn_on]) == 10


def test_thomas_page_of_another_bill_is_refused(test_data: Path) -> None:
    path = test_data / "html" / "thomas" / "hr3590-111.information.html"
    ref = BillRef(session="111", bill_type="hr", number=3591)
    with pytest.raises(ParseError, match=r"thomas: .*hr3590-111.information.html: bill: is"):
        extract(DEFS["thomas"], _pages(path.parent, bill=path.name), ref=ref)


def test_page_urls_resolve_to_their_definition() -> None:
    thomas = ref_from_url(
        DEFS["thomas"], "http://thomas.loc.gov/cgi-bin/bdquery/z?d111:HR03590:@@@L&summ2=m&"
    )
    assert thomas is not None and thomas.key == "hr3590-111"
    dotted = ref_from_url(
        DEFS["thomas"], "http://thomas.loc.gov/cgi-bin/bdquery/z?d111:H.J.RES.64:"
    )
    assert dotted is not None and dotted.key == "hjres64-111"
    house = ref_from_url(
        DEFS["mo-house"], "https://house.mo.gov/BillSummary.aspx?bill=HB45&year=2011&code=R"
    )
    assert house is not None and house.key == "mo-2011-hb45"
    assert (
        ref_from_url(DEFS["mo-house"], "https://www.congress.gov/bill/115th-congress/house-bill/1")
        is None
    )


# --- failing loudly --------------------------------------------------------------------


def _with_field(defn: Definition, name: str, selector: str) -> Definition:
    fields = dict(defn.fields)
    fields[name] = replace(fields[name], selector=selector)
    return replace(defn, fields=fields)


def test_a_required_selector_matching_nothing_names_definition_selector_and_url(
    test_data: Path,
) -> None:
    mo = test_data / "html" / "state" / "mo"
    broken = _with_field(DEFS["mo-house"], "title", "div.BillTitleRenamed")
    pages = _pages(
        mo, bill="house-HB45-2011-billdetail.html", actions="house-HB45-2011-actions.html"
    )
    with pytest.raises(ParseError) as caught:
        extract(broken, pages)
    message = str(caught.value)
    assert message.startswith("mo-house: ")
    assert "'div.BillTitleRenamed' (title)" in message
    assert "house-HB45-2011-billdetail.html" in message
    assert message.endswith("matched nothing")
    # Not strict (sources test): the miss is reported, nothing raised.
    lenient = extract(broken, pages, strict=False)
    assert [(m.field, m.required) for m in lenient.misses] == [("title", True)]


def test_action_rows_matching_nothing_fail(test_data: Path) -> None:
    sc = test_data / "html" / "state" / "sc"
    defn = DEFS["sc"]
    broken = replace(defn, actions=replace(defn.actions, rows="table.actions tr"))
    with pytest.raises(
        ParseError, match=r"sc: .*S494-2011-billinfo.html: selector 'table.actions tr'"
    ):
        extract(broken, _pages(sc, bill="S494-2011-billinfo.html"))


def test_a_date_that_fits_no_format_fails(test_data: Path) -> None:
    sc = test_data / "html" / "state" / "sc"
    defn = DEFS["sc"]
    broken = replace(defn, actions=replace(defn.actions, date_formats=("%Y-%m-%d",)))
    with pytest.raises(ParseError, match=r"'02/02/11' fits no date format"):
        extract(broken, _pages(sc, bill="S494-2011-billinfo.html"))


# --- definition files ------------------------------------------------------------------


def test_a_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    text = (Path(DEFS["sc"].path)).read_text(encoding="utf-8").splitlines()
    text.insert(11, 'covers = "unterminated')  # line 12
    path = tmp_path / "broken.toml"
    path.write_text("\n".join(text), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    assert str(caught.value).startswith(f"{path}:12: TOML syntax error")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (('stage = "passed"', 'stage = "signed"'), "stage_rules[4].stage: unknown stage 'signed'"),
        (('rows = "table table tr"', 'rowz = "table table tr"'), "actions.rowz: unknown key"),
        (("'(?i)ratified", "'(?i)(ratified"), "stage_rules[2].pattern: bad regular expression"),
        (('chamber = "senate"', 'chamber = "upper"'), "types.s.chamber: unknown chamber 'upper'"),
    ],
)
def test_definition_mistakes_name_the_key(tmp_path: Path, edit, message) -> None:
    text = Path(DEFS["sc"].path).read_text(encoding="utf-8")
    assert edit[0] in text
    path = tmp_path / "sc.toml"
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DefinitionError, match=r"^" + str(path).replace(".", r"\.") + ": "):
        load_definition_file(path)
    with pytest.raises(DefinitionError) as caught:
        load_definition_file(path)
    assert message in str(caught.value)


# --- the stage table -------------------------------------------------------------------


def _act(day: int, text: str, chamber: Chamber | None = None) -> Action:
    return Action(on=date(2011, 3, day), text=text, chamber=chamber)


def test_the_same_chamber_passing_twice_is_not_both_chambers() -> None:
    rules = DEFS["mo-senate"].stage_rules
    once = [
        _act(1, "S Third Read and Passed", Chamber.SENATE),
        _act(2, "CCS S Third Read and Passed", Chamber.SENATE),
    ]
    info = compute_table_stage(once, rules, origin=Chamber.SENATE)
    assert (info.stage, info.on, info.next_chamber) == (
        Stage.PASSED_ONE_CHAMBER,
        date(2011, 3, 1),
        Chamber.HOUSE,
    )
    both = [*once, _act(3, "H Third Read and Passed", Chamber.HOUSE)]
    info = compute_table_stage(both, rules, origin=Chamber.SENATE)
    assert (info.stage, info.next_chamber) == (Stage.PASSED_BOTH_CHAMBERS, Chamber.EXECUTIVE)


def test_stages_move_forward_only_and_enacted_is_final() -> None:
    rules = DEFS["mo-senate"].stage_rules
    actions = [
        _act(1, "Second Read and Referred S Judiciary Committee", Chamber.SENATE),
        _act(2, "S Third Read and Passed", Chamber.SENATE),
        _act(3, "Referred H Judiciary Committee", Chamber.HOUSE),  # no step back
        _act(4, "Signed by Governor", Chamber.EXECUTIVE),
        _act(5, "Referred to Rules Committee", None),
    ]
    info = compute_table_stage(actions, rules, origin=Chamber.SENATE)
    assert (info.stage, info.on, info.next_chamber) == (Stage.ENACTED, date(2011, 3, 4), None)
    info = compute_table_stage(actions[:3], rules, origin=Chamber.SENATE)
    assert (info.stage, info.on) == (Stage.PASSED_ONE_CHAMBER, date(2011, 3, 2))


def test_an_optional_selector_matching_nothing_is_reported_not_raised(test_data: Path) -> None:
    sc = test_data / "html" / "state" / "sc"
    defn = DEFS["sc"]
    fields = dict(defn.fields)
    fields["cosponsors"] = FieldSpec(name="cosponsors", selector="ul.cosponsors li", many=True)
    result = extract(replace(defn, fields=fields), _pages(sc, bill="S494-2011-billinfo.html"))
    assert [(m.field, m.required) for m in result.misses] == [("cosponsors", False)]
