"""The HTML pages: the bill list and a bill's page, rendered on the server.

No JavaScript: filters and the "your state and district" form are plain GET
forms, the chart is inline SVG. What a page shows of people is public: the
officials to call and their offices. Advocates appear only as a count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from urllib.parse import urlsplit

from jinja2 import Environment
from werkzeug.exceptions import BadRequest, NotFound
from werkzeug.wrappers import Response

from db import officials as official_rows
from db.models import Bill
from scrapers.model import Stage
from tracker.core.errors import InvalidInput
from tracker.people.advocates import validate_district, validate_state_district
from tracker.people.contacts import (
    ContactAction,
    ContactSuggestion,
    call_plan,
    call_script,
    script_title,
)
from tracker.people.moment import bill_state, decide_moment, ordinal
from tracker.people.places import MAX_DISTRICT, PLACES
from tracker.people.state_contacts import district_lookup_url
from tracker.people.subscriptions import Stance
from tracker.people.successors import find_successor
from tracker.report.status import BillFacts, StatusRow, citation_of, status_row
from tracker.report.timeline import BillTimeline
from tracker.report.votes import bill_votes
from tracker.vocab.progress import Step, progress_steps
from tracker.vocab.wording import long_date, stage_label
from tracker.web import api, params
from tracker.web.chart import stage_chart
from tracker.web.context import RequestContext
from tracker.web.queries import (
    BadCursor,
    BillQuery,
    Snippet,
    find_bills,
    furthest_reached,
    is_word_search,
    search_page,
)

_STATIC = {"style.css": "text/css; charset=utf-8"}
LATEST_ACTIONS = 10
#: What to ask each official for, by ``ContactAction``, in the advocate's words.
ACTION_WORDS = {
    ContactAction.THANK: "Thank them, and ask them to keep pushing the bill.",
    ContactAction.ASK: "Ask them to support the bill.",
    ContactAction.URGE_WITHDRAW: "Ask them to drop their support for the bill.",
    ContactAction.URGE_OPPOSE: "Ask them to oppose the bill.",
    ContactAction.INFORM: "For your information.",
    ContactAction.NOTICED: "Tell them you noticed how they voted.",
    ContactAction.VACANT: "Nobody holds this seat now; its office still takes calls.",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ListedBill:
    status: StatusRow
    citation: str
    steps: tuple[Step, ...]
    congress: str  # "115th Congress"
    dead: str | None
    snippet: Snippet = ()  # the text a search matched, (text, matched) parts


def bill_list(ctx: RequestContext) -> Response:
    query = params.bill_query(ctx)
    try:
        bills, snippets, next_cursor = _bills_page(ctx, query)
    except BadCursor as exc:
        raise BadRequest(str(exc)) from None
    reached = furthest_reached(ctx.session, bills)
    rows = [_listed(ctx, b, reached.get(b.id), snippets.get(b.id, ())) for b in bills]
    next_url = None
    if next_cursor:
        next_url = ctx.url(
            "/", stage=query.stage, q=query.q, limit=ctx.arg("limit"), cursor=next_cursor
        )
    return ctx.render(
        "list.html",
        rows=rows,
        stages=[(s.value, stage_label(s.value)) for s in Stage],
        stage=query.stage,
        q=query.q,
        first_url=(
            None
            if query.cursor is None
            else ctx.url("/", stage=query.stage, q=query.q, limit=ctx.arg("limit"))
        ),
        next_url=next_url,
    )


def _bills_page(
    ctx: RequestContext, query: BillQuery
) -> tuple[tuple[BillFacts, ...], dict[int, Snippet], str | None]:
    """Words in the search box: best first, as ``tracker search`` ranks; else key order."""
    if is_word_search(query.q):
        found = search_page(ctx.session, query)
        return found.bills, found.snippets, found.next_cursor
    page = find_bills(ctx.session, query)
    return page.bills, {}, page.next_cursor


def _listed(
    ctx: RequestContext, bill: BillFacts, reached: str | None, snippet: Snippet
) -> ListedBill:
    status = status_row(bill, now=ctx.now, stale_after=ctx.stale_after)
    return ListedBill(
        status=status,
        citation=citation_of(bill),
        steps=progress_steps(
            bill.bill_type, bill.stage, reached=reached, jurisdiction=bill.jurisdiction
        ),
        snippet=snippet,
        congress=_congress(bill.jurisdiction, bill.session),
        dead=status.dead,
    )


def _congress(jurisdiction: str, session: str) -> str:
    if jurisdiction == "us" and session.isdigit():
        return f"{ordinal(int(session))} Congress"
    return f"session {session}"


def bill_page(ctx: RequestContext, key: str) -> Response:
    timeline = api.timeline_or_404(ctx, key)
    form = _ContactForm.read(ctx)
    bill = api.bill_row_or_404(ctx, key)
    moment = decide_moment(bill_state(bill), today=ctx.now.date())
    # A UK bill's calls need no US state: its sponsors and the find-your-MP page.
    asked = form.complete or (bill.jurisdiction == "uk" and form.error is None)
    contacts = _contacts(ctx, bill, timeline, form) if asked and not moment.dead else []
    latest = timeline.status.latest_action_date or timeline.status.stage_date or ctx.now.date()
    return ctx.render(
        "bill.html",
        bill=timeline,
        steps=progress_steps(
            timeline.bill_type,
            timeline.status.stage,
            reached=timeline.furthest_stage,
            jurisdiction=bill.jurisdiction,
        ),
        chart=stage_chart(
            timeline.stages,
            bill_type=timeline.bill_type,
            until=latest,
            jurisdiction=bill.jurisdiction,
        ),
        latest_actions=list(reversed(timeline.actions[-LATEST_ACTIONS:])),
        form=form,
        places=sorted(PLACES),
        stances=[s.value for s in Stance],
        contacts=contacts,
        action_words=ACTION_WORDS,
        votes=bill_votes(ctx.session, key),
        moment=moment,
        successor=find_successor(ctx.session, bill) if moment.dead else None,
        # A state bill asks for the state legislative districts (and says where to find them).
        state_bill=bill.jurisdiction if bill.jurisdiction != "us" else None,
        district_lookup=district_lookup_url(bill.jurisdiction),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class _ContactForm:
    """The "your state and district" form, as submitted (GET parameters)."""

    state: str | None
    district: int | None
    stance: str
    error: str | None
    senate_district: str | None = None  # state legislative districts (a state bill)
    house_district: str | None = None

    @property
    def complete(self) -> bool:
        return self.state is not None and self.error is None

    @classmethod
    def read(cls, ctx: RequestContext) -> _ContactForm:
        state = (ctx.arg("state") or "").upper() or None
        district_text = ctx.arg("district")
        stance = ctx.arg("stance") or Stance.SUPPORT.value
        error = None
        if state is not None and state not in PLACES:
            error, state = "Choose your state from the list.", None
        if district_text is not None and not (
            district_text.isdigit() and int(district_text) <= MAX_DISTRICT
        ):
            error, district_text = "Your district is a number, such as 12 (0 for at-large).", None
        if stance not in {s.value for s in Stance}:
            error, stance = "Choose support, oppose or watch.", Stance.SUPPORT.value
        district = int(district_text) if district_text is not None else None
        if error is None and state is not None and district is not None:
            error = _district_problem(ctx, state, district)  # the same rule as `advocates add`
        try:
            senate = validate_state_district(ctx.arg("senate_district") or None)
            house = validate_state_district(ctx.arg("house_district") or None)
        except InvalidInput:
            error, senate, house = (
                "Write your state district as your state does, e.g. 12.",
                None,
                None,
            )
        return cls(
            state=state,
            district=district,
            stance=stance,
            error=error,
            senate_district=senate,
            house_district=house,
        )


def _district_problem(ctx: RequestContext, state: str, district: int) -> str | None:
    try:
        validate_district(state, district, official_rows.house_district_limits(ctx.session))
    except InvalidInput as exc:
        return f"{str(exc)[:1].upper()}{str(exc)[1:]}."
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactView:
    official: ContactSuggestion
    script: str


def _contacts(
    ctx: RequestContext, bill: Bill, timeline: BillTimeline, form: _ContactForm
) -> list[ContactView]:
    plan = call_plan(
        ctx.session,
        state=form.state or "",
        district=form.district,
        bill=bill,
        stance=form.stance,
        today=ctx.now.date(),
        state_senate_district=form.senate_district,
        state_house_district=form.house_district,
    )
    title = script_title(bill)
    return [
        ContactView(official=s, script=call_script(s, title, timeline.citation, form.stance))
        for s in plan.suggestions
    ]


def static_file(ctx: RequestContext, name: str) -> Response:
    if name not in _STATIC:
        raise NotFound()
    body = resources.files("tracker.web").joinpath("static", name).read_bytes()
    response = Response(body, content_type=_STATIC[name])
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


# --- template filters -------------------------------------------------------------------


def register_filters(env: Environment) -> None:
    env.filters["long_date"] = _long_date
    env.filters["safe_url"] = safe_url
    env.filters["stage_label"] = lambda stage: stage_label(stage) if stage else "Not checked yet"


def _long_date(value: date | None) -> str:
    return long_date(value) if value else "unknown date"


def safe_url(url: str | None) -> str | None:
    """``url`` if it is http(s); scraped links could be ``javascript:`` otherwise."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
