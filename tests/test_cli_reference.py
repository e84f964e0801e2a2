"""docs/cli.md is the real --help of every command (regenerate: python scripts/cli_reference.py)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_cli_reference_is_up_to_date():
    script = ROOT / "scripts" / "cli_reference.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_cli_reference_covers_every_command():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## `onrecord`",
        "## `onrecord analyze`",
        "## `onrecord compare`",
        "## `onrecord eval`",
        "## `onrecord eval brat`",
        "## `onrecord eval compare`",
        "## `onrecord eval events`",
        "## `onrecord eval plover`",
        "## `onrecord export`",
        "## `onrecord failures`",
        "## `onrecord ingest`",
        "## `onrecord search`",
        "## `onrecord serve`",
        "## `onrecord speakers`",
        "## `onrecord statements`",
        "## `onrecord stories`",
        "## `onrecord timeline`",
    ]
