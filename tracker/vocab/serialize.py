"""A ``BillSnapshot`` as a JSON-ready dict, and back (exact round trip).

Used to store the last snapshot of each bill (to diff the next one against)
and as the public JSON shape of a bill. Imports only ``scrapers.model`` and
``scrapers.refs``. Dates are ISO ``YYYY-MM-DD`` strings, ``updated_at`` an ISO
datetime in UTC, enums their stable value strings, absent values ``null``,
tuples lists. Keys, in order:

- ``schema``: 1, the version of this layout (``snapshot_from_dict`` refuses others).
- ``id``: canonical key, ``hr4030-115`` (``mo-2011-sb70`` outside Congress).
- ``jurisdiction``: ``us`` or a state code; ``session``: the session text
  (the Congress number for ``us``); ``congress``: that number as an int for
  ``us``, else null; ``bill_type``: ``hr``, ``s``, ...; ``number``: int.
- ``title`` (display), ``official_title``, ``short_title``, ``popular_title``.
- ``origin_chamber``, ``introduced_on``.
- ``stage``: the ``Stage`` value; ``stage_chamber``, ``stage_date``,
  ``stage_detail``, ``next_chamber``: the rest of ``StageInfo``.
- ``latest_action``: ``{date, text, code, chamber}`` of the last action, or
  null (derived: ignored on the way back).
- ``actions``: oldest first, ``{date, text, chamber, code, type, time,
  source_system, committees, recorded_votes}`` (``committees``: list of committee
  codes; ``recorded_votes``: the roll calls the action reports, ``{id, chamber,
  congress, session, number, date}``, ``id`` as ``house-115-1-699``).
- ``sponsor``: ``{bioguide_id, name, party, state, district, by_request}`` or null.
- ``cosponsors``: the sponsor fields plus ``sponsored_on``, ``withdrawn_on``,
  ``is_original``.
- ``committees``: ``{code, name, chamber, parent_code, activities: [{name, date}]}``.
- ``text_versions``: ``{name, date, url}``; ``laws``: ``{kind, number}``.
- ``subjects``: list of strings; ``policy_area``.
- ``latest_summary``: ``{version_code, action_date, action_desc, text}`` or null.
- ``scheduled``: ``{kind, date, chamber, description, committee, location, url}``.
- ``became_law``: bool (derived from the stage: ignored on the way back).
- ``updated_at``: the source's stamp; ``source``: source name; ``source_url``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from scrapers.model import (
    Action,
    BillRef,
    BillSnapshot,
    Chamber,
    Committee,
    CommitteeActivity,
    Cosponsor,
    Law,
    Member,
    RecordedVote,
    ScheduledEvent,
    ScheduledKind,
    Stage,
    StageInfo,
    Summary,
    TextVersion,
)

SCHEMA_VERSION = 1

_E = TypeVar("_E", bound=StrEnum)


def snapshot_to_dict(s: BillSnapshot) -> dict[str, Any]:
    """The snapshot as plain JSON values, keys in the documented order."""
    return {
        "schema": SCHEMA_VERSION,
        **_ref_to_dict(s.ref),
        "title": s.title,
        "official_title": s.official_title,
        "short_title": s.short_title,
        "popular_title": s.popular_title,
        "origin_chamber": _enum(s.origin_chamber),
        "introduced_on": _day(s.introduced_on),
        **_stage_to_dict(s.stage),
        "latest_action": _latest_action(s.latest_action),
        "actions": [_action_to_dict(a) for a in s.actions],
        "sponsor": _member_to_dict(s.sponsor) if s.sponsor else None,
        "cosponsors": [_cosponsor_to_dict(c) for c in s.cosponsors],
        "committees": [_committee_to_dict(c) for c in s.committees],
        "text_versions": [
            {"name": v.name, "date": _day(v.on), "url": v.url} for v in s.text_versions
        ],
        "laws": [{"kind": law.kind, "number": law.number} for law in s.laws],
        "subjects": list(s.subjects),
        "policy_area": s.policy_area,
        "latest_summary": _summary_to_dict(s.latest_summary),
        "scheduled": [_scheduled_to_dict(e) for e in s.scheduled],
        "became_law": s.became_law,
        "updated_at": _stamp(s.updated_at),
        "source": s.source,
        "source_url": s.source_url,
    }


def snapshot_from_dict(d: dict[str, Any]) -> BillSnapshot:
    """The snapshot ``snapshot_to_dict`` described (derived keys are ignored)."""
    if d.get("schema") != SCHEMA_VERSION:
        raise ValueError(
            f"{d.get('id')}: snapshot schema {d.get('schema')!r} is not {SCHEMA_VERSION}"
        )
    return BillSnapshot(
        ref=BillRef(
            jurisdiction=d["jurisdiction"],
            session=d["session"],
            bill_type=d["bill_type"],
            number=d["number"],
        ),
        source=d["source"],
        source_url=d["source_url"],
        title=d["title"],
        official_title=d["official_title"],
        short_title=d["short_title"],
        popular_title=d["popular_title"],
        origin_chamber=_to_enum(Chamber, d["origin_chamber"]),
        introduced_on=_to_day(d["introduced_on"]),
        updated_at=_to_stamp(d["updated_at"]),
        sponsor=_member_from_dict(d["sponsor"]) if d["sponsor"] else None,
        cosponsors=tuple(_cosponsor_from_dict(c) for c in d["cosponsors"]),
        committees=tuple(_committee_from_dict(c) for c in d["committees"]),
        actions=tuple(_action_from_dict(a) for a in d["actions"]),
        text_versions=tuple(
            TextVersion(name=v["name"], on=_to_day(v["date"]), url=v["url"])
            for v in d["text_versions"]
        ),
        laws=tuple(Law(kind=law["kind"], number=law["number"]) for law in d["laws"]),
        subjects=tuple(d["subjects"]),
        policy_area=d["policy_area"],
        latest_summary=_summary_from_dict(d["latest_summary"]),
        scheduled=tuple(_scheduled_from_dict(e) for e in d["scheduled"]),
        stage=_stage_from_dict(d),
    )


# --- parts, to dict ---------------------------------------------------------------------


def _ref_to_dict(ref: BillRef) -> dict[str, Any]:
    federal = ref.jurisdiction == "us" and ref.session.isdigit()
    return {
        "id": ref.key,
        "jurisdiction": ref.jurisdiction,
        "congress": int(ref.session) if federal else None,
        "session": ref.session,
        "bill_type": ref.bill_type,
        "number": ref.number,
    }


def _stage_to_dict(st: StageInfo) -> dict[str, Any]:
    return {
        "stage": st.stage.value,
        "stage_chamber": _enum(st.chamber),
        "stage_date": _day(st.on),
        "stage_detail": st.detail,
        "next_chamber": _enum(st.next_chamber),
    }


def _latest_action(a: Action | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"date": _day(a.on), "text": a.text, "code": a.code, "chamber": _enum(a.chamber)}


def _action_to_dict(a: Action) -> dict[str, Any]:
    return {
        "date": _day(a.on),
        "text": a.text,
        "chamber": _enum(a.chamber),
        "code": a.code,
        "type": a.action_type,
        "time": a.time,
        "source_system": a.source_system,
        "committees": list(a.committee_codes),
        "recorded_votes": [_recorded_vote_to_dict(v) for v in a.recorded_votes],
    }


def _recorded_vote_to_dict(v: RecordedVote) -> dict[str, Any]:
    return {
        "id": v.key,
        "chamber": v.chamber.value,
        "congress": v.congress,
        "session": v.session,
        "number": v.number,
        "date": _day(v.on),
    }


def _member_to_dict(m: Member) -> dict[str, Any]:
    return {
        "bioguide_id": m.bioguide_id,
        "name": m.name,
        "party": m.party,
        "state": m.state,
        "district": m.district,
        "by_request": m.by_request,
    }


def _cosponsor_to_dict(c: Cosponsor) -> dict[str, Any]:
    return {
        **_member_to_dict(c.member),
        "sponsored_on": _day(c.sponsored_on),
        "withdrawn_on": _day(c.withdrawn_on),
        "is_original": c.is_original,
    }


def _committee_to_dict(c: Committee) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "chamber": _enum(c.chamber),
        "parent_code": c.parent_code,
        "activities": [{"name": a.name, "date": _day(a.on)} for a in c.activities],
    }


def _summary_to_dict(s: Summary | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "version_code": s.version_code,
        "action_date": _day(s.action_on),
        "action_desc": s.action_desc,
        "text": s.text,
    }


def _scheduled_to_dict(e: ScheduledEvent) -> dict[str, Any]:
    return {
        "kind": e.kind.value,
        "date": _day(e.on),
        "chamber": _enum(e.chamber),
        "description": e.description,
        "committee": e.committee,
        "location": e.location,
        "url": e.url,
    }


# --- parts, from dict -------------------------------------------------------------------


def _stage_from_dict(d: dict[str, Any]) -> StageInfo:
    return StageInfo(
        stage=Stage(d["stage"]),
        on=_to_day(d["stage_date"]),
        chamber=_to_enum(Chamber, d["stage_chamber"]),
        detail=d["stage_detail"],
        next_chamber=_to_enum(Chamber, d["next_chamber"]),
    )


def _action_from_dict(d: dict[str, Any]) -> Action:
    on = _to_day(d["date"])
    if on is None:
        raise ValueError(f"action without a date: {d.get('text')!r}")
    return Action(
        on=on,
        text=d["text"],
        chamber=_to_enum(Chamber, d["chamber"]),
        time=d["time"],
        code=d["code"],
        action_type=d["type"],
        source_system=d["source_system"],
        committee_codes=tuple(d["committees"]),
        # Absent from snapshots stored before votes were read: none then.
        recorded_votes=tuple(_recorded_vote_from_dict(v) for v in d.get("recorded_votes", ())),
    )


def _recorded_vote_from_dict(d: dict[str, Any]) -> RecordedVote:
    return RecordedVote(
        chamber=Chamber(d["chamber"]),
        congress=d["congress"],
        session=d["session"],
        number=d["number"],
        on=_to_day(d["date"]),
    )


def _member_from_dict(d: dict[str, Any]) -> Member:
    return Member(
        bioguide_id=d["bioguide_id"],
        name=d["name"],
        party=d["party"],
        state=d["state"],
        district=d["district"],
        by_request=d["by_request"],
    )


def _cosponsor_from_dict(d: dict[str, Any]) -> Cosponsor:
    return Cosponsor(
        member=_member_from_dict(d),
        sponsored_on=_to_day(d["sponsored_on"]),
        withdrawn_on=_to_day(d["withdrawn_on"]),
        is_original=d["is_original"],
    )


def _committee_from_dict(d: dict[str, Any]) -> Committee:
    return Committee(
        code=d["code"],
        name=d["name"],
        chamber=_to_enum(Chamber, d["chamber"]),
        parent_code=d["parent_code"],
        activities=tuple(
            CommitteeActivity(name=a["name"], on=_to_day(a["date"])) for a in d["activities"]
        ),
    )


def _summary_from_dict(d: dict[str, Any] | None) -> Summary | None:
    if d is None:
        return None
    return Summary(
        version_code=d["version_code"],
        action_on=_to_day(d["action_date"]),
        action_desc=d["action_desc"],
        text=d["text"],
    )


def _scheduled_from_dict(d: dict[str, Any]) -> ScheduledEvent:
    on = _to_day(d["date"])
    if on is None:
        raise ValueError(f"scheduled event without a date: {d.get('description')!r}")
    return ScheduledEvent(
        kind=ScheduledKind(d["kind"]),
        on=on,
        chamber=_to_enum(Chamber, d["chamber"]),
        description=d["description"],
        committee=d["committee"],
        location=d["location"],
        url=d["url"],
    )


# --- scalars ----------------------------------------------------------------------------


def _enum(value: StrEnum | None) -> str | None:
    return None if value is None else value.value


def _to_enum(cls: type[_E], value: str | None) -> _E | None:
    return None if value is None else cls(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _to_day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _stamp(value: datetime | None) -> str | None:
    # Aware stamps are written in UTC; a naive one (a parser's slip) is kept as
    # it is, so the round trip stays exact instead of guessing its zone.
    if value is None:
        return None
    return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()


def _to_stamp(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)
