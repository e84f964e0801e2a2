"""The ingest benchmark runs (on two fixture articles, one worker)."""

from __future__ import annotations

import subprocess
import sys

from store_helpers import GOOD, ROOT


def test_benchmark_runs() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "ingest.py"),
            "-n",
            "2",
            "--workers",
            "1",
            "--data",
            str(GOOD),
            "--repeat",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split()[:5] == ["workers", "stored", "failed", "seconds", "articles/s"]
    assert lines[1].split()[:3] == ["1", "2", "0"]
