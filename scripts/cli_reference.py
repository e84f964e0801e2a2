"""Write docs/cli.md from the real ``--help`` of every onrecord command (``--check``: only
compare, exit 1 when the file is out of date; the test suite runs that)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import click

from onrecord.cli import main as cli

TARGET = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
WIDTH = 100

HEADER = """# Command line reference

Generated from the commands' own `--help` by `scripts/cli_reference.py`; do not edit by hand
(`make cli-docs` rewrites it, and a test fails when it is out of date).
"""


def _commands(
    command: click.Command, ctx: click.Context
) -> list[tuple[str, click.Command, click.Context]]:
    found = [(ctx.command_path, command, ctx)]
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            child = click.Context(sub, info_name=name, parent=ctx, terminal_width=WIDTH)
            found.extend(_commands(sub, child))
    return found


def render() -> str:
    root = click.Context(cli, info_name="onrecord", terminal_width=WIDTH, max_content_width=WIDTH)
    parts = [HEADER]
    for path, command, ctx in _commands(cli, root):
        parts.append(f"## `{path}`\n\n```text\n{command.get_help(ctx)}\n```\n")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare only; do not write")
    args = parser.parse_args()
    text = render()
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date: run python scripts/cli_reference.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
