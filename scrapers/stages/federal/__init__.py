"""The normalised stage of a federal bill, worked out from its actions oldest first.

Owns the rules table that turns Congress's action wording (and, as a second signal,
Library of Congress action codes) into a few events, and the small state machine that
folds those events into a ``StageInfo``. It knows nothing of XML or HTTP: any federal
source (BILLSTATUS, the Congress.gov API) hands it ``Action`` values. Imports only
``scrapers.model`` and ``scrapers.refs``.

In the spirit of unitedstates/congress ``parse_bill_action`` (wording -> status) and
openstates ``Rule(regexes, types)``, but as data: ``RULES`` is read top to bottom, the
first rule whose wording matches wins, and only when no wording matches is the action
code looked up (codes are reused: ``E30000`` is documented as "Signed by President" yet
carries "Vetoed by President." in BILLSTATUS-114hr3762).

Facts the state machine respects:

- Passage is remembered per chamber, so the same passage recorded by two source systems
  (the chamber's and the Library of Congress's ``Passed/agreed to in ...`` copy) never
  counts as the second chamber.
- Stages on the ladder only move forward; ``failed``/``stalled`` are provisional and a
  later step forward (a new vote) moves on from the furthest point reached.
- ``enacted`` and ``adopted`` are final. ``laws`` beats any action: a listed law means
  enacted whatever the actions say.

``StageInfo.detail`` codes (GovTrack-style, stable, documented here):

==================================  =====================================================
``INTRODUCED``                      no action beyond introduction
``REFERRED``                        referred to a committee or subcommittee
``REPORTED``, ``ORDERED_REPORTED``  reported / ordered reported by a committee
``DISCHARGED``, ``CALENDARED``      committee discharged / placed on a calendar
``PASS_OVER:{HOUSE,SENATE}``        passed the first chamber, now before the other
``PASS_BACK:{HOUSE,SENATE}``        that chamber passed or agreed *with* an amendment
``CONFERENCE:PASSED:{...}``         that chamber agreed to the conference report
``PASSED:BILL``                     both chambers agreed to one text; next the President
``PASSED:CONCURRENTRES``            concurrent resolution agreed by both (``adopted``)
``PASSED:SIMPLERES``                simple resolution agreed to (``adopted``)
``PRESENTED``                       presented to the President
``ENACTED:SIGNED``                  signed by the President
``ENACTED:LAW``                     "Became Public/Private Law" with no signing seen
``ENACTED:TENDAYRULE``              became law without signature
``ENACTED:VETO_OVERRIDE``           both chambers overrode a veto
``ENACTED:LAW_LISTED``              only the document's law list says so (date unknown)
``VETOED``, ``VETOED:POCKET``       vetoed; a pocket veto cannot be overridden
``VETOED:OVERRIDE_PASS_OVER:{...}`` one chamber voted to override, the other has not
``VETOED:OVERRIDE_FAIL:{...}``      an override vote failed: the veto stands
``PROV_KILL:SUSPENSIONFAILED``      failed under suspension of the rules (``stalled``)
``PROV_KILL:CLOTUREFAILED``         cloture not invoked (``stalled``)
``PROV_KILL:PINGPONGFAIL``          a chamber refused the other's amendment (``stalled``)
``FAIL:{ORIGINATING,SECOND}:{...}`` failed a passage vote in that chamber (``failed``)
``FAIL:TABLED:{...}``               the measure itself was tabled (``failed``)
==================================  =====================================================

``StageInfo.on`` is the date of the action that set the current stage and detail;
``chamber`` the chamber that acted (``executive`` for the President); ``next_chamber``
who acts next: the committee's chamber while in committee, the other chamber after one
passes, ``executive`` once both have passed a bill, ``None`` at an end.

Not handled (no real document here needs it): constitutional amendments (joint
resolutions that go to the states, not the President) are treated like other joint
resolutions; measures "withdrawn" by their sponsor have no federal wording to match.

Layout: ``_rules`` (wording and codes -> ``Event``), ``_transitions`` (the state and one
transition per event), ``_machine`` (``compute_federal_stage``, the walk over actions).
"""

from __future__ import annotations

from scrapers.stages.federal._machine import compute_federal_stage
from scrapers.stages.federal._rules import RULES, Event, Rule, match_rule

__all__ = ["RULES", "Event", "Rule", "compute_federal_stage", "match_rule"]
