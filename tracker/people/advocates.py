"""Advocates: validating what an operator types or imports, and saving it.

Every check raises ``InvalidInput`` with one line naming the bad value, so the
CLI can print it as is (exit code 2). Nothing here touches the network: an
email address is checked for shape only.

Fields left out (``None``) keep what is stored, or take the default for a new
advocate: no name, the state's usual time zone, digests at 8 a.m., no quiet
hours. The CSV layout is in ``tracker.people.advocates_csv``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy.orm import Session

from db import advocates as advocate_rows
from db.models import Advocate
from tracker.core.errors import InvalidInput
from tracker.people.places import MAX_DISTRICT, NON_STATES, PLACES, USUAL_ZONE

DEFAULT_DIGEST_HOUR = 8
MAX_EMAIL_LENGTH = 254  # RFC 5321 path limit less the angle brackets
MAX_LOCAL_LENGTH = 64
MAX_NAME_LENGTH = 200  # the column's size

# Dot-atom local parts only: quoted local parts ("a b"@x.org) are legal but
# are almost always a typo here, and some mail servers mishandle them.
_LOCAL_PART = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")  # IDNs arrive as punycode (xn--)
_QUIET_HOURS = re.compile(r"^(\d{1,2})\s*-\s*(\d{1,2})$")
_NO_QUIET_HOURS = frozenset({"none", "off", "no"})


#: A new advocate with a UK constituency and no US state gets London's time.
UK_ZONE = "Europe/London"


def validate_constituency(text: str) -> str:
    """A constituency name as given, spaces tidied; it must have letters."""
    name = " ".join(text.split())
    if not any(ch.isalpha() for ch in name) or len(name) > 200:
        raise InvalidInput(f"UK constituency {text!r}: give its name, e.g. 'Thirsk and Malton'")
    return name


@dataclass(frozen=True, slots=True, kw_only=True)
class AdvocateInput:
    """One advocate as given; ``None`` means "not given" (keep, or default when new)."""

    email: str
    state: str | None  # None: not given (an advocate in the UK may have none)
    district: int | None = None
    name: str | None = None
    timezone: str | None = None
    digest_hour: int | None = None
    quiet_hours: tuple[int, int] | None = None
    clear_quiet_hours: bool = False
    uk_constituency: str | None = None  # Westminster constituency; finds the advocate's MP
    # Their districts of the state legislature (``validate_state_district``); "" clears.
    state_senate_district: str | None = None
    state_house_district: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SaveCounts:
    added: int
    updated: int


# --- checks ----------------------------------------------------------------------------


def validate_email(text: str) -> str:
    """A bare address such as ``ana@example.org``, lower-cased; else ``InvalidInput``.

    Lower-cased so one person is one row: providers treat the local part
    case-insensitively in practice, though RFC 5321 allows otherwise.
    """
    if "\r" in text or "\n" in text:
        raise InvalidInput(f"invalid email address {text!r}: it contains a line break")
    address = text.strip()
    problem = _email_problem(address)
    if problem:
        raise InvalidInput(f"invalid email address {text!r}: {problem}")
    return address.lower()


def _email_problem(address: str) -> str | None:
    if not address:
        return "it is empty"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in address):
        return "it contains a control character"
    if len(address) > MAX_EMAIL_LENGTH:
        return f"it is longer than {MAX_EMAIL_LENGTH} characters"
    if address.count("@") != 1 or parseaddr(address)[1] != address:
        return "give one plain address such as ana@example.org"
    local, domain = address.split("@")
    if len(local) > MAX_LOCAL_LENGTH or not _LOCAL_PART.match(local):
        return "the part before @ is not valid"
    labels = domain.lower().split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        return "the domain is not valid (it needs a dot, e.g. example.org)"
    if labels[-1].isdigit():
        return "the domain is not valid (an IP address is not accepted)"
    return None


def validate_state(text: str) -> str:
    code = text.strip().upper()
    if code not in PLACES:
        raise InvalidInput(
            f"unknown state {text!r}: use a two-letter code such as CA "
            "(the 50 states, DC, AS, GU, MP, PR, VI)"
        )
    return code


def validate_state_district(text: str | None) -> str | None:
    """A state legislative district as its state writes it (``12``, ``1A``,
    ``Barnstable-1``): letters, digits, spaces and ``-``; ``""`` (clear it) stays ``""``."""
    if text is None:
        return None
    value = " ".join(text.split())
    if len(value) > 64 or not all(ch.isalnum() or ch in " -" for ch in value):
        raise InvalidInput(
            f"state district {text!r}: give it as the state writes it, e.g. 12 or 1A"
        )
    return value.lstrip("0") or ("0" if value else "")


def validate_district(state: str, district: int | None, limits: Mapping[str, int]) -> int | None:
    """Check ``district`` for ``state``; ``limits`` (state -> highest district) come from
    the officials table when it is filled, else only the general range is checked."""
    if district is None:
        return None
    if not 0 <= district <= MAX_DISTRICT:
        raise InvalidInput(f"district {district}: use 1-{MAX_DISTRICT}, or 0 for an at-large seat")
    top = 0 if state in NON_STATES else limits.get(state)
    if top == 0 and district != 0:
        raise InvalidInput(f"{state} has one at-large seat: use district 0, not {district}")
    if top and district == 0:
        raise InvalidInput(f"{state} has no at-large seat: use one of districts 1-{top}")
    if top and district > top:
        raise InvalidInput(f"{state} has no district {district} (it has districts 1-{top})")
    return district


def parse_district(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if text.lower() in {"al", "at-large", "at large"}:
        return 0
    if not text.isdigit():
        raise InvalidInput(f"district {text!r}: give a number (0 for an at-large seat)")
    return int(text)


def validate_timezone(name: str) -> str:
    name = name.strip()
    # "localtime" is the server's own zone, not the advocate's.
    if name == "localtime" or not _is_zone(name):
        raise InvalidInput(f"unknown time zone {name!r}: use a name such as America/Los_Angeles")
    return name


def _is_zone(name: str) -> bool:
    zones = _zones()
    if zones:
        return name in zones
    try:  # no zone list (a system without tzdata files): ask zoneinfo itself
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def validate_digest_hour(hour: int) -> int:
    if not 0 <= hour <= 23:
        raise InvalidInput(f"digest hour {hour}: use 0-23 (local time)")
    return hour


def parse_quiet_hours(text: str) -> tuple[int, int] | None:
    """``"21-8"`` -> (21, 8): no alerts from 21:00 to 08:00 local. ``"none"`` -> None."""
    text = text.strip()
    if text.lower() in _NO_QUIET_HOURS:
        return None
    match = _QUIET_HOURS.match(text)
    if match is None:
        raise InvalidInput(f"quiet hours {text!r}: use START-END in local hours, e.g. 21-8")
    start, end = int(match[1]), int(match[2])
    if not (0 <= start <= 23 and 0 <= end <= 23) or start == end:
        raise InvalidInput(f"quiet hours {text!r}: two different hours 0-23, e.g. 21-8")
    return start, end


def validate_name(text: str | None) -> str | None:
    name = " ".join((text or "").split())
    if len(name) > MAX_NAME_LENGTH:
        raise InvalidInput(f"name is longer than {MAX_NAME_LENGTH} characters")
    return name or None


def format_quiet_hours(advocate: Advocate) -> str | None:
    if advocate.quiet_start_hour is None or advocate.quiet_end_hour is None:
        return None
    return f"{advocate.quiet_start_hour}-{advocate.quiet_end_hour}"


# --- saving ----------------------------------------------------------------------------


def save_advocates(
    session: Session, inputs: Sequence[AdvocateInput], *, now: datetime
) -> SaveCounts:
    """Add new advocates and update known ones (by email), loading them in one query."""
    known = advocate_rows.advocates_by_email(session, [i.email for i in inputs])
    added = 0
    for given in inputs:
        advocate = known.get(given.email)
        if advocate is None:
            advocate = _new_advocate(given, now=now)
            session.add(advocate)
            known[given.email] = advocate
            added += 1
        _apply(advocate, given)
    session.flush()
    return SaveCounts(added=added, updated=len(inputs) - added)


def _new_advocate(given: AdvocateInput, *, now: datetime) -> Advocate:
    return Advocate(
        email=given.email,
        state=given.state,
        timezone=USUAL_ZONE[given.state] if given.state else UK_ZONE,
        digest_hour=DEFAULT_DIGEST_HOUR,
        created_at=now,
    )


def _apply(advocate: Advocate, given: AdvocateInput) -> None:
    # A re-import does not touch ``unsubscribed_at``: someone who clicked
    # "unsubscribe" is not signed up again by an operator's spreadsheet.
    if given.state is not None:
        if given.district is not None or given.state != advocate.state:
            advocate.district = given.district  # a district of the old state means nothing
        advocate.state = given.state
    if given.uk_constituency is not None:
        advocate.uk_constituency = given.uk_constituency
    if given.name is not None:
        advocate.name = given.name
    if given.timezone is not None:
        advocate.timezone = given.timezone
    if given.digest_hour is not None:
        advocate.digest_hour = given.digest_hour
    if given.quiet_hours is not None or given.clear_quiet_hours:
        advocate.quiet_start_hour, advocate.quiet_end_hour = given.quiet_hours or (None, None)
    if given.state_senate_district is not None:
        advocate.state_senate_district = given.state_senate_district or None
    if given.state_house_district is not None:
        advocate.state_house_district = given.state_house_district or None


def find_advocate(session: Session, email: str) -> Advocate:
    """The advocate with ``email``, or ``InvalidInput`` pointing at ``advocates add``."""
    address = validate_email(email)
    advocate = advocate_rows.get_advocate(session, address)
    if advocate is None:
        raise InvalidInput(f"no advocate {address} (add one with `tracker advocates add`)")
    return advocate
