"""``tracker daemon``: the long-running scheduler (imports ``jobs`` lazily: tracker never
depends on jobs at import time)."""

from __future__ import annotations

import logging

import click

from tracker.cli._common import app_from, cli


@cli.command(
    help=(
        "Run the scheduler until SIGTERM or Ctrl-C: check due bills, deliver mail, "
        "build digests. Several daemons may share one PostgreSQL database. Refuses to "
        "start on a database that is not at the latest schema (run `tracker init`)."
    )
)
@click.pass_context
def daemon(ctx: click.Context) -> None:
    from jobs.daemon import run_daemon

    with app_from(ctx) as app:
        _configure_logging(ctx.find_root().obj.get("debug", False), app.settings.log_level)

        def started(daemon_id: str) -> None:
            click.echo(f"daemon {daemon_id} running on {app.display_url}; Ctrl-C to stop", err=True)

        run_daemon(app, on_started=started)
    click.echo("daemon stopped", err=True)


def _configure_logging(debug: bool, level: str) -> None:
    logging.getLogger().setLevel(logging.DEBUG if debug else level)
    if not debug:
        # Our own listener reports a failed tick in one line; APScheduler's executor
        # would print the traceback, and its per-run INFO lines drown the useful ones.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        logging.getLogger("apscheduler.executors").setLevel(logging.CRITICAL)
        logging.getLogger("alembic").setLevel(logging.WARNING)
