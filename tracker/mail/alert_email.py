"""The instant alert: what one check found on one bill, with the advocate's own calls.

One message per advocate, bill and check (``tracker.checking.alerts``): the
subject names the change that matters most ("H.R. 22 became law + 3 more
changes"), the body lists the changes by weight then date, each fact once
(``tracker.mail.changes``), and the call list comes once.

Rendered at delivery time (the check cycle writes the outbox row without a
body), so the progress bar and latest actions show the bill as it stands
when the email goes out, and the text is then stored with the row so every
retry sends the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from db.models import Advocate, Bill, Subscription
from tracker.mail.calls import CallPlanner
from tracker.mail.changes import alert_subject, changes_of
from tracker.mail.compose import (
    ActionView,
    StoredEvent,
    bill_citation,
    bill_fragment,
    bill_view,
    reached_before_end,
    unsubscribe_url,
)
from tracker.mail.message import one_line
from tracker.mail.render import Page, RenderedEmail, render_email
from tracker.vocab.facts import told_actions


def render_alert(
    *,
    advocate: Advocate,
    events: Sequence[StoredEvent],
    bill: Bill,
    subscription: Subscription | None,
    reason: str | None,
    actions: tuple[ActionView, ...],
    calls: CallPlanner,
    public_url: str,
    secret_key: str,
) -> RenderedEmail:
    changes = changes_of(events, bill)
    view = bill_view(
        bill,
        _untold(actions, events),
        public_url=public_url,
        reached=reached_before_end(events),
    )
    stance = subscription.stance if subscription else "support"
    subject = one_line(alert_subject(changes), 300)
    page = Page(
        subject=subject,
        greeting_name=one_line(advocate.name, 100),
        headline=subject,
        section=bill_fragment(view, changes),
        calls=calls.fragment(
            state=advocate.state,
            district=advocate.district,
            bill=bill,
            view=view,
            stance=stance,
            constituency=advocate.uk_constituency,
            state_districts=(advocate.state_senate_district, advocate.state_house_district),
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


def _untold(
    actions: tuple[ActionView, ...], events: Sequence[StoredEvent]
) -> tuple[ActionView, ...]:
    """The latest actions the alert's changes do not already tell (each action once)."""
    is_told = told_actions(events)
    return tuple(a for a in actions if not is_told(date.fromisoformat(a.on), a.text))
