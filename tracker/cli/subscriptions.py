"""``tracker subscribe|unsubscribe``: which bills and topics an advocate follows."""

from __future__ import annotations

from datetime import date

import click

from db import bills as bill_rows
from db.models import Subscription
from tracker.cli._common import app_from, cli
from tracker.cli._verify import refuse_unknown_bills, verify_option
from tracker.core.app import App
from tracker.core.errors import InvalidInput, UnknownBill
from tracker.core.references import ResolvedRef, resolve_reference
from tracker.people.advocates import find_advocate
from tracker.people.moment import bill_state, dead_reason
from tracker.people.subscriptions import (
    AlertLevel,
    DigestCadence,
    Stance,
    Subscribed,
    SubscriptionOptions,
    move_subscription,
    subscribe_to_bill,
    subscribe_to_topic,
    unsubscribe_from_bill,
    unsubscribe_from_topic,
)
from tracker.people.successors import find_successor

_stance = click.option(
    "--stance",
    type=click.Choice([s.value for s in Stance]),
    help="Where the advocate stands; it shapes their call script. New default: support.",
)
_alerts = click.option(
    "--alerts",
    type=click.Choice([a.value for a in AlertLevel]),
    help="Which changes email at once. New default: major.",
)
_digest = click.option(
    "--digest",
    type=click.Choice([d.value for d in DigestCadence]),
    help="How often a summary email comes. New default: weekly.",
)


@cli.command(
    help=(
        "Make an advocate follow a bill (REF, e.g. hr4030-115; tracked if it is not "
        "yet) or a --topic. Following again updates the options given. With "
        "--follow-successor, REF is a bill the advocate follows that died with its "
        "Congress: their subscription (stance, alerts, digest) moves to the same bill "
        "reintroduced in a later Congress (see `tracker show REF`)."
    )
)
@click.argument("email")
@click.argument("ref", required=False)
@click.option("--topic", help='Follow a topic instead of a bill, e.g. "Title IX".')
@_stance
@_alerts
@_digest
@verify_option
@click.option(
    "--follow-successor",
    is_flag=True,
    help="Move the subscription to REF's successor in a later Congress (says which).",
)
@click.pass_context
def subscribe(
    ctx: click.Context,
    email: str,
    ref: str | None,
    topic: str | None,
    stance: str | None,
    alerts: str | None,
    digest: str | None,
    verify: bool,
    follow_successor: bool,
) -> None:
    if ref is None and topic is None:
        raise click.UsageError("name what to follow: a bill REF (e.g. hr4030-115) or --topic TEXT")
    if ref is not None and topic is not None:
        raise click.UsageError("give either a bill REF or --topic, not both")
    options = SubscriptionOptions(
        stance=Stance(stance) if stance else None,
        alerts=AlertLevel(alerts) if alerts else None,
        digest=DigestCadence(digest) if digest else None,
    )
    if follow_successor:
        if ref is None:
            raise click.UsageError("--follow-successor needs a bill REF")
        _follow_successor(ctx, email, ref, options)
        return
    with app_from(ctx) as app:
        resolved = resolve_reference(ref, app.settings) if ref is not None else None
        with app.transaction() as session:
            find_advocate(session, email)  # an unknown advocate fails before any look-up
        if resolved is not None and verify:
            refuse_unknown_bills(app, [resolved])
        line, done = _subscribe(app, email, resolved, topic, options)
    if done.started_tracking:
        click.echo(f"now tracking {resolved.ref.key if resolved else topic}")
    click.echo(line)


def _subscribe(
    app: App,
    email: str,
    resolved: ResolvedRef | None,
    topic: str | None,
    options: SubscriptionOptions,
) -> tuple[str, Subscribed]:
    with app.transaction() as session:
        advocate = find_advocate(session, email)
        if resolved is not None:
            done = subscribe_to_bill(session, advocate, resolved, options, now=app.clock())
            what = resolved.ref.key
        else:
            done = subscribe_to_topic(session, advocate, topic or "", options, now=app.clock())
            what = f"the topic {done.subscription.topic!r}"
        verb = "now follows" if done.created else "updated:"
        return f"{advocate.email} {verb} {what} ({_options_text(done.subscription)})", done


@cli.command(help="Make an advocate stop following a bill (REF) or a --topic.")
@click.argument("email")
@click.argument("ref", required=False)
@click.option("--topic", help="The topic to stop following.")
@click.pass_context
def unsubscribe(ctx: click.Context, email: str, ref: str | None, topic: str | None) -> None:
    if (ref is None) == (topic is None):
        raise click.UsageError("give either a bill REF or --topic, not both")
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email)
        if ref is not None:
            key = resolve_reference(ref, app.settings).ref.key
            unsubscribe_from_bill(session, advocate, key)
            what = key
        else:
            unsubscribe_from_topic(session, advocate, topic or "")
            what = f"the topic {topic!r}"
    click.echo(f"{advocate.email} no longer follows {what}")


def _follow_successor(
    ctx: click.Context, email: str, ref: str, options: SubscriptionOptions
) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email)
        key = resolve_reference(ref, app.settings).ref.key
        bill = bill_rows.get_bill(session, key)
        if bill is None:
            raise UnknownBill(f"{key} is not known (see `tracker track`)")
        if _dead_reason(bill, app.clock().date()) is None:
            raise InvalidInput(f"{key} can still move: it has no successor to follow yet")
        successor = find_successor(session, bill)
        if successor is None:
            raise InvalidInput(f"no later bill known that continues {key} (track it first)")
        target = resolve_reference(successor.key, app.settings)
        moved = move_subscription(session, advocate, key, target, options, now=app.clock())
        line = (
            f"{advocate.email} now follows {successor.key} instead of {key}: "
            f"{successor.words} (match: {successor.match.value}; "
            f"{_options_text(moved.new.subscription)})"
        )
    click.echo(line)


def _options_text(sub: Subscription) -> str:
    return f"stance {sub.stance}, alerts {sub.alerts}, digest {sub.digest}"


def _dead_reason(bill: object, today: date) -> str | None:
    found = dead_reason(bill_state(bill), today=today)
    return found[0] if found else None
