"""Real roll-call records renumbered as the votes a real bill names (for check and web tests).

The samples are votes of other measures; the tests need the record of, e.g., H.R.
1865's House roll 91 of 27 February 2018. Only the identifying fields change: the
members and their positions stay the real ones.
"""

from __future__ import annotations

import re
from pathlib import Path

#: Where the chambers' records of H.R. 1865 (115th) live under a server's root.
HOUSE_91 = "/evs/2018/roll091.xml"
SENATE_115_2 = "/legislative/LIS/roll_call_votes/vote1152/vote_115_2_{:05d}.xml"


def house_roll_91_of_2018(test_data: Path) -> bytes:
    """The real 2026 roll 300, renumbered as the 115th Congress's roll 91 of 27 Feb 2018."""
    real = (test_data / "votes" / "house-clerk" / "2026-roll300.xml").read_bytes()
    for old, new in (
        (rb"<congress>119</congress>", b"<congress>115</congress>"),
        (rb"<rollcall-num>300</rollcall-num>", b"<rollcall-num>91</rollcall-num>"),
        (rb"<legis-num>[^<]*</legis-num>", b"<legis-num>H R 1865</legis-num>"),
        (rb"<action-date>[^<]*</action-date>", b"<action-date>27-Feb-2018</action-date>"),
    ):
        real, count = re.subn(old, new, real)
        assert count == 1
    return real


def senate_vote_115_2(test_data: Path, number: int) -> bytes:
    """The real vote 223 of the 115th Congress's second session, renumbered."""
    real = (test_data / "votes" / "senate-lis" / "vote_115_2_00223.xml").read_bytes()
    new = b"<vote_number>%d</vote_number>" % number
    real, count = re.subn(rb"<vote_number>223</vote_number>", new, real)
    assert count == 1
    return real
