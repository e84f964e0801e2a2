"""Options shared by several commands, defined once so they read and behave the same."""

from __future__ import annotations

import click

# The same names as onrecord.attribution.cue_model.SCOPES (a test checks it); not imported
# from there so that `onrecord --help` does not load spaCy.
SCOPES = ("speech", "all")

scope_option = click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="speech",
    show_default=True,
    help="speech: what was said, believed or intended; all: also topic accounts "
    "('the leaders discussed the crisis'), as PolNeAR annotates them.",
)

# Seconds; the same default as onrecord.pipeline.budget.DEFAULT_TIME_LIMIT (a test checks it),
# not imported from there so that `onrecord --help` does not load spaCy.
DEFAULT_TIME_LIMIT = 300.0

time_limit_option = click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds of analysis per document; a slower document fails with that reason "
    "instead of holding up the rest (0: no limit).",
)


def _check_dask(_ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from onrecord.scale.cluster import DaskSpecError, parse_spec

    try:
        parse_spec(value)
    except DaskSpecError as exc:
        raise click.BadParameter(str(exc), param=param) from exc
    return value


dask_option = click.option(
    "--dask",
    metavar="ADDRESS|local:N",
    callback=_check_dask,
    help="Run the analysis on a Dask cluster: a scheduler address (tcp://host:8786), or "
    "local:N for N worker processes on this machine.",
)
