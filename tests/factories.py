"""Small typed builders of valid snapshot values, with sensible defaults.

Each takes keyword overrides for any field of the value it builds, so a test
names only what it is about: ``make_snapshot(actions=(make_action(text="X"),))``.
The defaults describe H.R. 4030 (115th), the Title IX Protection Act, as it
stood on the day it was introduced and referred.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from scrapers.model import (
    Action,
    BillRef,
    BillSnapshot,
    Chamber,
    Committee,
    CommitteeActivity,
    Cosponsor,
    Member,
    ScheduledEvent,
    ScheduledKind,
    Stage,
    StageInfo,
    TextVersion,
)

INTRODUCED = date(2017, 10, 12)


def make_ref(**overrides: Any) -> BillRef:
    fields: dict[str, Any] = {
        "jurisdiction": "us",
        "session": "115",
        "bill_type": "hr",
        "number": 4030,
    }
    return BillRef(**(fields | overrides))


def make_member(**overrides: Any) -> Member:
    fields: dict[str, Any] = {
        "bioguide_id": "S001175",
        "name": "Rep. Speier, Jackie [D-CA-14]",
        "party": "D",
        "state": "CA",
        "district": 14,
    }
    return Member(**(fields | overrides))


def make_cosponsor(member: Member | None = None, **overrides: Any) -> Cosponsor:
    fields: dict[str, Any] = {
        "member": member
        or make_member(bioguide_id="L000582", name="Rep. Lieu, Ted [D-CA-33]", district=33),
        "sponsored_on": INTRODUCED,
        "is_original": True,
    }
    return Cosponsor(**(fields | overrides))


def make_action(**overrides: Any) -> Action:
    fields: dict[str, Any] = {
        "on": INTRODUCED,
        "text": "Introduced in House",
        "chamber": Chamber.HOUSE,
        "code": "Intro-H",
        "action_type": "IntroReferral",
        "source_system": "Library of Congress",
    }
    return Action(**(fields | overrides))


def make_committee(**overrides: Any) -> Committee:
    fields: dict[str, Any] = {
        "code": "hsed00",
        "name": "Education and Labor Committee",
        "chamber": Chamber.HOUSE,
        "activities": (CommitteeActivity(name="Referred to", on=INTRODUCED),),
    }
    return Committee(**(fields | overrides))


def make_text_version(**overrides: Any) -> TextVersion:
    fields: dict[str, Any] = {
        "name": "Introduced in House",
        "on": INTRODUCED,
        "url": "https://www.govinfo.gov/content/pkg/BILLS-115hr4030ih/xml/BILLS-115hr4030ih.xml",
    }
    return TextVersion(**(fields | overrides))


def make_scheduled(**overrides: Any) -> ScheduledEvent:
    fields: dict[str, Any] = {
        "kind": ScheduledKind.HEARING,
        "on": date(2018, 3, 1),
        "chamber": Chamber.HOUSE,
        "description": "Hearing: Title IX enforcement",
        "committee": "Committee on Education and the Workforce",
    }
    return ScheduledEvent(**(fields | overrides))


def make_stage(**overrides: Any) -> StageInfo:
    fields: dict[str, Any] = {
        "stage": Stage.IN_COMMITTEE,
        "on": INTRODUCED,
        "chamber": Chamber.HOUSE,
        "next_chamber": Chamber.HOUSE,
    }
    return StageInfo(**(fields | overrides))


def make_snapshot(**overrides: Any) -> BillSnapshot:
    """H.R. 4030 as introduced: two "Introduced" copies, a referral, one cosponsor."""
    fields: dict[str, Any] = {
        "ref": make_ref(),
        "source": "govinfo",
        "source_url": "https://www.govinfo.gov/bulkdata/BILLSTATUS/115/hr/BILLSTATUS-115hr4030.xml",
        "title": "Title IX Protection Act",
        "official_title": "To amend the Department of Education Organization Act ...",
        "short_title": "Title IX Protection Act",
        "origin_chamber": Chamber.HOUSE,
        "introduced_on": INTRODUCED,
        "updated_at": datetime(2019, 1, 4, 12, 0, tzinfo=UTC),
        "sponsor": make_member(),
        "cosponsors": (make_cosponsor(),),
        "committees": (make_committee(),),
        "actions": (
            make_action(),
            make_action(code="1000"),
            make_action(
                text="Referred to the House Committee on Education and the Workforce.",
                code="H11100",
                source_system="House floor actions",
                committee_codes=("hsed00",),
            ),
        ),
        "text_versions": (make_text_version(),),
        "subjects": ("Education",),
        "policy_area": "Education",
        "stage": make_stage(),
    }
    return BillSnapshot(**(fields | overrides))


def add_actions(s: BillSnapshot, *actions: Action) -> BillSnapshot:
    """``s`` with ``actions`` appended (they should be no older than its last one)."""
    return replace(s, actions=(*s.actions, *actions))
