"""``--verify`` for the commands that start tracking a bill (``track``, ``subscribe``)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from db import bills as bill_rows
from tracker.checking.lookup import Verdict, look_up_bills
from tracker.core.app import App
from tracker.core.errors import UnknownReference
from tracker.core.references import ResolvedRef

verify_option = click.option(
    "--verify/--no-verify",
    default=True,
    show_default=True,
    help=(
        "Look a bill the tracker does not know yet up once at its source first: "
        "a bill the source does not have is refused (exit 2) and nothing is stored."
    ),
)


def refuse_unknown_bills(app: App, refs: Sequence[ResolvedRef]) -> None:
    """Raise ``UnknownReference`` (exit 2) naming every new bill its source does not have.

    Bills already stored are not looked up. A source that cannot answer only
    warns: the bill is stored and its first check will tell.
    """
    with app.transaction() as session:
        new = [r for r in refs if bill_rows.get_bill(session, r.ref.key) is None]
    results = look_up_bills(app.settings, new)
    missing = [r.problem for r in results if r.verdict is Verdict.NOT_FOUND]
    if missing:
        raise UnknownReference("; ".join(p for p in missing if p) + " (nothing stored)")
    for r in results:
        if r.verdict is Verdict.UNVERIFIED:
            click.echo(f"warning: {r.problem}; tracking it anyway", err=True)
