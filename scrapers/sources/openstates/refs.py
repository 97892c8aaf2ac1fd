"""State bill references as people paste them, and Open States' own spellings.

Forms read (case and spaces do not matter): ``ca AB 123 2023-2024``,
``ca ab123 20232024``, the canonical key ``ca-20232024-ab123``, and openstates.org bill
pages (``https://openstates.org/ca/bills/20232024/AB123/``). A state bill without its
session is refused with a hint (``MissingSession``): bill numbers restart every session.

Sessions: a key keeps the session's letters and digits only (``scrapers.model``);
Open States' session identifiers are upper case where they have letters (``2026RS``,
``89R``), and California writes its two-year session as ``20232024``, so
``open_states_session`` turns what a person types into that spelling. Imports only
``scrapers.model``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from scrapers.model import BillRef

#: The 50 states, DC and Puerto Rico, as Open States names their jurisdictions.
STATE_CODES = frozenset(
    [
        "al",
        "ak",
        "az",
        "ar",
        "ca",
        "co",
        "ct",
        "de",
        "fl",
        "ga",
        "hi",
        "id",
        "il",
        "in",
        "ia",
        "ks",
        "ky",
        "la",
        "me",
        "md",
        "ma",
        "mi",
        "mn",
        "ms",
        "mo",
        "mt",
        "ne",
        "nv",
        "nh",
        "nj",
        "nm",
        "ny",
        "nc",
        "nd",
        "oh",
        "ok",
        "or",
        "pa",
        "ri",
        "sc",
        "sd",
        "tn",
        "tx",
        "ut",
        "vt",
        "va",
        "wa",
        "wv",
        "wi",
        "wy",
        "dc",
        "pr",
    ]
)
#: States whose Open States session identifier drops the hyphen people write
#: (``2023-2024`` is ``20232024``). Elsewhere the session is kept as typed.
_HYPHENLESS = frozenset({"ca"})

ACCEPTED_STATE_FORMS = (
    "ca AB 123 2023-2024",
    "ca-20232024-ab123",
    "https://openstates.org/ca/bills/20232024/AB123/",
)

_TYPED = re.compile(
    r"^(?P<st>[a-z]{2})\s+(?P<type>[a-z]{1,6})\s*\.?\s*0*(?P<num>\d{1,6})"
    r"(?:\s*[,(]?\s*(?P<session>[0-9][0-9a-z -]{1,20}?)\s*\)?)?$",
    re.IGNORECASE,
)
_KEY = re.compile(
    r"^(?P<st>[a-z]{2})-(?P<session>[0-9a-z]{1,20})-(?P<type>[a-z]{1,6})(?P<num>\d{1,6})$"
)
_IDENTIFIER = re.compile(r"^(?P<type>[A-Za-z]{1,6})\s*\.?\s*0*(?P<num>\d{1,6})$")


class MissingSession(ValueError):
    """A state bill named without the session it belongs to."""


def open_states_session(jurisdiction: str, text: str) -> str:
    """The session as Open States spells it: ``2023-2024`` -> ``20232024`` in California."""
    session = "".join(text.split()).upper()
    if jurisdiction in _HYPHENLESS:
        session = session.replace("-", "")
    return session


def state_ref(jurisdiction: str, session: str, identifier: str) -> BillRef | None:
    """The ref of Open States bill ``identifier`` (``HB 2``, ``AB123``), None if unreadable."""
    m = _IDENTIFIER.match(identifier.strip())
    if m is None or jurisdiction not in STATE_CODES or not session:
        return None
    return BillRef(
        jurisdiction=jurisdiction,
        session=session,
        bill_type=m["type"].lower(),
        number=int(m["num"]),
    )


def identifier_of(ref: BillRef) -> str:
    """Open States' identifier of a bill: ``AB 123``."""
    return f"{ref.bill_type.upper()} {ref.number}"


def bill_page_url(ref: BillRef) -> str:
    """The bill's public page on openstates.org (the page a person reads)."""
    return f"https://openstates.org/{ref.jurisdiction}/bills/{ref.session}/{ref.bill_type.upper()}{ref.number}/"


def parse_state_ref(text: str) -> BillRef | None:
    """The state bill ``text`` names; None when it is no state bill reference.

    Raises ``MissingSession`` for a state bill without a session (``ca AB 123``).
    """
    text = text.strip()
    if text.lower().startswith(("http://", "https://", "openstates.org/")):
        return _from_url(text)
    if (m := _KEY.match(text.lower())) is not None and m["st"] in STATE_CODES:
        return state_ref(m["st"], open_states_session(m["st"], m["session"]), m["type"] + m["num"])
    m = _TYPED.match(text)
    if m is None or m["st"].lower() not in STATE_CODES:
        return None
    st = m["st"].lower()
    if not m["session"]:
        raise MissingSession(
            f"which session? state bill numbers restart each session: add it, "
            f"e.g. '{st} {m['type'].upper()} {int(m['num'])} 2023-2024'"
        )
    return state_ref(st, open_states_session(st, m["session"]), m["type"] + m["num"])


def _from_url(text: str) -> BillRef | None:
    if not text.lower().startswith(("http://", "https://")):
        text = f"https://{text}"
    parts = urlsplit(text)
    if parts.hostname not in {"openstates.org", "www.openstates.org"}:
        return None
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if len(segments) < 4 or segments[1] != "bills":
        return None
    st = segments[0].lower()
    return state_ref(st, segments[2], segments[3])
