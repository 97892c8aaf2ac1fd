# ruff: noqa: F811  (the vote-check fixtures are imported, then used as arguments)
"""After the vote: the CA-12 advocate's alert says how *their* representative voted.

Real parts end to end: H.R. 1865 (115th)'s BILLSTATUS from a local GovInfo, cut to
before and after its House vote; the House Clerk record of roll 91 from a local
server (the real 2026 roll 300 renumbered, ``tests.roll_call_edit``: its members
and their positions are real); the 2017 congress-legislators data (CA-12 was
Nancy Pelosi's seat); a real aiosmtpd server whose raw bytes are read back.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from email import message_from_bytes, policy

from tests.billstatus_edit import billstatus_as_of
from tests.db_rows import add_advocate, add_tracked_bill, subscribe
from tests.roll_call_edit import HOUSE_91, house_roll_91_of_2018
from tests.tracker.checking.test_check_votes import _bill, app, ctx, servers  # noqa: F401
from tests.tracker.mail.conftest import SECRET
from tests.tracker.people._legislators import parsed
from tracker.checking.cycle import run_cycle
from tracker.mail.delivery import deliver_pending
from tracker.mail.smtp import SmtpMailer
from tracker.people.officials import store_officials


def test_the_alert_after_a_house_vote_says_how_the_representative_voted(
    app, ctx, servers, test_data, smtp
):
    govinfo, votes = servers
    votes.docs[HOUSE_91] = house_roll_91_of_2018(test_data)
    real = _bill(test_data)
    app.clock.now = datetime(2018, 2, 26, 15, tzinfo=UTC)  # the 115th Congress sits
    with app.transaction() as s:
        store_officials(
            s, parsed(test_data / "legislators" / "snapshot-2017-09-28"), now=app.clock()
        )
        bill = add_tracked_bill(s, "hr1865-115")
        ana = add_advocate(s, "ana@example.org", state="CA", district=12)
        subscribe(s, ana, bill, stance="support", alerts="major")
    govinfo.publish("hr1865-115", billstatus_as_of(real, date(2018, 2, 26)), '"v1"')
    run_cycle(ctx, due_only=False)  # the baseline: in committee, nothing sent

    app.clock.advance(days=3)
    govinfo.publish("hr1865-115", billstatus_as_of(real, date(2018, 3, 1)), '"v2"')
    report = run_cycle(ctx, due_only=False)
    assert (report.votes_fetched, report.alerts) == (1, 1)
    assert votes.requests == [HOUSE_91]  # fetched once

    settings = replace(app.settings, secret_key=SECRET)
    with SmtpMailer.from_url(smtp.url, mail_from=settings.mail_from) as mailer:
        sent = deliver_pending(
            app.sessions,
            mailer,
            clock=app.clock,
            owner="test:deliver",
            lease_seconds=60,
            settings=settings,
        )
    assert sent.sent == 1
    (received,) = smtp.messages
    text = message_from_bytes(received.content, policy=policy.default)
    body = text.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # The House has voted and the Senate acts next: no "vote yes" for the representative,
    # only what the record says she did (roll 91: Pelosi, "No").
    assert "Representative Nancy Pelosi voted no on February 27, 2018" in body
    assert "Pelosi to vote yes" not in body
    assert "Senator Dianne Feinstein" in body  # the Senate is asked now
