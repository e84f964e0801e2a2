"""Writing query results: table, json, jsonl, csv, parquet.

``table`` is plain aligned text (the table columns only, long cells cut with "…"), stable for
scripts and tests; ``json`` is one array, ``jsonl`` one object a line, ``csv`` every column
(span lists as JSON, name lists joined with "; "), ``parquet`` every column with typed lists.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from onrecord.store.queries import Column, Result

FORMATS = ("table", "json", "jsonl", "csv")


def _flat(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.type == "spans":
        return json.dumps(value, ensure_ascii=False)
    if column.type == "strs":
        return "; ".join(value)
    if column.type == "bool":
        return "true" if value else "false"
    return str(value)


def _cut(text: str, width: int | None) -> str:
    text = " ".join(text.split())
    if width is not None and len(text) > width:
        return text[: width - 1] + "…"
    return text


def write_table(result: Result, out: IO[str]) -> None:
    columns = {c.name: c for c in result.columns}
    shown = [columns[name] for name in result.table_columns]
    cells = [[_cut(_flat(row.get(c.name), c), c.width) for c in shown] for row in result.rows]
    widths = [max([len(c.name), *(len(line[i]) for line in cells)]) for i, c in enumerate(shown)]

    right = [c.type == "int" for c in shown]

    def line(values: Iterable[str]) -> str:
        padded = (
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)
        )
        return "  ".join(padded).rstrip() + "\n"

    out.write(line(c.name for c in shown))
    out.write(line("-" * w for w in widths))
    for row in cells:
        out.write(line(row))


def write_json(result: Result, out: IO[str]) -> None:
    out.write(json.dumps(result.rows, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(result: Result, out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.name for c in result.columns])
    for row in result.rows:
        writer.writerow([_flat(row.get(c.name), c) for c in result.columns])


def write(result: Result, fmt: str, out: IO[str]) -> None:
    """Write ``result`` to a text stream in one of :data:`FORMATS`."""
    if fmt == "table":
        write_table(result, out)
    elif fmt == "json":
        write_json(result, out)
    elif fmt == "jsonl":
        write_jsonl(result.rows, out)
    elif fmt == "csv":
        write_csv(result, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def _arrow_type(column: Column) -> Any:
    import pyarrow as pa

    return {
        "int": pa.int64(),
        "str": pa.string(),
        "bool": pa.bool_(),
        "strs": pa.list_(pa.string()),
        "spans": pa.list_(
            pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
        ),
    }[column.type]


def write_parquet(result: Result, path: str | Path) -> None:
    """Write ``result`` to a Parquet file (needs pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c.name, _arrow_type(c)) for c in result.columns])
    table = pa.Table.from_pylist(
        [{c.name: row.get(c.name) for c in result.columns} for row in result.rows], schema=schema
    )
    pq.write_table(table, str(path))
