"""`onrecord analyze --output DIR`: shard files, no store (the library does the work)."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click


def analyze_to_dir(
    paths: tuple[Path, ...],
    output: Path,
    shard_format: str,
    dask: str | None,
    published: str | None,
    source: str | None,
    scope: str,
    progress: bool | None,
) -> None:
    from onrecord.cli.store import _Progress
    from onrecord.scale.inputs import expand_globs
    from onrecord.scale.shards import analyze_to_files
    from onrecord.store.readers import total_bytes

    expanded = tuple(expand_globs(paths))
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(total_bytes(expanded)) if show else None

    def on_outcome(origin: str, status: str, reason: str | None, nbytes: int) -> None:
        if status == "failed":
            message = f"failed: {origin}: {reason}"
            if bar is not None:
                bar.log(message)
            else:
                click.echo(message, err=True)
        if bar is not None:
            bar.update(nbytes, status != "ignored")

    try:
        with bar if bar is not None else contextlib.nullcontext():
            summary = analyze_to_files(
                expanded,
                output,
                fmt=shard_format,  # type: ignore[arg-type]
                dask=dask,
                published=published,
                source=source,
                scope=scope,
                on_outcome=on_outcome,
            )
    except OSError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"wrote {summary.written}, kept {summary.kept} from an earlier run, "
        f"failed {summary.failed}, ignored {summary.ignored} ({summary.total} inputs) "
        f"in {summary.shards} shard(s) under {output}"
    )
    if summary.failed:
        sys.exit(1)
