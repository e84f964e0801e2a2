"""The onrecord command line. Each command parses options, calls the library, prints.

Library errors become ``click.ClickException`` here and nowhere else, so the Python API and the
CLI never diverge.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from onrecord.io import InputError, read_text_file
from onrecord.model import Record

FORMATS = ("table", "json", "jsonl")


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
    help="table on a terminal, json otherwise; jsonl writes one record per line.",
)
@click.option("--published", callback=_iso_date, help="Publication date (YYYY-MM-DD).")
@click.option("--source", help="Publisher name, e.g. 'RT' or 'Reuters'.")
@click.option("--url", help="Where the article was published.")
def analyze(
    path: Path,
    output_format: str | None,
    published: str | None,
    source: str | None,
    url: str | None,
) -> None:
    """Analyze an article (a .txt file), or every .txt file in a folder, in sorted order."""
    from onrecord.pipeline import analyze as analyze_text
    from onrecord.render import print_table

    output_format = output_format or _default_format()
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if path.is_dir() and not files:
        raise click.ClickException(f"{path} holds no .txt files")
    if path.is_dir() and output_format == "json":
        output_format = "jsonl"
    failures = 0
    for file in files:
        try:
            text = read_text_file(file)
        except InputError as exc:
            click.echo(f"onrecord: {exc}", err=True)
            failures += 1
            continue
        record: Record = analyze_text(
            text, published=published, source=source, url=url, doc_id=file.stem
        )
        if output_format == "table":
            print_table(record)
        elif output_format == "json":
            click.echo(record.to_json(indent=2))
        else:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} file(s) could not be read")
