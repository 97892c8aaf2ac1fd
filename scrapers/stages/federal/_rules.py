"""The rules table: which of Congress's action wordings (or, failing that, action codes)
means which ``Event``.

Owns ``Event``, ``Rule``, the ``RULES`` table (read top to bottom, the first wording that
matches wins) and ``match_rule``. Knows nothing of stages or of the state machine that
folds events into one (``_machine``, ``_transitions``). Imports only ``scrapers.model``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from scrapers.model import Action, Chamber


class Event(StrEnum):
    """What one action means for the stage (many actions mean nothing and match no rule)."""

    INTRODUCED = "introduced"
    REFERRED = "referred"
    REPORTED = "reported"
    ORDERED_REPORTED = "ordered_reported"
    DISCHARGED = "discharged"
    CALENDARED = "calendared"
    PASSED = "passed"  # a chamber passed / agreed to the measure itself
    FAILED = "failed"
    TABLED = "tabled"
    SUSPENSION_FAILED = "suspension_failed"
    CLOTURE_FAILED = "cloture_failed"
    AGREED_TO_AMENDMENT = "agreed_to_amendment"  # ping-pong: agreed to the other's text
    REFUSED_AMENDMENT = "refused_amendment"
    CONFERENCE_AGREED = "conference_agreed"
    PRESENTED = "presented"
    SIGNED = "signed"
    UNSIGNED = "unsigned"
    LAW = "law"
    VETOED = "vetoed"
    POCKET_VETOED = "pocket_vetoed"
    OVERRIDE_PASSED = "override_passed"
    OVERRIDE_FAILED = "override_failed"


@dataclass(frozen=True, slots=True)
class Rule:
    """Wording (and/or action codes) that means ``event``, acted by ``chamber`` if the
    wording names one (else the action's own chamber).

    ``hints`` are lower-case words one of which every matching text contains: a cheap
    test that spares the regular expression for most of the ~30 rules per action.
    """

    event: Event
    pattern: re.Pattern[str]
    hints: tuple[str, ...] = ()
    codes: frozenset[str] = frozenset()
    chamber: Chamber | None = None

    def says(self, text: str, lowered: str) -> bool:
        for hint in self.hints:  # a plain loop: this runs ~30 times per new wording
            if hint in lowered:
                return self.pattern.search(text) is not None
        return False


def _rule(
    event: Event,
    *regexes: str,
    hints: tuple[str, ...] = (),
    codes: tuple[str, ...] = (),
    chamber: Chamber | None = None,
) -> Rule:
    pattern = re.compile("|".join(f"(?:{regex})" for regex in regexes), re.IGNORECASE)
    return Rule(event, pattern, hints=hints, codes=frozenset(codes), chamber=chamber)


H, S, E = Chamber.HOUSE, Chamber.SENATE, Chamber.EXECUTIVE
# The Library of Congress repeats major House/Senate actions with these prefixes.
_LOC_H = r"(?:Passed/agreed to in House: )?"
_LOC_S = r"(?:Passed/agreed to in Senate: )?"
_LOC_H_FAIL = r"(?:Failed of passage/not agreed to in House: )?"
_LOC_H_PINGPONG = r"(?:Resolving differences -- House actions: )?"
_LOC_S_PINGPONG = r"(?:Resolving differences -- Senate actions: )?"
_RES = r"(?:\w+ )?resolution"  # resolution, concurrent resolution, joint resolution
_MEASURE = rf"(?:bill|{_RES})"
_SUSPEND_AND = r"On motion to suspend the rules and (?:pass|agree to) the "
_HOUSE_TAKES_SENATE_TEXT = r"On motion that the House (?:suspend the rules and )?(?:agree|concur)\b"
_NOT_OVERRIDDEN = r"objections of the President to the contrary notwithstanding,? "
_CLOTURE_ON_MEASURE = (
    r"^Cloture (?:motion )?on the (?:measure|bill|conference report|motion to (?:proceed|concur)\b)"
)
_COMMITTEE_REFERRAL = (
    r"\breferred (?:(?:concurrently|jointly|sequentially|jointly and sequentially) )?to "
    r"(?:the )?(?:House |Senate )?(?:Committee|Subcommittee|Select|Permanent)"
)

#: Read top to bottom; the first rule whose wording matches wins. Specific before general.
RULES: tuple[Rule, ...] = (
    _rule(Event.POCKET_VETOED, r"^Pocket Vetoed by President", hints=("pocket",), chamber=E),
    # Code E30000 is *not* listed here: BILLSTATUS-114hr3762 uses it for the veto.
    _rule(Event.VETOED, r"^Vetoed by President", hints=("vetoed",), codes=("31000",), chamber=E),
    _rule(
        Event.OVERRIDE_FAILED,
        r"^Failed of passage in Senate over veto",
        hints=("over veto",),
        chamber=S,
    ),
    _rule(
        Event.OVERRIDE_FAILED, rf"{_NOT_OVERRIDDEN}Failed", hints=("notwithstanding",), chamber=H
    ),
    _rule(Event.OVERRIDE_PASSED, r"^Passed Senate over veto", hints=("over veto",), chamber=S),
    # hr6331-110: the House override reads "Two-thirds of the Members present having
    # voted in the affirmative the bill is passed, Passed by the Yeas and Nays ...".
    _rule(
        Event.OVERRIDE_PASSED,
        r"^Passed House over veto",
        r"^Two-thirds of the Members present having voted in the affirmative",
        rf"{_NOT_OVERRIDDEN}(?:Passed|Agreed to)",
        hints=("over veto", "two-thirds", "notwithstanding"),
        chamber=H,
    ),
    _rule(
        Event.UNSIGNED,
        r"^Became (?:Public|Private) Law.*without (?:the )?President'?s signature",
        r"^Sent to Archivist of the United States unsigned",
        hints=("signature", "unsigned"),
        chamber=E,
    ),
    # 36000/41000 are shared by "Signed by President." and "Became ... Law" (115hr4641).
    _rule(
        Event.LAW, r"^Became (?:Public|Private) Law", hints=("law",), codes=("E40000",), chamber=E
    ),
    _rule(Event.SIGNED, r"^Signed by President", hints=("signed",), chamber=E),
    _rule(
        Event.PRESENTED, r"^Presented to President", hints=("presented",), codes=("E20000", "28000")
    ),
    # 115s140: "Cloture on the motion to concur in the House amendment to S. 140 not
    # invoked" stalls the bill; cloture refused on an amendment does not.
    _rule(
        Event.CLOTURE_FAILED,
        rf"{_CLOTURE_ON_MEASURE}.*?\bnot invoked",
        hints=("not invoked",),
        chamber=S,
    ),
    _rule(
        Event.SUSPENSION_FAILED,
        rf"^{_LOC_H_FAIL}{_SUSPEND_AND}{_MEASURE}\b.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    _rule(
        Event.REFUSED_AMENDMENT,
        rf"{_HOUSE_TAKES_SENATE_TEXT}.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    # 115hr601: the Library of Congress files "House agreed to Senate amendments with
    # amendment pursuant to H. Res. 502." under code 8000 "Passed/agreed to in House".
    _rule(
        Event.AGREED_TO_AMENDMENT,
        rf"^{_LOC_H_PINGPONG}{_HOUSE_TAKES_SENATE_TEXT}.*?\bAgreed to\b",
        rf"^{_LOC_H}House agreed to Senate amendments?\b",
        hints=("agree", "concur"),
        chamber=H,
    ),
    # 115hr1: "Senate receded from its amendment and concurred with an amendment".
    _rule(
        Event.AGREED_TO_AMENDMENT,
        rf"^{_LOC_S_PINGPONG}Senate (?:agreed to|concurred in) (?:the )?House amendments?\b",
        r"^Senate receded from its amendment and concurred\b",
        hints=("house amendment", "receded"),
        chamber=S,
    ),
    _rule(
        Event.CONFERENCE_AGREED,
        r"^(?:Conference report agreed to in House: )?"
        r"On agreeing to the conference report\b.*?\bAgreed to\b",
        hints=("conference report",),
        chamber=H,
    ),
    _rule(
        Event.CONFERENCE_AGREED,
        r"^(?:Conference report agreed to in Senate: )?Senate agreed to (?:the )?conference report",
        hints=("conference report",),
        chamber=S,
    ),
    _rule(
        Event.FAILED,
        rf"^{_LOC_H_FAIL}On (?:passage|agreeing to the {_RES})\b.*?\bFailed\b",
        hints=("failed",),
        chamber=H,
    ),
    # sres5-113 (unitedstates/congress tests): "Disagreed to in Senate by Voice Vote."
    _rule(
        Event.FAILED,
        rf"^(?:Failed of passage in Senate|Disagreed to in Senate|{_RES} not agreed to in Senate)",
        hints=("failed", "disagreed", "not agreed"),
        chamber=S,
    ),
    _rule(
        Event.PASSED,
        rf"^{_LOC_H}On (?:passage|agreeing to the {_RES})\b.*?\b(?:Passed|Agreed to)\b",
        rf"^{_LOC_H}{_SUSPEND_AND}{_MEASURE}\b.*?\bAgreed to\b",
        r"^Passed House\b",
        hints=("passed", "agreed to"),
        chamber=H,
    ),
    # 115s2952: "Introduced in the Senate, read twice, considered, read the third time,
    # and passed without amendment by Voice Vote." is introduction and passage at once.
    _rule(
        Event.PASSED,
        rf"^{_LOC_S}(?:Passed Senate\b|{_RES} (?:agreed to|passed) in Senate\b)",
        rf"^{_LOC_S}(?:Introduced|Received|Submitted) in the Senate,.*?\b(?:passed|agreed to)\b",
        hints=("passed", "agreed to"),
        chamber=S,
    ),
    _rule(
        Event.TABLED,
        rf"^On motion to table the (?:measure|{_MEASURE}) Agreed to",
        hints=("table the",),
        chamber=H,
    ),
    _rule(
        Event.REPORTED,
        r"^Reported (?:\(Amended\) )?by the Committee\b",
        r"\breported an original measure\b",
        r"^Committee on [^.]+\. (?:Original measure )?Reported (?:to Senate )?by\b",
        hints=("reported",),
        codes=("H12200", "H12100", "5000", "14000"),
    ),
    # Subcommittee discharges ("Subcommittee on ... Discharged.", 114hconres70) leave the
    # bill in full committee, hence the anchor on "Committee".
    _rule(
        Event.DISCHARGED,
        r"^(?:House |Senate )?Committee on [^.]*?\.? Discharged\b",
        hints=("discharged",),
        codes=("H12300", "5500", "14500"),
    ),
    _rule(Event.ORDERED_REPORTED, r"\bOrdered to be Reported\b", hints=("ordered to be reported",)),
    _rule(
        Event.CALENDARED,
        r"^Placed on (?:the )?(?:Union|House|Private|Consent|Corrections) Calendar",
        r"\bPlaced on Senate Legislative Calendar\b",
        hints=("calendar",),
        codes=("H12410", "H12420"),
    ),
    _rule(
        Event.REFERRED,
        _COMMITTEE_REFERRAL,
        hints=("referred",),
        codes=("H11100", "H11100-A", "H11200", "2000", "11000"),
    ),
    _rule(
        Event.INTRODUCED,
        r"^Introduced in (?:the )?(?:House|Senate)\.?$",
        hints=("introduced",),
        codes=("1000", "Intro-H", "10000"),
    ),
)

_RULE_FOR_CODE: dict[str, Rule] = {}
for _code_rule in reversed(RULES):  # reversed, so the first rule naming a code wins
    _RULE_FOR_CODE.update(dict.fromkeys(_code_rule.codes, _code_rule))


def match_rule(action: Action) -> Rule | None:
    """The first rule whose wording matches the action, else the first whose code does."""
    return _rule_for_text(action.text) or (_RULE_FOR_CODE.get(action.code) if action.code else None)


@lru_cache(maxsize=32768)
def _rule_for_text(text: str) -> Rule | None:
    # Cached: most wordings recur from bill to bill ("Introduced in House").
    lowered = text.lower()
    return next((rule for rule in RULES if rule.says(text, lowered)), None)
