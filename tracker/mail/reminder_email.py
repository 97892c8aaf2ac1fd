"""The lead-time reminder: a meeting on a followed bill is near; whom to call before it.

Rendered when the reminder is queued (``tracker.mail.reminders``), just before it
is due, and stored on the outbox row, so delivery sends it as it sends any row
with a body. The meeting's time is given in the advocate's own time zone. Uses
the ``reminder`` templates (``reminder.html`` / ``reminder.txt``) and the shared
parts: greeting, footer and the same "whom to call" fragment as an alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from markupsafe import Markup

from db.models import Advocate, Bill, Meeting, Subscription
from tracker.mail.calls import CallPlanner
from tracker.mail.compose import ActionView, bill_citation, bill_view, unsubscribe_url
from tracker.mail.message import one_line
from tracker.mail.render import Fragment, Page, RenderedEmail, environment, render_email
from tracker.people.quiet_hours import advocate_zone
from tracker.vocab.events import meeting_time

_WHAT = {"hearing": "Hearing", "markup": "Markup", "floor": "Floor vote"}


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingView:
    when: str
    committee: str | None
    location: str | None
    title: str
    url: str | None


def meeting_view(meeting: Meeting, zone: ZoneInfo) -> MeetingView:
    return MeetingView(
        when=meeting_time(meeting.starts_at, meeting.time_known, zone),
        committee=meeting.committee,
        location=meeting.location,
        title=one_line(meeting.title, 600),
        url=meeting.url,
    )


def reminder_headline(meeting: Meeting, bill: Bill, zone: ZoneInfo) -> str:
    what = _WHAT.get(meeting.kind, "Meeting")
    when = meeting_time(meeting.starts_at, meeting.time_known, zone)
    if meeting.kind == "floor" and not meeting.time_known:
        return f"Reminder: {bill_citation(bill)} may come to a House vote the week of {when}"
    return f"Reminder: {what} on {bill_citation(bill)} is {when}"


def render_reminder(
    *,
    advocate: Advocate,
    meeting: Meeting,
    bill: Bill,
    subscription: Subscription,
    actions: tuple[ActionView, ...],
    calls: CallPlanner,
    public_url: str,
    secret_key: str,
) -> RenderedEmail:
    zone = advocate_zone(advocate.timezone)
    view = bill_view(bill, actions, public_url=public_url)
    headline = reminder_headline(meeting, bill, zone)
    page = Page(
        subject=headline,
        greeting_name=one_line(advocate.name, 100),
        headline=headline,
        section=_meeting_fragment(meeting_view(meeting, zone)),
        calls=calls.fragment(
            state=advocate.state,
            district=advocate.district,
            bill=bill,
            view=view,
            stance=subscription.stance,
            constituency=advocate.uk_constituency,
            state_districts=(advocate.state_senate_district, advocate.state_house_district),
        ),
        reason=(
            f"You follow {bill_citation(bill)} ({bill.key}); reminders go out before its "
            "meetings. Turn them off with `tracker schedules reminders EMAIL --off`."
        ),
        public_url=public_url,
        unsubscribe_url=unsubscribe_url(public_url, secret_key, advocate.id),
        stop_bill_url=unsubscribe_url(public_url, secret_key, advocate.id, subscription.id),
        stop_bill_citation=view.citation,
    )
    return render_email("reminder", page)


def _meeting_fragment(view: MeetingView) -> Fragment:
    html = environment().get_template("reminder.html").module.meeting(view)  # type: ignore[attr-defined]
    text = environment().get_template("reminder.txt").module.meeting(view)  # type: ignore[attr-defined]
    return Fragment(html=Markup(html), text=str(text))  # autoescaped macro output
