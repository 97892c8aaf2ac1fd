"""``tracker advocates add|import|list|remove|contacts``: people who get alerts.

The operator's view: it shows email addresses, so it is for whoever runs the
tracker, not for advocates themselves.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from db import advocates as advocate_rows
from db import bills as bill_rows
from db import officials as official_rows
from db.models import Advocate, Bill, Subscription
from scrapers.refs import citation
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.core.errors import InvalidInput, UnknownBill
from tracker.core.references import resolve_reference
from tracker.people.advocates import (
    AdvocateInput,
    find_advocate,
    format_quiet_hours,
    parse_quiet_hours,
    save_advocates,
    validate_constituency,
    validate_digest_hour,
    validate_district,
    validate_email,
    validate_name,
    validate_state,
    validate_state_district,
    validate_timezone,
)
from tracker.people.advocates_csv import (
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    decode_csv,
    read_advocates_csv,
)
from tracker.people.contacts import ContactSuggestion, call_plan, call_script, script_title
from tracker.people.subscriptions import Stance
from tracker.people.uk_contacts import UK_CHAMBERS


@cli.group(help="People who get alerts and digests, and whom they should call.")
def advocates() -> None:
    pass


@advocates.command(
    help=(
        "Add an advocate, or update one with the same EMAIL. Options left out keep "
        "the stored value; a new advocate gets their state's usual time zone, "
        "digests at 8 a.m. and no quiet hours."
    )
)
@click.argument("email")
@click.option(
    "--state", help="Two-letter code: a state, DC, AS, GU, MP, PR or VI (needed unless UK only)."
)
@click.option("--district", type=int, help="House district (0 = at-large); omit for senators only.")
@click.option(
    "--uk-constituency",
    "uk_constituency",
    help="Westminster constituency as the UK Parliament spells it, e.g. 'Thirsk and Malton': "
    "finds their MP for UK bills (after `tracker officials import --uk`).",
)
@click.option("--name", help="The advocate's name, used to greet them.")
@click.option("--timezone", "zone", help="IANA time zone, e.g. America/Los_Angeles.")
@click.option("--digest-hour", type=int, help="Local hour (0-23) digests are sent at.")
@click.option(
    "--quiet-hours", help="Hours without instant alerts, START-END local, e.g. 21-8; or none."
)
@click.option(
    "--state-senate-district",
    help="Their district of the state senate (Nebraska: the legislature), e.g. 10; '' clears.",
)
@click.option(
    "--state-house-district",
    help="Their district of the state house or assembly, e.g. 14 or 1A; '' clears.",
)
@click.pass_context
def add(
    ctx: click.Context,
    email: str,
    state: str | None,
    district: int | None,
    uk_constituency: str | None,
    name: str | None,
    zone: str | None,
    digest_hour: int | None,
    quiet_hours: str | None,
    state_senate_district: str | None,
    state_house_district: str | None,
) -> None:
    if state is None and uk_constituency is None:
        raise click.UsageError("give --state (US) or --uk-constituency (UK), or both")
    state_code = validate_state(state) if state is not None else None
    quiet = parse_quiet_hours(quiet_hours) if quiet_hours is not None else None
    with app_from(ctx) as app, app.transaction() as session:
        limits = official_rows.house_district_limits(session)
        given = AdvocateInput(
            email=validate_email(email),
            state=state_code,
            district=validate_district(state_code, district, limits) if state_code else None,
            uk_constituency=(
                validate_constituency(uk_constituency) if uk_constituency is not None else None
            ),
            name=validate_name(name) if name is not None else None,
            timezone=validate_timezone(zone) if zone is not None else None,
            digest_hour=validate_digest_hour(digest_hour) if digest_hour is not None else None,
            quiet_hours=quiet,
            clear_quiet_hours=quiet_hours is not None and quiet is None,
            state_senate_district=validate_state_district(state_senate_district),
            state_house_district=validate_state_district(state_house_district),
        )
        counts = save_advocates(session, [given], now=app.clock())
        stored = find_advocate(session, given.email)
        line = f"{'added' if counts.added else 'updated'} {_describe_advocate(stored)}"
    click.echo(line)


@advocates.command(
    name="import",
    help=(
        "Add or update advocates from a CSV file. The header must name "
        f"{','.join(REQUIRED_COLUMNS)} and may add {' and '.join(OPTIONAL_COLUMNS)} "
        "(e.g. 21-8). Email and state need a value; an empty cell keeps the stored "
        "value. Bad rows are listed with their line number; the good rows are "
        "imported anyway, and the exit code is 1 if any row was refused."
    ),
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def import_(ctx: click.Context, file: Path) -> None:
    text = decode_csv(file.read_bytes(), name=file.name)
    with app_from(ctx) as app, app.transaction() as session:
        limits = official_rows.house_district_limits(session)
        try:
            reading = read_advocates_csv(text, district_limits=limits)
        except InvalidInput as exc:
            raise InvalidInput(f"{file.name}: {exc}") from None
        counts = save_advocates(session, reading.advocates, now=app.clock())
    if reading.ignored_columns:
        click.echo(f"ignored columns: {', '.join(reading.ignored_columns)}", err=True)
    for problem in reading.problems:
        click.echo(f"{file.name}: {problem}", err=True)
    click.echo(
        f"imported {len(reading.advocates)} advocates ({counts.added} added, "
        f"{counts.updated} updated); {len(reading.problems)} rows refused"
    )
    if reading.problems:
        sys.exit(1)


@advocates.command(name="list", help="List advocates and what they follow (shows email addresses).")
@json_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        people = advocate_rows.list_advocates(session)
        follows: dict[int, list[dict[str, Any]]] = {}
        for sub, bill in advocate_rows.subscriptions_with_bills(session):
            follows.setdefault(sub.advocate_id, []).append(_subscription_json(sub, bill))
        data = [_advocate_json(a, follows.get(a.id, [])) for a in people]
    if as_json:
        echo_json(data)
    elif not data:
        click.echo("no advocates yet: try `tracker advocates add EMAIL --state CA --district 12`")
    else:
        for item in data:
            _print_advocate(item)


@advocates.command(
    help=(
        "Whom EMAIL should call about the bill REF now, why, and a script to read. "
        "Uses their stance on REF (or --stance). Needs `tracker officials import` "
        "and a bill that has been checked at least once. For a UK bill: their MP (by "
        "--uk-constituency, after `tracker officials import --uk`) or the find-your-MP "
        "page, and the bill's sponsors."
    )
)
@click.argument("email")
@click.argument("ref")
@click.option(
    "--stance",
    type=click.Choice([s.value for s in Stance]),
    help="Override the stance of their subscription (default: theirs, else support).",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Decide the bill's moment as of this day (YYYY-MM-DD; default: today, UTC).",
)
@json_option
@click.pass_context
def contacts(
    ctx: click.Context,
    email: str,
    ref: str,
    stance: str | None,
    as_of: datetime | None,
    as_json: bool,
) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email)
        resolved = resolve_reference(ref, app.settings).ref
        bill = bill_rows.get_bill(session, resolved.key)
        if bill is None:
            raise UnknownBill(f"{resolved.key} is not known (see `tracker track`)")
        subscription = advocate_rows.get_bill_subscription(session, advocate.id, bill.id)
        chosen = stance or (subscription.stance if subscription else Stance.SUPPORT)
        plan = call_plan(
            session,
            state=advocate.state or "",
            district=advocate.district,
            bill=bill,
            stance=chosen,
            today=as_of.date() if as_of else app.clock().date(),
            constituency=advocate.uk_constituency,
            state_senate_district=advocate.state_senate_district,
            state_house_district=advocate.state_house_district,
        )
        found = plan.suggestions
        title = script_title(bill)
        scripts = [call_script(s, title, citation(resolved), chosen) for s in found]
    if as_json:
        echo_json(
            {
                "moment": plan.moment.kind.value,
                "headline": plan.moment.headline,
                "dead": plan.moment.dead,
                "hint": plan.hint,
                "calls": [
                    asdict(s) | {"script": script} for s, script in zip(found, scripts, strict=True)
                ],
            }
        )
        return
    if plan.moment.headline:
        click.echo(f"{resolved.key}: {plan.moment.headline}")
    if plan.moment.dead:
        click.echo("nobody to call: the bill can no longer move")
    elif not advocate.state and bill.jurisdiction != "uk":
        click.echo(f"no state for {advocate.email}: set it with `tracker advocates add`")
    elif (
        not found
        and bill.jurisdiction != "us"
        and (advocate.state or "").lower() != bill.jurisdiction
    ):
        click.echo(f"only {bill.jurisdiction.upper()}'s legislators vote on this bill")
    elif not found:
        click.echo(f"none of the officials of {_seat(advocate)} has a part to play now")
    if plan.hint:
        click.echo(plan.hint)
    for s, script in zip(found, scripts, strict=True):
        _print_contact(s, script)


@advocates.command(help="Delete an advocate and their subscriptions and pending emails.")
@click.argument("email")
@click.pass_context
def remove(ctx: click.Context, email: str) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email)
        advocate_rows.delete_advocate(session, advocate)
    click.echo(f"removed {advocate.email}")


# --- output ----------------------------------------------------------------------------


def _seat(advocate: Advocate) -> str:
    if advocate.state is None and advocate.uk_constituency:
        return f"UK: {advocate.uk_constituency}"
    state = advocate.state or "?"
    seat = state if advocate.district is None else f"{state}-{advocate.district}"
    return f"{seat}, UK: {advocate.uk_constituency}" if advocate.uk_constituency else seat


def _describe_advocate(advocate: Advocate) -> str:
    quiet = format_quiet_hours(advocate)
    return (
        f"{advocate.email} ({_seat(advocate)}, {advocate.timezone}, digest at "
        f"{advocate.digest_hour}:00{f', quiet {quiet}' if quiet else ''})"
    )


def _subscription_json(sub: Subscription, bill: Bill | None) -> dict[str, Any]:
    return {
        "bill": bill.key if bill else None,
        "topic": sub.topic,
        "stance": sub.stance,
        "alerts": sub.alerts,
        "digest": sub.digest,
    }


def _advocate_json(advocate: Advocate, follows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "email": advocate.email,
        "name": advocate.name,
        "state": advocate.state,
        "district": advocate.district,
        "uk_constituency": advocate.uk_constituency,
        "timezone": advocate.timezone,
        "digest_hour": advocate.digest_hour,
        "quiet_hours": format_quiet_hours(advocate),
        "state_senate_district": advocate.state_senate_district,
        "state_house_district": advocate.state_house_district,
        "unsubscribed_at": advocate.unsubscribed_at,
        "subscriptions": follows,
    }


def _print_contact(s: ContactSuggestion, script: str) -> None:
    # "Rep. Jackie Speier" but "Kevin Hollinrake MP": Westminster's title follows the name.
    named = f"{s.name} {s.title}" if s.chamber in UK_CHAMBERS else f"{s.title} {s.name}"
    who = named.strip() + (f" ({s.party})" if s.party else "")
    click.echo(f"{s.priority}. {s.action.value.upper()}: {who}, {s.phone or 'no phone listed'}")
    for reason in s.reasons:
        click.echo(f"   - {reason}")
    if script:
        click.echo("   " + script.replace("\n", "\n   "))


def _print_advocate(item: dict[str, Any]) -> None:
    seat = item["state"] if item["district"] is None else f"{item['state']}-{item['district']}"
    flags = f", quiet {item['quiet_hours']}" if item["quiet_hours"] else ""
    if item["unsubscribed_at"]:
        flags += f", UNSUBSCRIBED {item['unsubscribed_at']:%Y-%m-%d}"
    click.echo(
        f"{item['email']}  {item['name'] or '-'}  {seat}  {item['timezone']}  "
        f"digest {item['digest_hour']}:00{flags}"
    )
    for f in item["subscriptions"]:
        what = f["bill"] or f"topic {f['topic']!r}"
        click.echo(f"    {what}: stance {f['stance']}, alerts {f['alerts']}, digest {f['digest']}")
