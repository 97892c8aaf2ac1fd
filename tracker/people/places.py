"""The places Congress represents: the 50 states, DC and the five inhabited territories.

Each maps to the time zone most of its people live in, the default for an
advocate who gives no zone (so a Californian's morning digest is not sent at
5 a.m.). States split across zones get the zone of the majority; advocates
elsewhere in them can say ``--timezone``.
"""

from __future__ import annotations

from typing import Final

#: Places whose one House member is a delegate (or PR's resident commissioner)
#: elected at large, and which have no senators.
NON_STATES: Final = frozenset({"DC", "AS", "GU", "MP", "PR", "VI"})

USUAL_ZONE: Final[dict[str, str]] = {
    "AL": "America/Chicago",
    "AK": "America/Anchorage",
    "AZ": "America/Phoenix",
    "AR": "America/Chicago",
    "CA": "America/Los_Angeles",
    "CO": "America/Denver",
    "CT": "America/New_York",
    "DE": "America/New_York",
    "FL": "America/New_York",
    "GA": "America/New_York",
    "HI": "Pacific/Honolulu",
    "ID": "America/Boise",
    "IL": "America/Chicago",
    "IN": "America/Indiana/Indianapolis",
    "IA": "America/Chicago",
    "KS": "America/Chicago",
    "KY": "America/New_York",
    "LA": "America/Chicago",
    "ME": "America/New_York",
    "MD": "America/New_York",
    "MA": "America/New_York",
    "MI": "America/Detroit",
    "MN": "America/Chicago",
    "MS": "America/Chicago",
    "MO": "America/Chicago",
    "MT": "America/Denver",
    "NE": "America/Chicago",
    "NV": "America/Los_Angeles",
    "NH": "America/New_York",
    "NJ": "America/New_York",
    "NM": "America/Denver",
    "NY": "America/New_York",
    "NC": "America/New_York",
    "ND": "America/Chicago",
    "OH": "America/New_York",
    "OK": "America/Chicago",
    "OR": "America/Los_Angeles",
    "PA": "America/New_York",
    "RI": "America/New_York",
    "SC": "America/New_York",
    "SD": "America/Chicago",
    "TN": "America/Chicago",
    "TX": "America/Chicago",
    "UT": "America/Denver",
    "VT": "America/New_York",
    "VA": "America/New_York",
    "WA": "America/Los_Angeles",
    "WV": "America/New_York",
    "WI": "America/Chicago",
    "WY": "America/Denver",
    "DC": "America/New_York",
    "AS": "Pacific/Pago_Pago",
    "GU": "Pacific/Guam",
    "MP": "Pacific/Saipan",
    "PR": "America/Puerto_Rico",
    "VI": "America/St_Thomas",
}

PLACES: Final = frozenset(USUAL_ZONE)
#: The most House districts any state has had since 1993 (California, 2003-2023).
MAX_DISTRICT: Final = 53
