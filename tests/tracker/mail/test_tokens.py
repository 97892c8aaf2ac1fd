"""Unsubscribe tokens: signed, verified in constant time, forgeries refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import Notification
from tests.tracker.mail.builders import (
    add_advocate,
    add_alert,
    add_bill,
    add_event,
    passed_house,
    subscribe,
)
from tests.tracker.mail.conftest import SECRET
from tracker.core.errors import ConfigError
from tracker.core.settings import Settings
from tracker.mail.tokens import (
    InvalidToken,
    UnsubscribeTarget,
    make_unsubscribe_token,
    require_secret_key,
    verify_unsubscribe_token,
)
from tracker.mail.unsubscribe import unsubscribe_with_token


def test_round_trip_for_one_subscription_and_for_all():
    one = make_unsubscribe_token(SECRET, 7, 42)
    assert verify_unsubscribe_token(SECRET, one) == UnsubscribeTarget(
        advocate_id=7, subscription_id=42
    )
    every = make_unsubscribe_token(SECRET, 7)
    assert verify_unsubscribe_token(SECRET, every) == UnsubscribeTarget(
        advocate_id=7, subscription_id=None
    )


@pytest.mark.parametrize(
    "forge",
    [
        lambda t: t.replace("7.", "8.", 1),  # someone else's advocate id
        lambda t: t.rsplit(".", 1)[0] + ".AAAA",  # made-up signature
        lambda t: t.replace(".all.", ".42."),  # widened to another scope
        lambda t: make_unsubscribe_token("another key", 7),  # signed with a different key
        lambda t: "",
        lambda t: "7.all",
        lambda t: "x.all.sig",
        lambda t: t + ".extra",
    ],
)
def test_forged_or_malformed_tokens_are_refused(forge):
    with pytest.raises(InvalidToken):
        verify_unsubscribe_token(SECRET, forge(make_unsubscribe_token(SECRET, 7)))


def test_missing_secret_key_is_a_clear_config_error():
    with pytest.raises(ConfigError, match="TRACKER_SECRET_KEY"):
        require_secret_key(Settings())


def test_forged_link_changes_nothing_and_a_real_one_cancels_pending_mail(session, clock):
    bill = add_bill(session)
    advocate = add_advocate(session)
    sub = subscribe(session, advocate, bill)
    alert = add_alert(session, advocate, add_event(session, bill, passed_house()), sub)
    forged = make_unsubscribe_token("guessed", advocate.id)
    with pytest.raises(InvalidToken):
        unsubscribe_with_token(session, forged, secret_key=SECRET, now=clock())
    assert advocate.unsubscribed_at is None

    token = make_unsubscribe_token(SECRET, advocate.id, sub.id)
    said = unsubscribe_with_token(session, token, secret_key=SECRET, now=clock())
    assert "H.R. 4030" in said
    assert (sub.alerts, sub.digest) == ("none", "none")
    status = session.scalar(select(Notification.status).where(Notification.id == alert.id))
    assert status == "cancelled"

    unsubscribe_with_token(
        session, make_unsubscribe_token(SECRET, advocate.id), secret_key=SECRET, now=clock()
    )
    assert advocate.unsubscribed_at == clock()
