"""The instant alert: one event on one bill, with the advocate's own calls to make.

Rendered at delivery time (the check cycle writes the outbox row without a
body), so the progress bar and latest actions show the bill as it stands
when the email goes out, and the text is then stored with the row so every
retry sends the same bytes.
"""

from __future__ import annotations

from db.models import Advocate, Bill, BillEvent, Subscription
from tracker.mail.calls import CallPlanner
from tracker.mail.compose import (
    ActionView,
    bill_citation,
    bill_fragment,
    bill_view,
    event_view,
    reached_before_end,
    unsubscribe_url,
)
from tracker.mail.message import one_line
from tracker.mail.render import Page, RenderedEmail, render_email


def render_alert(
    *,
    advocate: Advocate,
    event: BillEvent,
    bill: Bill,
    subscription: Subscription | None,
    reason: str | None,
    actions: tuple[ActionView, ...],
    calls: CallPlanner,
    public_url: str,
    secret_key: str,
) -> RenderedEmail:
    view = bill_view(bill, actions, public_url=public_url, reached=reached_before_end([event]))
    item = event_view(event, bill)
    stance = subscription.stance if subscription else "support"
    page = Page(
        subject=item.headline,
        greeting_name=one_line(advocate.name, 100),
        headline=item.headline,
        section=bill_fragment(view, [item]),
        calls=calls.fragment(
            state=advocate.state, district=advocate.district, bill=bill, view=view, stance=stance
        ),
        reason=one_line(reason, 500) or f"You follow {bill_citation(bill)}.",
        public_url=public_url,
        unsubscribe_url=unsubscribe_url(public_url, secret_key, advocate.id),
        stop_bill_url=unsubscribe_url(public_url, secret_key, advocate.id, subscription.id)
        if subscription
        else "",
        stop_bill_citation=view.citation,
    )
    return render_email("alert", page)
