"""Commands load their module on first use; every command is reachable and listed."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import click

from tracker.cli import cli
from tracker.cli._common import COMMAND_MODULES


def test_every_command_module_is_named_and_every_name_resolves():
    for module in set(COMMAND_MODULES.values()):
        import_module(f"tracker.cli.{module}")
    assert set(cli.commands) == set(COMMAND_MODULES)  # no command missing from the map
    ctx = click.Context(cli)
    for name, module in COMMAND_MODULES.items():
        command = cli.get_command(ctx, name)
        assert command is not None, name
        assert command.callback is None or command.callback.__module__ == f"tracker.cli.{module}"


def test_one_command_loads_its_own_module_only():
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        "try:\n"
        "    main(['import', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('tracker.cli.')))\n"
        "print(sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('sqlalchemy', 'alembic', 'requests')"
        " or m in ('tracker.bulk.run', 'tracker.bulk.write', 'db.models', 'db.engine')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, database_layer = done.stdout.strip().splitlines()[-2:]
    assert "tracker.cli.imports" in loaded
    for other in ("discovery", "advocates", "mail", "report", "officials"):
        assert f"tracker.cli.{other}'" not in loaded, loaded
    # ``tracker import`` loads the database layer after starting its workers, not before,
    # and the HTTP client (requests) only for a download from GovInfo.
    assert database_layer == "[]"


def test_help_lists_every_command():
    done = subprocess.run(
        [sys.executable, "-c", "from tracker.cli import main; main(['--help'])"],
        capture_output=True,
        text=True,
    )
    for name in COMMAND_MODULES:
        assert f"  {name} " in done.stdout, name
