"""The onrecord command line: `onrecord analyze`, `onrecord eval ...`, store commands."""

from __future__ import annotations

import click


@click.group()
@click.version_option(package_name="onrecord")
def main() -> None:
    """onrecord turns news into an auditable record of who said what, and what happened."""


__import__("onrecord.commands.store", fromlist=["register"]).register(main)
