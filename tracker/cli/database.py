"""``tracker init`` and ``tracker db upgrade|downgrade|current``: the schema, for operators."""

from __future__ import annotations

import click

from db import migrate
from tracker.cli._common import app_from, cli
from tracker.core.errors import TrackerError


@cli.command(help="Create the database, or upgrade it to the latest schema. Safe to repeat.")
@click.pass_context
def init(ctx: click.Context) -> None:
    with app_from(ctx, ready=False) as app:
        before = migrate.current_revision(app.engine)
        migrate.upgrade(app.engine)
        after = migrate.current_revision(app.engine)
        state = (
            "already up to date" if before == after else f"upgraded {before or 'empty'} -> {after}"
        )
        click.echo(f"database {app.display_url}: {state}")


@cli.group(help="Schema migrations (Alembic) for operators.")
def db() -> None:
    pass


@db.command(help="Upgrade the schema to REVISION (default: the latest).")
@click.argument("revision", default="head")
@click.pass_context
def upgrade(ctx: click.Context, revision: str) -> None:
    with app_from(ctx, ready=False) as app:
        migrate.upgrade(app.engine, revision)
        click.echo(f"at revision {migrate.current_revision(app.engine)}")


@db.command(help="Downgrade the schema to REVISION ('base' removes every table).")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
def downgrade(ctx: click.Context, revision: str, yes: bool) -> None:
    if not yes and not click.confirm(f"Downgrade to {revision}? Data in dropped tables is lost"):
        # Answering "no" is a decision, not an interruption (130 is for Ctrl-C).
        raise TrackerError("nothing changed: the downgrade was not confirmed")
    with app_from(ctx, ready=False) as app:
        migrate.downgrade(app.engine, revision)
        click.echo(f"at revision {migrate.current_revision(app.engine) or 'base'}")


@db.command(help="Show the schema revision of the database and of the code.")
@click.pass_context
def current(ctx: click.Context) -> None:
    with app_from(ctx, ready=False) as app:
        click.echo(f"database: {migrate.current_revision(app.engine) or 'empty'}")
        click.echo(f"code:     {migrate.head_revision()}")
