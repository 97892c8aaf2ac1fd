"""Acting on an unsubscribe link: stop one bill's email, or all email, at once.

The web page (GET shows a confirmation, POST acts, as RFC 8058 one-click
unsubscribe asks) calls ``unsubscribe_with_token``. Pending outbox rows the
link covers are cancelled in the same transaction, so nothing more goes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from db.models import Advocate, Bill, Notification, Subscription
from tracker.mail.compose import bill_citation
from tracker.mail.tokens import InvalidToken, UnsubscribeTarget, verify_unsubscribe_token


@dataclass(frozen=True, slots=True, kw_only=True)
class UnsubscribePlan:
    """What the confirmation page says before the button is pressed."""

    masked_email: str  # "a***@example.org": enough to recognise, not to harvest
    about: str  # "H.R. 4030", "the topic “Title IX”" or "all email"
    effect: str  # what pressing the button will do, in one sentence


def describe_unsubscribe(session: Session, target: UnsubscribeTarget) -> UnsubscribePlan:
    """What ``target`` would stop (InvalidToken when the advocate is gone)."""
    advocate = session.get(Advocate, target.advocate_id)
    if advocate is None:
        raise InvalidToken("this unsubscribe link is no longer valid")
    masked = mask_email(advocate.email)
    sub = session.get(Subscription, target.subscription_id) if target.subscription_id else None
    if target.subscription_id is None or sub is None or sub.advocate_id != advocate.id:
        effect = f"{masked} will get no more email from this tracker: no alerts, no digests."
        return UnsubscribePlan(masked_email=masked, about="all email", effect=effect)
    bill = session.get(Bill, sub.bill_id) if sub.bill_id is not None else None
    about = bill_citation(bill) if bill else f"the topic \u201c{sub.topic or ''}\u201d"
    effect = (
        f"{masked} will get no more alerts or digests about {about}; "
        "email about the other bills you follow goes on."
    )
    return UnsubscribePlan(masked_email=masked, about=about, effect=effect)


def mask_email(address: str) -> str:
    """``a***@example.org``: the first character of the local part and the domain."""
    local, at, domain = address.strip().partition("@")
    return f"{local[:1]}***{at}{domain}" if at else "***"


def unsubscribe_with_token(session: Session, token: str, *, secret_key: str, now: datetime) -> str:
    """Verify ``token`` (InvalidToken if forged) and apply it; returns what was done."""
    return apply_unsubscribe(session, verify_unsubscribe_token(secret_key, token), now=now)


def apply_unsubscribe(session: Session, target: UnsubscribeTarget, *, now: datetime) -> str:
    advocate = session.get(Advocate, target.advocate_id)
    if advocate is None:
        raise InvalidToken("this unsubscribe link is no longer valid")
    if target.subscription_id is None:
        advocate.unsubscribed_at = advocate.unsubscribed_at or now
        _cancel_pending(session, Notification.advocate_id == advocate.id)
        return f"{advocate.email} will get no more email from the tracker."
    sub = session.get(Subscription, target.subscription_id)
    if sub is None or sub.advocate_id != advocate.id:
        return f"{advocate.email} no longer follows that bill."
    sub.alerts, sub.digest = "none", "none"
    _cancel_pending(
        session,
        Notification.subscription_id == sub.id,
        Notification.advocate_id == advocate.id,
    )
    bill = session.get(Bill, sub.bill_id) if sub.bill_id is not None else None
    about = bill_citation(bill) if bill else sub.topic or "that topic"
    return f"{advocate.email} will get no more email about {about}."


def _cancel_pending(session: Session, *where: ColumnElement[bool]) -> None:
    session.execute(
        update(Notification)
        .where(Notification.status == "pending", *where)
        .values(status="cancelled", claimed_by=None, claimed_until=None)
        .execution_options(synchronize_session=False)
    )
