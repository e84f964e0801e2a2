"""The command line: it parses options, calls the library, and prints; nothing more."""

from onrecord.cli.commands import main

__all__ = ["main"]
