"""Calls to action: whom each advocate should call about a bill, rendered once per place.

``CallPlanner`` gives the "what you can do now" fragment of an email for one
(state, district, bill, stance), memoised for the run: every advocate in the
same district with the same stance shares it. Each official's part is
rendered once and reused across districts (a state's senators appear in every
district's fragment): an alert's full part (phone, office, contact form,
reasons, ``call_script``) once per official, bill and stance; a digest's
one-line part once per official and action, whatever the bill.

``ContactBook`` is ``officials_to_contact`` for many places at once: it reads
every official in office once per run (about 540 rows) and, per bill, the
facts its moment needs (``tracker.people.contacts.bill_facts``: the moment,
committees holding it, seats on them, backers), then answers each place with
``tracker.people.contacts.suggestions_for``, the same function the command line
and the web page use, so the lists are the same, in the same order.

The head of each calls part says the bill's moment in plain words (from
``tracker.people.moment``), or why and when a dead bill died and where it was
reintroduced. ``today`` None: the bill's stored ``session_ended`` flag (set by
every check) says whether its Congress is over.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from types import SimpleNamespace
from typing import Protocol, cast

from markupsafe import Markup
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Bill, Official
from tracker.mail.compose import BillView
from tracker.mail.message import one_line
from tracker.mail.render import Fragment, render_part, safe_url
from tracker.people import contacts
from tracker.people.contacts import ContactSuggestion, call_script, script_title
from tracker.people.moment import Moment
from tracker.people.state_contacts import state_suggestions
from tracker.people.subscriptions import Stance
from tracker.people.successors import find_successor
from tracker.people.uk_contacts import UK_CHAMBERS, uk_call_plan

#: How each ``ContactSuggestion.action`` reads at the head of a call.
_VERBS = {
    "thank": "Thank",
    "ask": "Ask for support from",
    "urge_withdraw": "Ask to withdraw support:",
    "urge_oppose": "Ask for a no vote from",
    "inform": "For your information:",
    "noticed": "Tell them you noticed how they voted:",
    "vacant": "Nobody holds this seat now:",
}


class ContactFinder(Protocol):
    def __call__(
        self, session: Session, *, state: str, district: int | None, bill: Bill, stance: str
    ) -> Sequence[ContactSuggestion]: ...


ScriptWriter = Callable[[ContactSuggestion, str, str, str], str]


@dataclass(frozen=True, slots=True, kw_only=True)
class MomentView:
    """The bill's moment, as the head of the calls says it."""

    headline: str
    dead: bool
    successor: str  # "reintroduced as S. 700 in the 115th Congress", or ""


@dataclass(frozen=True, slots=True, kw_only=True)
class CallView:
    verb: str
    who: str
    phone: str
    tel: str  # digits only, for a tel: link
    office_address: str
    contact_form_url: str
    website: str
    reasons: tuple[str, ...]
    script: tuple[str, ...]  # lines


class CallPlanner:
    """Call-to-action fragments, memoised per (state, district, bill, stance) for one run.

    ``brief`` (digests): one line per official (verb, name, phone, contact form),
    and with ``with_script`` the script for the first call, since a digest covers
    several bills. Otherwise (alerts): each official with office, reasons, script.
    """

    def __init__(
        self,
        session: Session,
        *,
        finder: ContactFinder | None = None,
        script: ScriptWriter | None = None,
        brief: bool = False,
        today: date | None = None,
    ) -> None:
        self._session = session
        # One ContactBook per planner: it reads officials and per-bill facts once.
        self._book = ContactBook(today=today)
        self._finder = finder or self._book.ordered
        self._script = script or call_script
        self._template = "call_brief" if brief else "call"
        self._brief = brief
        self._fragments: dict[tuple[str | None, int | None, int, str, bool], Fragment] = {}
        self._parts: dict[tuple[str | int, ...], Fragment] = {}
        self._frames: dict[tuple[int, bool, bool], tuple[Fragment, Fragment]] = {}
        self._titles: dict[int, str] = {}  # bill id -> the title a script says
        self._uk_fragments: dict[tuple[str | int | bool | None, ...], Fragment] = {}

    def bind(self, session: Session) -> None:
        """Use ``session`` for the next lookups (the caches outlive a batch's session)."""
        self._session = session

    def fragment(
        self,
        *,
        state: str | None,
        district: int | None,
        bill: Bill,
        view: BillView,
        stance: str,
        with_script: bool = True,
        constituency: str | None = None,
        state_districts: tuple[str | None, str | None] = (None, None),
    ) -> Fragment:
        if bill.jurisdiction == "uk":
            # Westminster: the advocate's MP by constituency and the sponsors, never Congress.
            return self._uk_fragment(constituency, bill, view, stance, with_script)
        if bill.jurisdiction != "us":
            # A state bill: the advocate's state legislators (their state districts).
            return self._render_state(state, state_districts, bill, view, stance, with_script)
        key = (state, district, bill.id, stance, with_script)
        found = self._fragments.get(key)
        if found is None:
            found = self._render(state, district, bill, view, stance, with_script)
            self._fragments[key] = found
        return found

    def _uk_fragment(
        self, constituency: str | None, bill: Bill, view: BillView, stance: str, with_script: bool
    ) -> Fragment:
        key = ("uk", constituency, bill.id, stance, with_script)
        found = self._uk_fragments.get(key)
        if found is None:
            plan = uk_call_plan(
                self._session, bill=bill, constituency=constituency, stance=Stance(stance)
            )
            found = self._uk_fragments[key] = self._compose(
                plan.suggestions, bill, view, stance, with_script, plan.moment, located=True
            )
        return found

    def _render_state(
        self,
        state: str | None,
        districts: tuple[str | None, str | None],
        bill: Bill,
        view: BillView,
        stance: str,
        with_script: bool,
    ) -> Fragment:
        moment, found, _hint = state_suggestions(
            self._session,
            bill=bill,
            stance=contacts.parse_stance(stance),
            advocate_state=state or "",
            senate_district=districts[0],
            house_district=districts[1],
            today=self._book.today_given,
        )
        self._titles.setdefault(bill.id, script_title(bill))
        parts = [self._part(self._template, s, bill.id, view, stance) for s in found]
        if self._brief and with_script and found:
            parts.append(self._part("script", found[0], bill.id, view, stance))
        head, tail = self._frame(view, bill, moment, located=bool(state), has_calls=bool(found))
        return Fragment(
            html=Markup("".join([head.html, *(p.html for p in parts), tail.html])),
            text="".join([head.text, *(p.text for p in parts), tail.text]),
        )

    def _render(
        self,
        state: str | None,
        district: int | None,
        bill: Bill,
        view: BillView,
        stance: str,
        with_script: bool,
    ) -> Fragment:
        found: Sequence[ContactSuggestion] = ()
        if state:
            found = self._finder(
                self._session, state=state, district=district, bill=bill, stance=stance
            )
        moment = self._book.moment(self._session, bill)
        return self._compose(found, bill, view, stance, with_script, moment, located=bool(state))

    def _compose(
        self,
        found: Sequence[ContactSuggestion],
        bill: Bill,
        view: BillView,
        stance: str,
        with_script: bool,
        moment: Moment,
        *,
        located: bool,
    ) -> Fragment:
        self._titles.setdefault(bill.id, script_title(bill))
        parts = [self._part(self._template, s, bill.id, view, stance) for s in found]
        if self._brief and with_script and found:
            parts.append(self._part("script", found[0], bill.id, view, stance))
        # The frame (heading, "add your district" or "no details" note) is rendered once
        # per bill and case, each official's part once per bill and stance; putting
        # them together is concatenation of already-escaped HTML.
        head, tail = self._frame(view, bill, moment, located=located, has_calls=bool(found))
        return Fragment(
            html=Markup("".join([head.html, *(p.html for p in parts), tail.html])),
            text="".join([head.text, *(p.text for p in parts), tail.text]),
        )

    def _frame(
        self, view: BillView, bill: Bill, moment: Moment, *, located: bool, has_calls: bool
    ) -> tuple[Fragment, Fragment]:
        key = (bill.id, located, has_calls)
        found = self._frames.get(key)
        if found is None:
            found_next = find_successor(self._session, bill) if moment.dead else None
            now = MomentView(
                headline=one_line(moment.headline, 300),
                dead=moment.dead,
                successor=one_line(found_next.words if found_next else ""),
            )
            head = render_part("calls_head", view, located, has_calls, now)
            found = self._frames[key] = (head, render_part("calls_tail"))
        return found

    def _part(
        self, template: str, s: ContactSuggestion, bill_id: int, view: BillView, stance: str
    ) -> Fragment:
        # What a suggestion says depends on the official, the bill and the stance only
        # (tracker.people.contacts), not on the district it is shown in; a brief line names
        # no bill at all, so one serves every bill.
        if template == "call_brief":
            key: tuple[str | int, ...] = (template, s.bioguide_id or s.name, s.action)
        else:
            key = (template, s.bioguide_id or s.name, s.action, bill_id, stance)
        found = self._parts.get(key)
        if found is None:
            title = self._titles.get(bill_id, "")
            call = self._view(s, view, title, stance, with_script=template != "call_brief")
            found = self._parts[key] = render_part(template, call)
        return found

    def _view(
        self,
        s: ContactSuggestion,
        view: BillView,
        title: str,
        stance: str,
        *,
        with_script: bool,
    ) -> CallView:
        script = self._script(s, title, view.citation, stance) if with_script else ""
        return CallView(
            verb=_VERBS.get(s.action, one_line(s.action).capitalize() or "Contact"),
            who=one_line(_who(s), 200),
            phone=one_line(s.phone),
            tel=re.sub(r"[^0-9+]", "", s.phone or ""),
            office_address=one_line(s.office_address),
            contact_form_url=safe_url(s.contact_form_url),
            website=safe_url(s.website),
            reasons=tuple(one_line(r, 300) for r in s.reasons),
            script=tuple(one_line(line) for line in script.splitlines() if line.strip()),
        )


def _who(s: ContactSuggestion) -> str:
    if s.chamber == "executive" or s.action == "vacant":
        return s.name
    if s.chamber in UK_CHAMBERS:  # "Kevin Hollinrake MP (Conservative)", "Your MP"
        named = f"{s.name} {s.title}".strip()
        return f"{named} ({s.party})" if s.party else named
    return f"{s.title} {s.name} ({_affiliation(s)})"


def _affiliation(s: ContactSuggestion) -> str:
    parts = [p for p in ((s.party or "")[:1], s.state) if p]
    if s.district is not None:
        parts.append("at large" if s.district == 0 else str(s.district))
    return "-".join(parts)


def _plain(official: Official) -> Official:
    """A detached, uninstrumented copy with the same attributes (all the columns)."""
    values = {a.key: getattr(official, a.key) for a in _OFFICIAL_COLUMNS}
    return cast(Official, SimpleNamespace(**values))


_OFFICIAL_COLUMNS = sa_inspect(Official).column_attrs


class ContactBook:
    """``find`` has ``officials_to_contact``'s signature; use one book per run."""

    def __init__(self, *, today: date | None = None) -> None:
        self._today = today  # None: the bill's stored session_ended flag decides
        self._senators: dict[str, list[Official]] | None = None
        self._representatives: dict[tuple[str, int], list[Official]] = {}
        self._everyone: list[Official] = []
        self._bills: dict[int, contacts.BillFacts] = {}
        self._suggested: dict[tuple[int, int, str], ContactSuggestion | None] = {}

    @property
    def today_given(self) -> date | None:
        return self._today

    def find(
        self, session: Session, *, state: str, district: int | None, bill: Bill, stance: str
    ) -> list[contacts.ContactSuggestion]:
        """Exactly ``officials_to_contact``'s answer, ``priority`` included."""
        ordered = self.ordered(session, state=state, district=district, bill=bill, stance=stance)
        return [replace(s, priority=rank) for rank, s in enumerate(ordered, start=1)]

    def ordered(
        self, session: Session, *, state: str, district: int | None, bill: Bill, stance: str
    ) -> list[contacts.ContactSuggestion]:
        """The same suggestions in the same order, without ``priority`` filled in
        (the email shows the order, not the number, and skipping the copies is faster)."""
        wanted = contacts.parse_stance(stance)
        officials = self._officials_for_place(session, state, district)
        facts = self.facts(session, bill)
        return contacts.suggestions_for(
            officials, facts, wanted, state=state, district=district, suggest=self._suggest
        )

    def moment(self, session: Session, bill: Bill) -> Moment:
        return self.facts(session, bill).moment

    def _suggest(
        self, official: Official, facts: contacts.BillFacts, stance: Stance
    ) -> ContactSuggestion | None:
        """One official's suggestion depends on the official, the bill and the stance only."""
        key = (official.id, id(facts), stance.value)
        if key not in self._suggested:
            self._suggested[key] = contacts.suggest(official, facts, stance)
        return self._suggested[key]

    def _officials_for_place(
        self, session: Session, state: str, district: int | None
    ) -> list[Official]:
        """As ``db.officials.officials_for_place``: senators, then the representative."""
        senators = self._load(session).get(state, [])
        house = self._representatives.get((state, district), []) if district is not None else []
        # officials_for_place orders by (chamber, name): "house" sorts before "senate".
        return [*house, *senators]

    def _load(self, session: Session) -> dict[str, list[Official]]:
        if self._senators is None:
            rows = list(
                session.scalars(
                    select(Official)
                    .where(Official.in_office.is_(True))
                    .order_by(Official.chamber, Official.name)
                )
            )
            # Plain copies: kept beyond this session (a commit must not expire them), and
            # read tens of thousands of times, which costs less without ORM instrumentation.
            rows = [_plain(o) for o in rows]
            senators: dict[str, list[Official]] = defaultdict(list)
            for o in rows:
                if o.chamber == "senate":
                    senators[o.state].append(o)
                elif o.district is not None:
                    self._representatives.setdefault((o.state, o.district), []).append(o)
            self._senators, self._everyone = dict(senators), rows
        return self._senators

    def facts(self, session: Session, bill: Bill) -> contacts.BillFacts:
        facts = self._bills.get(bill.id)
        if facts is None:
            self._load(session)
            facts = self._bills[bill.id] = contacts.bill_facts(
                session, bill, self._everyone, today=self._today
            )
        return facts
