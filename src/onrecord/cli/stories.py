"""``onrecord stories``: the store's stories, or ``--rebuild`` to place every document again."""

from __future__ import annotations

import json

import click


@click.command("stories")
@click.option("--since", help="Stories whose last date is on or after this (YYYY[-MM[-DD]]).")
@click.option("--until", help="Stories whose first date is on or before this (YYYY[-MM[-DD]]).")
@click.option("--about", help="Stories with a document whose title or text holds these words.")
@click.option("--actor", help="Stories with a document naming this actor (as stored).")
@click.option("--rebuild", is_flag=True, help="Recompute every document's story first.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "jsonl")),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--db",
    envvar="ONRECORD_DB",
    default="onrecord.db",
    show_default=True,
    help="The store (SQLAlchemy URL or SQLite file path).",
)
def stories_command(
    since: str | None,
    until: str | None,
    about: str | None,
    actor: str | None,
    rebuild: bool,
    fmt: str,
    db: str,
) -> None:
    """List stories: documents reporting one event, with sources, date span and main actors."""
    from onrecord.compare.store import list_stories
    from onrecord.compare.store import rebuild as rebuild_stories
    from onrecord.store import StoreError, open_store
    from onrecord.store.queries import AmbiguousName, NameNotFound

    try:
        with open_store(db, create=False) as store:
            if rebuild:
                count = rebuild_stories(store)
                click.echo(f"placed every document: {count} stories", err=True)
            rows = list_stories(store, since=since, until=until, about=about, actor=actor)
    except (StoreError, NameNotFound, AmbiguousName) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        for row in rows:
            span = (
                row["first"] if row["first"] == row["last"] else f"{row['first']} – {row['last']}"
            )
            click.echo(
                f"s{row['story']}  {span or 'undated'}  {len(row['documents'])} document(s)  "
                f"actors: {', '.join(row['actors']) or '-'}  sources: "
                f"{', '.join(row['sources']) or '-'}"
            )
            click.echo(f"    {', '.join(row['documents'])}")
        if not rows:
            click.echo("no stories", err=True)
