"""The ``tracker`` command.

Errors the operator can act on (``TrackerError``, ``SourceError``, database
errors) are printed as one line on stderr with a non-zero exit; ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import logging
import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from scrapers.errors import SourceError
from tracker.cli._common import cli
from tracker.core.errors import TrackerError

__all__ = ["cli", "main"]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="tracker", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except (TrackerError, SourceError, SQLAlchemyError, OSError) as exc:
        if debug:
            raise
        logging.getLogger("tracker").debug("failed", exc_info=True)
        click.echo(f"error: {_one_line(exc)}", err=True)
        sys.exit(getattr(exc, "exit_code", 1))


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None)
        return f"database: {orig or exc.__class__.__name__}".splitlines()[0]
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
