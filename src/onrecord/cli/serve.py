"""`onrecord serve`: the REST API and the web pages on a store, with uvicorn."""

from __future__ import annotations

import click

from onrecord.cli.options import time_limit_option
from onrecord.cli.store import DB_HELP


@click.command("serve")
@click.option("--db", envvar="ONRECORD_DB", default="onrecord.db", show_default=True, help=DB_HELP)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 makes the store readable from other machines.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on.",
)
@click.option(
    "--log-level",
    type=click.Choice(("critical", "error", "warning", "info", "debug")),
    default="info",
    show_default=True,
)
@time_limit_option
def serve_command(db: str, host: str, port: int, log_level: str, time_limit: float) -> None:
    """Serve the store read-only: web pages at http://HOST:PORT/, the REST API under /api,
    its OpenAPI reference at /docs. Everything is served from the package (works offline)."""
    import uvicorn

    from onrecord.store import StoreError
    from onrecord.web import create_app, open_read_only

    try:
        store = open_read_only(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    app = create_app(store, time_limit=time_limit or None)
    click.echo(f"onrecord: serving {db} at http://{host}:{port}/ (Ctrl-C stops)", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False)
    finally:
        store.close()


def register(group: click.Group) -> None:
    group.add_command(serve_command)
