"""The ``tracker`` command.

Errors the operator can act on (``TrackerError``, ``SourceError``, database
errors) are printed as one line on stderr with a non-zero exit; ``--debug``
shows the traceback instead.
"""

from __future__ import annotations

import logging
import sys

import click

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
    except Exception as exc:
        if debug or not _for_the_operator(exc):
            raise
        logging.getLogger("tracker").debug("failed", exc_info=True)
        click.echo(f"error: {_one_line(exc)}", err=True)
        sys.exit(getattr(exc, "exit_code", 1))


def _for_the_operator(exc: Exception) -> bool:
    """Errors the operator can act on, shown as one line (others are bugs: traceback)."""
    return isinstance(exc, (TrackerError, SourceError, OSError)) or _is_database_error(exc)


def _is_database_error(exc: BaseException) -> bool:
    # SQLAlchemy is loaded by the commands that need it, not by this module (``tracker
    # import`` starts its workers first): one that never loaded it cannot have raised it.
    errors = sys.modules.get("sqlalchemy.exc")
    return errors is not None and isinstance(exc, errors.SQLAlchemyError)


def _one_line(exc: BaseException) -> str:
    if _is_database_error(exc):
        orig = getattr(exc, "orig", None)
        return f"database: {orig or exc.__class__.__name__}".splitlines()[0]
    return str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
