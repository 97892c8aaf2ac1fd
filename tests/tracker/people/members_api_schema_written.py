"""Members API answers WRITTEN FROM THE PUBLISHED SCHEMA, not recorded responses.

No recorded Members API response is in the shared test data, so these documents
are written by hand from the API's OpenAPI schema
(members-api.parliament.uk/swagger/v1/swagger.json: ``MemberMembersServiceSearchResult``,
``Member``, ``HouseMembership``, ``Party``, ``ContactInformationListItem``). Kevin
Hollinrake (member 4474, Thirsk and Malton, Conservative) is as the real Bills API
answer for bill 2818 names him; the other members, and every phone number (Ofcom's
drama range, 020 7946 0xxx), are made up.
"""

from __future__ import annotations

from typing import Any


def member(
    member_id: int,
    name: str,
    party: str,
    constituency: str,
    *,
    house: int = 1,
    ended: str | None = None,
) -> dict[str, Any]:
    return {
        "value": {
            "id": member_id,
            "nameListAs": name,
            "nameDisplayAs": name,
            "nameFullTitle": name,
            "nameAddressAs": None,
            "latestParty": {"id": 4, "name": party, "abbreviation": party[:3]},
            "gender": None,
            "latestHouseMembership": {
                "membershipFrom": constituency,
                "membershipFromId": 3000 + member_id % 1000,
                "house": house,
                "membershipStartDate": "2024-07-04T00:00:00",
                "membershipEndDate": ended,
                "membershipEndReason": None,
                "membershipEndReasonNotes": None,
                "membershipEndReasonId": None,
                "membershipStatus": {
                    "statusIsActive": ended is None,
                    "statusDescription": "Current Member" if ended is None else None,
                    "statusNotes": None,
                    "statusId": 0,
                    "statusStartDate": "2024-07-04T00:00:00",
                },
            },
            "thumbnailUrl": f"https://members-api.parliament.uk/api/Members/{member_id}/Thumbnail",
        },
        "links": [{"rel": "self", "href": f"/Members/{member_id}", "method": "GET"}],
    }


HOLLINRAKE = member(4474, "Kevin Hollinrake", "Conservative", "Thirsk and Malton")
EXAMPLE_NORTH = member(9001, "Alex Example", "Labour", "Example North & Westside")
FORMER = member(9002, "Former Member", "Labour", "Example South", ended="2025-01-31T00:00:00")


def search_page(items: list[dict[str, Any]], *, total: int | None = None) -> dict[str, Any]:
    return {
        "items": items,
        "totalResults": len(items) if total is None else total,
        "resultContext": "",
        "skip": 0,
        "take": 20,
        "links": [],
    }


def contact(phone: str | None, *, preferred: bool = True) -> dict[str, Any]:
    return {
        "value": [
            {
                "type": "Constituency",
                "typeDescription": "Constituency office",
                "typeId": 4,
                "isPreferred": False,
                "isWebAddress": False,
                "notes": None,
                "line1": "1 High Street",
                "postcode": None,
                "phone": "01234 000000",
                "fax": None,
                "email": None,
            },
            {
                "type": "Parliamentary",
                "typeDescription": "Parliamentary office",
                "typeId": 1,
                "isPreferred": preferred,
                "isWebAddress": False,
                "notes": None,
                "line1": "House of Commons",
                "line2": "London",
                "postcode": "SW1A 0AA",
                "phone": phone,
                "fax": None,
                "email": "mp@parliament.example",
            },
        ],
        "links": [],
    }
