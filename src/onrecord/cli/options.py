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
