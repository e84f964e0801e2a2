"""Store test fixtures: a PostgreSQL server for the session and a fresh store per test.

Test modules load these with ``pytest_plugins = ("store_fixtures",)`` (no conftest.py, so the
store tests stay self-contained).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

START_POSTGRES = Path(__file__).resolve().parents[1] / "scripts" / "start-postgres.sh"


# PostgreSQL ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server for the whole session, started by scripts/start-postgres.sh in a
    temporary folder (as the `postgres` user when the tests run as root); the URL of its
    `onrecord` database. ONRECORD_TEST_PG_URL uses an existing server instead."""
    external = os.environ.get("ONRECORD_TEST_PG_URL")
    if external:
        yield external
        return
    folder = tempfile.mkdtemp(prefix="onrecord-pg-")
    started = subprocess.run(
        ["bash", str(START_POSTGRES), folder],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    if started.returncode == 3:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"PostgreSQL tests skipped: {started.stderr.strip()}")
    if started.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.fail(f"could not start PostgreSQL:\n{started.stderr}", pytrace=False)
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run(
            ["bash", str(START_POSTGRES), "--stop", folder],
            capture_output=True,
            timeout=120,
            check=False,
        )
        shutil.rmtree(folder, ignore_errors=True)


_database_numbers = itertools.count(1)


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A fresh, empty database on the session's server, dropped after the test."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(pg_server)
    name = f"onrecord_test_{os.getpid()}_{next(_database_numbers)}"
    conninfo = dict(host=admin.host, port=admin.port, user=admin.username, dbname="postgres")
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL for an empty store, on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")
