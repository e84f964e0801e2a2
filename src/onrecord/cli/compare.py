"""Cross-source commands: ``compare``, ``stories``, ``eval compare``.

They parse options, call :mod:`onrecord.compare` (and the store), and print; the side-by-side
table and the JSON both render the one ``Comparison`` the library builds.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from concurrent.futures import Future

    from onrecord.compare import Comparison
    from onrecord.compare.similarity import Embedder

COMPARE_FORMATS = ("table", "json")


def _short(text: str, limit: int) -> str:
    from rich.markup import escape

    text = " ".join(text.split())
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def print_comparison(comparison: Comparison) -> None:
    """Per story: one row per claim, one column per source, then the aligned events."""
    from rich.console import Console
    from rich.table import Table

    console = Console(width=max(120, Console().width))
    docs = {d.id: d for d in comparison.documents}
    for story in comparison.stories:
        table = Table(
            title=f"story {story.id}: what each source says",
            show_lines=True,
            expand=True,
        )
        table.add_column("claim", no_wrap=True)
        table.add_column("status")
        for doc_id in story.documents:
            source = docs[doc_id].source
            table.add_column(doc_id + (f" ({source})" if source else ""), ratio=1)
        for claim in comparison.claims_of(story.id):
            cells = []
            for doc_id in story.documents:
                parts = []
                mine = [s for s in claim.statements if s.document == doc_id]
                for n, s in enumerate(mine):
                    # A carrier and what it carries say one thing: show the carrier's words.
                    if any(
                        s.content in o.content and (len(o.content) > len(s.content) or m < n)
                        for m, o in enumerate(mine)
                        if m != n
                    ):
                        continue
                    via = f" [dim](via {', '.join(s.account)})[/dim]" if s.account else ""
                    parts.append(
                        f"[b]{_short(s.speaker or '?', 40)}[/b]{via}: {_short(s.content, 160)}"
                    )
                cells.append("\n".join(parts))
            status = claim.status
            if claim.conflict:
                status += f"\n{claim.conflict.kind}: {_short(claim.conflict.explanation, 80)}"
            table.add_row(claim.id, status, *cells)
        console.print(table)
        if story.events:
            events = Table(title=f"story {story.id}: events", expand=True)
            for name in ("event", "type", "date", "status", "reports"):
                events.add_column(name, ratio=3 if name == "reports" else None)
            for event in story.events:
                reports = "\n".join(
                    f"{r.document}: {', '.join(r.actors) or '?'} → {', '.join(r.recipients) or '–'}"
                    f" “{_short(r.trigger, 30)}”{' (negated)' if r.negated else ''}"
                    for r in event.reports
                )
                status = event.status + (f"\n{event.conflict.kind}" if event.conflict else "")
                events.add_row(event.id, event.type, event.date or "", status, reports)
            console.print(events)


def _format_option(func):  # type: ignore[no-untyped-def]
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(COMPARE_FORMATS),
        default=None,
        help="table on a terminal (one column per source), json otherwise (onrecord-compare/1).",
    )(func)


@click.command("compare")
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--published", help="Publication date (YYYY-MM-DD) for documents without one.")
@click.option("--source", help="Publisher name for documents without one.")
@click.option("--story", "story_id", help="Compare the documents of this stored story.")
@click.option("--documents", help="Compare these stored documents (ids, comma-separated).")
@click.option(
    "--db",
    envvar="ONRECORD_DB",
    default="onrecord.db",
    show_default=True,
    help="The store, for --story and --documents.",
)
@_format_option
def compare_command(
    files: tuple[Path, ...],
    published: str | None,
    source: str | None,
    story_id: str | None,
    documents: str | None,
    db: str,
    output_format: str | None,
) -> None:
    """Group articles (.txt, .jsonl, folders) into stories and align what each source says."""
    from onrecord.compare import compare, compare_story
    from onrecord.compare.inputs import CompareInputError, load_records

    if bool(files) + (story_id is not None) + (documents is not None) != 1:
        raise click.UsageError("give FILES, or --story ID, or --documents ID,ID (one of them)")
    output_format = output_format or ("table" if sys.stdout.isatty() else "json")
    if files:
        if published is not None:
            _check_day(published)
        loading = _load_embedder_meanwhile()
        try:
            records = load_records(files, published=published, source=source)
        except CompareInputError as exc:
            raise click.ClickException(str(exc)) from exc
        if not records:
            raise click.ClickException("no documents to compare")
        comparison = compare(records, model=loading.result())
    else:
        from onrecord.compare.store import StoryError, story_records
        from onrecord.store import StoreError, open_store

        try:
            with open_store(db, create=False) as store:
                ids = [d.strip() for d in documents.split(",")] if documents else None
                records, label = story_records(store, story=story_id, documents=ids)
        except (StoreError, StoryError) as exc:
            raise click.ClickException(str(exc)) from exc
        comparison = compare_story(records, label)
    if output_format == "json":
        click.echo(comparison.to_json(indent=2))
    else:
        print_comparison(comparison)


def _load_embedder_meanwhile() -> Future[Embedder]:
    """Load the embedding network in a thread while the articles are analysed: on two or
    more cores its load (about a second) then costs no wall time (docs/benchmarks.md)."""
    from concurrent.futures import ThreadPoolExecutor

    from onrecord.compare.similarity import embedder

    pool = ThreadPoolExecutor(1, thread_name_prefix="onrecord-embedder")
    future = pool.submit(embedder)
    pool.shutdown(wait=False)
    return future


def _check_day(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


@click.command("compare")
@click.argument("gold", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_compare(gold: Path, as_json: bool) -> None:
    """Score story grouping, claim alignment and claim status against GOLD (texts/, gold.json)."""
    from onrecord.compare.evaluation import GoldError, evaluate_compare

    try:
        scores = evaluate_compare(gold)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(scores.to_dict(), indent=1) if as_json else scores.render())


def register(main: click.Group, eval_group: click.Group) -> None:
    """Add ``compare`` and ``stories`` to ``onrecord`` and ``compare`` to ``onrecord eval``."""
    from onrecord.cli.stories import stories_command

    main.add_command(compare_command)
    main.add_command(stories_command)
    eval_group.add_command(eval_compare)
