"""Inputs read where they are: HTML and WARC files are parsed and extracted on the workers.

HTML extraction (trafilatura) and WARC record parsing are CPU work per page that one client
cannot do for a whole cluster. So the client only walks the inputs
(:func:`~onrecord.store.readers.discover`) and hands each WARC file, and each run of up to
:data:`HTML_FILES_PER_TASK` HTML files, to a worker, which reads it with the very reader one
process uses (:func:`~onrecord.store.readers.read_file`) and returns its items: texts and
metadata, not markup. Text, JSONL, standard input and URLs are read on the client, lazily, as
without Dask (they cost nothing to extract). Items come out in exactly
:func:`~onrecord.store.readers.read_inputs`' order, with the same origins, ids, sizes, errors
and skips, so the store is the one one process builds.

At most :data:`UNITS_AHEAD` inputs are read ahead, so memory stays bounded by the window,
except that one WARC file's extracted texts come back together (one task per WARC file: a
gzipped WARC is read from its start). On a cluster the paths must be on a filesystem every worker
sees, under the same names (the client sends absolute paths).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.scale.cluster import windowed
from onrecord.store import web
from onrecord.store.readers import Item, discover, kind_of, path_text, read_file, read_inputs

if TYPE_CHECKING:
    from distributed import Client

#: HTML files per extraction task, so that a task's work is well above its round trip (~30 ms,
#: docs/benchmarks.md) and the files' markup is at most a few MiB.
HTML_FILES_PER_TASK = 32
#: Inputs (local readers and extraction tasks) read ahead of the analysis.
UNITS_AHEAD = 8

#: One file for a worker to read: (absolute path, origin as one process names it, explicit).
FileJob = tuple[str, str, bool]


def extract_files(files: list[FileJob]) -> list[Item]:
    """The items of ``files``, read and extracted here (the task a worker runs)."""
    items: list[Item] = []
    for path, origin, explicit in files:
        items.extend(read_file(Path(path), origin, explicit))
    return items


def _units(paths: Iterable[str | Path]) -> Iterator[Iterator[Item] | list[FileJob]]:
    """The inputs in read_inputs' order: a lazy local reader, or files for a worker."""
    html: list[FileJob] = []
    for raw in paths:
        if isinstance(raw, str) and (raw == "-" or web.is_url(raw)):
            if html:
                yield html
                html = []
            yield read_inputs([raw])
            continue
        for path, explicit in discover([raw]):
            kind = kind_of(path) if path.is_file() else None
            job = (str(path.absolute()), path_text(path.absolute()), explicit)
            if kind == "html":
                html.append(job)
                if len(html) >= HTML_FILES_PER_TASK:
                    yield html
                    html = []
                continue
            if html:
                yield html
                html = []
            yield [job] if kind == "warc" else read_file(path, job[1], explicit)
    if html:
        yield html


def read_on_workers(client: Client, paths: Iterable[str | Path]) -> Iterator[Item]:
    """:func:`~onrecord.store.readers.read_inputs` of ``paths``, HTML and WARC files read on
    the workers of ``client`` (see the module's docstring)."""

    def start(unit: Iterator[Item] | list[FileJob]) -> Any:
        if isinstance(unit, list):
            return client.submit(extract_files, unit, pure=False)
        return unit  # read here, lazily, when its turn comes

    for unit, source in windowed(_units(paths), start, UNITS_AHEAD):
        if not isinstance(unit, list):
            yield from source
            continue
        try:
            items = source.result()
        except Exception as exc:  # the task's own error, or KilledWorker
            reason = f"could not be read on the cluster: {type(exc).__name__}: {exc}"
            items = [Item(origin, Path(path).name, error=reason) for path, origin, _ in unit]
        finally:
            source.release()
        yield from items
