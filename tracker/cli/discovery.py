"""``tracker search`` and ``tracker topics``: finding bills without a number (``tracker
import`` brings them in: ``tracker.cli.imports``)."""

from __future__ import annotations

from collections.abc import Sequence

import click

from scrapers.model import Stage
from tracker.cli._common import app_from, cli, echo_json, json_option
from tracker.people.advocates import find_advocate
from tracker.report.search import MAX_LIMIT, SearchHit, search_bills
from tracker.report.topics import TopicView, list_topics


@cli.command(
    help=(
        "Search every known bill (imported or tracked) by its titles, subjects, policy "
        'area, latest summary and actions, e.g. tracker search "title ix". Words are all '
        'required; "quoted words" are a phrase; `or` between words offers alternatives; '
        "-word excludes. Best matches first (the web search box uses the same order), "
        "with the text that matched."
    )
)
@click.argument("query")
@click.option("--congress", type=click.IntRange(1, 999), help="Only bills of this Congress.")
@click.option(
    "--stage", type=click.Choice([s.value for s in Stage]), help="Only bills at this stage."
)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=20, show_default=True)
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    congress: int | None,
    stage: str | None,
    limit: int,
    as_json: bool,
) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        hits = search_bills(session, query, congress=congress, stage=stage, limit=limit)
    if as_json:
        echo_json([h.to_json() for h in hits])
        return
    if not hits:
        click.echo("no bill matches")
    _print_hits(hits, indent="")


@cli.command(
    help=(
        "List the topics advocates follow (of one advocate with EMAIL) and the bills "
        "that match each now: the topic's words in a bill's titles, subjects, policy "
        "area or summary (not its actions, not a summary's 'TITLE IX--' labels). A new "
        "bill of a Congress still in session that matches a topic is tracked and its "
        "followers get an alert; bills of an ended Congress are only listed."
    )
)
@click.argument("email", required=False)
@click.option("--limit", type=click.IntRange(1, MAX_LIMIT), default=10, show_default=True)
@json_option
@click.pass_context
def topics(ctx: click.Context, email: str | None, limit: int, as_json: bool) -> None:
    with app_from(ctx) as app, app.transaction() as session:
        advocate = find_advocate(session, email) if email else None
        views = list_topics(session, advocate, limit=limit)
    if as_json:
        echo_json([_topic_json(v) for v in views])
        return
    if not views:
        click.echo("no topic subscriptions" + (f" for {email}" if email else ""))
    for view in views:
        count = f"{len(view.bills)}{'+' if len(view.bills) == limit else ''}"
        click.echo(
            f"{view.email} follows \u201c{view.topic}\u201d (alerts {view.alerts}, "
            f"digest {view.digest}): {count} bills match"
        )
        _print_hits(view.bills, indent="  ")


def _print_hits(hits: Sequence[SearchHit], *, indent: str) -> None:
    for hit in hits:
        mark = "  [tracked]" if hit.tracked else ""
        click.echo(f"{indent}{hit.key:<14} {hit.stage or '-':<22} {hit.title or ''}{mark}")
        if hit.snippet:
            click.echo(f"{indent}    {hit.snippet}")


def _topic_json(view: TopicView) -> dict[str, object]:
    return {
        "email": view.email,
        "topic": view.topic,
        "alerts": view.alerts,
        "digest": view.digest,
        "bills": [h.to_json() for h in view.bills],
    }
