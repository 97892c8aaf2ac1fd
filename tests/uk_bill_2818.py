"""Bill 2818 as the real Bills API answers give it (test data README 6.2), and its
move to committee added on top of them as the API would show it, for UK tests."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from db.bills import track_bill
from db.models import Bill
from scrapers.sources.uk_parliament.fetch import BUNDLE_FORMAT

KEY = "uk-35-bill2818"


def real_bill(test_data: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (test_data / "uk-parliament" / "snommoc-bill-2818.json").read_text("utf-8")
    )
    return doc


def real_stages(test_data: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(
        (test_data / "uk-parliament" / "snommoc-bill-2818_stages.json").read_text("utf-8")
    )
    return doc


def bundle(bill: dict[str, Any], stages: list[dict[str, Any]]) -> bytes:
    return json.dumps({"format": BUNDLE_FORMAT, "bill": bill, "stages": stages}).encode()


def moved_to_committee(
    bill: dict[str, Any], stages: list[dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """2nd reading sits on 2021-02-05 and a committee stage follows; ``lastUpdate`` moves."""
    items = [dict(item) for item in stages]
    items[1]["stageSittings"] = [
        {"id": 1, "stageId": 7, "billStageId": 12655, "billId": 2818, "date": "2021-02-05T00:00:00"}
    ]
    committee = {
        "id": 12656,
        "stageId": 8,
        "sessionId": 35,
        "description": "Committee stage",
        "abbreviation": "CS",
        "house": "Commons",
        "stageSittings": [],
        "sortOrder": 3,
    }
    items.append(committee)
    moved = {**bill, "lastUpdate": "2021-06-01T09:00:00.1234567", "currentStage": committee}
    return moved, items


def track_2818(session: Session, *, now: datetime) -> Bill:
    bill, _ = track_bill(
        session,
        key=KEY,
        jurisdiction="uk",
        bill_session="35",
        bill_type="bill",
        number=2818,
        source="uk_parliament",
        now=now,
    )
    return bill
