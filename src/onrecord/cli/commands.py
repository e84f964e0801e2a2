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

from onrecord.cli.options import scope_option
from onrecord.text.input import InputError, read_text_file

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
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="table on a terminal, json otherwise; jsonl writes one record per line; plover "
    "writes one PLOVER-style event record per line.",
)
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD).")
@click.option("--source", help="Publisher name, e.g. 'RT' or 'Reuters'.")
@click.option("--url", help="Where the article was published.")
@scope_option
def analyze(
    path: Path,
    output_format: str | None,
    published: str | None,
    source: str | None,
    url: str | None,
    scope: str,
) -> None:
    """Analyze an article (a .txt file), or every .txt file in a folder, in sorted order."""
    from onrecord.cli.render import print_table
    from onrecord.pipeline import AnalysisError, analyze_many

    output_format = output_format or _default_format()
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise click.ClickException(f"{path} holds no .txt files")
    if path.is_dir() and output_format == "json":
        output_format = "jsonl"
    failures = 0

    def readable() -> Iterator[tuple[str, dict[str, str | None]]]:
        nonlocal failures
        for file in files:
            try:
                text = read_text_file(file)
            except InputError as exc:
                click.echo(f"onrecord: {exc}", err=True)
                failures += 1
                continue
            yield text, {"id": file.stem, "published": published, "source": source, "url": url}

    for record in analyze_many(readable(), scope=scope, errors="return"):
        if isinstance(record, AnalysisError):
            click.echo(f"onrecord: {record}", err=True)
            failures += 1
        elif output_format == "table":
            print_table(record)
        elif output_format == "plover":
            from onrecord.events.plover import plover_records

            for event in plover_records(record):
                click.echo(json.dumps(event, ensure_ascii=False))
        elif output_format == "json":
            click.echo(record.to_json(indent=2))
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    if failures:
        raise click.ClickException(
            f"{failures} of {len(files)} file(s) could not be read or analyzed"
        )


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


def _register_commands() -> None:
    """Commands that live in their own modules: the corpus store (ingest and queries)."""
    from onrecord.cli import store

    store.register(main)


_register_commands()
