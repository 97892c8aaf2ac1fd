"""The OpenAPI 3.1 document of the JSON API, served at ``/api/openapi.json``.

Schemas are JSON Schema 2020-12 (what OpenAPI 3.1 uses) and closed
(``additionalProperties: false``): a field the API returns but this document
does not name fails the test that checks real responses against it.
"""

from __future__ import annotations

from typing import Any

from scrapers.model import Stage
from tracker.report.status import Health
from tracker.web.queries import DEFAULT_LIMIT, MAX_LIMIT

_REF = "#/components/schemas/"


def _nullable(kind: str, **extra: Any) -> dict[str, Any]:
    return {"type": [kind, "null"], **extra}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _closed(properties: dict[str, Any], *, required: bool = True) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = list(properties)
    return schema


_DATE = _nullable("string", format="date")
_STAMP = _nullable("string", format="date-time")
_TEXT = _nullable("string")
_STAGE = {"type": ["string", "null"], "enum": [*(s.value for s in Stage), None]}

_STATUS = {
    "id": {"type": "string", "description": "Canonical bill id, e.g. hr4030-115."},
    "title": _TEXT,
    "short_title": _TEXT,
    "policy_area": _TEXT,
    "stage": _STAGE,
    "stage_chamber": _TEXT,
    "stage_date": _DATE,
    "latest_action": {
        "oneOf": [
            {"type": "null"},
            _closed({"date": _DATE, "text": {"type": "string"}}),
        ]
    },
    "days_since_moved": _nullable("integer"),
    "tracked": {"type": "boolean"},
    "source": {"type": "string"},
    "source_url": _TEXT,
    "last_checked": _STAMP,
    "last_success": _STAMP,
    "last_changed": _STAMP,
    "next_check": _STAMP,
    "health": {"type": "string", "enum": [h.value for h in Health]},
    "error": _TEXT,
    "dead": {
        "type": ["string", "null"],
        "description": "Why and when the bill died (failed, veto sustained, or its Congress "
        "ended), e.g. 'Died at the end of the 115th Congress, January 3, 2019.'; null while "
        "it can still move.",
    },
}

_LINKS = _closed(
    {
        name: {"type": "string", "format": "uri"}
        for name in ("self", "html", "events", "votes", "feed")
    }
)


def _with_status(extra: dict[str, Any]) -> dict[str, Any]:
    """The ``tracker status --json`` row plus ``extra`` fields."""
    return _closed(_STATUS | extra)


_BILL_SUMMARY = _with_status(
    {
        "citation": {"type": "string", "description": "H.R. 4030"},
        "stage_label": _TEXT,
        "links": _ref("Links"),
    }
)

_STAGE_REACHED = _closed({"stage": {"type": "string"}, "date": _DATE, "chamber": _TEXT})
_ACTION = _closed(
    {"date": {"type": "string", "format": "date"}, "text": {"type": "string"}}
    | {"chamber": _TEXT, "code": _TEXT, "time": _TEXT}
)
_COSPONSOR_COUNT = _closed(
    {"date": {"type": "string", "format": "date"}}
    | {name: {"type": "integer", "minimum": 0} for name in ("count", "added", "withdrawn")}
)
_COMMITTEE = _closed(
    {"code": {"type": "string"}, "name": {"type": "string"}}
    | {"chamber": _TEXT, "latest_activity": _TEXT, "latest_activity_date": _DATE}
)
_SCHEDULED = {
    "type": "object",
    "properties": {
        "kind": {"type": "string"},
        "date": {"type": "string", "format": "date"},
        "starts_at": {
            "type": ["string", "null"],
            "format": "date-time",
            "description": "Start with its offset, when the official schedule gives the hour.",
        },
        "status": {"type": "string", "enum": ["scheduled", "postponed", "cancelled"]},
    }
    | dict.fromkeys(("chamber", "description", "committee", "location", "url"), _TEXT),
    "required": ["kind", "date"],
}

_BILL_DETAIL = _with_status(
    {
        "citation": {"type": "string"},
        "bill_type": {"type": "string"},
        "official_title": _TEXT,
        "introduced_on": _DATE,
        "sponsor": _TEXT,
        "stage_detail": _TEXT,
        "next_chamber": _TEXT,
        "stages": {"type": "array", "items": _ref("StageReached")},
        "actions": {"type": "array", "items": _ref("Action")},
        "cosponsor_count": {"type": "integer", "minimum": 0},
        "cosponsors_over_time": {"type": "array", "items": _ref("CosponsorCount")},
        "committees": {"type": "array", "items": _ref("Committee")},
        "scheduled": {"type": "array", "items": _ref("Scheduled")},
        "subscribers": {
            "type": "integer",
            "minimum": 0,
            "description": "How many advocates follow the bill (never who).",
        },
        "links": _ref("Links"),
    }
)

_EVENT = _closed(
    {
        "id": {"type": "integer"},
        "kind": {"type": "string", "description": "stage_changed, action_added, ..."},
        "significance": {"type": "string", "enum": ["major", "minor"]},
        "occurred_on": _DATE,
        "detected_at": {"type": "string", "format": "date-time"},
        "headline": {"type": "string"},
        "summary": {"type": "string"},
        "payload": {"type": "object"},
    }
)


_COUNT = {"type": "integer", "minimum": 0}
_TOTALS = _closed(dict.fromkeys(("yea", "nay", "present", "not_voting"), _COUNT))
_POSITION = _closed(
    {
        "bioguide_id": _nullable("string", description="Bioguide id (senators: when known)."),
        "lis_member_id": _nullable("string", description="Senate LIS id (senators only)."),
        "name": {"type": "string"},
        "party": _TEXT,
        "state": _TEXT,
        "position": {
            "type": "string",
            "description": "As the record gives it: Aye, No, Yea, Nay, Present, "
            "Not Voting, Present, Giving Live Pair; a candidate's name when electing a Speaker.",
        },
        "choice": {
            "type": "string",
            "enum": ["yea", "nay", "present", "not_voting", "candidate"],
        },
        "paired_with": _nullable("string", description="Senate live pair: the other LIS id."),
    }
)
_VOTE = _closed(
    {
        "id": {"type": "string", "description": "chamber-congress-session-number: house-115-2-91"},
        "chamber": {"type": "string", "enum": ["house", "senate"]},
        "congress": {"type": "integer"},
        "session": {"type": "integer"},
        "number": {"type": "integer", "description": "House roll or Senate record vote number."},
        "date": {"type": "string", "format": "date"},
        "voted_at": _STAMP,
        "question": {"type": "string"},
        "result": {"type": "string"},
        "vote_type": _TEXT,
        "description": _TEXT,
        "bill": _nullable("string", description="The measure voted on, e.g. H.R. 1865."),
        "yea_nay": {
            "type": "boolean",
            "description": "False for the election of the Speaker (candidates, no totals).",
        },
        "totals": {"oneOf": [{"type": "null"}, _TOTALS]},
        "candidates": {
            "type": "array",
            "items": _closed({"candidate": {"type": "string"}, "total": _COUNT}),
        },
        "by_party": {
            "type": "array",
            "items": _closed({"party": {"type": "string"}} | dict(_TOTALS["properties"])),
        },
        "action": _closed(
            {"date": {"type": "string", "format": "date"}, "text": {"type": "string"}}
        ),
        "source_url": _TEXT,
        "positions": {"type": "array", "items": _ref("VotePosition")},
    }
)
_VOTE_LIST = _closed(
    {
        "bill": {"type": "string"},
        "votes": {"type": "array", "items": _ref("Vote")},
        "pending": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Votes the bill's actions name that are not stored (yet).",
        },
    }
)


def _page(name: str, items: str, **extra: Any) -> dict[str, Any]:
    return _closed(
        extra
        | {
            name: {"type": "array", "items": _ref(items)},
            "next_cursor": _TEXT,
            "next": _nullable("string", format="uri", description="The next page, if any."),
        }
    )


SCHEMAS: dict[str, Any] = {
    "Links": _LINKS,
    "BillSummary": _BILL_SUMMARY,
    "BillList": _page("bills", "BillSummary"),
    "StageReached": _STAGE_REACHED,
    "Action": _ACTION,
    "CosponsorCount": _COSPONSOR_COUNT,
    "Committee": _COMMITTEE,
    "Scheduled": _SCHEDULED,
    "BillDetail": _BILL_DETAIL,
    "Event": _EVENT,
    "EventList": _page("events", "Event", bill={"type": "string"}),
    "VotePosition": _POSITION,
    "Vote": _VOTE,
    "VoteList": _VOTE_LIST,
    "Error": _closed({"error": {"type": "string"}, "status": {"type": "integer"}}),
}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_ID = {
    "name": "id",
    "in": "path",
    "required": True,
    "schema": {"type": "string"},
    "description": "Bill id, e.g. hr4030-115.",
}
_LIMIT = _query(
    "limit",
    {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    "Items per page.",
)
_CURSOR = _query("cursor", {"type": "string"}, "The next_cursor of the previous page.")


def _responses(schema: str, *errors: int) -> dict[str, Any]:
    found = {"200": _json_response("OK", schema)}
    words = {400: "Bad parameter", 404: "No such bill"}
    return found | {str(code): _json_response(words[code], "Error") for code in errors}


def _json_response(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(schema)}}}


PATHS: dict[str, Any] = {
    "/api/bills": {
        "get": {
            "operationId": "listBills",
            "summary": "Tracked bills in id order, a page at a time.",
            "parameters": [
                _query(
                    "stage",
                    {"type": "string", "enum": [s.value for s in Stage]},
                    "Only bills at this stage.",
                ),
                _query("q", {"type": "string"}, "A bill id or citation, or text in the title."),
                _query(
                    "changed_since",
                    {"type": "string"},
                    "Only bills the tracker saw change at or after this date or date-time (UTC).",
                ),
                _LIMIT,
                _CURSOR,
            ],
            "responses": _responses("BillList", 400),
        }
    },
    "/api/bills/{id}": {
        "get": {
            "operationId": "getBill",
            "summary": "One bill: status, stages reached, actions, cosponsors, committees.",
            "parameters": [_ID],
            "responses": _responses("BillDetail", 404),
        }
    },
    "/api/bills/{id}/events": {
        "get": {
            "operationId": "listBillEvents",
            "summary": "The changes seen on one bill, newest first.",
            "parameters": [_ID, _LIMIT, _CURSOR],
            "responses": _responses("EventList", 400, 404),
        }
    },
    "/api/bills/{id}/votes": {
        "get": {
            "operationId": "listBillVotes",
            "summary": "The bill's roll-call votes, oldest first: totals, a party breakdown "
            "and every member's position.",
            "parameters": [_ID],
            "responses": _responses("VoteList", 404),
        }
    },
}


def document(*, server: str) -> dict[str, Any]:
    """The whole document, naming ``server`` (this server's root URL) as the server."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bill tracker",
            "version": "1",
            "description": "Where tracked bills stand and what changed. Read-only.",
        },
        "servers": [{"url": server or "/"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
