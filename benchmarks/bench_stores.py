"""Stores for the Dask benchmarks: a fresh SQLite file or a fresh PostgreSQL database per run."""

from __future__ import annotations

from pathlib import Path


def fresh_store(folder: Path, prefix: str, number: int, admin_url: str | None = None) -> str:
    """The URL of an empty store for run ``number``: a new database named after ``prefix``
    on the PostgreSQL server of ``admin_url``, else a SQLite file in ``folder``."""
    if not admin_url:
        return f"sqlite:///{folder}/store-{number}.db"
    import time

    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(admin_url)
    name = f"{prefix}_{number}_{int(time.time())}"
    info = {"host": admin.host, "port": admin.port, "user": admin.username, "dbname": "postgres"}
    with psycopg.connect(**info, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.set(database=name).render_as_string(hide_password=False)
