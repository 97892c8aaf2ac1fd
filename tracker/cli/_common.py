"""The root command group, its global options, and helpers shared by commands."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tracker.core.settings import Settings, load_settings

if TYPE_CHECKING:
    from tracker.core.app import App

#: Where each command is defined: its module is imported only when the command runs (or
#: when ``--help`` lists them all). Importing all of them costs about a second, which a
#: ``tracker import`` of a whole Congress (a few seconds) would pay for nothing.
COMMAND_MODULES = {
    "advocates": "advocates",
    "check": "checking",
    "daemon": "daemon",
    "db": "database",
    "deliver": "mail",
    "digest": "mail",
    "fetch": "checking",
    "import": "imports",
    "init": "database",
    "list": "bills",
    "officials": "officials",
    "outbox": "mail",
    "parse": "checking",
    "schedules": "checking",
    "search": "discovery",
    "serve": "report",
    "show": "report",
    "sources": "sources",
    "status": "bills",
    "subscribe": "subscriptions",
    "topics": "discovery",
    "track": "bills",
    "unsubscribe": "subscriptions",
    "untrack": "bills",
}


class LazyGroup(click.Group):
    """The root group: a command's module registers it (``@cli.command``) when imported."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES.keys() | self.commands.keys())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if cmd_name not in self.commands and module is not None:
            import_module(f"tracker.cli.{module}")
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    help=(
        "Watch bills and tell advocates when they move and whom to call.\n\n"
        "Start with `tracker init`, then `tracker track hr4030-115` (or paste a "
        "congress.gov bill URL). Settings come from TRACKER_* environment variables "
        "and an optional TOML file; see the README."
    ),
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="TRACKER_CONFIG",
    help="TOML settings file (environment variables override it).",
)
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.version_option(package_name="bill-tracker")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, debug: bool) -> None:
    ctx.obj = {"config": config, "debug": debug}
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


@contextmanager
def app_from(
    ctx: click.Context, *, ready: bool = True, settings: Settings | None = None
) -> Iterator[App]:
    """The App for this invocation; ``ready`` checks the schema is at head first.
    ``settings``: already loaded by the command (read again otherwise)."""
    # Imported here: the App loads SQLAlchemy and Alembic, which ``tracker import``
    # loads while its workers parse, not before it starts them.
    from tracker.core.app import App

    app = App.from_settings(settings or settings_from(ctx))
    try:
        if ready:
            app.ensure_ready()
        yield app
    finally:
        app.close()


def settings_from(ctx: click.Context) -> Settings:
    """The settings of this invocation (``--config`` file, then the environment)."""
    return load_settings(config_path=ctx.find_root().obj.get("config"))


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")

wide_option = click.option(
    "--wide",
    is_flag=True,
    help=(
        "Every column, values in full, whatever the terminal's width (output to a pipe "
        "or a file is always in full)."
    ),
)
