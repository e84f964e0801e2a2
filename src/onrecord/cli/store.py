"""Store commands: ingest, statements, search, speakers, timeline, export, failures.

Heavy imports (SQLAlchemy, trafilatura, pyarrow) happen inside the commands, so that the rest
of the CLI starts fast.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from onrecord.cli.options import dask_option, scope_option, time_limit_option

if TYPE_CHECKING:
    from onrecord.store import Store
    from onrecord.store.queries import Result

DB_HELP = (
    "The store: a SQLAlchemy URL (sqlite:///path.db, postgresql://user@host/dbname) or a "
    "SQLite file path. Default: $ONRECORD_DB, else onrecord.db."
)
QUERY_FORMATS = ("table", "json", "jsonl", "csv")
SPEAKER_HELP = (
    'Who said it: a name ("Vladimir Putin", "Putin"), an institution ("Kremlin", "White '
    'House", "Beijing"), a group ("officials") or an actor id (as listed by `speakers`).'
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", envvar="ONRECORD_DB", default="onrecord.db", show_default=True, help=DB_HELP
    )(func)


def _format_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(QUERY_FORMATS),
        default="table",
        show_default=True,
        help="Output format.",
    )(func)


def _check_date(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        if not _DATE.match(value):
            raise ValueError
        year, month, day = ([*value.split("-"), "01", "01"])[:3]
        date(int(year), int(month), int(day))
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", param=param
        ) from None
    return value


def _check_published(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    from onrecord.text.input import InputError, check_published

    try:
        return check_published(value)
    except InputError as exc:
        raise click.BadParameter(str(exc), param=param) from None


def _date_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--until", callback=_check_date, help="Up to this date, inclusive (YYYY[-MM[-DD]])."
    )(func)
    return click.option(
        "--since", callback=_check_date, help="From this date, inclusive (YYYY[-MM[-DD]])."
    )(func)


@contextmanager
def _open(db: str, *, create: bool = False) -> Iterator[Store]:
    from sqlalchemy.exc import SQLAlchemyError

    from onrecord.store import SchemaError, StoreError, open_store

    try:
        store = open_store(db, create=create)
    except (StoreError, SchemaError) as exc:
        raise click.ClickException(str(exc)) from exc
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot open the store {db}: {exc.args[0]}") from exc
    with store:
        yield store


def _emit(result: Result, fmt: str, what: str) -> None:
    from onrecord.store import output

    output.write(result, fmt, sys.stdout)
    if not result.rows and fmt == "table":
        click.echo(f"no {what} found", err=True)


@contextmanager
def _query_errors() -> Iterator[None]:
    from onrecord.store.queries import AmbiguousName, NameNotFound

    try:
        yield
    except (NameNotFound, AmbiguousName) as exc:
        raise click.ClickException(str(exc)) from exc
    except ValueError as exc:
        raise click.ClickException(str(exc)) from exc


# ingest ------------------------------------------------------------------------------------


class _Progress:
    """A rich progress bar on stderr: documents done, rate, ETA (from bytes read)."""

    def __init__(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.fields[docs]} docs"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self.console,
            transient=False,
        )
        self.task = self.progress.add_task("ingest", total=total or None, docs=0, rate="-")
        self.start = time.monotonic()
        self.docs = 0

    def __enter__(self) -> _Progress:
        self.progress.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.progress.stop()

    def update(self, nbytes: int, counted: bool) -> None:
        if counted:
            self.docs += 1
        elapsed = max(time.monotonic() - self.start, 1e-6)
        self.progress.update(
            self.task, advance=nbytes, docs=self.docs, rate=f"{self.docs / elapsed:.1f}"
        )

    def log(self, message: str) -> None:
        self.console.print(message, markup=False, highlight=False)


def _summary_line(summary: Any) -> str:
    return (
        f"stored {summary.stored}, skipped {summary.duplicates} duplicate(s), "
        f"failed {summary.failed}, ignored {summary.ignored} ({summary.total} inputs)"
    )


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option(
    "--workers",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Analysis processes (reading and writing stay in this process).",
)
@click.option(
    "--published",
    callback=_check_published,
    help="Publication date for documents that carry none (ISO 8601).",
)
@click.option("--source", help="Source (outlet) for documents that name none.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar. Default: only when stderr is a terminal.",
)
@scope_option
@time_limit_option
@dask_option
@click.option(
    "--dask-writes",
    type=click.Choice(["client", "workers"]),
    default="client",
    show_default=True,
    help="With --dask and PostgreSQL: who writes the records (see docs/store.md).",
)
def ingest_command(
    paths: tuple[str, ...],
    db: str,
    workers: int,
    published: str | None,
    source: str | None,
    progress: bool | None,
    scope: str,
    time_limit: float,
    dask: str | None,
    dask_writes: str,
) -> None:
    """Analyse articles and store them: .txt, .html/.htm, .jsonl, WARC/ARC (.warc, .arc,
    gzipped or not), folders, - for standard input, http(s):// URLs, .txt files of URLs.

    A document already stored (same text) is skipped, so re-running an interrupted ingest
    continues where it stopped. Quoted glob patterns ("feeds/*.jsonl") are expanded here.
    --dask runs the analysis on a Dask cluster instead of --workers. Each failure is reported
    and kept in the store (see `onrecord failures`); the exit status is 1 when any input
    failed.
    """
    from functools import partial

    from sqlalchemy.exc import SQLAlchemyError

    from onrecord.pipeline.records import analyze
    from onrecord.scale.inputs import expand_globs
    from onrecord.store import IngestInterrupted, ingest
    from onrecord.store.readers import total_bytes
    from onrecord.store.web import is_url
    from onrecord.text.input import printable

    paths = tuple(str(path) for path in expand_globs(paths))
    if not any(path == "-" or is_url(path) or Path(path).exists() for path in paths):
        missing = ", ".join(printable(path) for path in paths)
        raise click.ClickException(f"no such file or directory: {missing} (nothing ingested)")
    show = sys.stderr.isatty() if progress is None else progress
    if dask_writes == "workers" and dask is None:
        raise click.UsageError("--dask-writes workers needs --dask")
    with _open(db, create=True) as store:
        if dask_writes == "workers" and store.backend != "postgresql":
            raise click.UsageError("--dask-writes workers needs a PostgreSQL store")
        bar = _Progress(total_bytes(paths)) if show else None

        def log(message: str) -> None:
            if bar is not None:
                bar.log(message)
            else:
                click.echo(message, err=True)

        def on_outcome(outcome: Any) -> None:
            if outcome.status == "failed":
                log(f"failed: {printable(outcome.origin)}: {printable(outcome.reason, 500)}")
            if bar is not None:
                bar.update(outcome.nbytes, outcome.status != "ignored")

        try:
            with bar if bar is not None else contextlib.nullcontext():
                summary = ingest(
                    store,
                    paths,
                    workers=workers,
                    published=published,
                    source=source,
                    analyzer=None if scope == "speech" else partial(analyze, scope=scope),
                    on_outcome=on_outcome,
                    time_limit=time_limit or None,
                    dask=dask,
                    write_on_workers=dask_writes == "workers",
                )
        except IngestInterrupted as exc:
            click.echo(
                "interrupted: " + _summary_line(exc.summary) + "; what was stored is kept, run "
                "the same ingest again to continue",
                err=True,
            )
            sys.exit(130)
        except OSError as exc:
            raise click.ClickException(f"Dask cluster: {exc}") from exc
        except SQLAlchemyError as exc:
            raise click.ClickException(
                f"store error, ingest stopped: {exc.args[0] if exc.args else exc}; "
                "every document stored so far is kept, run the same ingest again to continue"
            ) from exc
    click.echo(_summary_line(summary))
    if summary.failed:
        sys.exit(1)


# queries -----------------------------------------------------------------------------------


@click.command("statements")
@click.option("--speaker", help=SPEAKER_HELP)
@click.option("--about", help="Words (or a quoted phrase) the statement contains.")
@_date_options
@click.option("--limit", type=click.IntRange(min=1), help="At most this many statements.")
@_format_option
@_db_option
def statements_command(
    speaker: str | None,
    about: str | None,
    since: str | None,
    until: str | None,
    limit: int | None,
    fmt: str,
    db: str,
) -> None:
    """Stored statements, oldest first, filtered by speaker, topic and publication date."""
    from onrecord.store import queries

    with _open(db) as store, _query_errors():
        result = queries.statements(
            store, speaker=speaker, about=about, since=since, until=until, limit=limit
        )
    _emit(result, fmt, "statements")


@click.command("search")
@click.argument("query")
@click.option("--speaker", help=SPEAKER_HELP)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many statements.")
@_format_option
@_db_option
def search_command(query: str, speaker: str | None, limit: int | None, fmt: str, db: str) -> None:
    """Full-text search over what was said, best match first.

    All words must occur (stemmed); "double quotes" make a phrase.
    """
    from onrecord.store import queries

    with _open(db) as store, _query_errors():
        result = queries.search(store, query, speaker=speaker, limit=limit)
    _emit(result, fmt, "statements")


@click.command("speakers")
@click.argument("names", nargs=-1)
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="0 for all.")
@_format_option
@_db_option
def speakers_command(names: tuple[str, ...], top: int, fmt: str, db: str) -> None:
    """Who is quoted most, with direct / mixed / indirect counts.

    With NAMES (matched as `statements --speaker` matches), only the actors they stand for.
    """
    from onrecord.store import queries

    with _open(db) as store, _query_errors():
        result = queries.speakers(store, top=top or None, names=names)
    _emit(result, fmt, "speakers")


@click.command("timeline")
@click.argument("actors", nargs=-1, required=True)
@_date_options
@_format_option
@_db_option
def timeline_command(
    actors: tuple[str, ...], since: str | None, until: str | None, fmt: str, db: str
) -> None:
    """Events involving all the given actors, by date: timeline "Vladimir Putin" "Olaf Scholz".

    Actors are matched as `statements --speaker` matches them: timeline Trump China.
    """
    from onrecord.store import queries

    with _open(db) as store, _query_errors():
        result = queries.events(store, actors=actors, since=since, until=until)
    _emit(result, fmt, "events")


@click.command("failures")
@_format_option
@_db_option
def failures_command(fmt: str, db: str) -> None:
    """Inputs that could not be ingested, with the reason."""
    from onrecord.store import queries

    with _open(db) as store:
        result = queries.failures(store)
    _emit(result, fmt, "failures")


EXPORTS = ("statements", "events", "documents", "actors", "records")


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("jsonl", "json", "csv", "parquet")),
    default="jsonl",
    show_default=True,
)
@click.option(
    "--what",
    type=click.Choice(EXPORTS),
    default="statements",
    show_default=True,
    help="records: the full onrecord/1 record of each document (jsonl or json only).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: standard output; required for parquet).",
)
@_db_option
def export_command(fmt: str, what: str, output: Path | None, db: str) -> None:
    """Export the store's statements, events, documents, actors or records."""
    import json

    from onrecord.store import output as out
    from onrecord.store import queries

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs --output FILE")
    if what == "records" and fmt not in ("jsonl", "json"):
        raise click.UsageError("--what records is exported as jsonl or json")
    with _open(db) as store:
        stream = (
            output.open("w", encoding="utf-8", newline="") if output and fmt != "parquet" else None
        )
        target = stream or sys.stdout
        try:
            if what == "records":
                if fmt == "jsonl":
                    out.write_jsonl(queries.records(store), target)
                else:
                    target.write(
                        json.dumps(list(queries.records(store)), ensure_ascii=False, indent=2)
                        + "\n"
                    )
                return
            result = {
                "statements": queries.statements,
                "events": queries.events,
                "documents": queries.documents,
                "actors": queries.actors,
            }[what](store)
            if fmt == "parquet":
                assert output is not None
                out.write_parquet(result, output)
            else:
                out.write(result, fmt, target)
        finally:
            if stream is not None:
                stream.close()


COMMANDS = (
    ingest_command,
    statements_command,
    search_command,
    speakers_command,
    timeline_command,
    export_command,
    failures_command,
)


def register(group: click.Group) -> None:
    """Add the store commands to the ``onrecord`` command group."""
    for command in COMMANDS:
        group.add_command(command)
