"""Roll-call votes in the terminal: a parsed record (``tracker parse``) and a bill's stored
votes (``tracker show``), as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from scrapers.votes import RollCall
from tracker.report.votes import CHOICES, StoredVote


def roll_call_json(roll: RollCall) -> dict[str, Any]:
    """The JSON ``tracker parse`` prints for a House Clerk or Senate LIS record."""
    totals = roll.totals
    return {
        "id": roll.key,
        "chamber": roll.chamber.value,
        "congress": roll.congress,
        "session": roll.session,
        "number": roll.number,
        "date": roll.voted_on.isoformat(),
        "voted_at": roll.voted_at.isoformat() if roll.voted_at else None,
        "question": roll.question,
        "result": roll.result,
        "vote_type": roll.vote_type,
        "description": roll.description,
        "bill": roll.bill,
        # The election of the Speaker has candidates, not yeas and nays.
        "yea_nay": roll.is_yea_nay,
        "totals": ({c: getattr(totals, c) for c in CHOICES} if totals is not None else None),
        "candidates": [{"candidate": c.candidate, "total": c.total} for c in roll.candidates],
        "positions": [
            {
                # House records name members by Bioguide id, the Senate's by LIS id.
                "bioguide_id": p.bioguide_id,
                "lis_member_id": p.lis_member_id,
                "name": p.name,
                "party": p.party,
                "state": p.state,
                "position": p.position,
                "choice": p.choice.value,
                "paired_with": p.paired_with,
            }
            for p in roll.positions
        ],
    }


def print_roll_call(roll: RollCall) -> None:
    console = Console(highlight=False)
    chamber = roll.chamber.value.capitalize()
    console.print(
        f"[bold]{chamber} roll call {roll.number}[/] (Congress {roll.congress}, "
        f"session {roll.session}), {roll.voted_on}"
    )
    console.print(f"  question: {escape(roll.question)}")
    console.print(f"  result:   {escape(roll.result)}")
    if roll.bill:
        console.print(f"  bill:     {escape(roll.bill)}")
    if roll.totals is not None:
        t = roll.totals
        console.print(
            f"  totals:   {t.yea} yea, {t.nay} nay, {t.present} present, {t.not_voting} not voting"
        )
    else:
        console.print("  not a yea/nay vote: " + _candidates(roll.candidates))
    console.print(f"  members:  {len(roll.positions)}")


def _candidates(candidates: Sequence[Any]) -> str:
    return ", ".join(f"{escape(c.candidate)} {c.total}" for c in candidates)


def print_bill_votes(votes: Sequence[StoredVote], pending: Sequence[str]) -> None:
    """The votes section of ``tracker show``: each vote, its totals and a party breakdown."""
    console = Console(highlight=False)
    for v in votes:
        console.print(
            f"[bold]vote[/] {v.voted_on} {v.chamber} roll call {v.number}: "
            f"{escape(v.question)}: [bold]{escape(v.result)}[/]"
        )
        if v.totals is None:
            named = ", ".join(f"{escape(c)} {n}" for c, n in v.candidates)
            console.print(f"  not a yea/nay vote: {named}")
            continue
        console.print(_party_table(v))
    if pending:
        console.print(f"votes not stored yet: {', '.join(pending)}")


def _party_table(v: StoredVote) -> Table:
    table = Table(show_header=True, box=None, padding=(0, 1))
    for column in ("party", "yea", "nay", "present", "not voting"):
        table.add_column(column, justify="right" if column != "party" else "left")
    for t in v.by_party():
        table.add_row(t.party, *(str(getattr(t, c)) for c in CHOICES))
    assert v.totals is not None
    table.add_row("total", *(str(v.totals[c]) for c in CHOICES))
    return table
