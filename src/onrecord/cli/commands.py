"""The onrecord command line. Each command parses options, calls the library, prints.

Library errors become ``click.ClickException`` here and nowhere else, so the Python API and the
CLI never diverge.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import click

from onrecord.cli.options import dask_option, scope_option, time_limit_option

FORMATS = ("table", "json", "jsonl", "plover")


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "json"


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


@click.group()
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord turns news into an auditable record of who said what, and what happened."""


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="table on a terminal, json otherwise (jsonl for several documents); jsonl writes one "
    "record per line; plover writes one PLOVER-style event record per line.",
)
@click.option(
    "--published",
    callback=_iso_date,
    help="Publication date (YYYY-MM-DD) for documents that carry none.",
)
@click.option("--source", help="Publisher name, e.g. 'RT' or 'Reuters'.")
@click.option("--url", help="Where the article was published.")
@scope_option
@time_limit_option
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write shard files into this folder instead of printing (any input onrecord ingest "
    "reads: folders, globs, .jsonl, .warc); no store.",
)
@click.option(
    "--shard-format",
    type=click.Choice(["jsonl", "parquet"]),
    default="jsonl",
    show_default=True,
    help="With --output: the shards' format.",
)
@dask_option
@click.option(
    "--progress/--no-progress",
    default=None,
    help="With --output: show a progress bar. Default: only when stderr is a terminal.",
)
def analyze(
    inputs: tuple[str, ...],
    output_format: str | None,
    published: str | None,
    source: str | None,
    url: str | None,
    scope: str,
    time_limit: float,
    output: Path | None,
    shard_format: str,
    dask: str | None,
    progress: bool | None,
) -> None:
    """Analyze articles: .txt, .html/.htm (article text and metadata by trafilatura), .jsonl,
    WARC/ARC crawls (.warc, .arc, gzipped or not), folders of these (recursively, in sorted
    order), - for standard input, http(s):// URLs, and .txt files that list URLs.

    Inputs that cannot be read or analysed are reported on stderr and the rest go on; the
    exit status is 1 when any failed. A document not in English is reported and not analysed.

    With --output DIR, every document under INPUTS goes into sharded JSONL or Parquet
    files instead (on a Dask cluster with --dask); see docs/store.md.
    """
    from onrecord.cli.render import print_table
    from onrecord.pipeline import AnalysisError, analyze_many
    from onrecord.store.readers import read_inputs
    from onrecord.text.input import printable
    from onrecord.text.language import SUPPORTED, unsupported_reason

    if output is not None:
        from onrecord.cli.shards import analyze_to_dir

        analyze_to_dir(inputs, output, shard_format, dask, published, source, scope, progress)
        return
    if dask is not None:
        raise click.UsageError("--dask needs --output DIR")
    if not any(_exists(value) for value in inputs):
        names = ", ".join(printable(value) for value in inputs)
        raise click.ClickException(f"no such file or directory: {names}")
    failures = 0
    documents = 0

    def fail(origin: str, reason: str) -> None:
        nonlocal failures
        failures += 1
        click.echo(f"onrecord: {printable(origin)}: {printable(reason, 500)}", err=True)

    def readable() -> Iterator[tuple[str, dict[str, str | None]]]:
        nonlocal documents
        for item in read_inputs(inputs):
            if item.ignored is not None:
                continue
            documents += 1
            if item.error is not None or item.text is None:
                fail(item.origin, item.error or "no text")
                continue
            yield (
                item.text,
                {
                    "id": _document_id(item.doc_id),
                    "published": item.published or published,
                    "source": item.source or source,
                    "url": item.url or url,
                    "title": item.title,
                },
            )

    several = len(inputs) > 1 or not _is_single_file(inputs[0])
    output_format = output_format or _default_format()
    if several and output_format == "json":
        output_format = "jsonl"
    results = analyze_many(readable(), scope=scope, errors="return", time_limit=time_limit or None)
    for record in results:
        if isinstance(record, AnalysisError):
            fail(record.doc_id, record.reason)
            continue
        if record.document.language not in SUPPORTED:
            fail(record.document.id, unsupported_reason(record.document.language))
            continue
        if output_format == "table":
            print_table(record)
        elif output_format == "plover":
            from onrecord.events.plover import plover_records

            for event in plover_records(record):
                click.echo(json.dumps(event, ensure_ascii=False))
        elif output_format == "json":
            click.echo(record.to_json(indent=2))
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    if documents == 0:
        raise click.ClickException("no documents found in " + ", ".join(map(printable, inputs)))
    if failures:
        raise click.ClickException(
            f"{failures} of {documents} document(s) could not be read or analyzed"
        )


def _exists(value: str) -> bool:
    from onrecord.store.web import is_url

    return value == "-" or is_url(value) or Path(value).exists()


def _is_single_file(value: str) -> bool:
    """A .txt or .html file: one document (a folder, JSONL, WARC or URL list may hold many)."""
    path = Path(value)
    return value == "-" or (path.is_file() and path.suffix.lower() in (".txt", ".html", ".htm"))


def _document_id(doc_id: str) -> str:
    """The record id: a file's name without its suffix, as `analyze` always named it."""
    for suffix in (".txt", ".html", ".htm"):
        if doc_id.lower().endswith(suffix):
            return doc_id[: -len(suffix)]
    return doc_id


@main.group("eval")
def eval_group() -> None:
    """Measure onrecord against annotated data."""


@eval_group.command("brat")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--pred-out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write onrecord's predictions (reference scorer JSONL format).",
)
@click.option(
    "--pred",
    "pred_in",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Score an existing predictions file instead of running onrecord.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show progress (default: when stderr is a terminal).",
)
@scope_option
@click.option(
    "--speech-only",
    is_flag=True,
    help="Score only speech attributions (speech cues in gold; speech cues or quotations in "
    "the predictions); PolNeAR also annotates beliefs, intentions and topics.",
)
def eval_brat(
    gold_dir: Path,
    pred_out: Path | None,
    pred_in: Path | None,
    as_json: bool,
    limit: int | None,
    progress: bool | None,
    scope: str,
    speech_only: bool,
) -> None:
    """Score attributions against a folder of text/*.txt and attributions/*.ann (PolNeAR)."""
    from onrecord.evaluation import EvalInputError, evaluate_brat, format_table, score_files

    if pred_in is not None and (pred_out is not None or limit is not None):
        raise click.UsageError("--pred cannot be combined with --pred-out or --limit")
    try:
        if pred_in is not None:
            result = score_files(gold_dir, pred_in, speech=speech_only)
        else:
            show = sys.stderr.isatty() if progress is None else progress
            if speech_only and limit is not None:
                raise click.UsageError("--speech-only cannot be combined with --limit")
            with tempfile.TemporaryDirectory() as tmp:
                written = pred_out or Path(tmp) / "predictions.jsonl"
                result = evaluate_brat(
                    gold_dir, pred_out=written, progress=show, limit=limit, scope=scope
                )
                if speech_only:
                    result = score_files(gold_dir, written, speech=True)
    except EvalInputError as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        click.echo(json.dumps(result.report(), indent=1, sort_keys=True))
    else:
        click.echo(format_table(result))


@eval_group.command("plover")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_plover(path: Path, as_json: bool) -> None:
    """Code the PLOVER example sentences (PLOVER_GSR_CAMEO.json) and score the event types."""
    from onrecord.evaluation.plover import evaluate_plover

    try:
        result = evaluate_plover(path)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise click.ClickException(f"{path}: not a PLOVER examples file ({exc})") from exc
    click.echo(json.dumps(result.to_dict(), indent=1) if as_json else result.render())


@eval_group.command("events")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--rounds",
    help="Only these rounds of a CAMEO_ConfliBERT folder, e.g. 8,10 (the dev split).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_events(path: Path, rounds: str | None, as_json: bool) -> None:
    """Score events against coded sentences: a CAMEO_ConfliBERT folder or summary CSV
    (majority of the coders as gold, the coders' own agreement beside) or PLOVER JSON."""
    from onrecord.evaluation.event_run import evaluate_events

    try:
        wanted = {int(r) for r in rounds.split(",")} if rounds else None
    except ValueError as exc:
        raise click.UsageError(f"--rounds: expected numbers like 8,10 ({exc})") from exc
    try:
        report = evaluate_events(path, rounds=wanted)
    except (ValueError, KeyError, TypeError) as exc:
        raise click.ClickException(f"{path}: not coded event data ({exc})") from exc
    click.echo(json.dumps(report.to_dict(), indent=1) if as_json else report.render())


def _register_commands() -> None:
    """Commands that live in their own modules: the corpus store (ingest and queries), the web
    server, and cross-source comparison (compare, stories, eval compare)."""
    from onrecord.cli import compare, serve, store

    store.register(main)
    serve.register(main)
    compare.register(main, eval_group)


_register_commands()
