"""``tracker officials import|list``: members of Congress, for "whom to call"."""

from __future__ import annotations

from pathlib import Path

import click

from db import officials as official_rows
from tracker.checking.sources import make_client
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.core.errors import InvalidInput
from tracker.people.advocates import validate_district, validate_state
from tracker.people.officials import (
    DEFAULT_BASE_URL,
    ImportReport,
    import_officials,
    read_legislator_files,
)
from tracker.people.state_officials import (
    import_state_people,
    is_people_folder,
    read_state_people,
)
from tracker.people.uk_members import fetch_current_mps, store_mps


@cli.group(
    help="Members of Congress (from the public congress-legislators data), and with "
    "`import --uk` current UK MPs (from the UK Parliament Members API)."
)
def officials() -> None:
    pass


@officials.command(
    name="import",
    help=(
        "Load members, committees and committee memberships from the "
        "unitedstates/congress-legislators YAML. LOCATION is a folder holding "
        "legislators-current.yaml, committees-current.yaml and "
        "committee-membership-current.yaml, one of those files (to refresh only "
        f"that part), or a base URL to fetch them from (default: {DEFAULT_BASE_URL}). "
        "Re-importing updates in place; members no longer listed are marked as "
        "out of office, not deleted. "
        "A folder of openstates/people YAML (data/{state}/legislature/*.yml and "
        "data/{state}/committees/*.yml, or one state's folder) loads STATE legislators "
        "instead: chamber, district, office phone and committee seats, replacing those "
        "of the states it holds."
    ),
)
@click.argument("location", required=False, metavar="[PATH-OR-URL]")
@click.option(
    "--uk",
    is_flag=True,
    help="Import current UK MPs instead (constituency, party, phone) from the UK Parliament "
    "Members API at LOCATION (default: the uk_members_base_url setting); about 680 "
    "requests. MPs no longer listed are marked out of office only when the whole list "
    "was read.",
)
@json_option
@click.pass_context
def import_(ctx: click.Context, location: str | None, uk: bool, as_json: bool) -> None:
    if uk:
        _import_uk(ctx, location, as_json)
        return
    if location is not None and is_people_folder_path(location):
        _import_state_people(ctx, location, as_json)
        return
    with app_from(ctx) as app:
        files = read_legislator_files(location, settings=app.settings)
        with app.transaction() as session:
            report = import_officials(session, files, now=app.clock())
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(_describe(report))


@officials.command(
    name="list",
    help="List the officials in office (all of them, or those of --state and --district).",
)
@click.option("--state", help="Two-letter state or territory code, e.g. CA.")
@click.option("--district", type=int, help="House district (0 = at-large); senators are shown too.")
@json_option
@click.pass_context
def list_(ctx: click.Context, state: str | None, district: int | None, as_json: bool) -> None:
    code = validate_state(state) if state else None
    if district is not None and code is None:
        raise click.UsageError("--district needs --state (e.g. --state CA --district 12)")
    with app_from(ctx) as app, app.transaction() as session:
        if code is not None and district is not None:
            # The same check as `advocates add`: an out-of-range district is an error.
            validate_district(code, district, official_rows.house_district_limits(session))
            rows = official_rows.officials_for_place(session, state=code, district=district)
        else:
            rows = official_rows.list_officials(session, state=code)
        data = [
            {
                "bioguide_id": o.bioguide_id,
                "name": o.name,
                "chamber": o.chamber,
                "state": o.state,
                "district": o.district,
                "party": o.party,
                "phone": o.phone,
                "office_address": o.office_address,
                "contact_form_url": o.contact_form_url,
                "website": o.website,
            }
            for o in rows
        ]
    if as_json:
        echo_json(data)
    elif not data:
        click.echo("no officials found: run `tracker officials import` first")
    else:
        for o in data:
            seat = o["state"] if o["district"] is None else f"{o['state']}-{o['district']}"
            click.echo(f"{seat:6} {o['chamber']:7} {o['name']} ({o['party']}) {o['phone'] or '-'}")


def _import_uk(ctx: click.Context, location: str | None, as_json: bool) -> None:
    with app_from(ctx) as app:
        base = location or app.settings.uk_members_base_url
        if not base.startswith(("http://", "https://")):
            raise InvalidInput(f"{base}: --uk reads the Members API; give its http(s) base URL")
        with make_client(app.settings) as client:
            found, complete = fetch_current_mps(client, base)
        with app.transaction() as session:
            report = store_mps(session, found, complete=complete, now=app.clock())
    if as_json:
        echo_json(report.to_json())
        return
    note = "" if complete else " (the list was incomplete: nobody marked out of office)"
    click.echo(
        f"UK MPs: {report.added} added, {report.updated} updated, {report.unchanged} "
        f"unchanged, {report.left_office} left office{note}"
    )


def _describe(report: ImportReport) -> str:
    parts = []
    if report.added is not None:
        parts.append(
            f"officials: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.left_office} left office"
        )
    if report.committees is not None:
        parts.append(f"committees: {report.committees}")
    if report.memberships is not None:
        skipped = f" ({report.memberships_skipped} skipped)" if report.memberships_skipped else ""
        parts.append(f"memberships: {report.memberships}{skipped}")
    return "; ".join(parts)


# --- State legislators (openstates/people) ---------------------------------------------


def is_people_folder_path(location: str) -> bool:
    path = Path(location).expanduser()
    return path.is_dir() and is_people_folder(path)


def _import_state_people(ctx: click.Context, location: str, as_json: bool) -> None:
    people = read_state_people(location)
    with app_from(ctx) as app, app.transaction() as session:
        report = import_state_people(session, people, now=app.clock())
    if as_json:
        echo_json(report.to_json())
    else:
        click.echo(
            f"{report.state_legislators} state legislators, "
            f"{report.state_committee_seats} committee seats ({', '.join(report.states).upper()})"
        )
